// Which way a browser blurs the camera is found by feature detection: Chromium's insertable streams, a
// canvas pipeline elsewhere (Firefox), and "unavailable" where blur cannot run (the toggle says so).
import { describe, expect, it } from "vitest";
import { type BlurScope, blurPipeline } from "../../client/src/call/blur/support.ts";

class WithCanvasCapture {
  captureStream() {}
}
class WithFrameCallbacks {
  requestVideoFrameCallback() {}
}
const fn = () => {};
const base: BlurScope = { Worker: fn, OffscreenCanvas: fn, WebAssembly: {}, VideoFrame: fn };
const chromium: BlurScope = { ...base, MediaStreamTrackProcessor: fn, MediaStreamTrackGenerator: fn };
const firefox: BlurScope = { ...base, HTMLCanvasElement: WithCanvasCapture, HTMLVideoElement: WithFrameCallbacks };

describe("blur pipeline detection", () => {
  it("uses insertable streams where the page has a track processor and generator (Chromium)", () => {
    expect(blurPipeline({ ...chromium, HTMLCanvasElement: WithCanvasCapture })).toBe("insertable-streams");
  });

  it("falls back to the canvas pipeline without them (Firefox)", () => {
    expect(blurPipeline(firefox)).toBe("canvas");
  });

  it("is unavailable without workers, OffscreenCanvas or wasm, whatever else there is", () => {
    expect(blurPipeline({ ...chromium, Worker: undefined })).toBe("unavailable");
    expect(blurPipeline({ ...firefox, OffscreenCanvas: undefined })).toBe("unavailable");
    expect(blurPipeline({ ...chromium, WebAssembly: undefined })).toBe("unavailable");
  });

  it("is unavailable when a canvas cannot be captured or video frames followed", () => {
    expect(blurPipeline({ ...firefox, HTMLCanvasElement: class {} })).toBe("unavailable");
    expect(blurPipeline({ ...firefox, HTMLVideoElement: class {} })).toBe("unavailable");
  });
});
