// The blur worker: loads the segmentation runtime, then blurs every frame it is given. It is served from
// /blur/ (vite.config.ts `worker`), whose CSP alone allows wasm; the pages' own CSP stays without it.
import type { PageToWorker, StreamsMessage, WorkerToPage } from "../protocol.ts";
import { type Compositor, createCompositor } from "./compositor.ts";
import { loadSegmenter } from "./segmenter.ts";

interface WorkerScope {
  postMessage(message: WorkerToPage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<PageToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const TIMING_EVERY_MS = 1000;

function timing() {
  let spent = 0;
  let frames = 0;
  let since = performance.now();
  return (ms: number) => {
    spent += ms;
    frames++;
    const now = performance.now();
    if (now - since < TIMING_EVERY_MS) return;
    scope.postMessage({ type: "timing", msPerFrame: spent / frames, frames });
    spent = 0;
    frames = 0;
    since = now;
  };
}

/** Each camera frame in, its blurred picture out with the same timestamp (insertable streams). */
function blurFrames(compositor: Compositor, message: StreamsMessage): Promise<void> {
  const transform = new TransformStream<VideoFrame, VideoFrame>({
    transform(frame, controller) {
      const started = performance.now();
      try {
        const picture = compositor.draw(frame, frame.displayWidth, frame.displayHeight);
        const timestamp = frame.timestamp;
        const duration = frame.duration ?? undefined;
        controller.enqueue(new VideoFrame(picture, { timestamp, ...(duration ? { duration } : {}) }));
      } finally {
        frame.close();
      }
      record(performance.now() - started);
    },
  });
  return message.readable.pipeThrough(transform).pipeTo(message.writable);
}

/** One bitmap in, its blurred picture back as a bitmap (the canvas pipeline). */
function blurBitmap(compositor: Compositor, bitmap: ImageBitmap): void {
  const started = performance.now();
  try {
    const picture = compositor.draw(bitmap, bitmap.width, bitmap.height).transferToImageBitmap();
    scope.postMessage({ type: "frame", bitmap: picture }, [picture]);
  } finally {
    bitmap.close();
  }
  record(performance.now() - started);
}

const record = timing();
const loaded: Promise<Compositor> = loadSegmenter().then(createCompositor);
loaded.then(
  () => scope.postMessage({ type: "ready" }),
  (error: unknown) => scope.postMessage({ type: "failed", reason: String(error) }),
);

scope.onmessage = (event) => {
  const message = event.data;
  loaded
    .then((compositor) =>
      message.type === "frame" ? blurBitmap(compositor, message.bitmap) : blurFrames(compositor, message),
    )
    .catch((error: unknown) => scope.postMessage({ type: "failed", reason: String(error) }));
};
