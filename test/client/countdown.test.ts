import { describe, expect, it } from "vitest";
import { countdownText, watchCountdown } from "../../client/src/patient/countdown.ts";
import { FakeClock } from "./fake-clock.ts";

describe("the countdown to the waiting room's opening", () => {
  it("shows minutes and seconds, hours from an hour on, and never less than the time left", () => {
    expect(countdownText(0)).toBe("0:00");
    expect(countdownText(1)).toBe("0:01");
    expect(countdownText(59_001)).toBe("1:00");
    expect(countdownText(4 * 60_000 + 5_000)).toBe("4:05");
    expect(countdownText(3_600_000)).toBe("1:00:00");
    expect(countdownText(3_600_000 + 2 * 60_000 + 9_000)).toBe("1:02:09");
    expect(countdownText(-5_000)).toBe("0:00");
  });

  it("changes exactly when the shown second changes, and says once that it opened", () => {
    const clock = new FakeClock();
    clock.advance(1_000_000);
    const shown: string[] = [];
    let opened = 0;
    // Opens in 2.5 s: shown as 0:03 until 2 s are left.
    watchCountdown(
      clock,
      clock.now() + 2_500,
      (left) => shown.push(countdownText(left)),
      () => opened++,
    );
    expect(shown).toEqual(["0:03"]);
    clock.advance(499);
    expect(shown).toEqual(["0:03"]);
    clock.advance(1);
    expect(shown).toEqual(["0:03", "0:02"]);
    clock.advance(1_000);
    expect(shown).toEqual(["0:03", "0:02", "0:01"]);
    expect(opened).toBe(0);
    clock.advance(999);
    expect(opened).toBe(0);
    clock.advance(1);
    expect(opened).toBe(1);
    // Nothing further is scheduled once it opened.
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(10_000);
    expect(opened).toBe(1);
    expect(shown).toHaveLength(3);
  });

  it("opens at once when the moment has passed already, showing no figure", () => {
    const clock = new FakeClock();
    const shown: number[] = [];
    let opened = 0;
    watchCountdown(
      clock,
      clock.now(),
      (left) => shown.push(left),
      () => opened++,
    );
    expect({ shown, opened }).toEqual({ shown: [], opened: 1 });
  });

  it("stops when the page is left", () => {
    const clock = new FakeClock();
    let opened = 0;
    const stop = watchCountdown(
      clock,
      clock.now() + 60_000,
      () => {},
      () => opened++,
    );
    stop();
    clock.advance(120_000);
    expect(opened).toBe(0);
    expect(clock.pendingDelays()).toEqual([]);
  });
});
