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
    expect(parsed.ok).toBe(false);
    const long = parseClientMessage(JSON.stringify({ type: "x".repeat(10_000) }));
    expect(!long.ok && long.error.type === "error" && long.error.message.length).toBeLessThan(100);
  });

  it("counts nesting outside strings only", () => {
    expect(nestsDeeperThan(`{"a":"${"[".repeat(100)}"}`, 3)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${"[".repeat(100)}"}`, 3)).toBe(false);
    expect(nestsDeeperThan("[[[[", 3)).toBe(true);
  });
});
