// The waiting room of one provider (or one practice) as plain logic over open sockets: it lets sockets in
// (or turns them away), routes what they send to the line (line.ts) or the desk (desk.ts), and closes
// what must close. durable-objects/waiting-room/object.ts adapts it to a Durable Object.
//
// Three words for three things: a socket is *closed* (closeSocket), the room *forgets a connection* once
// its socket is closed or gone (forgetConnection), and a patient *gives up their place* in line only
// when they leave for good (the line's givePlaceUp), not when their page reloads.
import type { WaitingTicket } from "../../schema/identity.ts";
import { CloseCode, WaitingRoomContracts, type WithdrawReason } from "../../schema/messages.ts";
import { type ExpiringSet, earliest, memorySet } from "../expiring-set.ts";
import { errorMessage, parseClientMessage } from "../protocol.ts";
import {
  closeProviderSockets,
  LOGGED_OUT,
  matchesSession,
  SESSION_EXPIRED,
  type SessionMatch,
  type SessionSockets,
  sessionDeadlines,
  sessionExpiredBy,
} from "../sessions.ts";
import { SOCKET_THROTTLE, Throttle } from "../throttle.ts";
import {
  type AcceptedSocket,
  byRole,
  isPatient,
  isProvider,
  type PatientAttachment,
  type PatientSocket,
  type ProviderAttachment,
  type ProviderSocket,
  type WaitingSocket,
} from "./attachments.ts";
import { type CallRequest, CallRequests } from "./call-requests.ts";
import { type CallOverview, type Returns, RunningCalls } from "./calls.ts";
import { fixedDirectory } from "./colleagues.ts";
import { type DeskOptions, WaitingDesk } from "./desk.ts";
import { Entrance, type EntranceOptions } from "./entrance.ts";
import { type LineOptions, WaitingLine } from "./line.ts";
import type { TicketMinter, WaitingTicketSealer } from "./minting.ts";
import { RoomSettings } from "./settings.ts";

/** What the object hands the room; each is described where it is used (desk.ts, line.ts). */
export type RoomOptions = Pick<DeskOptions, "admitted" | "consultations" | "denied"> &
  Pick<LineOptions, "away"> &
  Pick<EntranceOptions, "sealKeys"> &
  Partial<Pick<DeskOptions, "moved" | "colleagues" | "settings" | "now" | "newId"> & Pick<LineOptions, "later">> & {
    /** Patients whose link may come back during their consultation; tests that do not care leave it out. */
    returns?: Returns;
    /** Members asked to join a colleague's running consultation (call-requests.ts); memory only if left out. */
    asked?: ExpiringSet;
  };

export class WaitingRoomCore {
  private readonly line: WaitingLine;
  private readonly desk: WaitingDesk;
  private readonly calls: RunningCalls | undefined;
  private readonly throttle: Throttle;
  private readonly now: () => number;
  private readonly sets: ExpiringSet[];
  private readonly moved: ExpiringSet;
  private readonly entrance: Entrance;
  private readonly requests: CallRequests;
  /** Dashboards whose colleagues are being looked up: not at the desk yet. */
  private readonly openingDesks = new Set<string>();
  /** For closing provider sockets by session. */
  private readonly providerSockets: SessionSockets<ProviderAttachment>;

  constructor(
    openSockets: () => readonly AcceptedSocket[],
    mintTickets: TicketMinter,
    private readonly sealWaitingTicket: WaitingTicketSealer,
    private readonly options: RoomOptions,
  ) {
    const now = options.now ?? Date.now;
    const newId = options.newId ?? (() => crypto.randomUUID());
    const settings = options.settings ?? RoomSettings.inMemory();
    const moved = options.moved ?? memorySet();
    this.now = now;
    this.moved = moved;
    this.calls = options.returns && new RunningCalls(options.returns, now);
    const asked = options.asked ?? memorySet();
    this.requests = new CallRequests(asked, now);
    this.sets = [options.admitted, options.consultations, options.away, options.denied, moved, asked];
    if (options.returns) this.sets.push(options.returns.calls);
    if (options.returns?.consulted) this.sets.push(options.returns.consulted);
    if (options.returns?.hosting) this.sets.push(options.returns.hosting);
    this.throttle = new Throttle(SOCKET_THROTTLE, now);
    // Sockets without a role of this room have nothing to do here (and are never sent anything).
    const sockets = openSockets()
      .map(byRole)
      .filter((socket) => socket !== undefined);
    this.line = new WaitingLine(sockets.filter(isPatient), {
      away: options.away,
      settings,
      now,
      later: options.later ?? ((task, ms) => void setTimeout(task, ms)),
    });
    this.desk = new WaitingDesk(sockets.filter(isProvider), this.line, {
      ...options,
      moved,
      colleagues: options.colleagues ?? fixedDirectory(),
      calls: this.calls,
      settings,
      mintTickets,
      sealWaitingTicket,
      sendAway: (socket, code, reason) => this.closeSocket(socket, code, reason),
      now,
      newId,
    });
    this.entrance = new Entrance(this.line, this.desk, {
      ...options,
      calls: this.calls,
      sealWaitingTicket,
      sendAway: (socket, code, reason) => this.closeSocket(socket, code, reason),
      now,
      newId,
    });
    this.providerSockets = {
      list: () => this.desk.sockets(),
      close: (socket, code, reason) => this.closeSocket(socket, code, reason),
    };
  }

  /** Settles at once, except for a patient whose link may be in a running consultation (asked first). */
  connected(accepted: AcceptedSocket): void | Promise<void> {
    this.closeExpiredSessions();
    const socket = byRole(accepted);
    if (!socket) return accepted.close(CloseCode.forbidden, "Not a role of this room.");
    if (isProvider(socket)) return this.openDesk(socket);
    return this.entrance.arrive(socket);
  }

  /**
   * A dashboard opens once the room knows its colleagues: at once in a shared room (nobody is moved
   * there), else after asking D1, unless it closed meanwhile.
   */
  private openDesk(socket: ProviderSocket): void | Promise<void> {
    const known = this.desk.colleaguesOf(socket);
    if (Array.isArray(known)) {
      this.desk.open(socket, known);
      return this.tellCallRequests(socket);
    }
    const { connectionId } = socket.attachment;
    this.openingDesks.add(connectionId);
    return known.then((colleagues) => {
      if (!this.openingDesks.delete(connectionId)) return;
      this.desk.open(socket, colleagues);
      return this.tellCallRequests(socket);
    });
  }

  /**
   * A dashboard that opens while a colleague's request to join their call stands is asked too. Only the
   * moderator's id is kept: their name comes from D1 now, and a request from someone who has left the
   * practice meanwhile is not shown.
   */
  private tellCallRequests(socket: ProviderSocket): void | Promise<void> {
    const { providerId, connectionId } = socket.attachment;
    const pending = this.requests.of(providerId);
    if (pending.length === 0) return;
    const colleagues = this.options.colleagues;
    if (!colleagues) return;
    return Promise.all(
      pending.map(async (request) => {
        const moderator = await colleagues.find(providerId, request.moderatorId).catch(() => "gone" as const);
        if (typeof moderator === "string" || !this.desk.provider(connectionId)) return;
        const { consultationId, until } = request;
        socket.send({ type: "call-request", consultationId, from: moderator.name, until });
      }),
    ).then(() => undefined);
  }

  /**
   * The moderator of a running consultation asks `request.memberId` to join it: every dashboard of theirs
   * in this room asks them now (and any that opens before the call ends). `from`: the moderator's name.
   */
  askToJoin(request: CallRequest, from: string): void {
    this.requests.add(request);
    const { consultationId, until } = request;
    for (const socket of this.memberSockets(request.memberId)) {
      socket.send({ type: "call-request", consultationId, from, until });
    }
  }

  /** The member joined or declined: none of their dashboards asks any more. */
  callRequestAnswered(memberId: string, consultationId: string): void {
    if (!this.requests.drop(memberId, consultationId)) return;
    for (const socket of this.memberSockets(memberId)) socket.send({ type: "call-request-gone", consultationId });
  }

  private memberSockets(memberId: string): ProviderSocket[] {
    return this.desk.sockets().filter((socket) => socket.attachment.providerId === memberId);
  }

  /**
   * The socket closed or failed on the other side. A patient keeps their place for the grace period;
   * providers no longer see them (nobody can admit them meanwhile).
   */
  disconnected(socket: AcceptedSocket): void {
    const { connectionId } = socket.attachment;
    this.entrance.left(connectionId);
    this.openingDesks.delete(connectionId);
    const known = this.known(socket);
    if (!known) return;
    if (isProvider(known)) {
      this.forgetConnection(known);
      return;
    }
    this.throttle.forget(connectionId);
    if (this.line.stepAway(connectionId)) this.desk.patientLeft(connectionId);
  }

  async received(socket: AcceptedSocket, raw: string | ArrayBuffer): Promise<void> {
    this.closeExpiredSessions();
    const me = this.known(socket);
    if (!me) return;
    const verdict = this.throttle.take(me.attachment.connectionId);
    if (verdict === "close") return this.closeSocket(me, CloseCode.flooded, "Too many messages.");
    if (verdict === "refuse") me.send(errorMessage("rate-limited", "Too many messages; slow down."));
    if (verdict !== "accept") return;
    if (isProvider(me)) return this.fromProvider(me, raw);
    return this.fromPatient(me, raw);
  }

  /**
   * Closes provider sockets whose session ended (logout, "log out everywhere"), or, with another reason,
   * whose provider may no longer use the room (the practice now requires 2FA they lack).
   */
  endSessions(match: SessionMatch, reason = LOGGED_OUT): void {
    closeProviderSockets(this.providerSockets, (a) => matchesSession(a, a.providerId, match), reason);
  }

  /**
   * The practice withdrew an appointment's links: its waiting patients are told and leave at once.
   * Returns the colleagues whose rooms the appointment's patients were moved to, to be told as well.
   * With `inviteId`, only that invitation's link was withdrawn: only whoever came through it leaves.
   */
  withdrawAppointment(appointmentId: string, reason: WithdrawReason = "withdrawn", inviteId?: string): string[] {
    // A cancelled appointment says so: the patient should not ask for a new link for it.
    const [code, text] =
      reason === "cancelled"
        ? [CloseCode.cancelled, "Your practice cancelled this appointment."]
        : [CloseCode.revoked, "This link was withdrawn by your practice."];
    for (const socket of this.line.sockets()) {
      if (socket.attachment.appointmentId !== appointmentId) continue;
      if (inviteId !== undefined && socket.attachment.inviteId !== inviteId) continue;
      this.closeSocket(socket, code, text);
    }
    this.moved.expire(this.now());
    const prefix = `${appointmentId}>`;
    return this.moved
      .ids()
      .filter((id) => id.startsWith(prefix))
      .map((id) => id.slice(prefix.length));
  }

  /**
   * A consultation admitted from this room has ended (it says so at its end). Whoever waits through a
   * link made in it ("Invite someone") is told so and leaves: that link led into that call only. Others
   * of its appointment no longer wait for it.
   */
  callEnded(consultationId: string): void {
    for (const socket of this.line.sockets()) {
      if (socket.attachment.madeInCall !== consultationId) continue;
      this.closeSocket(socket, CloseCode.ended, "The consultation has ended.");
    }
    this.desk.callEnded(consultationId);
  }

  /**
   * The practice switched between a shared room and one each, or a member whose room patients were
   * moved to left. Patients get a fresh ticket for where they wait now (`destinationOf`, keeping their
   * waiting time) and reconnect; providers reconnect; the worker sends each to their room. A patient
   * whose link no longer opens any room is told it was withdrawn.
   */
  async reopen(destinationOf: (patient: PatientAttachment) => Promise<WaitingTicket | undefined>): Promise<void> {
    const patients = this.line.sockets();
    const tickets = await Promise.all(
      patients.map(async (patient) => {
        const ticket = await destinationOf(patient.attachment);
        return ticket && this.sealWaitingTicket(ticket);
      }),
    );
    for (const [i, patient] of patients.entries()) {
      if (!this.line.connection(patient.attachment.connectionId)) continue;
      const ticket = tickets[i];
      if (!ticket) {
        this.closeSocket(patient, CloseCode.revoked, "This link was withdrawn by your practice.");
        continue;
      }
      patient.send({ type: "ticket", ticket });
      this.closeSocket(patient, CloseCode.reopened, "The practice's waiting room moved.");
    }
    for (const provider of this.desk.sockets()) {
      this.closeSocket(provider, CloseCode.reopened, "The practice's waiting room moved.");
    }
  }

  /** Consultations admitted from this room whose tickets still work. */
  runningConsultations(): string[] {
    this.options.consultations.expire(this.now());
    return this.options.consultations.ids();
  }

  /** For the practice's calendar: which links' consultations run now, and which took place. */
  callOverview(): Promise<CallOverview> {
    return this.calls?.overview() ?? Promise.resolve({ running: [], held: [] });
  }

  /** How many walk-ins wait here with their socket open, but for the one of `exceptVisit` (who is back). */
  walkInsWaiting(exceptVisit?: string): number {
    return this.line.sockets().filter((s) => s.attachment.walkIn && s.attachment.inviteId !== exceptVisit).length;
  }

  /** How many wait; for the object's own checks and tests. */
  get waiting(): number {
    return this.line.waiting;
  }

  /**
   * Runs at the object's alarm and after every event: closes expired sessions, removes patients past
   * the idle limit and kept places past the grace period, forgets expired ids; returns the next deadline.
   */
  expire(): number | undefined {
    const now = this.now();
    this.closeExpiredSessions();
    const idleDeadline = this.line.expire((socket) =>
      this.closeSocket(socket, CloseCode.idle, "Waited longer than the practice allows."),
    );
    for (const set of this.sets) set.expire(now);
    return earliest(
      ...sessionDeadlines(this.providerSockets),
      idleDeadline,
      ...this.sets.map((set) => set.nextDeadline()),
    );
  }

  // ---- what sockets send ----

  private async fromPatient(me: PatientSocket, raw: string | ArrayBuffer): Promise<void> {
    const parsed = parseClientMessage(raw, WaitingRoomContracts, "patient");
    if (!parsed.ok) return me.send(parsed.error);
    const message = parsed.message;
    switch (message.type) {
      case "hello":
        return;
      case "leave":
        return this.closeSocket(me, CloseCode.normal, "Left the waiting room.");
      case "device":
        return this.desk.change(me, { device: message.device });
      case "name":
        return this.desk.change(me, { sealedName: message.sealed });
      default:
        message satisfies never;
    }
  }

  private async fromProvider(me: ProviderSocket, raw: string | ArrayBuffer): Promise<void> {
    const parsed = parseClientMessage(raw, WaitingRoomContracts, "provider");
    if (!parsed.ok) return me.send(parsed.error);
    const message = parsed.message;
    switch (message.type) {
      case "hello":
        return;
      case "leave":
        return this.closeSocket(me, CloseCode.normal, "Left the waiting room.");
      case "decline-call":
        return this.callRequestAnswered(me.attachment.providerId, message.consultationId);
      case "status":
      case "admit-next":
      case "admit":
      case "deny":
      case "hold":
      case "release":
      case "notify":
      case "transfer":
      case "let-back-in":
      case "add-to-call":
        return this.desk.handle(me, message);
      default:
        message satisfies never;
    }
  }

  // ---- departures ----

  /** Closes a socket the room is done with (the patient is told by the close code), and forgets it. */
  private closeSocket(socket: AcceptedSocket | WaitingSocket, code: number, reason: string): void {
    const known = this.known(socket);
    socket.close(code, reason);
    if (known) this.forgetConnection(known);
  }

  /** Forgets a connection whose socket is closed or closing; a patient's place in line goes with it. */
  private forgetConnection(socket: WaitingSocket): void {
    const { connectionId } = socket.attachment;
    this.throttle.forget(connectionId);
    if (isProvider(socket)) this.desk.providerLeft(connectionId);
    else if (this.line.forgetConnection(connectionId)) this.desk.patientLeft(connectionId);
  }

  /** The room's own copy of a socket (with its current attachment), if it is still in the room. */
  private known(socket: AcceptedSocket | WaitingSocket): WaitingSocket | undefined {
    const { connectionId } = socket.attachment;
    return this.desk.provider(connectionId) ?? this.line.connection(connectionId);
  }

  /** A provider socket lives no longer than the session that opened it; the others hear it left. */
  private closeExpiredSessions(): void {
    closeProviderSockets(this.providerSockets, sessionExpiredBy(this.now()), SESSION_EXPIRED);
  }
}
