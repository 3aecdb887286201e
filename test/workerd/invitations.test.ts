// An appointment's invitations: labels stored and listed (never a token), at most ten, one link withdrawn
// or replaced without touching the others, the patient waiting with it told at once, the label beside
// the name in the practice's waiting room, and someone else's invitation answered with a plain 404.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { MAX_INVITATIONS_PER_APPOINTMENT } from "../../schema/limits.ts";
import { CloseCode } from "../../schema/messages.ts";
import { invites } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, nameOf, openSocket, providerWithSession, tellName, ticketed } from "./helpers.ts";

interface Invitation {
  id: string;
  label: string;
  state: string;
  validUntil: string;
}
interface Issued {
  invitation: Invitation;
  invite: { inviteUrl: string; validUntil: string };
}

const tokenOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split("/").at(-1)!;

async function scheduled(cookie: string) {
  const res = await api("/api/appointments", {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({
      title: "Follow-up",
      // Within the practice's default opening (15 minutes before the start): its patients may enter now.
      startsAt: new Date(Date.now() + 6 * 60_000).toISOString(),
      durationMinutes: 30,
    }),
  });
  return (await res.json()) as { appointment: { id: string }; invite: { inviteUrl: string } };
}

const add = (cookie: string, appointmentId: string, label: string) =>
  api(`/api/appointments/${appointmentId}/invitations`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({ label }),
  });

async function listed(cookie: string, appointmentId: string) {
  const res = await api(`/api/appointments/${appointmentId}/invitations`, { headers: { Cookie: cookie } });
  return {
    status: res.status,
    text: await res.clone().text(),
    body: (await res.json()) as { invitations: Invitation[] },
  };
}

const withdraw = (cookie: string, invitationId: string) =>
  api(`/api/invitations/${invitationId}/withdraw`, { method: "POST", headers: { Cookie: cookie } });
const renew = (cookie: string, invitationId: string) =>
  api(`/api/invitations/${invitationId}/link`, { method: "POST", headers: { Cookie: cookie } });

async function join(token: string, name: string) {
  const res = await api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  if (res.status !== 200) throw new Error(`join refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ticket: string }).ticket;
}

const rows = (appointmentId: string) =>
  database(env.DB).select().from(invites).where(eq(invites.appointmentId, appointmentId));

describe("an appointment's invitations", () => {
  it("start with the patient's, take a label each, and are listed without their links", async () => {
    const provider = await providerWithSession();
    const { appointment } = await scheduled(provider.cookie);
    const first = await listed(provider.cookie, appointment.id);
    expect(first.body.invitations).toMatchObject([{ label: "patient", state: "valid" }]);

    const res = await add(provider.cookie, appointment.id, "  Dolmetscherin Frau Öz ");
    expect(res.status).toBe(201);
    const issued = (await res.json()) as Issued;
    expect(issued.invitation).toMatchObject({ label: "Dolmetscherin Frau Öz", state: "valid" });
    expect((await api(`/api/invites/${tokenOf(issued.invite.inviteUrl)}`)).status).toBe(200);

    const after = await listed(provider.cookie, appointment.id);
    expect(after.body.invitations.map((i) => i.label)).toEqual(["patient", "Dolmetscherin Frau Öz"]);
    // Never a token or a link in the list: a link is shown only when it is issued.
    expect(after.text).not.toContain(tokenOf(issued.invite.inviteUrl));
    expect(after.text).not.toContain("/j/");
  });

  it("refuses a label with control characters, an empty or an overlong one, and writes nothing", async () => {
    const provider = await providerWithSession();
    const { appointment } = await scheduled(provider.cookie);
    for (const label of ["inter\u202Epreter", "   ", "x".repeat(41)]) {
      expect((await add(provider.cookie, appointment.id, label)).status).toBe(400);
    }
    expect(await rows(appointment.id)).toHaveLength(1);
  });

  it(`are at most ${MAX_INVITATIONS_PER_APPOINTMENT}: one more is refused with its own code and not written`, async () => {
    const provider = await providerWithSession();
    const { appointment } = await scheduled(provider.cookie);
    for (let i = 1; i < MAX_INVITATIONS_PER_APPOINTMENT; i++) {
      expect((await add(provider.cookie, appointment.id, `guest ${i}`)).status).toBe(201);
    }
    const refused = await add(provider.cookie, appointment.id, "one too many");
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "invitation-limit" });
    expect(await rows(appointment.id)).toHaveLength(MAX_INVITATIONS_PER_APPOINTMENT);
  });

  it("show their label beside the name in the waiting room; withdrawing one stops only it and tells its patient at once", async () => {
    const provider = await providerWithSession();
    const { appointment, invite } = await scheduled(provider.cookie);
    const interpreter = (await (await add(provider.cookie, appointment.id, "interpreter")).json()) as Issued;
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: provider.cookie });
    const ada = await openSocket("/api/ws/waiting", ticketed(await join(tokenOf(invite.inviteUrl), "Ada")));
    const ines = await openSocket(
      "/api/ws/waiting",
      ticketed(await join(tokenOf(interpreter.invite.inviteUrl), "Ines")),
    );
    if (!("ws" in dashboard) || !("ws" in ada) || !("ws" in ines)) throw new Error("socket refused");
    await Promise.all([tellName(ada, "Ada"), tellName(ines, "Ines")]);
    await dashboard.named(2);
    const waiting = await Promise.all(dashboard.waitingList().map(async (p) => [await nameOf(p), p.label]));
    expect(Object.fromEntries(waiting)).toEqual({ Ada: "patient", Ines: "interpreter" });

    const res = await withdraw(provider.cookie, interpreter.invitation.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: interpreter.invitation.id, state: "withdrawn" });
    expect((await ines.whenClosed()).code).toBe(CloseCode.revoked);
    expect(await dashboard.named(1)).toEqual(["Ada"]);
    expect(ada.closed).toBeUndefined();

    // Only that link stops: it says withdrawn, the patient's still opens the waiting room.
    const stopped = await api(`/api/invites/${tokenOf(interpreter.invite.inviteUrl)}`);
    expect(stopped.status).toBe(410);
    expect(await stopped.json()).toMatchObject({ code: "invite-revoked" });
    expect((await api(`/api/invites/${tokenOf(invite.inviteUrl)}`)).status).toBe(200);
    const { body } = await listed(provider.cookie, appointment.id);
    expect(body.invitations.map((i) => [i.label, i.state])).toEqual([
      ["patient", "valid"],
      ["interpreter", "withdrawn"],
    ]);
    // Again: nothing changes, the same answer.
    expect((await withdraw(provider.cookie, interpreter.invitation.id)).status).toBe(200);
  });

  it("get a new link: the old one stops at once (its patient is told), the invitation keeps its label and place", async () => {
    const provider = await providerWithSession();
    const { appointment, invite } = await scheduled(provider.cookie);
    const [first] = (await listed(provider.cookie, appointment.id)).body.invitations;
    const relative = (await (await add(provider.cookie, appointment.id, "relative")).json()) as Issued;
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: provider.cookie });
    const ada = await openSocket("/api/ws/waiting", ticketed(await join(tokenOf(invite.inviteUrl), "Ada")));
    if (!("ws" in dashboard) || !("ws" in ada)) throw new Error("socket refused");
    await dashboard.listed(1);

    const res = await renew(provider.cookie, first!.id);
    expect(res.status).toBe(201);
    const renewed = (await res.json()) as Issued;
    expect(renewed.invitation).toMatchObject({ label: "patient", state: "valid" });
    expect(renewed.invitation.id).not.toBe(first!.id);
    expect((await ada.whenClosed()).code).toBe(CloseCode.revoked);
    expect((await api(`/api/invites/${tokenOf(invite.inviteUrl)}`)).status).toBe(410);
    expect((await api(`/api/invites/${tokenOf(renewed.invite.inviteUrl)}`)).status).toBe(200);
    // The new link opens the waiting room at once (the withdrawal of the old one does not hold it back).
    const again = await openSocket("/api/ws/waiting", ticketed(await join(tokenOf(renewed.invite.inviteUrl), "Ada")));
    if (!("ws" in again)) throw new Error("socket refused");
    expect((await dashboard.listed(1)).map((p) => p.label)).toEqual(["patient"]);

    const { body } = await listed(provider.cookie, appointment.id);
    expect(body.invitations.map((i) => [i.id, i.label])).toEqual([
      [renewed.invitation.id, "patient"],
      [relative.invitation.id, "relative"],
    ]);
    // The replaced link's invitation is no longer addressable; a withdrawn one can get a new link.
    expect((await renew(provider.cookie, first!.id)).status).toBe(404);
    await withdraw(provider.cookie, relative.invitation.id);
    expect((await renew(provider.cookie, relative.invitation.id)).status).toBe(201);
  });

  it("of someone else are answered 404 without a hint, and nothing is written", async () => {
    const owner = await providerWithSession();
    const colleague = await providerWithSession(undefined, { practiceId: owner.practiceId, role: "provider" });
    const stranger = await providerWithSession(undefined, { role: "admin" });
    const { appointment } = await scheduled(owner.cookie);
    const [first] = (await listed(owner.cookie, appointment.id)).body.invitations;
    const before = await rows(appointment.id);
    for (const other of [colleague, stranger]) {
      const answers = [
        await api(`/api/appointments/${appointment.id}/invitations`, { headers: { Cookie: other.cookie } }),
        await add(other.cookie, appointment.id, "mine"),
        await withdraw(other.cookie, first!.id),
        await renew(other.cookie, first!.id),
        await withdraw(other.cookie, crypto.randomUUID()),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(await answer.json()).toMatchObject({ code: "not-found" });
      }
    }
    expect(await rows(appointment.id)).toEqual(before);
  });

  it("of a cancelled appointment get neither a new invitation nor a new link", async () => {
    const provider = await providerWithSession();
    const { appointment } = await scheduled(provider.cookie);
    const [first] = (await listed(provider.cookie, appointment.id)).body.invitations;
    await api(`/api/appointments/${appointment.id}/cancel`, { method: "POST", headers: { Cookie: provider.cookie } });
    const before = await rows(appointment.id);
    for (const res of [
      await add(provider.cookie, appointment.id, "relative"),
      await renew(provider.cookie, first!.id),
    ]) {
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: "appointment-cancelled" });
    }
    expect(await rows(appointment.id)).toEqual(before);
  });
});
