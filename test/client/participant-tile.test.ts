// What a participant's tile says about them: its connection state as the `data-state` hook reads it,
// and the label and moderator flag, read as optional (the room names them once it knows guests).
import { describe, expect, it } from "vitest";
import { isModerator, labelOf, tileState } from "../../client/src/call/participant-tile.ts";
import type { Participant } from "../../schema/messages.ts";

const anna: Participant = { id: "c-anna", role: "patient", name: "Anna", moderator: false };

describe("a participant's tile", () => {
  it("says connecting until media flows, connected while it does, reconnecting while it is lost or retried", () => {
    expect(tileState("none")).toBe("connecting");
    expect(tileState("connecting")).toBe("connecting");
    expect(tileState("connected")).toBe("connected");
    expect(tileState("reconnecting")).toBe("reconnecting");
    // A failed path is still retried (ICE restarts) while the rest of the call goes on.
    expect(tileState("failed")).toBe("reconnecting");
  });

  it("reads the invitation's label and the moderator flag when the room names them, and none otherwise", () => {
    expect(labelOf(anna)).toBeUndefined();
    expect(isModerator(anna)).toBe(false);
    const interpreter = { ...anna, role: "guest", label: "interpreter", moderator: false } as unknown as Participant;
    expect(labelOf(interpreter)).toBe("interpreter");
    expect(isModerator(interpreter)).toBe(false);
    const moderator = { ...anna, role: "provider", moderator: true } as unknown as Participant;
    expect(isModerator(moderator)).toBe(true);
    expect(labelOf({ ...anna, label: "" } as unknown as Participant)).toBeUndefined();
  });
});
