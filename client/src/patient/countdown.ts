// The countdown to the waiting room's opening, as an early patient sees it: "4:05", "1:02:09".
// Redrawn exactly when the shown second changes (a timer set for that moment, not a fixed interval),
// and it says once when the moment has come. The page tells screen readers the opening time in words;
// the figure itself sits in a role="timer", which is not read out each second.
import type { Clock } from "../shared/clock.ts";

const SECOND_MS = 1000;

/** Whole seconds left, rounded up: the figure reaches 0:00 only at the opening itself. */
export function secondsLeft(remainingMs: number): number {
  return Math.max(0, Math.ceil(remainingMs / SECOND_MS));
}

/** "m:ss" below an hour, "h:mm:ss" from an hour on. */
export function countdownText(remainingMs: number): string {
  const total = secondsLeft(remainingMs);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * Calls `show` with the milliseconds left until `target` (on the clock given): at once, then each time
 * the shown second changes; calls `opened` instead, once, when `target` is reached (at once if it has).
 * Returns a function that stops it.
 */
export function watchCountdown(
  clock: Clock,
  target: number,
  show: (remainingMs: number) => void,
  opened: () => void,
): () => void {
  let timer: unknown;
  const tick = () => {
    const remaining = target - clock.now();
    if (remaining <= 0) {
      opened();
      return;
    }
    show(remaining);
    timer = clock.setTimeout(tick, remaining % SECOND_MS || SECOND_MS);
  };
  tick();
  return () => clock.clearTimeout(timer);
}
