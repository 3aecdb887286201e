import { describe, expect, it } from "vitest";
import { openTicket, sealTicket } from "../../durable-objects/tickets.ts";
import type { Ticket } from "../../schema/identity.ts";

const ticket: Ticket = {
  kind: "waiting",
  id: "ticket-1",
  providerId: "prov",
  appointmentId: "appt",
  inviteId: "inv",
  waitingSince: 1,
  exp: Date.now() + 60_000,
};

describe("tickets", () => {
  it("open with the secret they were sealed with, and with no other", async () => {
    const sealed = await sealTicket("a-secret-of-sixteen+", ticket);
    expect(await openTicket("a-secret-of-sixteen+", sealed)).toEqual(ticket);
    expect(await openTicket("another-secret-entirely", sealed)).toBeNull();
  });

  it("do not reveal the patient's name to whoever sees the URL", async () => {
    const sealed = await sealTicket("a-secret-of-sixteen+", ticket);
    const decoded = atob(
      sealed
        .replaceAll("-", "+")
        .replaceAll("_", "/")
        .padEnd(Math.ceil(sealed.length / 4) * 4, "="),
    );
    expect(decoded).not.toContain("Erika");
    expect(sealed).not.toContain("Erika");
  });

  it("are refused once expired, or when a single character changes", async () => {
    const sealed = await sealTicket("a-secret-of-sixteen+", ticket);
    expect(await openTicket("a-secret-of-sixteen+", sealed, ticket.exp)).toBeNull();
    const flipped = sealed.slice(0, 20) + (sealed[20] === "A" ? "B" : "A") + sealed.slice(21);
    expect(await openTicket("a-secret-of-sixteen+", flipped)).toBeNull();
  });

  it("refuse malformed input without throwing", async () => {
    for (const token of ["", "a", "a.b", "abcde", "===", "ä", "A".repeat(5000)]) {
      expect(await openTicket("a-secret-of-sixteen+", token)).toBeNull();
    }
  });

  it("open only from their one canonical spelling", async () => {
    const sealed = await sealTicket("a-secret-of-thirty-two-characters", ticket);
    expect(await openTicket("a-secret-of-thirty-two-characters", sealed)).toEqual(ticket);
    // The same bytes spelled with padding, or with unused low bits set in the last character.
    const padded = sealed + "=".repeat((4 - (sealed.length % 4)) % 4);
    if (padded !== sealed) expect(await openTicket("a-secret-of-thirty-two-characters", padded)).toBeNull();
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = alphabet.indexOf(sealed.at(-1) ?? "A");
    const unusedBits = [0, 0, 4, 2][sealed.length % 4] ?? 0;
    if (unusedBits > 0) {
      const sibling = alphabet[last ^ 1] ?? "A";
      expect(await openTicket("a-secret-of-thirty-two-characters", sealed.slice(0, -1) + sibling)).toBeNull();
    }
  });
});
