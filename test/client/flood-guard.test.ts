import { describe, expect, it } from "vitest";
import {
  FloodGuard,
  FRAME_WINDOW_MS,
  MALFORMED_WINDOW_MS,
  MAX_FRAMES_PER_WINDOW,
  MAX_MALFORMED_PER_WINDOW,
} from "../../client/src/call/flood-guard.ts";

function guarded() {
  let time = 0;
  return {
    guard: new FloodGuard(() => time),
    at(ms: number) {
      time = ms;
    },
  };
}

describe("the flood guard", () => {
  it("silences a peer at the 51st frame within one second, once, and for good", () => {
    const { guard, at } = guarded();
    for (let i = 0; i < MAX_FRAMES_PER_WINDOW; i++) expect(guard.frame()).toBe(false);
    expect(guard.silenced).toBe(false);
    expect(guard.frame()).toBe(true);
    expect(guard.silenced).toBe(true);
    // Said once: later frames do not trip it again, and time does not lift it.
    expect(guard.frame()).toBe(false);
    at(60 * 60 * 1000);
    expect(guard.frame()).toBe(false);
    expect(guard.silenced).toBe(true);
  });

  it("lets a steady 50 frames a second through for as long as it lasts", () => {
    const { guard, at } = guarded();
    for (let second = 0; second < 30; second++) {
      for (let i = 0; i < MAX_FRAMES_PER_WINDOW; i++) {
        at(second * FRAME_WINDOW_MS + (i * FRAME_WINDOW_MS) / MAX_FRAMES_PER_WINDOW);
        expect(guard.frame()).toBe(false);
      }
    }
    expect(guard.silenced).toBe(false);
  });

  it("silences a peer at the 11th malformed frame within ten seconds, not at ten spread wider", () => {
    const spread = guarded();
    for (let i = 0; i <= 3 * MAX_MALFORMED_PER_WINDOW; i++) {
      spread.at(i * (MALFORMED_WINDOW_MS / MAX_MALFORMED_PER_WINDOW));
      expect(spread.guard.malformedFrame()).toBe(false);
    }
    expect(spread.guard.silenced).toBe(false);

    const burst = guarded();
    for (let i = 0; i < MAX_MALFORMED_PER_WINDOW; i++) {
      burst.at(i * 900);
      expect(burst.guard.malformedFrame()).toBe(false);
    }
    burst.at(MALFORMED_WINDOW_MS - 1);
    expect(burst.guard.malformedFrame()).toBe(true);
    expect(burst.guard.silenced).toBe(true);
  });
});
