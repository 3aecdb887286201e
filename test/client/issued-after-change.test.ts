// The link shown once on the dashboard follows what happens to its appointment: a cancelled one's link
// (dead now) leaves the page with its send forms, an edited one's stays and takes the new start.
import { describe, expect, it } from "vitest";
import type { IssuedLink } from "../../client/src/provider/appointments/invitations.tsx";
import { issuedAfterChange } from "../../client/src/provider/appointments/issued-after-change.ts";

const invite = { inviteUrl: "https://anteroom.test/j/AAAAAAAAAAAAAAAAAAAAAA", validUntil: "2026-12-04T22:18:00.000Z" };
const firstLink: IssuedLink = {
  invite,
  appointmentId: "a1",
  firstInvitationId: "i1",
  firstStartsAt: "2026-12-04T21:48:00.000Z",
};
const rowLink: IssuedLink = { invite, invitationId: "i2", appointmentId: "a1" };
const moved = { id: "a1", startsAt: "2026-12-04T22:48:00.000Z" };

describe("the link shown once, after its appointment changes", () => {
  it("is taken off the page when its appointment is cancelled, whether shown above the list or in its row", () => {
    expect(issuedAfterChange(firstLink, moved, "cancelled")).toBeUndefined();
    expect(issuedAfterChange(rowLink, moved, "cancelled")).toBeUndefined();
  });

  it("stays when its appointment is moved, and offers reminders for the new start", () => {
    expect(issuedAfterChange(firstLink, moved, "saved")).toEqual({ ...firstLink, firstStartsAt: moved.startsAt });
    expect(issuedAfterChange(rowLink, moved, "saved")).toBe(rowLink);
  });

  it("stays as it is when another appointment is cancelled", () => {
    expect(issuedAfterChange(firstLink, { ...moved, id: "a2" }, "cancelled")).toBe(firstLink);
    expect(issuedAfterChange(undefined, moved, "cancelled")).toBeUndefined();
  });
});
