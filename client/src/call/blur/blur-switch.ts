// Whether background blur is on, for the device check and the call: the person's choice, kept for the tab
// (sessionStorage) so that the device check's carries into the call, and blur itself imported on the first
// turn on (processor.ts, with its worker, runtime and model after it). In the join page's first load: small.
import { createSignal } from "solid-js";
import type { MessageKey } from "../../shared/i18n.ts";
import type { VideoProcessor } from "../local-media.ts";

/** The person's choice for this tab: the device check's carries into the call (sessionStorage). */
const KEY = "anteroom.blur";
const wanted = () => sessionStorage.getItem(KEY) === "1";
const keep = (on: boolean) => (on ? sessionStorage.setItem(KEY, "1") : sessionStorage.removeItem(KEY));

export interface BlurSwitch {
  on(): boolean;
  /** Why blur went off by itself: the words come with blur's code (i18n-blur.ts). */
  problem(): MessageKey | undefined;
  toggle(): void;
}

/**
 * Whether blur is on; `apply` puts the processor in (or takes it out with undefined). Each `apply` owns
 * what it starts: one that comes after its screen is gone stops it (blur-check.tsx, local-media.ts).
 */
export function createBlurSwitch(apply: (processor: VideoProcessor | undefined) => unknown): BlurSwitch {
  const [on, setOn] = createSignal(false);
  const [problem, setProblem] = createSignal<MessageKey>();
  let current: VideoProcessor | undefined;

  async function set(next: boolean) {
    setOn(next);
    keep(next);
    setProblem(undefined);
    current = undefined;
    if (!next) return apply(undefined);
    // A chunk that fails to load (a lost line, an update meanwhile): off, and the next press tries again.
    const module = await import("./processor.ts").catch(() => undefined);
    if (!module) return set(false);
    // Turned off (or on again) while it loaded: that turn's call applies.
    if (!on() || current) return;
    const processor = module.blurProcessor((why) => {
      if (current !== processor) return;
      // Off for the rest of this tab too: a device too slow now will be too slow in the call.
      void set(false);
      setProblem(why);
    });
    current = processor;
    await apply(processor);
  }

  if (wanted()) void set(true);
  return { on, problem, toggle: () => void set(!on()) };
}
