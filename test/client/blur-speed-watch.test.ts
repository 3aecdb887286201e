// A device too slow for background blur gets its camera back instead of a lagging or frozen picture:
// over budget (ms per frame or frames per second) for 3 s, or no frames at all, and blur goes off.
import { describe, expect, it } from "vitest";
import { SLOW_FOR_MS, watchSpeed } from "../../client/src/call/blur/speed-watch.ts";
import { FakeClock } from "./fake-clock.ts";

function watched(hidden = () => false) {
  const clock = new FakeClock();
  let tooSlow = 0;
  const watch = watchSpeed({ clock, tooSlow: () => tooSlow++, hidden });
  /** One second of frames, then the worker's report of it. */
  const second = (msPerFrame: number, frames = 25) => {
    clock.advance(1000);
    watch.timing(msPerFrame, frames);
  };
  return { clock, watch, second, tooSlow: () => tooSlow };
}

describe("the blur speed watch", () => {
  it("leaves blur on while frames take well under budget", () => {
    const { second, tooSlow } = watched();
    for (let i = 0; i < 20; i++) second(12);
    expect(tooSlow()).toBe(0);
  });

  it("turns blur off after 3 s over 50 ms per frame, not before", () => {
    const { second, tooSlow } = watched();
    second(10);
    second(55);
    second(60);
    expect(tooSlow()).toBe(0);
    second(58);
    expect(tooSlow()).toBe(1);
    second(58);
    expect(tooSlow()).toBe(1);
  });

  it("forgives a slow moment: a good second starts the count again", () => {
    const { second, tooSlow } = watched();
    for (let i = 0; i < 5; i++) {
      second(70);
      second(70);
      second(15);
    }
    expect(tooSlow()).toBe(0);
  });

  it("turns blur off when fewer than 10 frames a second come through, however fast each one is", () => {
    const { second, tooSlow } = watched();
    second(8, 6);
    second(8, 6);
    second(8, 6);
    expect(tooSlow()).toBe(1);
  });

  it("turns blur off when no frame comes through at all, rather than leave a frozen picture", () => {
    const { clock, second, tooSlow } = watched();
    second(12);
    clock.advance(SLOW_FOR_MS);
    expect(tooSlow()).toBe(0);
    clock.advance(1000);
    expect(tooSlow()).toBe(1);
  });

  it("does not blame the device for a page in the background, where the browser slows frames down", () => {
    let hidden = true;
    const { clock, second, tooSlow } = watched(() => hidden);
    second(80, 1);
    second(80, 1);
    clock.advance(10_000);
    second(80, 1);
    expect(tooSlow()).toBe(0);
    hidden = false;
    second(12);
    expect(tooSlow()).toBe(0);
  });

  it("says nothing once stopped", () => {
    const { clock, watch, second, tooSlow } = watched();
    second(90);
    watch.stop();
    second(90);
    second(90);
    clock.advance(10_000);
    expect(tooSlow()).toBe(0);
  });
});
