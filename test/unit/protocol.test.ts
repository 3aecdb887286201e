import { describe, expect, it } from "vitest";
import { nestsDeeperThan, parseClientMessage } from "../../durable-objects/protocol.ts";

describe("the client message parser", () => {
  it("answers a deeply nested frame with an error instead of overflowing its stack", () => {
    const depth = 30_000;
    const frame = `{"type":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(frame.length).toBeGreaterThan(60_000);
    const parsed = parseClientMessage(frame);
    expect(parsed).toEqual({
      ok: false,
      error: { type: "error", code: "invalid-message", message: expect.any(String) },
    });
  });

  it("names no type it cannot print, and only a short one it can", () => {
    const parsed = parseClientMessage(JSON.stringify({ type: { toString: "x" } }));
    // Refused as of no known type, and named as none: the object is never printed back.
    expect(parsed).toEqual({
      ok: false,
      error: { type: "error", code: "unknown-type", message: "Unknown message type: (none)." },
    });
    const long = parseClientMessage(JSON.stringify({ type: "x".repeat(10_000) }));
    expect(long).toMatchObject({ ok: false, error: { type: "error", code: "unknown-type" } });
    if (long.ok || long.error.type !== "error") throw new Error("accepted");
    // Named, but cut short: an attacker's 10,000 characters are not echoed.
    expect(long.error.message).toContain("xxx");
    expect(long.error.message.length).toBeLessThan(100);
  });

  it("counts nesting outside strings only", () => {
    expect(nestsDeeperThan(`{"a":"${"[".repeat(100)}"}`, 3)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${"[".repeat(100)}"}`, 3)).toBe(false);
    expect(nestsDeeperThan("[[[[", 3)).toBe(true);
  });
});
