import { afterEach, describe, expect, it, vi } from "vitest";
import { browserFamily } from "../../client/src/patient/device-check/browser.ts";
import { levelFromSamples, MicLevelMeter, type SampleSource } from "../../client/src/patient/device-check/mic-level.ts";
import { deviceVerdict } from "../../client/src/patient/device-check/verdict.ts";
import type { MediaResult } from "../../client/src/shared/media.ts";

/** A tone of the given peak amplitude: RMS is the peak over √2. */
const sine = (peak: number, length = 1024) =>
  Float32Array.from({ length }, (_, i) => peak * Math.sin((2 * Math.PI * i) / 32));

/** A microphone that plays what the test tells it to, next time it is read. */
class FakeMicrophone implements SampleSource {
  readonly size = 1024;
  next = new Float32Array(1024);
  closed = false;
  read(into: Float32Array): void {
    into.set(this.next);
  }
  close(): void {
    this.closed = true;
  }
}

const stream = (kinds: string[]) =>
  ({ getVideoTracks: () => kinds.filter((kind) => kind === "video") }) as unknown as MediaStream;

describe("the microphone level", () => {
  afterEach(() => vi.useRealTimers());

  it("reads silence as 0 and a full-scale square wave as 1", () => {
    expect(levelFromSamples(new Float32Array(1024))).toBe(0);
    expect(levelFromSamples(new Float32Array(1024).fill(1))).toBe(1);
  });

  it("is linear in decibels between -60 dBFS and full scale, so quiet speech still moves the bar", () => {
    // -30 dBFS RMS: halfway up the bar.
    expect(levelFromSamples(sine(Math.SQRT2 * 10 ** (-30 / 20)))).toBeCloseTo(0.5, 2);
    // The room's hum (-70 dBFS) stays at the bottom.
    expect(levelFromSamples(sine(Math.SQRT2 * 10 ** (-70 / 20)))).toBe(0);
  });

  it("reports the level live as the microphone gets louder and quieter, and lets go of it when stopped", () => {
    vi.useFakeTimers();
    const microphone = new FakeMicrophone();
    const levels: number[] = [];
    const meter = new MicLevelMeter(microphone, (level) => levels.push(level), 100);
    vi.advanceTimersByTime(100);
    microphone.next = sine(0.5);
    vi.advanceTimersByTime(100);
    microphone.next = new Float32Array(1024);
    vi.advanceTimersByTime(100);
    // A tone peaking at half scale is -9 dBFS RMS.
    expect(levels).toEqual([0, 0.85, 0]);
    meter.stop();
    vi.advanceTimersByTime(1000);
    expect(levels).toHaveLength(3);
    expect(microphone.closed).toBe(true);
  });
});

describe("the device check's verdict", () => {
  it("is ok with camera and microphone", () => {
    expect(deviceVerdict({ ok: true, stream: stream(["video", "audio"]) }, false)).toEqual({ state: "ok" });
  });

  it("is audio only when the patient chose it, or no camera came", () => {
    expect(deviceVerdict({ ok: true, stream: stream(["audio"]) }, true)).toEqual({ state: "audio-only" });
    expect(deviceVerdict({ ok: true, stream: stream(["audio"]) }, false)).toEqual({ state: "audio-only" });
  });

  it("offers audio only for a camera that is blocked, missing or busy, but not where it cannot help", () => {
    const failed = (problem: Extract<MediaResult, { ok: false }>["problem"], audioOnly = false) =>
      deviceVerdict({ ok: false, problem }, audioOnly);
    expect(failed("cameraBusy")).toEqual({ state: "failed", problem: "cameraBusy", audioOnlyHelps: true });
    expect(failed("cameraMissing").state).toBe("failed");
    expect(failed("cameraDenied")).toMatchObject({ audioOnlyHelps: true });
    expect(failed("micMissing")).toMatchObject({ audioOnlyHelps: false });
    expect(failed("cameraUnsupported")).toMatchObject({ audioOnlyHelps: false });
    // Already audio only: the microphone itself is the problem.
    expect(failed("cameraBusy", true)).toMatchObject({ audioOnlyHelps: false });
  });
});

describe("the permission hint's browser", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "firefox"],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
      "chromium",
    ],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0", "chromium"],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
      "safari",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1",
      "mobile",
    ],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36", "mobile"],
  ])("tells %s apart as %s", (userAgent, family) => {
    expect(browserFamily(userAgent, 0)).toBe(family);
  });

  // iPadOS Safari sends the Mac's user agent; only its touch screen gives it away.
  const ipad =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";

  it("tells an iPad that says it is a Mac apart by its touch screen, and sends it to mobile Safari's settings", () => {
    expect(browserFamily(ipad, 5)).toBe("mobile");
    // A Mac (no touch screen, or a trackpad's single point) stays desktop Safari.
    expect(browserFamily(ipad, 0)).toBe("safari");
    expect(browserFamily(ipad, 1)).toBe("safari");
  });

  it("reads the touch points from the browser when the caller passes only the user agent", () => {
    vi.stubGlobal("navigator", { userAgent: ipad, maxTouchPoints: 5 });
    try {
      expect(browserFamily(ipad)).toBe("mobile");
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
