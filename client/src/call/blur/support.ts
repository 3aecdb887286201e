// Which way this browser can blur the camera, found by feature detection alone (no user-agent checks).

export type BlurPipeline =
  /** Chromium: MediaStreamTrackProcessor and MediaStreamTrackGenerator on the page, frames to a worker. */
  | "insertable-streams"
  /** Elsewhere (Firefox): video frames drawn to canvases, the result captured as a track (B3). */
  | "canvas"
  | "unavailable";

/** The globals the choice depends on; a window, or a stand-in in tests. */
export type BlurScope = Partial<
  Record<
    | "Worker"
    | "OffscreenCanvas"
    | "WebAssembly"
    | "VideoFrame"
    | "MediaStreamTrackProcessor"
    | "MediaStreamTrackGenerator"
    | "HTMLCanvasElement"
    | "HTMLVideoElement",
    unknown
  >
>;

const has = (scope: BlurScope, name: keyof BlurScope) =>
  typeof scope[name] === "function" || typeof scope[name] === "object";

function prototypeHas(type: unknown, method: string): boolean {
  const prototype = (type as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  return typeof prototype?.[method] === "function";
}

export function blurPipeline(scope: BlurScope): BlurPipeline {
  // The segmentation runs in a worker with wasm and draws on OffscreenCanvas in every pipeline.
  if (!has(scope, "Worker") || !has(scope, "OffscreenCanvas") || !has(scope, "WebAssembly")) return "unavailable";
  if (has(scope, "MediaStreamTrackProcessor") && has(scope, "MediaStreamTrackGenerator") && has(scope, "VideoFrame")) {
    return "insertable-streams";
  }
  const canCapture = prototypeHas(scope.HTMLCanvasElement, "captureStream");
  const canFollowFrames = prototypeHas(scope.HTMLVideoElement, "requestVideoFrameCallback");
  return canCapture && canFollowFrames ? "canvas" : "unavailable";
}
