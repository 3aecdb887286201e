// The waiting room of one provider: who waits, in which order, and admission.
// Plain logic over open sockets; durable-objects/waiting-room/object.ts adapts it to a Durable Object.
import type { WaitingIdentity } from "../../schema/identity.ts";
import { CloseCode, PROTOCOL_VERSION, type ServerMessage, type WaitingPatient } from "../../schema/messages.ts";
import { type ExpiringSet, earliest } from "../expiring-set.ts";
import { errorMessage, parseClientMessage } from "../protocol.ts";
import {
  closeProviderSockets,
  LOGGED_OUT,
  matchesSession,
  SESSION_EXPIRED,
  type SessionMatch,
  sessionDeadlines,
  sessionExpiredBy,
} from "../sessions.ts";
import { LiveSockets, type OpenSockets, type RoomSocket } from "../socket.ts";

export type WaitingAttachment = WaitingIdentity & { connectionId: string };
type PatientAttachment = Extract<WaitingAttachment, { role: "patient" }>;
type ProviderAttachment = Extract<WaitingAttachment, { role: "provider" }>;
type WaitingSocket = RoomSocket<WaitingAttachment>;

export interface Admission {
  consultationId: string;
  provider: ProviderAttachment;
  patient: PatientAttachment;
}

/** Mints the consultation tickets for both sides of an admission, and says when they expire. */
export type TicketMinter = (admission: Admission) => Promise<{ provider: string; patient: string; expiresAt: number }>;

export interface QueueOptions {
  /** Waiting tickets already admitted, until their consultation's tickets expire. */
  admitted: ExpiringSet;
  /** Consultations admitted from this room and still running, by id: logout reaches them too. */
  consultations: ExpiringSet;
  now?: () => number;
  newId?: () => string;
}

export class WaitingRoomQueue {
  private readonly sockets: LiveSockets<WaitingAttachment>;
  /** Invites whose tickets are being minted: a second admit or a deny must not race the first. */
  private readonly admitting = new Set<string>();
  private readonly admitted: ExpiringSet;
  private readonly consultations: ExpiringSet;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    openSockets: OpenSockets<WaitingAttachment>,
    private readonly mintTickets: TicketMinter,
    options: QueueOptions,
  ) {
    this.sockets = new LiveSockets(openSockets);
    this.admitted = options.admitted;
    this.consultations = options.consultations;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  connected(socket: WaitingSocket): void {
    const me = socket.attachment;
    if (me.role === "patient" && this.admitted.has(me.ticketId, this.now())) {
      this.sockets.close(socket, CloseCode.alreadyAdmitted, "Already admitted to a running consultation.");
      return;
    }
    // A patient who reconnects with the same invite replaces the older connection.
    if (me.role === "patient") {
      for (const other of this.patients()) {
        if (other.attachment.connectionId !== me.connectionId && other.attachment.inviteId === me.inviteId) {
          this.sockets.close(other, CloseCode.replaced, "Connected again elsewhere.");
        }
      }
    }
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: me.role });
    this.broadcast();
  }

  disconnected(socket: WaitingSocket): void {
    this.sockets.gone(socket);
    this.broadcast();
  }

  async received(socket: WaitingSocket, raw: string | ArrayBuffer): Promise<void> {
    this.dropExpiredSessions();
    if (!this.sockets.has(socket)) return;
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      socket.send(parsed.error);
      return;
    }
    const message = parsed.message;
    const me = socket.attachment;
    switch (message.type) {
      case "hello":
        return;
      case "leave":
        this.sockets.close(socket, CloseCode.normal, "Left the waiting room.");
        this.broadcast();
        return;
      case "admit":
      case "deny": {
        if (me.role !== "provider") {
          socket.send(errorMessage("forbidden", `Only the provider may ${message.type}.`));
          return;
        }
        const patient = this.patients().find((p) => p.attachment.connectionId === message.patientId);
        if (!patient || this.admitting.has(patient.attachment.inviteId)) {
          socket.send(errorMessage("not-found", "That patient is no longer waiting."));
          return;
        }
        if (message.type === "deny") {
          patient.send({ type: "denied" });
          this.sockets.close(patient, CloseCode.denied, "Not admitted.");
          this.broadcast();
          return;
        }
        await this.admit(socket as RoomSocket<ProviderAttachment>, patient);
        return;
      }
      case "offer":
      case "answer":
      case "ice":
      case "end":
        socket.send(errorMessage("unknown-type", `${message.type} is not a waiting-room message.`));
        return;
      default:
        message satisfies never;
    }
  }

  /** Closes provider sockets whose session ended (logout, "log out everywhere"). */
  endSessions(match: SessionMatch): void {
    if (closeProviderSockets(this.sockets, (a) => matchesSession(a, match), LOGGED_OUT) > 0) this.broadcast();
  }

  /** The practice withdrew an appointment's links: its waiting patients are told and leave at once. */
  withdrawAppointment(appointmentId: string): void {
    const affected = this.patients().filter((p) => p.attachment.appointmentId === appointmentId);
    for (const socket of affected) {
      this.sockets.close(socket, CloseCode.revoked, "This link was withdrawn by your practice.");
    }
    if (affected.length > 0) this.broadcast();
  }

  /** Consultations admitted from this room whose tickets still work. */
  runningConsultations(): string[] {
    this.consultations.expire(this.now());
    return this.consultations.ids();
  }

  /** Runs at the object's alarm: closes expired sessions, forgets expired admissions; returns the next deadline. */
  expire(): number | undefined {
    const now = this.now();
    this.dropExpiredSessions();
    this.admitted.expire(now);
    this.consultations.expire(now);
    return earliest(...sessionDeadlines(this.sockets), this.admitted.nextDeadline(), this.consultations.nextDeadline());
  }

  private async admit(provider: RoomSocket<ProviderAttachment>, patient: RoomSocket<PatientAttachment>): Promise<void> {
    const consultationId = this.newId();
    const { inviteId } = patient.attachment;
    this.admitting.add(inviteId);
    let tickets: Awaited<ReturnType<TicketMinter>>;
    try {
      tickets = await this.mintTickets({ consultationId, provider: provider.attachment, patient: patient.attachment });
    } catch {
      // Nothing changed: the patient still waits, and the provider may try again.
      provider.send(errorMessage("server-error", "The patient could not be admitted. Please try again."));
      return;
    } finally {
      this.admitting.delete(inviteId);
    }
    // Either side may have gone while the tickets were made. A patient who reconnected in the
    // meantime is admitted on their new connection; nobody goes into a call alone.
    const stillWaiting = this.patients().find((p) => p.attachment.inviteId === inviteId);
    if (!this.sockets.has(provider)) return;
    if (!stillWaiting) {
      provider.send(errorMessage("not-found", "That patient is no longer waiting."));
      return;
    }
    this.admitted.add(stillWaiting.attachment.ticketId, tickets.expiresAt);
    this.consultations.add(consultationId, tickets.expiresAt);
    stillWaiting.send({ type: "admitted", consultationId, ticket: tickets.patient });
    this.sockets.close(stillWaiting, CloseCode.admitted, "Admitted.");
    provider.send({ type: "admitted", consultationId, ticket: tickets.provider });
    this.broadcast();
  }

  private patients(): RoomSocket<PatientAttachment>[] {
    return this.sockets.list().filter((s): s is RoomSocket<PatientAttachment> => s.attachment.role === "patient");
  }

  /** A provider socket lives no longer than the session that opened it; the others hear it left. */
  private dropExpiredSessions(): void {
    if (this.closeExpiredSessions() > 0) this.broadcast();
  }

  private closeExpiredSessions(): number {
    return closeProviderSockets(this.sockets, sessionExpiredBy(this.now()), SESSION_EXPIRED);
  }

  /** Sends everyone their full view of the room; never to a dashboard whose session has expired. */
  private broadcast(): void {
    this.closeExpiredSessions();
    const open = this.sockets.list();
    const waiting = open
      .filter((s): s is RoomSocket<PatientAttachment> => s.attachment.role === "patient")
      .sort((a, b) => a.attachment.waitingSince - b.attachment.waitingSince);
    const providerPresent = open.some((s) => s.attachment.role === "provider");
    const queue: ServerMessage = {
      type: "queue",
      patients: waiting.map(
        (s): WaitingPatient => ({
          id: s.attachment.connectionId,
          name: s.attachment.name,
          waitingSince: s.attachment.waitingSince,
        }),
      ),
    };
    for (const socket of open) {
      if (socket.attachment.role === "provider") socket.send(queue);
    }
    for (const [index, socket] of waiting.entries()) {
      socket.send({ type: "waiting", position: index + 1, providerPresent });
    }
  }
}
