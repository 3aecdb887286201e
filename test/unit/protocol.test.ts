import { describe, expect, it } from "vitest";
import { nestsDeeperThan, parseClientMessage } from "../../durable-objects/protocol.ts";
import { ConsultationContracts, PROTOCOL_VERSION, WaitingRoomContracts } from "../../schema/messages.ts";

describe("the client message parser", () => {
  it("answers a deeply nested frame with an error instead of overflowing its stack", () => {
    const depth = 30_000;
    const frame = `{"type":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(frame.length).toBeGreaterThan(60_000);
    const parsed = parseClientMessage(frame, WaitingRoomContracts, "patient");
    expect(parsed).toEqual({
      ok: false,
      error: { type: "error", code: "invalid-message", message: expect.any(String) },
    });
  });

  it("names no type it cannot print, and only a short one it can", () => {
    const parsed = parseClientMessage(JSON.stringify({ type: { toString: "x" } }), WaitingRoomContracts, "patient");
    // Refused as of no known type, and named as none: the object is never printed back.
    expect(parsed).toEqual({
      ok: false,
      error: { type: "error", code: "unknown-type", message: "Unknown message type: (none)." },
    });
    const long = parseClientMessage(JSON.stringify({ type: "x".repeat(10_000) }), WaitingRoomContracts, "provider");
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

  it("reads a frame by the sender's role: another role's message of this room is forbidden, whatever its fields", () => {
    const codeOf = (parsed: ReturnType<typeof parseClientMessage>) => (parsed.ok ? "ok" : parsed.error.code);
    const frame = (message: unknown) => JSON.stringify(message);
    // A patient may not admit, not even with the fields right; nor end a call.
    expect(codeOf(parseClientMessage(frame({ type: "admit", patientId: "p" }), WaitingRoomContracts, "patient"))).toBe(
      "forbidden",
    );
    expect(codeOf(parseClientMessage(frame({ type: "admit" }), WaitingRoomContracts, "patient"))).toBe("forbidden");
    expect(codeOf(parseClientMessage(frame({ type: "end" }), ConsultationContracts, "patient"))).toBe("forbidden");
    // A provider reports no device check; their own malformed message is just malformed.
    const device = { type: "device", device: { camera: true, microphone: true } };
    expect(codeOf(parseClientMessage(frame(device), WaitingRoomContracts, "provider"))).toBe("forbidden");
    expect(codeOf(parseClientMessage(frame({ type: "admit" }), WaitingRoomContracts, "provider"))).toBe(
      "invalid-message",
    );
    // Another room's message is as unknown here as one nobody sends.
    const offer = { type: "offer", to: "x", sdp: "v=0" };
    expect(codeOf(parseClientMessage(frame(offer), WaitingRoomContracts, "provider"))).toBe("unknown-type");
    expect(codeOf(parseClientMessage(frame(device), ConsultationContracts, "patient"))).toBe("unknown-type");
    expect(codeOf(parseClientMessage(frame(offer), ConsultationContracts, "patient"))).toBe("ok");
    expect(codeOf(parseClientMessage(frame({ type: "end" }), ConsultationContracts, "provider"))).toBe("ok");
  });

  it("tells a page of an older protocol to reload, in every room and role", () => {
    const current = JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION });
    for (const old of [1, 2]) {
      const hello = JSON.stringify({ type: "hello", protocol: old });
      for (const contracts of [WaitingRoomContracts, ConsultationContracts]) {
        for (const role of ["patient", "provider"] as const) {
          expect(parseClientMessage(hello, contracts, role)).toMatchObject({
            ok: false,
            error: { code: "incompatible" },
          });
          expect(parseClientMessage(current, contracts, role).ok).toBe(true);
        }
      }
      expect(parseClientMessage(hello, ConsultationContracts, "guest")).toMatchObject({ ok: false });
      expect(parseClientMessage(current, ConsultationContracts, "guest").ok).toBe(true);
    }
  });
});
