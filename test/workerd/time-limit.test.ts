// A consultation ends at its practice's maximum length: everyone is warned 5 minutes before, the
// Consultation object's alarm ends it, and then the object holds nothing.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Consultation } from "../../durable-objects/index.ts";
import { openTicket, sealTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CONSULTATION_WARNING_MS } from "../../schema/limits.ts";
import { CloseCode } from "../../schema/messages.ts";
import { api, appointmentWithInvite, connected, providerWithSession, reachTimeLimit, ticketed } from "./helpers.ts";

/** What the consultation object still holds: open sockets, storage and alarm. */
function leftIn(consultationId: string) {
  const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId));
  return runInDurableObject(stub, async (_object: Consultation, state) => ({
    sockets: state.getWebSockets().length,
    stored: Object.fromEntries(await state.storage.list()),
    alarm: await state.storage.getAlarm(),
  }));
}

describe("a consultation's time limit", () => {
  it("comes from the practice's setting: the waiting room tells the consultation, and its tickets end then", async () => {
    const provider = await providerWithSession();
    const set = await api("/api/practice", {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ consultationLimitMinutes: 15 }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ consultationLimitMinutes: 15 });
    const { appointmentId, token } = await appointmentWithInvite(provider.id);
    const join = await api(`/api/invites/${token}/join`, {
      method: "POST",
      body: JSON.stringify({ name: "Ada Patient", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    });
    const { ticket } = (await join.json()) as { ticket: string };
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    const patient = await connected("/api/ws/waiting", ticketed(ticket));
    const patients = await dashboard.listed(1);
    const before = Date.now();
    dashboard.send({ type: "admit", patientId: patients[0]?.id });
    const admitted = await patient.next("admitted");
    const opened = await openTicket(env.TICKET_SECRET, admitted.ticket);
    if (opened?.kind !== "consultation") throw new Error("no consultation ticket");
    expect(opened.exp).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(opened.exp).toBeLessThan(before + 16 * 60_000);

    // Before anyone joins, the consultation knows its end, its moderator (the admitting provider), its
    // appointment (for "Invite someone") and the waiting room to tell at its end, and its alarm is set to
    // the warning 5 minutes before the end: none of it passes through the browsers.
    expect(await leftIn(admitted.consultationId)).toEqual({
      sockets: 0,
      stored: {
        "ends-at": opened.exp,
        group: { moderator: provider.id, appointmentId, locked: false, removed: [], members: [] },
        "tell-at-end": { room: provider.id, consultationId: admitted.consultationId },
      },
      alarm: opened.exp - CONSULTATION_WARNING_MS,
    });
  });

  it("rejects a length outside 15 minutes to 8 hours", async () => {
    const provider = await providerWithSession();
    for (const minutes of [14, 481, 60.5]) {
      const res = await api("/api/practice", {
        method: "PATCH",
        headers: { Cookie: provider.cookie },
        body: JSON.stringify({ consultationLimitMinutes: minutes }),
      });
      expect(res.status).toBe(400);
    }
  });

  it("warns both sides, ends the call for both at the limit by the alarm, and then holds nothing", async () => {
    const provider = await providerWithSession();
    const consultationId = crypto.randomUUID();
    // Tickets as admission hands them out, for a call within a minute of its limit: inside the warning
    // time, and far enough off that no slow machine reaches it before both sides are in.
    const endsAt = Date.now() + 60_000;
    const ticket = (role: "provider" | "patient") =>
      sealTicket(env.TICKET_SECRET, {
        kind: "consultation",
        consultationId,
        participantId: role === "provider" ? provider.id : "invite-1",
        providerId: provider.id,
        role,
        name: role === "provider" ? "Dr. Who" : "Ada",
        exp: endsAt,
      });
    // As admission does it: the waiting room tells the consultation its length first, and to tell it at the end.
    const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId));
    await stub.open(endsAt, undefined, undefined, { room: provider.id, consultationId });
    const path = `/api/ws/consultation/${consultationId}`;
    const doctor = await connected(path, { ...ticketed(await ticket("provider")), Cookie: provider.cookie });
    const sick = await connected(path, ticketed(await ticket("patient")));
    // Within the last 5 minutes: the warning comes right after the greeting.
    expect(await doctor.next("time-warning")).toEqual({ type: "time-warning", endsAt });
    expect(await sick.next("time-warning")).toEqual({ type: "time-warning", endsAt });

    // The limit passes: instead of waiting a minute, the end the object keeps (and the tickets' expiry in
    // the sockets' attachments) move into the past, and the object hibernates and wakes to the alarm.
    await reachTimeLimit(stub);
    for (const socket of [doctor, sick]) {
      expect(await socket.next("ended")).toEqual({ type: "ended", reason: "time-limit" });
      expect((await socket.whenClosed()).code).toBe(CloseCode.ended);
    }

    // The record that it ended lasts only as long as its tickets, which expired with it; the room was told
    // at the end, and what to tell is gone with it.
    await runDurableObjectAlarm(stub);
    expect(await leftIn(consultationId)).toEqual({ sockets: 0, stored: {}, alarm: null });
  });
});
