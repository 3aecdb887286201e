// The dashboard's appointment list is read again by itself: once a minute while visible, at once when
// the waiting count changes, and when a hidden tab that missed a minute is shown again.
import { describe, expect, it } from "vitest";
import {
  LIST_REFRESH_MS,
  listFreshness,
  type Visibility,
} from "../../client/src/provider/appointments/list-freshness.ts";
import { FakeClock } from "./fake-clock.ts";

function fakePage() {
  let shown = true;
  const listeners = new Set<() => void>();
  const visibility: Visibility = {
    visible: () => shown,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const show = (now: boolean) => {
    shown = now;
    for (const listener of listeners) listener();
  };
  return { visibility, show, listeners };
}

function setUp() {
  const clock = new FakeClock();
  const page = fakePage();
  let reads = 0;
  const freshness = listFreshness(() => reads++, clock, page.visibility);
  return { clock, page, freshness, reads: () => reads };
}

describe("the appointment list's freshness", () => {
  it("reads the list once a minute while the page is visible", () => {
    const { clock, reads } = setUp();
    clock.advance(LIST_REFRESH_MS - 1);
    expect(reads()).toBe(0);
    clock.advance(1);
    expect(reads()).toBe(1);
    clock.advance(2 * LIST_REFRESH_MS);
    expect(reads()).toBe(3);
  });

  it("reads it at once when the waiting count changes, and the next minute counts from then", () => {
    const { clock, freshness, reads } = setUp();
    clock.advance(LIST_REFRESH_MS / 2);
    freshness.changed();
    expect(reads()).toBe(1);
    clock.advance(LIST_REFRESH_MS - 1);
    expect(reads()).toBe(1);
    clock.advance(1);
    expect(reads()).toBe(2);
  });

  it("asks nothing while hidden, and reads at once when shown again after a missed minute", () => {
    const { clock, page, reads } = setUp();
    page.show(false);
    clock.advance(5 * LIST_REFRESH_MS);
    expect(reads()).toBe(0);
    page.show(true);
    expect(reads()).toBe(1);
    // Hidden and shown within a minute: nothing was missed, nothing extra is read.
    page.show(false);
    page.show(true);
    expect(reads()).toBe(1);
  });

  it("stops reading and listening once stopped", () => {
    const { clock, page, freshness, reads } = setUp();
    freshness.stop();
    clock.advance(3 * LIST_REFRESH_MS);
    expect(reads()).toBe(0);
    expect(page.listeners.size).toBe(0);
  });
});
