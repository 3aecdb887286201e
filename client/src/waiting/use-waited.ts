// The minutes waited since a moment that may change (a reconnect tells the patient's page anew), for a
// screen to show with formatWaited (waited-text.ts).
import { createRenderEffect, createSignal, onCleanup } from "solid-js";
import { browserClock } from "../shared/clock.ts";
import { watchWaited } from "./waited.ts";

export function useWaitedMinutes(since: () => number): () => number {
  const [minutes, setMinutes] = createSignal(0);
  // A render effect runs at once: the first render shows the real figure, not "less than a minute".
  createRenderEffect(() => {
    const stop = watchWaited(browserClock, since(), setMinutes);
    onCleanup(stop);
  });
  return minutes;
}
