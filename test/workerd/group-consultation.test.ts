// A group consultation through the worker and the real Durable Objects: removal holds past eviction and
// in the waiting room, and after the end nothing of the group is left.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StoredGroup } from "../../durable-objects/consultation/group.ts";
import type { Consultation } from "../../durable-objects/index.ts";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode, type ConsultationRole, type ServerMessage } from "../../schema/messages.ts";
import { invites } from "../../schema/tables.ts";
import { sha256Hex } from "../../worker/crypto.ts";
import { database } from "../../worker/db.ts";
import { api, appointmentWithInvite, openSocket, providerWithSession, ticketed } from "./helpers.ts";

async function connected(path: string, headers: Record<string, string> = {}) {
  const socket = await openSocket(path, headers);
  if (!("ws" in socket)) throw new Error(`socket refused: ${socket.status}`);
  return socket;
}

const inCall =
  (count: number) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: "presence" }> =>
    m.type === "presence" && m.participants.length === count;

/** What the consultation object still holds: open sockets, storage and alarm. */
function leftIn(consultationId: string) {
  const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId));
  return runInDurableObject(stub, async (_object: Consultation, state) => ({
    sockets: state.getWebSockets().length,
    stored: Object.fromEntries(await state.storage.list()),
    alarm: await state.storage.getAlarm(),
  }));
}

/**
 * A consultation opened as the waiting room opens one (length and moderator first), with tickets for
 * its provider, a patient and an interpreter, as later admissions will mint them.
 */
async function groupCall() {
  const provider = await providerWithSession();
  const consultationId = crypto.randomUUID();
  const endsAt = Date.now() + 60 * 60_000;
  const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId));
  await stub.open(endsAt, provider.id);
  const ticket = (role: ConsultationRole, participantId: string, label?: string) =>
    sealTicket(env.TICKET_SECRET, {
      kind: "consultation",
      consultationId,
      participantId,
      providerId: provider.id,
      role,
      name: role === "provider" ? "Dr. Who" : role === "patient" ? "Ada" : "Grace",
      ...(label === undefined ? {} : { label }),
      exp: endsAt,
    });
  const path = `/api/ws/consultation/${consultationId}`;
  const tickets = {
    provider: { ...ticketed(await ticket("provider", provider.id)), Cookie: provider.cookie },
    patient: ticketed(await ticket("patient", "invite-1")),
    guest: ticketed(await ticket("guest", "invite-2", "interpreter")),
  };
  return { provider, consultationId, stub, path, tickets };
}

describe("a group consultation", () => {
  it("refuses a removed participant's ticket with 4013, also after the object was evicted, and after the end holds only that it ended", async () => {
    const { consultationId, stub, path, tickets } = await groupCall();
    const doctor = await connected(path, tickets.provider);
    const ada = await connected(path, tickets.patient);
    const grace = await connected(path, tickets.guest);
    const everyone = await doctor.until(inCall(3));
    expect(everyone.participants.find((p) => p.role === "guest")).toMatchObject({
      name: "Grace",
      label: "interpreter",
      moderator: false,
    });
    expect(everyone.participants.find((p) => p.role === "provider")?.moderator).toBe(true);

    const guestId = everyone.participants.find((p) => p.role === "guest")!.id;
    const seen = ada.received.length;
    doctor.send({ type: "remove", to: guestId });
    expect(await grace.next("ended")).toEqual({ type: "ended", reason: "removed" });
    expect((await grace.whenClosed()).code).toBe(CloseCode.removed);
    await ada.until(inCall(2), { since: seen });

    await evictDurableObject(stub);
    const again = await connected(path, tickets.guest);
    expect((await again.whenClosed()).code).toBe(CloseCode.removed);
    expect(again.received).toEqual([{ type: "ended", reason: "removed" }]);

    doctor.send({ type: "end" });
    expect((await ada.whenClosed()).code).toBe(CloseCode.ended);
    const left = await leftIn(consultationId);
    const ticketExpiry = left.stored["record:ended"];
    expect(left).toEqual({ sockets: 0, stored: { "record:ended": ticketExpiry }, alarm: ticketExpiry });
  });

  it("refuses a guest's moderation with the room unchanged, and a provider's hand-over to someone not in the call", async () => {
    const { path, tickets } = await groupCall();
    const doctor = await connected(path, tickets.provider);
    const ada = await connected(path, tickets.patient);
    const grace = await connected(path, tickets.guest);
    const everyone = await doctor.until(inCall(3));
    await ada.until(inCall(3));
    const seen = ada.received.length;
    const adaId = everyone.participants.find((p) => p.role === "patient")!.id;
    grace.send({ type: "remove", to: adaId });
    expect(await grace.next("error")).toMatchObject({ code: "forbidden" });
    doctor.send({ type: "make-moderator", to: adaId });
    expect(await doctor.next("error")).toMatchObject({ code: "forbidden" });
    expect(ada.closed).toBeUndefined();
    // Nothing changed, so nobody heard of a change.
    expect(ada.received.slice(seen)).toEqual([]);
  });
});

describe("a consultation whose moderator's connection dropped", () => {
  it("waits for them by its alarm, after eviction too, then announces the grace period to those still in it", async () => {
    const { consultationId, stub, path, tickets } = await groupCall();
    const doctor = await connected(path, tickets.provider);
    const ada = await connected(path, tickets.patient);
    await doctor.until(inCall(2));
    const seen = ada.received.length;
    doctor.ws.close(1001, "network gone");
    await ada.until(inCall(1), { since: seen });

    // The object set its alarm for the moderator's return, well before the time limit's warning.
    const waiting = await leftIn(consultationId);
    const away = (waiting.stored.group as StoredGroup).awayUntil;
    expect(away).toBeGreaterThan(Date.now());
    expect(waiting.alarm).toBe(away);

    // Instead of waiting two minutes, their time to come back moves into the past; the object sleeps and
    // wakes to its alarm.
    await runInDurableObject(stub, async (_object: Consultation, state) => {
      const group = (await state.storage.get<StoredGroup>("group"))!;
      await state.storage.put("group", { ...group, awayUntil: Date.now() - 1 });
    });
    await evictDurableObject(stub);
    await runDurableObjectAlarm(stub);
    const announced = await ada.until(
      (m): m is Extract<ServerMessage, { type: "presence" }> => m.type === "presence" && m.graceEndsAt !== undefined,
    );
    expect(announced.graceEndsAt).toBeGreaterThan(Date.now());
  });
});

describe("a patient removed from their consultation", () => {
  it("cannot come back to it through their link while it runs: the waiting room closes with 4013", async () => {
    const provider = await providerWithSession();
    const { token } = await appointmentWithInvite(provider.id);
    const join = async () => {
      const res = await api(`/api/invites/${token}/join`, {
        method: "POST",
        body: JSON.stringify({ name: "Ada Patient", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
      });
      return ((await res.json()) as { ticket: string }).ticket;
    };
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    await dashboard.next("queue");
    const waiting = await connected("/api/ws/waiting", ticketed(await join()));
    const [ada] = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: ada!.id });
    const forPatient = await waiting.next("admitted");
    const forProvider = await dashboard.next("admitted");
    const path = `/api/ws/consultation/${forPatient.consultationId}`;
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    const sick = await connected(path, ticketed(forPatient.ticket));
    const both = await doctor.until(inCall(2));
    // The provider who admitted the patient moderates: removing works.
    doctor.send({ type: "remove", to: both.participants.find((p) => p.role === "patient")!.id });
    expect((await sick.whenClosed()).code).toBe(CloseCode.removed);

    const back = await connected("/api/ws/waiting", ticketed(await join()));
    expect((await back.whenClosed()).code).toBe(CloseCode.removed);
    expect(back.received).toEqual([]);
    expect(dashboard.waitingList()).toEqual([]);
  });
});

describe("adding an interpreter to a running consultation", () => {
  it("gives the interpreter of the same appointment a guest's ticket for that same consultation, and everyone sees the label", async () => {
    const provider = await providerWithSession();
    const { appointmentId, token } = await appointmentWithInvite(provider.id);
    // A second invitation of the appointment, labelled, as the practice adds one on the appointment page.
    const interpreterToken = crypto.randomUUID().replaceAll("-", "").slice(0, 22);
    await database(env.DB)
      .insert(invites)
      .values({
        id: crypto.randomUUID(),
        appointmentId,
        tokenHash: await sha256Hex(interpreterToken),
        validFrom: Date.now() - 60_000,
        validUntil: Date.now() + 3_600_000,
        label: "interpreter",
      });
    const join = async (linkToken: string, name: string) => {
      const res = await api(`/api/invites/${linkToken}/join`, {
        method: "POST",
        body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
      });
      return ((await res.json()) as { ticket: string }).ticket;
    };
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    await dashboard.next("queue");
    const waiting = await connected("/api/ws/waiting", ticketed(await join(token, "Ada Patient")));
    const [ada] = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: ada!.id });
    const forPatient = await waiting.next("admitted");
    const forProvider = await dashboard.next("admitted");
    const { consultationId } = forPatient;
    const path = `/api/ws/consultation/${consultationId}`;
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    await connected(path, ticketed(forPatient.ticket));
    await doctor.until(inCall(2));

    // The interpreter waits, marked for the running call of their appointment.
    const seen = dashboard.received.length;
    const interpreterWaiting = await connected("/api/ws/waiting", ticketed(await join(interpreterToken, "Ivan")));
    const arrived = await dashboard.next("arrived", seen);
    expect(arrived.patient).toMatchObject({ name: "Ivan", label: "interpreter", forCall: consultationId });

    dashboard.send({ type: "add-to-call", patientId: arrived.patient.id, consultationId });
    const added = await interpreterWaiting.next("admitted");
    expect(added.consultationId).toBe(consultationId);
    expect((await interpreterWaiting.whenClosed()).code).toBe(CloseCode.admitted);

    const ivan = await connected(path, ticketed(added.ticket));
    const everyone = await doctor.until(inCall(3));
    expect(everyone.participants.find((p) => p.name === "Ivan")).toMatchObject({
      role: "guest",
      label: "interpreter",
      moderator: false,
    });
    expect((await ivan.next("hello")).role).toBe("guest");
  });
});
