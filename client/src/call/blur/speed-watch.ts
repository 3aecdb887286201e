// Whether this device keeps up with background blur. The blur worker reports, about once a second, the
// mean time it spent per frame and how many frames it blurred; a device that stays over budget for a
// few seconds, or stops delivering frames at all, gets the camera back unblurred: a slow or frozen
// picture is worse for a consultation than a visible background. Plain logic over a Clock (tested with
// a fake one in test/client/blur-speed-watch.test.ts).
import type { Clock } from "../../shared/clock.ts";

/**
 * Over this many ms per frame (fewer than 20 frames a second could be blurred) the picture lags and the
 * device works flat out. 40 ms would match a 25 fps camera, but two browsers sharing 2 cores measured 25-42
 * ms here with a smooth picture: frames the worker cannot take are dropped, never queued (index.ts).
 */
export const FRAME_BUDGET_MS = 50;
/** Fewer blurred frames a second than this is a slide show. */
export const MIN_FPS = 10;
/** How long it may be too slow before blur goes off: a moment's load (another tab, a GC) is forgiven. */
export const SLOW_FOR_MS = 3000;
/** The worker reports about this often while frames flow. */
export const REPORT_EVERY_MS = 1000;

export interface SpeedWatchOptions {
  clock: Clock;
  /** Called once: blur should go off and the camera go back. */
  tooSlow(): void;
  /** The page is in the background, where browsers throttle frames and timers: that says nothing of the device. */
  hidden?(): boolean;
}

export interface SpeedWatch {
  /** One report of the worker's: mean ms per frame and frames blurred since the last one. */
  timing(msPerFrame: number, frames: number): void;
  stop(): void;
}

export function watchSpeed(options: SpeedWatchOptions): SpeedWatch {
  const { clock } = options;
  let lastReport = clock.now();
  let slowSince: number | undefined;
  let stall: unknown;
  let done = false;

  const fire = () => {
    if (done) return;
    done = true;
    clock.clearTimeout(stall);
    options.tooSlow();
  };

  // No report at all for this long: no frame came through (the worker hangs), the picture would freeze.
  const armStall = () => {
    clock.clearTimeout(stall);
    stall = clock.setTimeout(() => {
      if (!options.hidden?.()) return fire();
      slowSince = undefined;
      lastReport = clock.now();
      armStall();
    }, SLOW_FOR_MS + REPORT_EVERY_MS);
  };
  armStall();

  return {
    timing(msPerFrame, frames) {
      if (done) return;
      const now = clock.now();
      const span = Math.max(now - lastReport, 1);
      lastReport = now;
      armStall();
      if (options.hidden?.()) {
        slowSince = undefined;
        return;
      }
      const slow = msPerFrame > FRAME_BUDGET_MS || (frames * 1000) / span < MIN_FPS;
      if (!slow) {
        slowSince = undefined;
        return;
      }
      // The slow stretch began when the period this report covers did.
      slowSince ??= now - span;
      if (now - slowSince >= SLOW_FOR_MS) fire();
    },
    stop() {
      done = true;
      clock.clearTimeout(stall);
    },
  };
}
