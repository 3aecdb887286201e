// The background blur toggle, for the device check and the call's settings. Small on purpose: the join
// page carries it in its first load, and blur itself (processor.ts, its worker, runtime and model) is
// fetched only on the first press, or when the person turned it on earlier in this tab.
import { createSignal, Show } from "solid-js";
import { type MessageKey, t } from "../../shared/i18n.ts";
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

export function BlurToggle(props: { blur: BlurSwitch }) {
  return (
    <>
      <button
        type="button"
        class="secondary"
        data-testid="blur-toggle"
        aria-pressed={props.blur.on()}
        onClick={() => props.blur.toggle()}
      >
        {t("blurBackground")}
      </button>
      <BlurNotice blur={props.blur} />
    </>
  );
}

/** Why blur is off though the person turned it on: the browser cannot, or the device is too slow. */
export function BlurNotice(props: { blur: BlurSwitch }) {
  return (
    <Show when={props.blur.problem()}>
      {(problem) => (
        <p class="banner" role="status" data-testid="blur-unavailable">
          {t(problem())}
        </p>
      )}
    </Show>
  );
}
