import { describe, expect, it } from "vitest";
import { Throttle } from "../../durable-objects/throttle.ts";

const rules = { burst: 3, perSecond: 1, closeAfter: 4 };

describe("a socket's message throttle", () => {
  it("accepts a burst, refuses the flood once out loud, and closes a flood that goes on", () => {
    const clock = { now: 0 };
    const throttle = new Throttle(rules, () => clock.now);
    const verdicts = Array.from({ length: 7 }, () => throttle.take("a"));
    expect(verdicts).toEqual(["accept", "accept", "accept", "refuse", "refuse-quietly", "refuse-quietly", "close"]);
  });

  it("counts a flood as one even when the refill lets a message through now and then", () => {
    const clock = { now: 0 };
    const throttle = new Throttle(rules, () => clock.now);
    for (let i = 0; i < 3; i++) throttle.take("a");
    const verdicts: string[] = [];
    for (let i = 0; i < 8; i++) {
      // A slow room: a second passes between some messages, enough for one token.
      if (i % 2 === 0) clock.now += 1000;
      verdicts.push(throttle.take("a"));
    }
    expect(verdicts.filter((v) => v === "refuse")).toHaveLength(1);
    expect(verdicts.at(-1)).toBe("close");
  });

  it("treats a new flood after the bucket filled up again as new: one more error, the count from zero", () => {
    const clock = { now: 0 };
    const throttle = new Throttle(rules, () => clock.now);
    for (let i = 0; i < 5; i++) throttle.take("a");
    clock.now += 3000;
    const verdicts = Array.from({ length: 4 }, () => throttle.take("a"));
    expect(verdicts).toEqual(["accept", "accept", "accept", "refuse"]);
    // Another socket has a bucket of its own.
    expect(throttle.take("b")).toBe("accept");
  });
});
