import { describe, expect, it } from "vitest";
import { reciprocateClose, replyOnFailure } from "../../durable-objects/accept.ts";

/** Records what an object writes to a socket; like the platform's, it throws when written after close. */
function fakeWebSocket() {
  const closes: [number | undefined, string | undefined][] = [];
  const sent: unknown[] = [];
  return {
    closes,
    sent,
    close(code?: number, reason?: string) {
      closes.push([code, reason]);
    },
    send(data: string) {
      sent.push(JSON.parse(data));
    },
  };
}

describe("socket handling in the objects", () => {
  it("completes a clean closing handshake with the code the browser sent", () => {
    const ws = fakeWebSocket();
    reciprocateClose(ws, 1000, "bye");
    expect(ws.closes).toEqual([[1000, "bye"]]);
  });

  it.each([1005, 1006, 1015])("writes no close after %i: the transport is already gone", (code) => {
    const ws = fakeWebSocket();
    reciprocateClose(ws, code, "");
    expect(ws.closes).toEqual([]);
  });

  it("never throws when the socket is already closed", () => {
    const closed = {
      close() {
        throw new TypeError("WebSocket already closed");
      },
    };
    expect(() => reciprocateClose(closed, 4000, "")).not.toThrow();
  });

  it("answers the sender with an error when a handler fails, instead of letting it escape", async () => {
    const ws = fakeWebSocket();
    await replyOnFailure(ws, async () => {
      throw new Error("minting failed");
    });
    expect(ws.sent).toEqual([{ type: "error", code: "server-error", message: expect.any(String) }]);
  });
});
