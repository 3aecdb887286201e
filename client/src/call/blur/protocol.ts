// Messages between the call page and the blur worker (both our own code: types, no validation).

/** Chromium's insertable streams: the camera's frames in, the blurred frames out, both moved to the worker. */
export interface StreamsMessage {
  type: "streams";
  readable: ReadableStream<VideoFrame>;
  writable: WritableStream<VideoFrame>;
}
/** Elsewhere (Firefox): one camera frame at a time, as a bitmap; the worker answers with a FrameMessage. */
export interface FrameMessage {
  type: "frame";
  bitmap: ImageBitmap;
}
export type PageToWorker = StreamsMessage | FrameMessage;

export type WorkerToPage =
  /** Runtime and model loaded: frames can come. */
  | { type: "ready" }
  /** It cannot run here (the runtime or model did not load, or a frame failed): the page falls back to the camera. */
  | { type: "failed"; reason: string }
  /** Mean time spent per frame over the last second, for the page to notice a device too slow for blur. */
  | { type: "timing"; msPerFrame: number; frames: number }
  /** The blurred picture of the frame last sent (canvas pipeline). */
  | FrameMessage;
