import { describe, expect, it } from "vitest";
import { readIdentity, reciprocateClose, replyOnFailure } from "../../durable-objects/accept.ts";
import { IDENTITY_HEADER, identityHeaderValue, WaitingIdentity } from "../../schema/identity.ts";

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

describe("the identity the worker hands a room", () => {
  // A provider's name (a patient's never travels: issue 25), in any script.
  const provider = {
    role: "provider",
    providerId: "provider-1",
    name: "Dr. Erika Müller-Łukasiewicz 🙂 مريم",
    sessionHash: "session-1",
    sessionExpiresAt: 2_000_000_000_000,
  };

  it("travels in a header of printable ASCII only, whatever script the provider's name is in", () => {
    // workerd warns about any other byte in a header, and prints the whole value (the name) in its log.
    expect(identityHeaderValue(provider)).toMatch(/^[\x20-\x7e]*$/);
  });

  it("reaches the room unchanged", () => {
    const request = new Request("https://object.internal/socket", {
      headers: { Upgrade: "websocket", [IDENTITY_HEADER]: identityHeaderValue(provider) },
    });
    const read = readIdentity(request, WaitingIdentity);
    expect(read).not.toBeInstanceOf(Response);
    expect((read as { name: string }).name).toBe(provider.name);
  });
});
