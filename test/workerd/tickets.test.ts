import { describe, expect, it } from "vitest";
import { openTicket, sealTicket } from "../../durable-objects/tickets.ts";
import type { Ticket } from "../../schema/identity.ts";

const ticket: Ticket = {
  kind: "waiting",
  providerId: "prov",
  appointmentId: "appt",
  inviteId: "inv",
  name: "Erika Mustermann",
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
});
