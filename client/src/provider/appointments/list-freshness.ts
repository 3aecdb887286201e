// When the dashboard reads its appointment list again, besides after its own edits: what the waiting
// rooms know (someone entered, is in a consultation, was seen) changes without this page doing anything.
// Plain logic over a clock and the page's visibility, so that it is tested without a browser.
import type { Clock } from "../../shared/clock.ts";

/** Once a minute: a status a receptionist glances at is never much older, and it costs one small request. */
export const LIST_REFRESH_MS = 60_000;

export interface Visibility {
  visible(): boolean;
  /** Calls `listener` whenever the page is shown or hidden; returns how to stop. */
  onChange(listener: () => void): () => void;
}

export interface ListFreshness {
  /** Something the list shows changed now (the waiting count): read it at once, then a minute later. */
  changed(): void;
  stop(): void;
}

/**
 * Reads the list once a minute while the page is visible. A hidden tab asks nothing; shown again after
 * a minute was missed, it reads the list at once.
 */
export function listFreshness(refresh: () => void, clock: Clock, visibility: Visibility): ListFreshness {
  let timer: unknown;
  let missed = false;
  const schedule = () => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(tick, LIST_REFRESH_MS);
  };
  const now = () => {
    missed = false;
    refresh();
    schedule();
  };
  function tick() {
    if (visibility.visible()) return now();
    missed = true;
  }
  const stopWatching = visibility.onChange(() => {
    if (missed && visibility.visible()) now();
  });
  schedule();
  return {
    changed: now,
    stop() {
      clock.clearTimeout(timer);
      stopWatching();
    },
  };
}

/** The browser page's visibility. */
export const pageVisibility: Visibility = {
  visible: () => document.visibilityState === "visible",
  onChange(listener) {
    document.addEventListener("visibilitychange", listener);
    return () => document.removeEventListener("visibilitychange", listener);
  },
};
