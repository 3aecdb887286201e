// Background blur on this device: createBlur(camera track) gives a track with the background blurred,
// for the self-view and every peer. Loaded with import() only when someone turns blur on, so neither its
// code nor its runtime is part of anyone's first load.
import type { PageToWorker, WorkerToPage } from "./protocol.ts";
import { blurPipeline } from "./support.ts";

export interface Blur {
  /** The blurred camera: send and show this one. The camera track itself stays the caller's. */
  readonly track: MediaStreamTrack;
  /** Stops the worker and the blurred track; the camera keeps running. */
  stop(): void;
}

export interface BlurOptions {
  /** Mean ms per frame, about once a second: the caller decides when the device is too slow. */
  onTiming?(msPerFrame: number): void;
  /** The worker failed after it started (a frame it could not draw): the caller goes back to the camera. */
  onFailed?(reason: string): void;
}

/** Blur cannot run in this browser, or its runtime did not load. */
export class BlurUnavailable extends Error {}

// Chromium's insertable streams, not yet in TypeScript's DOM library.
interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
interface TrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<VideoFrame>;
}
interface InsertableStreams {
  MediaStreamTrackProcessor: new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor;
  MediaStreamTrackGenerator: new (init: { kind: "video" }) => TrackGenerator;
}

function startWorker(): Promise<Worker> {
  // A classic worker built into /blur/ (vite.config.ts): importScripts loads the runtime beside it.
  const worker = new Worker(new URL("./worker/blur-worker.ts", import.meta.url), { name: "blur" });
  return new Promise((resolve, reject) => {
    const settle = (event: MessageEvent<WorkerToPage>) => {
      if (event.data.type === "timing") return;
      worker.removeEventListener("message", settle);
      if (event.data.type === "ready") return resolve(worker);
      worker.terminate();
      reject(new BlurUnavailable(event.data.reason));
    };
    worker.addEventListener("message", settle);
    worker.addEventListener("error", () => {
      worker.terminate();
      reject(new BlurUnavailable("blur worker did not start"));
    });
  });
}

export async function createBlur(camera: MediaStreamTrack, options: BlurOptions = {}): Promise<Blur> {
  if (blurPipeline(globalThis) !== "insertable-streams") throw new BlurUnavailable("no insertable streams");
  const worker = await startWorker();
  const streams = globalThis as unknown as InsertableStreams;
  // One frame buffered: when the worker falls behind, older frames are dropped, never queued up.
  const processor = new streams.MediaStreamTrackProcessor({ track: camera, maxBufferSize: 1 });
  const generator = new streams.MediaStreamTrackGenerator({ kind: "video" });
  worker.addEventListener("message", (event: MessageEvent<WorkerToPage>) => {
    if (event.data.type === "timing") options.onTiming?.(event.data.msPerFrame);
    if (event.data.type === "failed") options.onFailed?.(event.data.reason);
  });
  const message: PageToWorker = { type: "streams", readable: processor.readable, writable: generator.writable };
  worker.postMessage(message, [processor.readable, generator.writable]);
  return {
    track: generator,
    stop() {
      worker.terminate();
      generator.stop();
    },
  };
}
