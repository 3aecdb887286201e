// How long a patient has waited, as both the patient and the provider see it: in whole minutes
// ("less than a minute", "4 minutes", "1 hour 5 minutes"), changed exactly when the next minute is full.
//
// Why minutes and not seconds: a wait is measured in minutes, and the patient's figure sits in a live
// region, so a figure that moved every second would be read out every second. Shown in seconds but
// redrawn every 5 s (or 15 s), it jumped in steps that did not match its own unit. Minutes change at
// most once a minute, and a timer set for the next full minute shows each change on time.
import type { Clock } from "../shared/clock.ts";

export const MINUTE_MS = 60_000;

/** Whole minutes waited, split into hours and minutes for display; 0 and 0 is "less than a minute". */
export function waitedParts(totalMinutes: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.floor(totalMinutes));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}

/**
 * Calls `show` with the whole minutes waited since `since`: at once, then each time another minute is
 * full. Returns a function that stops it.
 */
export function watchWaited(clock: Clock, since: number, show: (minutes: number) => void): () => void {
  let timer: unknown;
  const tick = () => {
    const waited = Math.max(0, clock.now() - since);
    show(Math.floor(waited / MINUTE_MS));
    timer = clock.setTimeout(tick, MINUTE_MS - (waited % MINUTE_MS));
  };
  tick();
  return () => clock.clearTimeout(timer);
}
