// CPU time of Chromium's processes, read over the DevTools protocol: per page (its renderer process) and
// for the whole browser; and of the whole machine, from /proc/stat. All are cumulative seconds of CPU
// (user + system), each with the moment it was read, so a figure is the difference of two readings over
// the time between them (cores: CPU seconds a second).
import { readFileSync } from "node:fs";
import type { Browser, CDPSession, Page } from "playwright-core";

/**
 * The CPU seconds a page's renderer process has used so far: `Performance.getMetrics`' ProcessTime, the
 * whole process (its main thread, workers, WebRTC's encoding, decoding and network threads), 10 ms steps.
 * Each browser context runs in its own renderer, so in the bench one page is one participant's process.
 */
/** CPU seconds used so far, and when they were read (ms, on the clock of whoever read them). */
export interface CpuReading {
  seconds: number;
  at: number;
}

/** Cores busy between two readings: CPU seconds a second. */
export const coresBetween = (before: CpuReading, after: CpuReading) =>
  ((after.seconds - before.seconds) * 1000) / (after.at - before.at);

export async function rendererClock(page: Page): Promise<{ read(): Promise<CpuReading>; detach(): Promise<void> }> {
  const session = await page.context().newCDPSession(page);
  await session.send("Performance.enable");
  return {
    async read() {
      const { metrics } = await session.send("Performance.getMetrics");
      const value = (name: string) => metrics.find((metric) => metric.name === name)?.value;
      const seconds = value("ProcessTime");
      // Timestamp: when the renderer took the metrics (seconds, its monotonic clock).
      const at = value("Timestamp");
      if (seconds === undefined || at === undefined) throw new Error("Chromium reports no ProcessTime");
      return { seconds, at: at * 1000 };
    },
    detach: () => session.detach(),
  };
}

/**
 * The CPU seconds of every process of the browser, by process id (`SystemInfo.getProcessInfo`): the
 * renderers, and what they share (the browser process with camera capture and audio, the network and GPU
 * processes).
 */
export async function browserClock(
  browser: Browser,
): Promise<{ read(): Promise<{ byProcess: Map<number, number>; at: number }> }> {
  const session: CDPSession = await browser.newBrowserCDPSession();
  return {
    async read() {
      const { processInfo } = await session.send("SystemInfo.getProcessInfo");
      return { byProcess: new Map(processInfo.map((process) => [process.id, process.cpuTime])), at: performance.now() };
    },
  };
}

/** Cores the browser used between two readings of browserClock (a process started meanwhile counts from zero). */
export function browserCoresBetween(
  before: { byProcess: Map<number, number>; at: number },
  after: { byProcess: Map<number, number>; at: number },
): number {
  let used = 0;
  for (const [id, seconds] of after.byProcess) used += seconds - (before.byProcess.get(id) ?? 0);
  return (used * 1000) / (after.at - before.at);
}

/** USER_HZ: the unit of /proc/stat's counters on Linux. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds every core of the machine has been busy so far (/proc/stat: user, nice, system, irq, softirq,
 * steal), whoever used them: with Chromium's own time it shows what else ran during a window.
 */
export function machineBusy(): CpuReading {
  const total = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = total;
  return { seconds: (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND, at: performance.now() };
}
