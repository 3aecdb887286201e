// Blur as the call's video processor: a browser that cannot blur, a worker that fails and a device too
// slow each turn it off once, with the reason the person is told; the bench can read every timing report.
// createBlur is a stand-in here (the real one needs a browser: test/browser/consultation.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

interface StandIn {
  fail: boolean;
  options: { onTiming?(ms: number, frames: number): void; onFailed?(reason: string): void } | undefined;
  stopped: number;
}
const blur: StandIn = { fail: false, options: undefined, stopped: 0 };

vi.mock("../../client/src/call/blur/index.ts", () => ({
  async createBlur(_camera: MediaStreamTrack, options: StandIn["options"]) {
    if (blur.fail) throw new Error("no insertable streams, no canvas capture");
    blur.options = options;
    return { track: { kind: "video" }, stop: () => blur.stopped++ };
  },
}));

// Its words register with the page's dictionaries, which need a browser's storage.
vi.mock("../../client/src/call/blur/i18n-blur.ts", () => ({}));

const { blurProcessor, TIMING_EVENT } = await import("../../client/src/call/blur/processor.ts");
const camera = { kind: "video" } as MediaStreamTrack;

/** The problems `off` was told, in order. */
function processor() {
  const told: string[] = [];
  return { run: blurProcessor((problem) => told.push(problem)), told };
}

/** `seconds` of the worker's once-a-second reports. */
function report(msPerFrame: number, seconds: number) {
  for (let i = 0; i < seconds; i++) {
    vi.advanceTimersByTime(1000);
    blur.options?.onTiming?.(msPerFrame, 25);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  blur.fail = false;
  blur.options = undefined;
  blur.stopped = 0;
  vi.stubGlobal("document", { hidden: false });
  vi.stubGlobal("window", new EventTarget());
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("blur as a video processor", () => {
  it("says blur is unavailable when this browser cannot run it, and gives no track", async () => {
    blur.fail = true;
    const { run, told } = processor();
    await expect(run(camera)).rejects.toThrow();
    expect(told).toEqual(["blurUnavailable"]);
  });

  it("says blur is unavailable when its worker fails after it started", async () => {
    const { run, told } = processor();
    await run(camera);
    blur.options?.onFailed?.("a frame could not be drawn");
    expect(told).toEqual(["blurUnavailable"]);
  });

  it("says the device is too slow after 3 s over budget, once, and keeps quiet while it keeps up", async () => {
    const { run, told } = processor();
    await run(camera);
    report(20, 5);
    expect(told).toEqual([]);
    report(90, 3);
    expect(told).toEqual(["blurTooSlow"]);
    report(90, 5);
    expect(told).toEqual(["blurTooSlow"]);
  });

  it("stops watching with the blurred track, so a stopped blur is never called too slow", async () => {
    const { run, told } = processor();
    const video = await run(camera);
    video.stop();
    expect(blur.stopped).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(told).toEqual([]);
  });

  it("hands each timing report to the page as an event, for the bench", async () => {
    const seen: unknown[] = [];
    window.addEventListener(TIMING_EVENT, (event) => seen.push((event as CustomEvent).detail));
    const { run } = processor();
    await run(camera);
    report(12.5, 2);
    expect(seen).toEqual([
      { msPerFrame: 12.5, frames: 25 },
      { msPerFrame: 12.5, frames: 25 },
    ]);
  });
});
