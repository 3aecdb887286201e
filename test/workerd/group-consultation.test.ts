// A group consultation through the worker and the real Durable Objects: removal holds past eviction and
// in the waiting room, and after the end nothing of the group is left.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StoredGroup } from "../../durable-objects/consultation/group.ts";
import type { Consultation } from "../../durable-objects/index.ts";
import { CALL_THROTTLE } from "../../durable-objects/throttle.ts";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode, type ConsultationRole, type ServerMessage } from "../../schema/messages.ts";
import { invites } from "../../schema/tables.ts";
import { sha256Hex } from "../../worker/crypto.ts";
import { database } from "../../worker/db.ts";
import { api, appointmentWithInvite, connected, providerWithSession, ticketed } from "./helpers.ts";

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

/** A second invitation of the appointment, with a label, as the practice adds one on the appointment page. */
async function labelledInvitation(appointmentId: string, label: string): Promise<string> {
  const token = crypto.randomUUID().replaceAll("-", "").slice(0, 22);
  await database(env.DB)
    .insert(invites)
    .values({
      id: crypto.randomUUID(),
      appointmentId,
      tokenHash: await sha256Hex(token),
      validFrom: Date.now() - 60_000,
      validUntil: Date.now() + 3_600_000,
      label,
    });
  return token;
}

/** A waiting ticket for the person behind an invitation link, as the join page gets it. */
async function joinThrough(token: string, name: string): Promise<string> {
  const res = await api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  return ((await res.json()) as { ticket: string }).ticket;
}

/**
 * Ada admitted through the waiting room by her provider, whose dashboard stays open and who is in the
 * call (Ada's ticket is handed back, not used); `guest(n)` connects a further guest straight to the call
 * with a ticket of their own, as an earlier add would have minted it.
 */
async function admittedThroughWaitingRoom() {
  const provider = await providerWithSession();
  const { appointmentId, token } = await appointmentWithInvite(provider.id);
  const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
  await dashboard.next("queue");
  const waiting = await connected("/api/ws/waiting", ticketed(await joinThrough(token, "Ada Patient")));
  const [ada] = await dashboard.listed(1);
  dashboard.send({ type: "admit", patientId: ada!.id });
  const forPatient = await waiting.next("admitted");
  const forProvider = await dashboard.next("admitted");
  const { consultationId } = forPatient;
  const path = `/api/ws/consultation/${consultationId}`;
  const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
  await doctor.next("hello");
  const guestTicket = async (n: number) =>
    ticketed(
      await sealTicket(env.TICKET_SECRET, {
        kind: "consultation",
        consultationId,
        participantId: `guest-${n}`,
        providerId: provider.id,
        role: "guest",
        label: "relative",
        exp: Date.now() + 60 * 60_000,
      }),
    );
  const guest = async (n: number) => connected(path, await guestTicket(n));
  return { provider, appointmentId, token, dashboard, forPatient, consultationId, path, doctor, guest };
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

describe("a member of a full call whose connection dropped", () => {
  it("keeps their place: adding someone to four present and one away is refused as full, after eviction too; they come back, and pressing leave frees it", async () => {
    const { appointmentId, dashboard, forPatient, consultationId, path, doctor, guest } =
      await admittedThroughWaitingRoom();
    await connected(path, ticketed(forPatient.ticket));
    await guest(1);
    await guest(2);
    const eve = await guest(3);
    await doctor.until(inCall(5));
    let seen = doctor.received.length;
    eve.ws.close(1001, "network gone");
    await doctor.until(inCall(4), { since: seen });
    // Whose place is kept is in storage, not in the memory an eviction loses.
    await evictDurableObject(env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId)));

    const ivanToken = await labelledInvitation(appointmentId, "interpreter");
    let seenDesk = dashboard.received.length;
    const ivanWaiting = await connected("/api/ws/waiting", ticketed(await joinThrough(ivanToken, "Ivan")));
    const ivan = (await dashboard.next("arrived", seenDesk)).patient;
    expect(ivan.forCall).toBe(consultationId);
    seenDesk = dashboard.received.length;
    dashboard.send({ type: "add-to-call", patientId: ivan.id, consultationId });
    expect(await dashboard.next("error", seenDesk)).toMatchObject({ code: "full" });
    expect(ivanWaiting.closed).toBeUndefined();

    // Eve's page reconnects: there is her place.
    seen = doctor.received.length;
    const back = await guest(3);
    await doctor.until(inCall(5), { since: seen });
    // She leaves for good: now Ivan can be added.
    seen = doctor.received.length;
    back.send({ type: "leave" });
    await doctor.until(inCall(4), { since: seen });
    dashboard.send({ type: "add-to-call", patientId: ivan.id, consultationId });
    const added = await ivanWaiting.next("admitted");
    seen = doctor.received.length;
    await connected(path, ticketed(added.ticket));
    const everyone = await doctor.until(inCall(5), { since: seen });
    // Guests are known to the roster by role and label; their names go over the data channel only.
    expect(everyone.participants.filter((p) => p.role === "guest").map((p) => p.label)).toEqual(
      expect.arrayContaining(["interpreter", "relative"]),
    );
    expect(everyone.participants.filter((p) => p.role !== "provider" && "name" in p)).toEqual([]);
  });
});

describe("letting a patient back into their running consultation", () => {
  it("asks the consultation first: a locked call she was never in and a full one refuse with no ticket for her, and with room she is let back in", async () => {
    const { token, dashboard, path, doctor, guest } = await admittedThroughWaitingRoom();
    // Ada's page closed before she was in the call, and the moderator locked it.
    doctor.send({ type: "lock", locked: true });
    await doctor.until((m): m is ServerMessage => m.type === "presence" && m.locked);
    let seenDesk = dashboard.received.length;
    const back = await connected("/api/ws/waiting", ticketed(await joinThrough(token, "Ada Patient")));
    const returning = await dashboard.next("returning", seenDesk);
    seenDesk = dashboard.received.length;
    dashboard.send({ type: "let-back-in", patientId: returning.id });
    expect(await dashboard.next("error", seenDesk)).toMatchObject({ code: "locked" });

    let seen = doctor.received.length;
    doctor.send({ type: "lock", locked: false });
    const others = [await guest(1), await guest(2), await guest(3), await guest(4)];
    await doctor.until(inCall(5), { since: seen });
    seenDesk = dashboard.received.length;
    dashboard.send({ type: "let-back-in", patientId: returning.id });
    expect(await dashboard.next("error", seenDesk)).toMatchObject({ code: "full" });
    expect(back.received.filter((m) => m.type === "admitted")).toEqual([]);
    expect(back.closed).toBeUndefined();

    seen = doctor.received.length;
    others[0]!.send({ type: "leave" });
    await doctor.until(inCall(4), { since: seen });
    dashboard.send({ type: "let-back-in", patientId: returning.id });
    const admitted = await back.next("admitted");
    seen = doctor.received.length;
    const ada = await connected(path, ticketed(admitted.ticket));
    expect((await ada.next("hello")).role).toBe("patient");
    await doctor.until(inCall(5), { since: seen });
  });
});

describe("admitting first someone who came through a labelled invitation", () => {
  it("gives the interpreter a guest's ticket with the label, not the patient's: the call shows them so", async () => {
    const provider = await providerWithSession();
    const { appointmentId } = await appointmentWithInvite(provider.id);
    const ivanToken = await labelledInvitation(appointmentId, "interpreter");
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    await dashboard.next("queue");
    const waiting = await connected("/api/ws/waiting", ticketed(await joinThrough(ivanToken, "Ivan")));
    const [ivan] = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: ivan!.id });
    const forIvan = await waiting.next("admitted");
    const forProvider = await dashboard.next("admitted");
    const path = `/api/ws/consultation/${forIvan.consultationId}`;
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    const guest = await connected(path, ticketed(forIvan.ticket));
    expect((await guest.next("hello")).role).toBe("guest");
    const both = await doctor.until(inCall(2));
    expect(both.participants.find((p) => p.role === "guest")).toMatchObject({ role: "guest", label: "interpreter" });
  });
});

describe("a flood of signaling into a consultation", () => {
  it("relays a burst as large as joining a call of five, refuses a flood once with rate-limited without relaying it, and closes a socket that keeps on with 4008", async () => {
    const { path, tickets } = await groupCall();
    const doctor = await connected(path, tickets.provider);
    const ada = await connected(path, tickets.patient);
    const both = await doctor.until(inCall(2));
    const id = (role: ConsultationRole) => both.participants.find((p) => p.role === role)!.id;
    const ice = (to: string, n: number) => ({
      type: "ice",
      to,
      candidate: { candidate: `candidate:${n} 1 udp 2122260223 192.0.2.1 5000${n % 10} typ host`, sdpMid: "0" },
    });
    const relayed = (socket: { received: ServerMessage[] }) => socket.received.filter((m) => m.type === "ice").length;

    // Four peers' candidates at once, as the moderator's page joining a full call sends them.
    const burst = 4 * 42;
    for (let n = 0; n < burst; n++) doctor.send(ice(id("patient"), n));
    while (relayed(ada) < burst) await ada.messages(ada.received.length + 1);
    expect(doctor.received.filter((m) => m.type === "error")).toEqual([]);

    // Twice what closes it: the bucket refills a little while the object works through the flood.
    const flood = 2 * (CALL_THROTTLE.burst + CALL_THROTTLE.closeAfter);
    const started = Date.now();
    for (let n = 0; n < flood; n++) ada.send(ice(id("provider"), n));
    expect((await ada.whenClosed()).code).toBe(CloseCode.flooded);
    const seconds = (Date.now() - started) / 1000;
    expect(ada.received.filter((m) => m.type === "error")).toEqual([
      { type: "error", code: "rate-limited", message: expect.any(String) },
    ]);
    // What was relayed arrived before the presence without her.
    await doctor.until(inCall(1));
    expect(relayed(doctor)).toBeGreaterThanOrEqual(CALL_THROTTLE.burst);
    expect(relayed(doctor)).toBeLessThanOrEqual(CALL_THROTTLE.burst + CALL_THROTTLE.perSecond * Math.ceil(seconds));
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
    expect(arrived.patient).toMatchObject({ label: "interpreter", forCall: consultationId });

    dashboard.send({ type: "add-to-call", patientId: arrived.patient.id, consultationId });
    const added = await interpreterWaiting.next("admitted");
    expect(added.consultationId).toBe(consultationId);
    expect((await interpreterWaiting.whenClosed()).code).toBe(CloseCode.admitted);

    const ivan = await connected(path, ticketed(added.ticket));
    const everyone = await doctor.until(inCall(3));
    expect(everyone.participants.find((p) => p.role === "guest")).toMatchObject({
      role: "guest",
      label: "interpreter",
      moderator: false,
    });
    expect((await ivan.next("hello")).role).toBe("guest");
  });
});
