import { describe, expect, it } from "vitest";
import { applyQueueMessage } from "../../client/src/waiting/queue-list.ts";
import { memorySet } from "../../durable-objects/expiring-set.ts";
import {
  type Admission,
  type CallState,
  type PatientAttachment,
  POSITION_INTERVAL_MS,
  type WaitingAttachment,
  WaitingRoomQueue,
} from "../../durable-objects/waiting-room/queue.ts";
import type { WaitingTicket } from "../../schema/identity.ts";
import { WAITING_GRACE_MS } from "../../schema/limits.ts";
import { CloseCode, type ServerMessage, type WaitingPatient } from "../../schema/messages.ts";
import { DEFAULT_WAITING_ROOM_SETTINGS } from "../../schema/room-settings.ts";
import { type FakeSocket, FakeSockets } from "./fake-socket.ts";

const TICKETS_EXPIRE_AT = 5_000_000;
const SESSION_EXPIRES_AT = 4_000_000;
const IDLE_LIMIT_MS = 3_600_000;
const DENY_PAUSE_MS = 300_000;

/**
 * A room with fake sockets and a fake clock (`clock.now`; `tick(ms)` also runs what the room scheduled);
 * with `slowMinting`, tickets are ready only once `finishMinting()` is called; with `failMinting`,
 * minting throws.
 */
function room(
  options: {
    slowMinting?: boolean;
    failMinting?: boolean;
    sockets?: FakeSockets<WaitingAttachment>;
    /** Consultations say where each patient stands ("<consultation id>/<invite id>" → state); away when unsaid. */
    callStates?: Map<string, CallState>;
  } = {},
) {
  const sockets = options.sockets ?? new FakeSockets<WaitingAttachment>();
  const admissions: Admission[] = [];
  const sealed: WaitingTicket[] = [];
  const clock = { now: 1_000 };
  let scheduled: Array<{ at: number; task: () => void }> = [];
  let finishMinting = () => {};
  const mintingDone = options.slowMinting ? new Promise<void>((resolve) => (finishMinting = resolve)) : undefined;
  let ids = 0;
  const sets = { admitted: memorySet(), consultations: memorySet(), away: memorySet(), denied: memorySet() };
  const callStates = options.callStates;
  /** Tickets minted for a running consultation: who, into which consultation, until when. */
  const returnTickets: Array<{ consultationId: string; participant: string; until: number }> = [];
  const returns = callStates && {
    calls: memorySet(),
    state: async (consultationId: string, inviteId: string) =>
      callStates.get(`${consultationId}/${inviteId}`) ?? ("away" as const),
    mintTicket: async (call: { consultationId: string; until: number }, patient: PatientAttachment) => {
      returnTickets.push({ consultationId: call.consultationId, participant: patient.inviteId, until: call.until });
      return `back-into-${call.consultationId}`;
    },
  };
  /** Connections the room is still settling (a link checked against its running consultation). */
  const settling: Array<void | Promise<void>> = [];
  const queue = new WaitingRoomQueue(
    sockets.list,
    async (admission) => {
      admissions.push(admission);
      await mintingDone;
      if (options.failMinting) throw new Error("the ticket secret is unusable");
      return {
        provider: "ticket-for-provider",
        patient: `ticket-for-${admission.patient.name}`,
        expiresAt: TICKETS_EXPIRE_AT,
      };
    },
    async (ticket) => {
      sealed.push(ticket);
      return `sealed-${ticket.providerId}-${ticket.waitingSince}`;
    },
    {
      ...sets,
      ...(returns ? { returns } : {}),
      settings: () => ({ ...DEFAULT_WAITING_ROOM_SETTINGS, idleLimitMs: IDLE_LIMIT_MS, denyPauseMs: DENY_PAUSE_MS }),
      now: () => clock.now,
      newId: () => `consultation-${++ids}`,
      later: (task, ms) => scheduled.push({ at: clock.now + ms, task }),
    },
  );
  /** Lets `ms` pass, running whatever the room scheduled until then. */
  const tick = (ms = POSITION_INTERVAL_MS) => {
    clock.now += ms;
    const due = scheduled.filter((s) => s.at <= clock.now);
    scheduled = scheduled.filter((s) => s.at > clock.now);
    for (const { task } of due) task();
  };
  let serial = 0;
  const connect = (attachment: WaitingAttachment) => {
    const socket = sockets.add(attachment);
    settling.push(queue.connected(socket));
    return socket;
  };
  const provider = (sessionHash = "session-1", providerId = "prov") =>
    connect({
      role: "provider",
      providerId,
      name: "Dr. Who",
      connectionId: `prov-${sessionHash}-${++serial}`,
      sessionHash,
      sessionExpiresAt: SESSION_EXPIRES_AT,
      colleagues: [{ id: "colleague", name: "Dr. Two" }],
    });
  const patient = (name: string, more: Partial<PatientAttachment> = {}) =>
    connect({
      role: "patient",
      providerId: "prov",
      room: "prov",
      appointmentId: `appt-${name}`,
      inviteId: `invite-${name}`,
      ticketId: `ticket-${name}`,
      name,
      connectionId: `conn-${name}-${++serial}`,
      waitingSince: clock.now,
      issuedAt: clock.now,
      ticketExpiresAt: TICKETS_EXPIRE_AT,
      appointment: { title: `Check-up ${name}`, startsAt: 0 },
      ...more,
    });
  /** Text and binary frames go as they are; anything else as JSON. */
  const send = (socket: FakeSocket<WaitingAttachment>, message: unknown) =>
    queue.received(
      socket,
      typeof message === "string" || message instanceof ArrayBuffer ? message : JSON.stringify(message),
    );
  /** Lets the clock move on by a second between arrivals, so that their order is plain. */
  const later = (ms = 1_000) => (clock.now += ms);
  return {
    queue,
    sockets,
    sets,
    admissions,
    sealed,
    clock,
    tick,
    later,
    provider,
    patient,
    send,
    returnTickets,
    /** Waits until every connection so far has been placed or refused. */
    settled: () => Promise.all(settling.splice(0)),
    finishMinting: () => finishMinting(),
  };
}

/** The provider's list as their page keeps it from the messages. */
function listOf(socket: FakeSocket<WaitingAttachment>): string[] {
  let list: readonly WaitingPatient[] = [];
  for (const message of socket.sent) list = applyQueueMessage(list, message);
  return list.map((p) => p.name);
}

const idOf = (socket: FakeSocket<WaitingAttachment>) => socket.attachment.connectionId;
const positionOf = (socket: FakeSocket<WaitingAttachment>) => socket.last("position")?.position;
const ofType = (socket: FakeSocket<WaitingAttachment>, type: ServerMessage["type"]) =>
  socket.sent.filter((m) => m.type === type);

describe("the waiting room: order and positions", () => {
  it("shows the provider everyone waiting, in order of arrival, with the appointment they came for", () => {
    const { provider, patient, later } = room();
    patient("Ada");
    later();
    const dr = provider();
    patient("Bo");
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
    expect(dr.last("arrived")?.patient).toMatchObject({
      name: "Bo",
      appointment: { title: "Check-up Bo" },
      device: null,
      onHold: false,
    });
  });

  it("sends a provider one small message per arrival and departure, never the whole list again", async () => {
    const { provider, patient, send, later } = room();
    const dr = provider();
    const waiting = Array.from({ length: 20 }, (_, i) => {
      later();
      return patient(`P${i}`);
    });
    const before = dr.sent.length;
    patient("Late");
    expect(dr.sent.slice(before)).toEqual([expect.objectContaining({ type: "arrived" })]);
    const seen = dr.sent.length;
    await send(waiting[3]!, { type: "leave" });
    expect(dr.sent.slice(seen)).toEqual([{ type: "departed", id: idOf(waiting[3]!) }]);
    expect(ofType(dr, "queue")).toHaveLength(1);
  });

  it("tells each patient their own place at once, and later places only to those whose place changed", async () => {
    const { provider, patient, send, tick, later } = room();
    provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    later();
    const cy = patient("Cy");
    expect([positionOf(ada), positionOf(bo), positionOf(cy)]).toEqual([1, 2, 3]);
    tick();
    // Arrivals at the end move nobody.
    expect(ofType(ada, "position")).toHaveLength(1);
    await send(bo, { type: "leave" });
    tick();
    expect(ofType(ada, "position")).toHaveLength(1);
    expect(ofType(cy, "position").map((m) => m.type === "position" && m.position)).toEqual([3, 2]);
  });

  it("coalesces many changes into one position update per patient", async () => {
    const { provider, patient, send, tick, later } = room();
    provider();
    const ahead = Array.from({ length: 10 }, (_, i) => {
      later();
      return patient(`A${i}`);
    });
    later();
    const last = patient("Last");
    tick();
    for (const socket of ahead) await send(socket, { type: "leave" });
    // Ten departures before the room's next update: one message.
    tick();
    tick();
    expect(ofType(last, "position").map((m) => m.type === "position" && m.position)).toEqual([11, 1]);
  });

  it("never tells a patient anyone else's name or how many wait behind them", () => {
    const { provider, patient, later } = room();
    provider();
    const ada = patient("Ada");
    later();
    patient("Bo");
    const types = new Set(ada.sent.map((m) => m.type));
    expect([...types].sort()).toEqual(["hello", "position", "room-status"]);
    expect(JSON.stringify(ada.sent)).not.toContain("Bo");
  });
});

describe("the waiting room: reconnecting", () => {
  it("replaces a patient's older connection when they connect again with the same invite", () => {
    const { provider, patient } = room();
    const dr = provider();
    const first = patient("Ada");
    patient("Ada");
    expect(first.closed?.code).toBe(CloseCode.replaced);
    expect(listOf(dr)).toEqual(["Ada"]);
  });

  it("brings a patient who dropped back to their place within the grace period", () => {
    const { queue, sockets, provider, patient, clock, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later();
    patient("Bo");
    later(10 * 60_000);
    sockets.remove(ada);
    queue.disconnected(ada);
    expect(listOf(dr)).toEqual(["Bo"]);
    clock.now += WAITING_GRACE_MS - 1_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(positionOf(back)).toBe(1);
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
  });

  it("keeps the place of a patient who dropped, so that those behind do not move up and back", () => {
    const { queue, sockets, provider, patient, clock, later, tick } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later();
    const bo = patient("Bo");
    tick();
    const positionsOfBo = () => bo.sent.filter((m) => m.type === "position").map((m) => m.position);
    expect(positionsOfBo()).toEqual([2]);
    sockets.remove(ada);
    queue.disconnected(ada);
    tick();
    // Nobody can admit Ada while she is away; Bo stays second and is told nothing new.
    expect(listOf(dr)).toEqual(["Bo"]);
    expect(positionsOfBo()).toEqual([2]);
    clock.now += 30_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    tick();
    expect(positionOf(back)).toBe(1);
    expect(positionsOfBo()).toEqual([2]);
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
  });

  it("keeps one place per link: a page back with the newer ticket it was handed takes the kept place", () => {
    const { queue, sockets, provider, patient, tick } = room();
    const dr = provider();
    const ada = patient("Ada");
    sockets.remove(ada);
    queue.disconnected(ada);
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    const back = patient("Ada", { ticketId: "ticket-Ada-newer", waitingSince: since, issuedAt: since });
    tick();
    expect(positionOf(back)).toBe(1);
    expect(listOf(dr)).toEqual(["Ada"]);
    expect(queue.waiting).toBe(1);
    const bo = patient("Bo");
    expect(positionOf(bo)).toBe(2);
  });

  it("gives the place up when the grace period ends: those behind move up", () => {
    const { queue, sockets, provider, patient, clock, later, tick } = room();
    provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += WAITING_GRACE_MS + 1_000;
    queue.expire();
    tick();
    expect(positionOf(bo)).toBe(1);
  });

  it("admits next the first patient who is there, not one whose page is reconnecting", async () => {
    const { queue, sockets, send, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    sockets.remove(ada);
    queue.disconnected(ada);
    await send(dr, { type: "admit-next" });
    expect(bo.last("admitted")).toBeDefined();
  });

  it("puts a patient at the end who comes back after the grace period, and hands them a ticket for it", async () => {
    const { queue, sockets, provider, patient, clock, sealed, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later();
    patient("Bo");
    later(10 * 60_000);
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += WAITING_GRACE_MS + 1_000;
    queue.expire();
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(positionOf(back)).toBe(2);
    expect(listOf(dr)).toEqual(["Bo", "Ada"]);
    await Promise.resolve();
    expect(sealed).toEqual([expect.objectContaining({ inviteId: "invite-Ada", waitingSince: clock.now })]);
    expect(back.last("ticket")).toEqual({ type: "ticket", ticket: `sealed-prov-${clock.now}` });
  });

  it("keeps the place of a freshly issued ticket, such as one handed over by a colleague", () => {
    const { provider, patient, later } = room();
    const dr = provider();
    later();
    patient("Bo");
    // Waiting since long ago, moved here just now: ahead of Bo.
    patient("Ada", { waitingSince: 10 });
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
  });

  it("admits a patient who reconnected during admission on their new connection", async () => {
    const { send, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const first = patient("Ada");
    const admitting = send(dr, { type: "admit", patientId: idOf(first) });
    const second = patient("Ada");
    finishMinting();
    await admitting;
    expect(first.last("admitted")).toBeUndefined();
    expect(second.last("admitted")?.consultationId).toBe("consultation-1");
    expect(dr.last("admitted")?.consultationId).toBe("consultation-1");
  });

  it("rebuilds the queue from the sockets after hibernation, without telling anyone again", () => {
    const sockets = new FakeSockets<WaitingAttachment>();
    const first = room({ sockets });
    const dr = first.provider();
    const ada = first.patient("Ada");
    first.later();
    const bo = first.patient("Bo");
    first.tick();
    const sentBefore = [ada.sent.length, bo.sent.length];
    // A new object over the same sockets, as after eviction.
    const woken = room({ sockets });
    expect(woken.queue.waiting).toBe(2);
    const other = woken.provider("session-2");
    expect(listOf(other)).toEqual(["Ada", "Bo"]);
    woken.tick();
    expect([ada.sent.length, bo.sent.length]).toEqual(sentBefore);
    // And the room goes on: Ada leaves, Bo is told he is first.
    void woken.send(ada, { type: "leave" });
    woken.tick();
    expect(positionOf(bo)).toBe(1);
    expect(listOf(dr)).toEqual(["Bo"]);
  });
});

describe("the waiting room: what providers do", () => {
  it("admits a patient: both get tickets to the same consultation, and the provider shows as busy", async () => {
    const { send, provider, patient, admissions, tick, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(ada.last("admitted")).toEqual({
      type: "admitted",
      consultationId: "consultation-1",
      ticket: "ticket-for-Ada",
    });
    expect(ada.closed?.code).toBe(CloseCode.admitted);
    expect(dr.last("admitted")).toEqual({
      type: "admitted",
      consultationId: "consultation-1",
      ticket: "ticket-for-provider",
    });
    expect(listOf(dr)).toEqual(["Bo"]);
    tick();
    expect(positionOf(bo)).toBe(1);
    expect(bo.last("room-status")).toEqual({ type: "room-status", status: "busy", message: null });
    expect(admissions).toHaveLength(1);
  });

  it("admits whoever has waited longest and is not on hold with admit-next", async () => {
    const { send, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Lab results first" });
    await send(dr, { type: "admit-next" });
    expect(bo.last("admitted")).toBeDefined();
    expect(ada.closed).toBeUndefined();
    await send(dr, { type: "admit-next" });
    expect(dr.last("error")?.code).toBe("not-found");
  });

  it("denies a patient with the practice's message; the link may ask again only after the pause", async () => {
    const { send, provider, patient, clock, queue } = room();
    const dr = provider();
    const ada = patient("Ada");
    await send(dr, { type: "deny", patientId: idOf(ada), message: "Please call the practice." });
    expect(ada.last("denied")).toEqual({
      type: "denied",
      message: "Please call the practice.",
      retryAt: clock.now + DENY_PAUSE_MS,
    });
    expect(ada.closed?.code).toBe(CloseCode.denied);
    expect(listOf(dr)).toEqual([]);
    const tooSoon = patient("Ada", { ticketId: "ticket-2" });
    expect(tooSoon.last("denied")).toEqual({ type: "denied", message: null, retryAt: clock.now + DENY_PAUSE_MS });
    expect(tooSoon.closed?.code).toBe(CloseCode.denied);
    clock.now += DENY_PAUSE_MS;
    queue.expire();
    expect(patient("Ada", { ticketId: "ticket-3" }).closed).toBeUndefined();
  });

  it("puts a patient on hold with a message: they stay, and providers see it", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Your test results are not in yet." });
    expect(ada.last("on-hold")).toEqual({ type: "on-hold", message: "Your test results are not in yet." });
    expect(ada.closed).toBeUndefined();
    expect(dr.last("updated")?.patient).toMatchObject({ name: "Ada", onHold: true });
  });

  it("releases a hold: the patient is told, providers see it, admit-next takes them, and a reload does not hold them again", async () => {
    const { queue, sockets, send, provider, patient, clock } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Lab results first" });
    await send(dr, { type: "release", patientId: idOf(ada) });
    expect(ada.last("hold-released")).toEqual({ type: "hold-released" });
    expect(dr.last("updated")?.patient).toMatchObject({ name: "Ada", onHold: false });
    // A second release (a colleague at the same moment) tells nobody anything.
    const told = ada.sent.length;
    await send(dr, { type: "release", patientId: idOf(ada) });
    expect(ada.sent.length).toBe(told);
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += 30_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(back.last("on-hold")).toBeUndefined();
    expect(dr.last("arrived")?.patient).toMatchObject({ name: "Ada", onHold: false });
    await send(dr, { type: "admit-next" });
    expect(back.last("admitted")).toBeDefined();
  });

  it("keeps a hold, with its message, when the patient's page drops and comes back within the grace period", async () => {
    const { queue, sockets, send, provider, patient, clock, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later(10 * 60_000);
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Lab results first" });
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += 30_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(back.last("on-hold")).toEqual({ type: "on-hold", message: "Lab results first" });
    expect(dr.last("arrived")?.patient).toMatchObject({ name: "Ada", onHold: true });
    // Admit next still passes over her.
    await send(dr, { type: "admit-next" });
    expect(back.last("admitted")).toBeUndefined();
  });

  it("sends one patient a one-way notice, and no one else", async () => {
    const { send, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    await send(dr, { type: "notify", patientId: idOf(ada), text: "Two more minutes." });
    expect(ada.last("notice")).toEqual({ type: "notice", text: "Two more minutes." });
    expect(bo.last("notice")).toBeUndefined();
  });

  it("transfers a patient to a colleague with a ticket that keeps their waiting time", async () => {
    const { send, provider, patient, sealed } = room();
    const dr = provider();
    const ada = patient("Ada", { waitingSince: 500 });
    await send(dr, { type: "transfer", patientId: idOf(ada), to: "stranger" });
    expect(dr.last("error")?.code).toBe("forbidden");
    await send(dr, { type: "transfer", patientId: idOf(ada), to: "colleague" });
    expect(sealed).toEqual([
      expect.objectContaining({ providerId: "colleague", waitingSince: 500, inviteId: "invite-Ada" }),
    ]);
    expect(ada.last("transferred")).toEqual({ type: "transferred", ticket: "sealed-colleague-500", to: "Dr. Two" });
    expect(ada.closed?.code).toBe(CloseCode.transferred);
    expect(listOf(dr)).toEqual([]);
  });

  it("broadcasts the provider's status and message to everyone waiting, once per change", async () => {
    const { send, provider, patient, later } = room();
    const ada = patient("Ada");
    expect(ada.last("room-status")).toEqual({ type: "room-status", status: "offline", message: null });
    const dr = provider();
    later();
    const bo = patient("Bo");
    await send(dr, { type: "status", status: "away", message: "Running about 10 minutes late" });
    for (const socket of [ada, bo]) {
      expect(socket.last("room-status")).toEqual({
        type: "room-status",
        status: "away",
        message: "Running about 10 minutes late",
      });
    }
    const count = ofType(ada, "room-status").length;
    await send(dr, { type: "status", status: "away", message: "Running about 10 minutes late" });
    expect(ofType(ada, "room-status")).toHaveLength(count);
  });

  it("shows a colleague's message in a shared room, and the best status of those present", async () => {
    const { send, provider, patient, later } = room();
    const first = provider("session-1", "a");
    const second = provider("session-2", "b");
    const ada = patient("Ada");
    await send(first, { type: "status", status: "away" });
    later();
    await send(second, { type: "status", status: "busy", message: "Back at 11" });
    expect(ada.last("room-status")).toEqual({ type: "room-status", status: "busy", message: "Back at 11" });
  });

  it("passes the patient's device check to the providers", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    await send(ada, { type: "device", device: { camera: false, microphone: true } });
    expect(dr.last("updated")?.patient.device).toEqual({ camera: false, microphone: true });
  });

  it("refuses provider actions from a patient and patient reports from a provider, changing nothing", async () => {
    const { send, provider, patient, admissions, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    for (const message of [
      { type: "admit", patientId: idOf(bo) },
      { type: "admit-next" },
      { type: "deny", patientId: idOf(bo) },
      { type: "hold", patientId: idOf(bo) },
      { type: "notify", patientId: idOf(bo), text: "hi" },
      { type: "transfer", patientId: idOf(bo), to: "colleague" },
      { type: "status", status: "away" },
    ]) {
      await send(ada, message);
    }
    await send(dr, { type: "device", device: { camera: true, microphone: true } });
    expect(ofType(ada, "error").map((m) => m.type === "error" && m.code)).toEqual(Array(7).fill("forbidden"));
    expect(dr.last("error")?.code).toBe("forbidden");
    expect(admissions).toHaveLength(0);
    expect(bo.sent.map((m) => m.type)).toEqual(["hello", "position", "room-status"]);
  });

  it("answers malformed JSON, unknown types, bad fields and overlong texts with an error, changing nothing", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    const before = dr.sent.length;
    await send(dr, "{nope");
    await send(dr, { type: "teleport" });
    await send(dr, { type: "admit", patientId: 42 });
    await send(dr, { type: "offer", to: "x", sdp: "v=0" });
    await send(dr, { type: "notify", patientId: idOf(ada), text: "x".repeat(501) });
    await send(dr, { type: "status", status: "asleep" });
    await send(dr, new ArrayBuffer(8));
    await send(dr, "x".repeat(70_000));
    expect(dr.sent.slice(before).map((m) => (m.type === "error" ? m.code : m.type))).toEqual([
      "invalid-message",
      "unknown-type",
      "invalid-message",
      "unknown-type",
      "invalid-message",
      "invalid-message",
      "invalid-message",
      "too-large",
    ]);
    expect(ada.last("notice")).toBeUndefined();
    expect(listOf(dr)).toEqual(["Ada"]);
  });

  it("refuses control characters and direction overrides in every text a provider sends a patient", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    const before = dr.sent.length;
    const disguised = "Please call \u202eevif-owt\u202c 0800 now";
    await send(dr, { type: "notify", patientId: idOf(ada), text: disguised });
    await send(dr, { type: "notify", patientId: idOf(ada), text: "bell\u0007" });
    await send(dr, { type: "hold", patientId: idOf(ada), message: disguised });
    await send(dr, { type: "deny", patientId: idOf(ada), message: "\u2066hidden\u2069" });
    await send(dr, { type: "status", status: "away", message: `Back soon${"\u202e"}` });
    const refused = dr.sent.slice(before);
    expect(refused).toHaveLength(5);
    for (const reply of refused) expect(reply).toMatchObject({ type: "error", code: "invalid-message" });
    // Nothing reached the patient, and nothing changed for her.
    expect(ada.last("notice")).toBeUndefined();
    expect(ada.last("on-hold")).toBeUndefined();
    expect(ada.last("denied")).toBeUndefined();
    expect(ada.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Ada"]);
    // Line breaks in a notice are fine: it is text of several lines.
    await send(dr, { type: "notify", patientId: idOf(ada), text: "Line one\nLine two" });
    expect(ada.last("notice")?.text).toBe("Line one\nLine two");
  });

  it("tells a colleague who admits the same patient a moment later that someone already is", async () => {
    const { send, provider, patient, finishMinting } = room({ slowMinting: true });
    const first = provider("session-1", "a");
    const second = provider("session-2", "b");
    const ada = patient("Ada");
    const admitting = send(first, { type: "admit", patientId: idOf(ada) });
    await send(second, { type: "admit", patientId: idOf(ada) });
    finishMinting();
    await admitting;
    expect(second.last("error")?.code).toBe("conflict");
    expect(second.last("admitted")).toBeUndefined();
    expect(first.last("admitted")?.consultationId).toBe("consultation-1");
    expect(ada.last("admitted")?.consultationId).toBe("consultation-1");
  });

  it("keeps the patient waiting when the provider drops during admission", async () => {
    const { queue, send, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    const admitting = send(dr, { type: "admit", patientId: idOf(ada) });
    queue.disconnected(dr);
    finishMinting();
    await admitting;
    expect(ada.last("admitted")).toBeUndefined();
    expect(ada.closed).toBeUndefined();
    expect(ada.last("room-status")).toEqual({ type: "room-status", status: "offline", message: null });
  });

  it("does not send the provider into an empty call when the patient leaves during admission", async () => {
    const { send, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    const admitting = send(dr, { type: "admit", patientId: idOf(ada) });
    await send(ada, { type: "leave" });
    finishMinting();
    await admitting;
    expect(dr.last("admitted")).toBeUndefined();
    expect(dr.last("error")?.code).toBe("not-found");
  });

  it("answers the provider with an error when the tickets cannot be made, and the patient keeps waiting", async () => {
    const { send, provider, patient } = room({ failMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    await send(dr, { type: "admit", patientId: idOf(ada) });
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(ofType(dr, "error").map((m) => m.type === "error" && m.code)).toEqual(["server-error", "server-error"]);
    expect(ada.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Ada"]);
  });
});

describe("the waiting room: limits and sessions", () => {
  it("refuses a flood from one socket, then closes it with a reason", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    for (let i = 0; i < 200 && !ada.closed; i++)
      await send(ada, { type: "device", device: { camera: true, microphone: true } });
    expect(ofType(ada, "error").map((m) => m.type === "error" && m.code)).toEqual(["rate-limited"]);
    expect(ada.closed).toEqual({ code: CloseCode.flooded, reason: "Too many messages." });
    expect(listOf(dr)).toEqual([]);
    // Others are not affected.
    await send(dr, { type: "status", status: "away" });
    expect(dr.last("error")).toBeUndefined();
  });

  it("removes a patient who waited longer than the practice allows, and says when that is due", () => {
    const { queue, provider, patient, clock, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const adaSince = clock.now;
    later(60_000);
    const bo = patient("Bo");
    expect(queue.expire()).toBe(adaSince + IDLE_LIMIT_MS);
    clock.now = adaSince + IDLE_LIMIT_MS;
    queue.expire();
    expect(ada.closed?.code).toBe(CloseCode.idle);
    expect(bo.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Bo"]);
  });

  it("does not let an admitted waiting ticket queue again while its consultation lasts", async () => {
    const { queue, send, clock, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada", { ticketId: "ticket-1" });
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(patient("Ada", { ticketId: "ticket-1" }).closed?.code).toBe(CloseCode.alreadyAdmitted);
    expect(listOf(dr)).toEqual([]);
    // Entering again through the link gives a new ticket, which may queue.
    expect(patient("Ada", { ticketId: "ticket-2" }).closed).toBeUndefined();
    // Once the consultation's tickets have expired, the record of the admission is gone.
    clock.now = TICKETS_EXPIRE_AT;
    queue.expire();
    expect(patient("Ada", { ticketId: "ticket-1" }).closed?.code).not.toBe(CloseCode.alreadyAdmitted);
  });

  it("closes the sockets of a session that logged out, and no other", () => {
    const { queue, provider, patient } = room();
    const here = provider("session-1");
    const elsewhere = provider("session-2");
    const ada = patient("Ada");
    queue.endSessions({ sessionHash: "session-1" });
    expect(here.closed?.code).toBe(CloseCode.unauthorized);
    expect(elsewhere.closed).toBeUndefined();
    queue.endSessions({ everySessionOf: "prov" });
    expect(elsewhere.closed?.code).toBe(CloseCode.unauthorized);
    expect(ada.last("room-status")?.status).toBe("offline");
  });

  it("logging one provider out everywhere leaves a colleague in the shared room connected", () => {
    const { queue, provider, patient } = room();
    const leaving = provider("session-1", "prov");
    const colleague = provider("session-9", "colleague");
    const ada = patient("Ada");
    queue.endSessions({ everySessionOf: "prov" });
    expect(leaving.closed?.code).toBe(CloseCode.unauthorized);
    expect(colleague.closed).toBeUndefined();
    expect(ada.closed).toBeUndefined();
  });

  it("closes a dashboard whose session expired before it hears of another patient or admits anyone", async () => {
    const { send, clock, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    clock.now = SESSION_EXPIRES_AT;
    const seen = dr.sent.length;
    patient("Bo");
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(dr.closed?.code).toBe(CloseCode.unauthorized);
    expect(dr.sent.slice(seen)).toEqual([]);
    expect(ada.closed).toBeUndefined();
  });

  it("tells the object's alarm when the next session, admission or idle limit expires", async () => {
    const { queue, send, provider, patient, clock } = room();
    const dr = provider();
    expect(queue.expire()).toBe(SESSION_EXPIRES_AT);
    const ada = patient("Ada");
    expect(queue.expire()).toBe(clock.now + IDLE_LIMIT_MS);
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(queue.runningConsultations()).toEqual(["consultation-1"]);
    expect(queue.expire()).toBe(SESSION_EXPIRES_AT);
  });

  it("sends patients away at once, with a reason, when their appointment's link is withdrawn", () => {
    const { queue, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    queue.withdrawAppointment("appt-Ada");
    expect(ada.closed).toEqual({ code: CloseCode.revoked, reason: "This link was withdrawn by your practice." });
    expect(bo.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Bo"]);
  });
});

describe("the waiting room: a link that comes back during its consultation", () => {
  /** Ada admitted by Dr. Who into consultation-1; the consultation says where she stands. */
  async function admittedAda(state: CallState = "away") {
    const callStates = new Map<string, CallState>();
    const r = room({ callStates });
    const dr = r.provider();
    const ada = r.patient("Ada", { ticketId: "ticket-1" });
    await r.send(dr, { type: "admit", patientId: idOf(ada) });
    callStates.set("consultation-1/invite-Ada", state);
    return { ...r, dr, callStates };
  }

  it("shows the provider a patient who left the call and came back through the link, and lets them back into the same consultation", async () => {
    const { dr, patient, send, settled, admissions, returnTickets } = await admittedAda("away");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(listOf(dr)).toEqual(["Ada"]);
    expect(dr.last("returning")).toEqual({ type: "returning", id: idOf(back), consultationId: "consultation-1" });

    await send(dr, { type: "let-back-in", patientId: idOf(back) });
    expect(back.last("admitted")).toEqual({
      type: "admitted",
      consultationId: "consultation-1",
      ticket: "back-into-consultation-1",
    });
    expect(back.closed?.code).toBe(CloseCode.admitted);
    expect(listOf(dr)).toEqual([]);
    // The same consultation, ending when it ends; no second call was made.
    expect(returnTickets).toEqual([
      { consultationId: "consultation-1", participant: "invite-Ada", until: TICKETS_EXPIRE_AT },
    ]);
    expect(admissions).toHaveLength(1);
    expect(dr.sent.filter((m) => m.type === "admitted")).toHaveLength(1);
  });

  it("tells a provider who opens the room later which waiting patient is coming back to their call", async () => {
    const { patient, settled, provider } = await admittedAda("away");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    const later = provider("session-2");
    expect(later.last("returning")).toEqual({ type: "returning", id: idOf(back), consultationId: "consultation-1" });
  });

  it("never queues a second place for a link that is in the call now: the new tab gets a ticket for that call", async () => {
    const { dr, patient, settled, returnTickets } = await admittedAda("present");
    const seen = dr.sent.length;
    const second = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(second.last("in-call")).toEqual({
      type: "in-call",
      consultationId: "consultation-1",
      ticket: "back-into-consultation-1",
    });
    expect(second.closed?.code).toBe(CloseCode.alreadyAdmitted);
    expect(second.last("position")).toBeUndefined();
    expect(dr.sent.slice(seen)).toEqual([]);
    expect(listOf(dr)).toEqual([]);
    expect(returnTickets.map((t) => t.consultationId)).toEqual(["consultation-1"]);
  });

  it("lets a link whose consultation has ended wait like anyone, and lets nobody 'back in' to it", async () => {
    const { dr, patient, send, settled } = await admittedAda("ended");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(listOf(dr)).toEqual(["Ada"]);
    expect(dr.last("returning")).toBeUndefined();
    await send(dr, { type: "let-back-in", patientId: idOf(back) });
    expect(dr.last("error")).toMatchObject({ code: "forbidden" });
    expect(back.closed).toBeUndefined();
  });

  it("lets only the consultation's provider let a patient back in, not a colleague in the shared room", async () => {
    const { patient, send, settled, provider } = await admittedAda("away");
    const colleague = provider("session-c", "colleague");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(colleague.last("returning")).toBeUndefined();
    await send(colleague, { type: "let-back-in", patientId: idOf(back) });
    expect(colleague.last("error")).toMatchObject({ code: "forbidden" });
    expect(back.closed).toBeUndefined();
  });

  it("does not place a patient whose page closed while the room asked their consultation", async () => {
    const { dr, patient, queue, sockets } = await admittedAda("away");
    const back = patient("Ada", { ticketId: "ticket-2" });
    sockets.remove(back);
    queue.disconnected(back);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listOf(dr)).toEqual([]);
    expect(queue.waiting).toBe(0);
  });
});
