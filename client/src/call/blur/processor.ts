// Background blur as a video processor for the call (local-media.ts) and the device check: a blurred
// track for each camera, watched for speed. When it cannot run, its worker fails, or the device is too
// slow, `off` is told why (once); the caller then takes it out, and the camera is used as it is.
// Loaded with import() on the first press of the toggle, with the worker, runtime and model after it.
import { browserClock } from "../../shared/clock.ts";
import type { VideoProcessor } from "../local-media.ts";
import type { BlurMessageKey } from "./i18n-blur.ts";
import { createBlur } from "./index.ts";
import { type SpeedWatch, watchSpeed } from "./speed-watch.ts";
import "./i18n-blur.ts";

/** What the person is told when blur goes off by itself. */
export type BlurProblem = BlurMessageKey;

/** Each of the worker's timing reports, for the bench to read (window.addEventListener). */
export const TIMING_EVENT = "anteroom:blur-timing";
export interface BlurTiming {
  msPerFrame: number;
  frames: number;
}

export function blurProcessor(off: (problem: BlurProblem) => void): VideoProcessor {
  let told = false;
  const stop = (problem: BlurProblem) => {
    if (told) return;
    told = true;
    off(problem);
  };
  return async (camera) => {
    let watch: SpeedWatch | undefined;
    let blur: Awaited<ReturnType<typeof createBlur>>;
    try {
      blur = await createBlur(camera, {
        onTiming(msPerFrame, frames) {
          watch?.timing(msPerFrame, frames);
          const detail: BlurTiming = { msPerFrame, frames };
          window.dispatchEvent(new CustomEvent(TIMING_EVENT, { detail }));
        },
        onFailed: () => stop("blurUnavailable"),
      });
    } catch (error) {
      stop("blurUnavailable");
      throw error;
    }
    const watching = watchSpeed({
      clock: browserClock,
      tooSlow: () => stop("blurTooSlow"),
      hidden: () => document.hidden,
    });
    watch = watching;
    return {
      track: blur.track,
      stop() {
        watching.stop();
        blur.stop();
      },
    };
  };
}
