// The waiting room over fake sockets and a fake clock, as the line, desk and room tests drive it.

import { applyQueueMessage } from "../../client/src/waiting/queue-list.ts";
import type { AdmissionAnswer } from "../../durable-objects/consultation/roster.ts";
import { memorySet } from "../../durable-objects/expiring-set.ts";
import type { PatientAttachment, WaitingAttachment } from "../../durable-objects/waiting-room/attachments.ts";
import type { CallState } from "../../durable-objects/waiting-room/calls.ts";
import { fixedDirectory } from "../../durable-objects/waiting-room/colleagues.ts";
import { POSITION_INTERVAL_MS } from "../../durable-objects/waiting-room/line.ts";
import type { Admission } from "../../durable-objects/waiting-room/minting.ts";
import { type RoomOptions, WaitingRoomCore } from "../../durable-objects/waiting-room/room.ts";
import { RoomSettings } from "../../durable-objects/waiting-room/settings.ts";
import type { WaitingTicket } from "../../schema/identity.ts";
import type { ServerMessage, WaitingPatient } from "../../schema/messages.ts";
import { type FakeSocket, FakeSockets } from "./fake-socket.ts";

export const TICKETS_EXPIRE_AT = 5_000_000;
export const SESSION_EXPIRES_AT = 4_000_000;
export const IDLE_LIMIT_MS = 3_600_000;
export const DENY_PAUSE_MS = 300_000;

/**
 * A room with fake sockets and a fake clock (`clock.now`; `tick(ms)` also runs what the room scheduled);
 * with `slowMinting`, tickets are ready only once `finishMinting()` is called; with `failMinting`,
 * minting throws.
 */
export function room(
  options: {
    slowMinting?: boolean;
    failMinting?: boolean;
    sockets?: FakeSockets<WaitingAttachment>;
    /** Consultations say where each patient stands ("<consultation id>/<invite id>" → state); away when unsaid. */
    callStates?: Map<string, CallState>;
    /** The device keys the room reads for a patient (issue 25); without it, the room asks no page for a name. */
    sealKeys?: RoomOptions["sealKeys"];
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
  /** What the consultation answers a provider adding someone (`answer`), and whom it was asked about. */
  const consultation = {
    answer: "ok" as AdmissionAnswer,
    asked: [] as Array<{ consultationId: string; providerId: string; inviteId: string }>,
  };
  const returns = callStates && {
    calls: memorySet(),
    hosting: memorySet(),
    admission: async (consultationId: string, providerId: string, inviteId: string) => {
      consultation.asked.push({ consultationId, providerId, inviteId });
      return consultation.answer;
    },
    state: async (consultationId: string, inviteId: string) =>
      callStates.get(`${consultationId}/${inviteId}`) ?? ("away" as const),
    mintTicket: async (call: { consultationId: string; until: number }, patient: PatientAttachment) => {
      returnTickets.push({ consultationId: call.consultationId, participant: patient.inviteId, until: call.until });
      return `back-into-${call.consultationId}`;
    },
  };
  /** Connections the room is still settling (a link checked against its running consultation). */
  const settling: Array<void | Promise<void>> = [];
  const queue = new WaitingRoomCore(
    sockets.list,
    async (admission) => {
      admissions.push(admission);
      await mintingDone;
      if (options.failMinting) throw new Error("the ticket secret is unusable");
      return {
        provider: "ticket-for-provider",
        patient: `ticket-for-${nameOf(admission.patient)}`,
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
      ...(options.sealKeys ? { sealKeys: options.sealKeys } : {}),
      settings: RoomSettings.inMemory({ idleLimitMs: IDLE_LIMIT_MS, denyPauseMs: DENY_PAUSE_MS }),
      colleagues: fixedDirectory([{ id: "colleague", name: "Dr. Two" }]),
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
    });
  const patient = (name: string, more: Partial<PatientAttachment> = {}) =>
    connect({
      role: "patient",
      providerId: "prov",
      room: "prov",
      appointmentId: `appt-${name}`,
      inviteId: `invite-${name}`,
      ticketId: `ticket-${name}`,
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
    consultation,
    /** Waits until every connection so far has been placed or refused. */
    settled: () => Promise.all(settling.splice(0)),
    finishMinting: () => finishMinting(),
  };
}

/**
 * Who a test patient is: the name `patient(name)` gave them, which their invite id carries (the room never
 * learns a patient's name: issue 25).
 */
export const nameOf = (patient: { inviteId: string } | { sealedFor: string }) =>
  ("inviteId" in patient ? patient.inviteId : patient.sealedFor).replace(/^invite-/, "");

/** The provider's list as their page keeps it from the messages, by the test patients' names. */
export function listOf(socket: FakeSocket<WaitingAttachment>): string[] {
  let list: readonly WaitingPatient[] = [];
  for (const message of socket.sent) list = applyQueueMessage(list, message);
  return list.map(nameOf);
}

export const idOf = (socket: FakeSocket<WaitingAttachment>) => socket.attachment.connectionId;
export const positionOf = (socket: FakeSocket<WaitingAttachment>) => socket.last("position")?.position;
export const ofType = (socket: FakeSocket<WaitingAttachment>, type: ServerMessage["type"]) =>
  socket.sent.filter((m) => m.type === type);
