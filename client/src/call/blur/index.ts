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
  /** Mean ms per frame and frames blurred, about once a second: the caller decides when the device is too slow. */
  onTiming?(msPerFrame: number, frames: number): void;
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
      const message = event.data;
      if (message.type === "timing" || message.type === "frame") return;
      worker.removeEventListener("message", settle);
      if (message.type === "ready") return resolve(worker);
      worker.terminate();
      reject(new BlurUnavailable(message.reason));
    };
    worker.addEventListener("message", settle);
    worker.addEventListener("error", () => {
      worker.terminate();
      reject(new BlurUnavailable("blur worker did not start"));
    });
  });
}

export async function createBlur(camera: MediaStreamTrack, options: BlurOptions = {}): Promise<Blur> {
  const pipeline = blurPipeline(globalThis);
  if (pipeline === "unavailable") throw new BlurUnavailable("this browser cannot blur");
  const worker = await startWorker();
  worker.addEventListener("message", (event: MessageEvent<WorkerToPage>) => {
    if (event.data.type === "timing") options.onTiming?.(event.data.msPerFrame, event.data.frames);
    if (event.data.type === "failed") options.onFailed?.(event.data.reason);
  });
  try {
    return pipeline === "insertable-streams" ? insertableStreams(camera, worker) : await canvasPipeline(camera, worker);
  } catch (error) {
    worker.terminate();
    throw new BlurUnavailable(String(error));
  }
}

/** Chromium: the camera's frames stream to the worker and back as a track, off the page's thread. */
function insertableStreams(camera: MediaStreamTrack, worker: Worker): Blur {
  const streams = globalThis as unknown as InsertableStreams;
  // One frame buffered: when the worker falls behind, older frames are dropped, never queued up.
  const processor = new streams.MediaStreamTrackProcessor({ track: camera, maxBufferSize: 1 });
  const generator = new streams.MediaStreamTrackGenerator({ kind: "video" });
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

/**
 * Firefox: each new camera frame (requestVideoFrameCallback on a video element playing the camera) goes
 * to the worker as a bitmap, the blurred bitmap comes back and is drawn on a canvas whose captured
 * stream is the track. One frame in flight at a time: a slow worker drops frames instead of queueing them.
 */
async function canvasPipeline(camera: MediaStreamTrack, worker: Worker): Promise<Blur> {
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  // In the document, or some browsers stop giving it frames; out of sight and out of the way.
  Object.assign(video.style, { position: "fixed", width: "1px", height: "1px", opacity: "0", pointerEvents: "none" });
  video.setAttribute("aria-hidden", "true");
  document.body.append(video);
  video.srcObject = new MediaStream([camera]);
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  let stopped = false;
  let inFlight = false;
  let captured: MediaStream | undefined;
  const stop = () => {
    stopped = true;
    worker.terminate();
    video.srcObject = null;
    video.remove();
    for (const track of captured?.getTracks() ?? []) track.stop();
  };
  try {
    if (!context) throw new Error("no 2D canvas");
    await video.play();
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    captured = canvas.captureStream();
  } catch (error) {
    stop();
    throw error;
  }
  const track = captured.getVideoTracks()[0];
  if (!track) {
    stop();
    throw new Error("canvas gives no track");
  }
  worker.addEventListener("message", (event: MessageEvent<WorkerToPage>) => {
    if (event.data.type !== "frame") return;
    inFlight = false;
    const { bitmap } = event.data;
    if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
    }
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
  });
  const next = () => {
    if (stopped) return;
    video.requestVideoFrameCallback(() => {
      next();
      if (inFlight || stopped || video.videoWidth === 0) return;
      inFlight = true;
      createImageBitmap(video).then(
        (bitmap) => {
          const message: PageToWorker = { type: "frame", bitmap };
          if (stopped) bitmap.close();
          else worker.postMessage(message, [bitmap]);
        },
        () => {
          inFlight = false;
        },
      );
    });
  };
  next();
  return { track, stop };
}
