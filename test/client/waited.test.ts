import { describe, expect, it } from "vitest";
import { MINUTE_MS, waitedParts, watchWaited } from "../../client/src/waiting/waited.ts";
import { FakeClock } from "./fake-clock.ts";

describe("the time waited", () => {
  it("changes exactly when another minute is full, and only then", () => {
    const clock = new FakeClock();
    clock.advance(1_000_000);
    const shown: number[] = [];
    // Entered 20 s ago (a reload: the room says how long it has been).
    const stop = watchWaited(clock, clock.now() - 20_000, (minutes) => shown.push(minutes));
    expect(shown).toEqual([0]);
    clock.advance(39_999);
    expect(shown).toEqual([0]);
    clock.advance(1);
    expect(shown).toEqual([0, 1]);
    clock.advance(MINUTE_MS - 1);
    expect(shown).toEqual([0, 1]);
    clock.advance(1);
    expect(shown).toEqual([0, 1, 2]);
    // Nothing is redrawn between changes: the next timer is a whole minute away.
    expect(clock.pendingDelays()).toEqual([MINUTE_MS]);
    stop();
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(10 * MINUTE_MS);
    expect(shown).toEqual([0, 1, 2]);
  });

  it("never shows a negative wait when the device's clock is behind the room's", () => {
    const clock = new FakeClock();
    const shown: number[] = [];
    watchWaited(clock, clock.now() + 5_000, (minutes) => shown.push(minutes));
    expect(shown).toEqual([0]);
  });

  it("splits long waits into hours and minutes", () => {
    expect(waitedParts(0)).toEqual({ hours: 0, minutes: 0 });
    expect(waitedParts(59)).toEqual({ hours: 0, minutes: 59 });
    expect(waitedParts(60)).toEqual({ hours: 1, minutes: 0 });
    expect(waitedParts(125)).toEqual({ hours: 2, minutes: 5 });
  });
});
