// Background blur's cost where it runs, on the sender's page: in a call of two, the patient turns blur on in
// the call's settings. The blur worker reports its time per frame about once a second
// (client/src/call/blur/processor.ts, TIMING_EVENT); beside it, the patient's renderer CPU with blur on
// against the same page just before, blur off, in the same call: the floor.
import type { Page } from "playwright-core";
import { coresBetween, rendererClock } from "./browser-cpu.ts";
import { until } from "./call-pages.ts";
import { collectBlurTimings, readBlurOn, readBlurTimings, readCameraHeight } from "./mesh-pages.ts";

/** client/src/call/blur/processor.ts TIMING_EVENT (not imported: that module is the client's, with its CSS). */
const TIMING_EVENT = "anteroom:blur-timing";
/** The window starts with this report: the first covers the worker's start, not its pace. */
const FIRST_REPORT = 2;

export interface BlurCost {
  /** The camera's picture height, the picture blur works on. */
  frameHeight: number;
  /**
   * The worker's time per frame (segmentation and drawing, wall clock on its thread): the mean weighted by
   * frames, and the p95 of its reports (each the mean over about a second).
   */
  msPerFrame: number;
  p95MsPerFrame: number;
  reports: number;
  /** Frames blurred a second. */
  blurredFps: number;
  /** The patient's renderer process, share of one core: blur off (the floor), then on. */
  coresOff: number;
  coresOn: number;
  /** The renderer's extra CPU with blur on, per frame blurred (ms). */
  extraCpuMsPerFrame: number;
  /** How long the window with blur on lasted: `windowMs`, or less when blur went off by itself (too slow). */
  onForMs: number;
  stayedOn: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pageClock = (page: Page) => page.evaluate(() => performance.now());

/** Blur's cost on `patient`'s page in a running call of two (both decoding), windows of `windowMs`. */
export async function blurCost(patient: Page, windowMs: number): Promise<BlurCost> {
  await patient.evaluate(collectBlurTimings, TIMING_EVENT);
  const clock = await rendererClock(patient);
  try {
    const offFrom = await clock.read();
    await sleep(windowMs);
    const coresOff = coresBetween(offFrom, await clock.read());

    await patient.getByTestId("device-settings").click();
    const toggle = patient.getByTestId("blur-toggle");
    await toggle.click();
    await until(async () => (await toggle.getAttribute("aria-pressed")) === "true", 30_000, "blur on");
    await patient.keyboard.press("Escape");
    const reported = async () => (await patient.evaluate(readBlurTimings)).length >= FIRST_REPORT;
    await until(reported, 60_000, "blur's timing reports");

    // Until the window is over, or blur goes off by itself (the speed watch found the device too slow).
    const [from, onFrom] = await Promise.all([pageClock(patient), clock.read()]);
    let stayedOn = true;
    while ((await pageClock(patient)) - from < windowMs) {
      stayedOn = await patient.evaluate(readBlurOn);
      if (!stayedOn) break;
      await sleep(250);
    }
    const [to, onTo] = await Promise.all([pageClock(patient), clock.read()]);
    const timings = (await patient.evaluate(readBlurTimings)).filter((timing) => timing.at > from && timing.at <= to);
    if (timings.length === 0) throw new Error(`blur: no timing reports in the window (still on: ${stayedOn})`);
    const frames = timings.reduce((sum, timing) => sum + timing.frames, 0);
    const sorted = timings.map((timing) => timing.msPerFrame).sort((a, b) => a - b);
    const blurredFps = (frames * 1000) / (to - from);
    const coresOn = coresBetween(onFrom, onTo);
    return {
      frameHeight: await patient.evaluate(readCameraHeight),
      msPerFrame: timings.reduce((sum, timing) => sum + timing.msPerFrame * timing.frames, 0) / frames,
      p95MsPerFrame: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!,
      reports: timings.length,
      blurredFps,
      coresOff,
      coresOn,
      extraCpuMsPerFrame: ((coresOn - coresOff) * 1000) / blurredFps,
      onForMs: to - from,
      stayedOn,
    };
  } finally {
    await clock.detach();
  }
}
