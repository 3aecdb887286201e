// The waiting room of one provider: who waits, in which order, what the providers say, and admission.
// Plain logic over open sockets; durable-objects/waiting-room/object.ts adapts it to a Durable Object.
//
// It costs the same per arrival however long the queue is: sockets are indexed once (on wake-up), the
// line stays sorted, providers get one small message per change, and positions go out coalesced, only
// to patients whose position changed.
import type { WaitingIdentity, WaitingTicket } from "../../schema/identity.ts";
import { WAITING_GRACE_MS } from "../../schema/limits.ts";
import {
  type ClientMessage,
  CloseCode,
  PROTOCOL_VERSION,
  type ServerMessage,
  type WaitingPatient,
} from "../../schema/messages.ts";
import { DEFAULT_WAITING_ROOM_SETTINGS, type WaitingRoomSettings } from "../../schema/room-settings.ts";
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
import type { OpenSockets, RoomSocket } from "../socket.ts";
import { WaitingLine } from "./line.ts";
import { type RoomStatusView, roomStatus, type StatusAttachment, sameStatus } from "./room-status.ts";
import { SOCKET_THROTTLE, Throttle } from "./throttle.ts";

type ProviderIdentity = Extract<WaitingIdentity, { role: "provider" }>;
type PatientIdentity = Extract<WaitingIdentity, { role: "patient" }>;
/** What the room adds to a patient's socket: it survives hibernation with it. */
export type PatientAttachment = PatientIdentity & {
  connectionId: string;
  device?: WaitingPatient["device"];
  onHold?: boolean;
  /** The practice's words with the hold, told again when the patient's page connects again. */
  holdMessage?: string | null;
  /** Came back through their link while their consultation still runs: its provider may let them back in. */
  returningTo?: string;
};

/** A patient whose socket dropped: their place in line (and a hold) kept until the grace period ends. */
interface AwayInLine {
  entry: PatientAttachment;
  until: number;
}
export type ProviderAttachment = ProviderIdentity & StatusAttachment & { connectionId: string };
export type WaitingAttachment = PatientAttachment | ProviderAttachment;
type WaitingSocket = RoomSocket<WaitingAttachment>;
type PatientSocket = RoomSocket<PatientAttachment>;
type ProviderSocket = RoomSocket<ProviderAttachment>;
type ProviderMessage = Extract<ClientMessage, { patientId: string }>;

export interface Admission {
  consultationId: string;
  provider: ProviderAttachment;
  patient: PatientAttachment;
}

/** Where a patient stands in the consultation their link was admitted to (consultation/roster.ts). */
export type CallState = "present" | "away" | "ended";

/** A consultation admitted from this room that may still run, as the `calls` set remembers it. */
export interface RunningCall {
  key: string;
  inviteId: string;
  consultationId: string;
  providerId: string;
  /** When its tickets expire: the consultation's maximum length. */
  until: number;
}

/**
 * Patients whose link comes back while their consultation runs: back into the same call, never a second
 * place. Tests that do not care leave it out, and such a link simply queues again.
 */
export interface Returns {
  /** "<invite id>><consultation id>><provider id>" per admission, until its tickets expire. */
  calls: ExpiringSet;
  /** Asks the consultation whether the patient (their participant id is their invite id) is in it now. */
  state(consultationId: string, inviteId: string): Promise<CallState>;
  /** A patient's ticket for the running consultation, ending when it ends. */
  mintTicket(call: RunningCall, patient: PatientAttachment): Promise<string>;
}

/** Mints the consultation tickets for both sides of an admission, and says when they expire. */
export type TicketMinter = (admission: Admission) => Promise<{ provider: string; patient: string; expiresAt: number }>;
/** Seals a waiting ticket: for a patient given a new place, or moved to a colleague. */
export type WaitingTicketSealer = (ticket: WaitingTicket) => Promise<string>;

/** Patients hear about position changes at most this often. */
export const POSITION_INTERVAL_MS = 250;

export interface QueueOptions {
  /** The practice's settings as the room knows them now (settings.ts); read at each use, never copied. */
  settings?: () => WaitingRoomSettings;
  /** Waiting tickets already admitted, until their consultation's tickets expire. */
  admitted: ExpiringSet;
  /** Consultations admitted from this room and still running, by id: logout reaches them too. */
  consultations: ExpiringSet;
  /** Waiting tickets whose socket dropped, until their grace period ends: they come back to their place. */
  away: ExpiringSet;
  /** Invites whose patient was denied, until they may ask again. */
  denied: ExpiringSet;
  /**
   * "<appointmentId>><colleagueId>" for patients moved to a colleague, until their ticket expires: a
   * withdrawn link reaches them there too. Tests that do not transfer leave it out.
   */
  moved?: ExpiringSet;
  /**
   * Whether `colleagueId` is still a member of `providerId`'s practice, asked at the moment of a transfer:
   * the list in the provider's socket is from when their dashboard opened. Tests that do not care leave it out.
   */
  isColleague?: (providerId: string, colleagueId: string) => Promise<boolean>;
  returns?: Returns;
  now?: () => number;
  newId?: () => string;
  /** Runs `task` once after `ms`; the object uses setTimeout, tests a fake clock. */
  later?: (task: () => void, ms: number) => void;
}

/** The options with their defaults filled in; `returns` stays optional (no default can stand in for it). */
type ResolvedOptions = Required<Omit<QueueOptions, "returns">>;

export class WaitingRoomQueue {
  private readonly providers = new Map<string, ProviderSocket>();
  private readonly patients = new Map<string, PatientSocket>();
  private readonly line = new WaitingLine<PatientAttachment>();
  /**
   * Patients whose socket dropped, by invite (one place per link, whichever ticket comes back), for the
   * grace period: their entry stays in the line, so those behind them do not move up and back when
   * they reload. Memory only (a hold is the practice's words to a patient, which storage never keeps):
   * an evicted object forgets it, and the patient's `away:` entry still brings them back to their place.
   */
  private readonly awayInLine = new Map<string, AwayInLine>();
  /** The position each patient was last told; those told nothing yet are missing. */
  private readonly told = new Map<string, number>();
  /** Positions from this index on may have changed since patients were last told. */
  private changedFrom: number | undefined;
  private positionsDue = false;
  private lastPositionsAt = Number.NEGATIVE_INFINITY;
  private lastStatus: RoomStatusView | undefined;
  /** Invites being admitted or transferred: a second admit, deny or transfer must not race the first. */
  private readonly busy = new Set<string>();
  private readonly throttle: Throttle;
  private readonly options: ResolvedOptions;
  private readonly returns: Returns | undefined;
  /** Patients whose link is being checked against their running consultation: not in the room yet. */
  private readonly pending = new Map<string, PatientSocket>();
  /** For closing provider sockets by session. */
  private readonly providerSockets: SessionSockets<ProviderAttachment> = {
    list: () => [...this.providers.values()],
    close: (socket, code, reason) => this.drop(socket, code, reason),
  };

  constructor(
    openSockets: OpenSockets<WaitingAttachment>,
    private readonly mintTickets: TicketMinter,
    private readonly sealWaitingTicket: WaitingTicketSealer,
    options: QueueOptions,
  ) {
    this.options = {
      now: Date.now,
      newId: () => crypto.randomUUID(),
      later: (task, ms) => void setTimeout(task, ms),
      moved: memorySet(),
      isColleague: async () => true,
      settings: () => DEFAULT_WAITING_ROOM_SETTINGS,
      ...options,
    };
    this.returns = options.returns;
    this.throttle = new Throttle(SOCKET_THROTTLE, this.options.now);
    // Rebuilt from the sockets after hibernation. Every change was told before the object could
    // hibernate (a pending position update keeps it awake), so everyone knows their position.
    for (const socket of openSockets()) {
      if (isProvider(socket)) this.providers.set(socket.attachment.connectionId, socket);
      else this.index(socket as PatientSocket);
    }
    for (const [index, patient] of this.line.all().entries()) this.told.set(patient.connectionId, index + 1);
    this.lastStatus = this.currentStatus();
  }

  /** Settles at once, except for a patient whose link may be in a running consultation (asked first). */
  connected(socket: WaitingSocket): void | Promise<void> {
    this.dropExpiredSessions();
    if (isProvider(socket)) return this.providerConnected(socket);
    return this.patientConnected(socket as PatientSocket);
  }

  /**
   * The socket closed or failed on the other side. A patient keeps their place for the grace period;
   * providers no longer see them (nobody can admit them meanwhile).
   */
  disconnected(socket: WaitingSocket): void {
    this.pending.delete(socket.attachment.connectionId);
    const known = this.known(socket);
    if (!known) return;
    if (isProvider(known)) {
      this.forget(known);
      return;
    }
    const entry = (known as PatientSocket).attachment;
    const until = this.options.now() + WAITING_GRACE_MS;
    this.options.away.add(entry.ticketId, until);
    // The same link away twice (two tabs): one kept place is enough.
    const stale = this.awayInLine.get(entry.inviteId);
    if (stale) this.leaveLine(stale.entry, { quietly: true });
    this.awayInLine.set(entry.inviteId, { entry, until });
    this.forget(known, { keepPlace: true });
  }

  async received(socket: WaitingSocket, raw: string | ArrayBuffer): Promise<void> {
    this.dropExpiredSessions();
    const me = this.known(socket);
    if (!me) return;
    const verdict = this.throttle.take(me.attachment.connectionId);
    if (verdict === "close") return this.drop(me, CloseCode.flooded, "Too many messages.");
    if (verdict === "refuse") me.send(errorMessage("rate-limited", "Too many messages; slow down."));
    if (verdict !== "accept") return;
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) return me.send(parsed.error);
    const message = parsed.message;
    switch (message.type) {
      case "hello":
        return;
      case "leave":
        return this.drop(me, CloseCode.normal, "Left the waiting room.");
      case "device":
        if (isProvider(me)) return me.send(errorMessage("forbidden", "Only a patient reports a device check."));
        return this.update(me as PatientSocket, { device: message.device });
      case "status":
        if (!isProvider(me)) return me.send(errorMessage("forbidden", "Only a provider sets a status."));
        me.remember({
          ...me.attachment,
          status: message.status,
          statusMessage: message.message || undefined,
          statusAt: this.options.now(),
        });
        return this.tellStatus();
      case "admit-next": {
        if (!isProvider(me)) return me.send(errorMessage("forbidden", "Only a provider may admit."));
        const next = this.line.find(
          (p) => this.patients.has(p.connectionId) && !p.onHold && !this.busy.has(p.inviteId),
        );
        if (!next) return me.send(errorMessage("not-found", "Nobody is waiting."));
        return this.admit(me, this.patients.get(next.connectionId) as PatientSocket);
      }
      case "admit":
      case "deny":
      case "hold":
      case "release":
      case "notify":
      case "transfer":
      case "let-back-in":
        return this.providerAction(me, message);
      case "offer":
      case "answer":
      case "ice":
      case "end":
        return me.send(errorMessage("unknown-type", `${message.type} is not a waiting-room message.`));
      default:
        message satisfies never;
    }
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
   */
  withdrawAppointment(appointmentId: string): string[] {
    for (const socket of [...this.patients.values()]) {
      if (socket.attachment.appointmentId !== appointmentId) continue;
      this.drop(socket, CloseCode.revoked, "This link was withdrawn by your practice.");
    }
    const moved = this.options.moved;
    moved.expire(this.options.now());
    const prefix = `${appointmentId}>`;
    return moved
      .ids()
      .filter((id) => id.startsWith(prefix))
      .map((id) => id.slice(prefix.length));
  }

  /**
   * The practice switched between a shared room and one each, or a member whose room patients were
   * moved to left. Patients get a fresh ticket for where they wait now (keeping their waiting time) and
   * reconnect; providers reconnect; the worker sends each to their room. A patient whose link no longer
   * opens any room is told it was withdrawn.
   */
  async reopen(destinationOf: (patient: PatientAttachment) => Promise<WaitingTicket | undefined>): Promise<void> {
    const patients = [...this.patients.values()];
    const tickets = await Promise.all(
      patients.map(async (patient) => {
        const ticket = await destinationOf(patient.attachment);
        return ticket && this.sealWaitingTicket(ticket);
      }),
    );
    for (const [i, patient] of patients.entries()) {
      if (!this.patients.has(patient.attachment.connectionId)) continue;
      const ticket = tickets[i];
      if (!ticket) {
        this.drop(patient, CloseCode.revoked, "This link was withdrawn by your practice.");
        continue;
      }
      patient.send({ type: "ticket", ticket });
      this.drop(patient, CloseCode.reopened, "The practice's waiting room moved.");
    }
    for (const provider of [...this.providers.values()]) {
      this.drop(provider, CloseCode.reopened, "The practice's waiting room moved.");
    }
  }

  /** Consultations admitted from this room whose tickets still work. */
  runningConsultations(): string[] {
    this.options.consultations.expire(this.options.now());
    return this.options.consultations.ids();
  }

  /** How many wait; for the object's own checks and tests. */
  get waiting(): number {
    return this.patients.size;
  }

  /**
   * Runs at the object's alarm and after every event: closes expired sessions, removes patients past
   * the idle limit, forgets expired ids; returns the next deadline.
   */
  expire(): number | undefined {
    const now = this.options.now();
    this.dropExpiredSessions();
    for (;;) {
      const first = this.line.at(0);
      if (!first || first.waitingSince + this.options.settings().idleLimitMs > now) break;
      const socket = this.patients.get(first.connectionId);
      if (socket) this.drop(socket, CloseCode.idle, "Waited longer than the practice allows.");
      else this.leaveLine(first);
    }
    const { admitted, consultations, away, denied, moved } = this.options;
    const calls = this.returns?.calls;
    for (const set of [admitted, consultations, away, denied, moved, calls]) set?.expire(now);
    // Away past the grace period: their place goes, and those behind move up.
    for (const { entry, until } of [...this.awayInLine.values()]) if (until <= now) this.leaveLine(entry);
    const first = this.line.at(0);
    return earliest(
      ...sessionDeadlines(this.providerSockets),
      first && first.waitingSince + this.options.settings().idleLimitMs,
      admitted.nextDeadline(),
      consultations.nextDeadline(),
      away.nextDeadline(),
      denied.nextDeadline(),
      moved.nextDeadline(),
      calls?.nextDeadline(),
    );
  }

  // ---- arrivals ----

  private providerConnected(socket: ProviderSocket): void {
    this.providers.set(socket.attachment.connectionId, socket);
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: socket.attachment.connectionId, role: "provider" });
    socket.send({ type: "colleagues", colleagues: socket.attachment.colleagues ?? [] });
    socket.send({
      type: "queue",
      patients: this.line
        .all()
        .filter((p) => this.patients.has(p.connectionId))
        .map(view),
    });
    for (const patient of this.line.all()) {
      if (this.patients.has(patient.connectionId)) this.tellReturning(patient, [socket]);
    }
    this.tellStatus();
  }

  private patientConnected(socket: PatientSocket): void | Promise<void> {
    const call = this.callOf(socket.attachment.inviteId);
    if (call) return this.comingBack(socket, call);
    this.place(socket);
  }

  /**
   * The link of a patient admitted to a consultation that may still run came back (another tab, or back
   * after closing the call). In the call now: they are handed a ticket for it, never a second place. Away
   * from it: they wait, and its provider sees them coming back. Ended: they wait like anyone.
   */
  private async comingBack(socket: PatientSocket, call: RunningCall): Promise<void> {
    const returns = this.returns as Returns;
    const { connectionId, inviteId } = socket.attachment;
    this.pending.set(connectionId, socket);
    const state = await returns.state(call.consultationId, inviteId).catch(() => undefined);
    if (state === "present") {
      const ticket = await returns.mintTicket(call, socket.attachment).catch(() => undefined);
      // Closed meanwhile: nothing to tell. Without a ticket the old refusal says enough.
      if (!this.pending.delete(connectionId)) return;
      if (ticket) socket.send({ type: "in-call", consultationId: call.consultationId, ticket });
      socket.close(CloseCode.alreadyAdmitted, "Already in a running consultation.");
      return;
    }
    if (!this.pending.delete(connectionId)) return;
    if (state === "ended") returns.calls.delete(call.key);
    // Unknown (the consultation could not be asked): they wait, as before the room knew of calls.
    this.place(socket, state === "away" ? call : undefined);
  }

  /** Puts a patient in line, or refuses them; `returning`: the running call their link comes back to. */
  private place(socket: PatientSocket, returning?: RunningCall): void {
    const now = this.options.now();
    const me = socket.attachment;
    if (this.options.admitted.has(me.ticketId, now)) {
      socket.close(CloseCode.alreadyAdmitted, "Already admitted to a running consultation.");
      return;
    }
    const retryAt = this.options.denied.until(me.inviteId, now);
    if (retryAt !== undefined) {
      socket.send({ type: "denied", message: null, retryAt });
      socket.close(CloseCode.denied, "Not admitted.");
      return;
    }
    // A patient who reconnects with the same invite replaces the older connection, keeping its state.
    let replaced: PatientAttachment | undefined;
    for (const other of [...this.patients.values()]) {
      if (other.attachment.inviteId !== me.inviteId) continue;
      replaced = other.attachment;
      this.drop(other, CloseCode.replaced, "Connected again elsewhere.");
    }
    // The ticket's place holds while it is fresh, while the patient is back within the grace period,
    // or when they replace a connection still open; otherwise they join the end of the line.
    const keepsPlace =
      replaced !== undefined ||
      now - (me.issuedAt ?? me.waitingSince) < WAITING_GRACE_MS ||
      this.options.away.has(me.ticketId, now);
    this.options.away.delete(me.ticketId);
    // Back from a drop: the kept place makes way for the new connection. On hold before the drop (or
    // in the tab this one replaces): still on hold, and told so again.
    const away = this.awayInLine.get(me.inviteId);
    if (away) this.leaveLine(away.entry, { quietly: keepsPlace });
    const held = replaced ?? (keepsPlace && away ? away.entry : undefined);
    const hold = held?.onHold ? { message: held.holdMessage ?? null } : undefined;
    const placed: PatientAttachment = {
      ...me,
      waitingSince: keepsPlace ? me.waitingSince : now,
      device: replaced?.device ?? null,
      onHold: hold !== undefined,
      holdMessage: hold?.message ?? null,
      returningTo: returning?.consultationId,
    };
    socket.remember(placed);
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: "patient" });
    const index = this.index(socket);
    this.told.set(me.connectionId, index + 1);
    socket.send({ type: "position", position: index + 1, waitedMs: now - placed.waitingSince });
    socket.send({ type: "room-status", ...(this.lastStatus ?? this.currentStatus()) });
    if (hold) socket.send({ type: "on-hold", message: hold.message });
    this.positionsChangedFrom(index + 1);
    this.toProviders({ type: "arrived", patient: view(placed) });
    this.tellReturning(placed, [...this.providers.values()]);
    if (!keepsPlace) void this.handOut(socket);
  }

  private index(socket: PatientSocket): number {
    this.patients.set(socket.attachment.connectionId, socket);
    return this.line.insert(socket.attachment);
  }

  /** Sends a patient a ticket for their new place, so that a reload keeps it. */
  private async handOut(socket: PatientSocket): Promise<void> {
    const ticket = await this.sealWaitingTicket(waitingTicket(socket.attachment, this.options));
    if (this.patients.get(socket.attachment.connectionId) === socket) socket.send({ type: "ticket", ticket });
  }

  // ---- provider actions ----

  private async providerAction(me: WaitingSocket, message: ProviderMessage): Promise<void> {
    if (!isProvider(me)) return me.send(errorMessage("forbidden", `Only the provider may ${message.type}.`));
    const patient = this.patients.get(message.patientId);
    if (!patient) return me.send(errorMessage("not-found", "That patient is no longer waiting."));
    if (this.busy.has(patient.attachment.inviteId)) {
      return me.send(errorMessage("conflict", "Someone is already admitting or moving this patient."));
    }
    switch (message.type) {
      case "admit":
        return this.admit(me, patient);
      case "deny": {
        const pauseMs = this.options.settings().denyPauseMs;
        const retryAt = this.options.now() + pauseMs;
        if (pauseMs > 0) this.options.denied.add(patient.attachment.inviteId, retryAt);
        patient.send({ type: "denied", message: message.message || null, retryAt });
        return this.drop(patient, CloseCode.denied, "Not admitted.");
      }
      case "hold":
        patient.send({ type: "on-hold", message: message.message || null });
        return this.update(patient, { onHold: true, holdMessage: message.message || null });
      case "release":
        // Released twice (two providers at once): the second changes nothing and tells nobody.
        if (!patient.attachment.onHold) return;
        patient.send({ type: "hold-released" });
        return this.update(patient, { onHold: false, holdMessage: null });
      case "notify":
        patient.send({ type: "notice", text: message.text });
        return;
      case "transfer":
        return this.transfer(me, patient, message.to);
      case "let-back-in":
        return this.letBackIn(me, patient);
      default:
        message satisfies never;
    }
  }

  private async admit(provider: ProviderSocket, patient: PatientSocket): Promise<void> {
    const consultationId = this.options.newId();
    const { inviteId } = patient.attachment;
    const tickets = await this.whileBusy(inviteId, provider, () =>
      this.mintTickets({ consultationId, provider: provider.attachment, patient: patient.attachment }),
    );
    if (!tickets) return;
    // Either side may have gone while the tickets were made. A patient who reconnected in the
    // meantime is admitted on their new connection; nobody goes into a call alone.
    const stillWaiting = this.waitingWith(inviteId);
    if (!this.providers.has(provider.attachment.connectionId)) return;
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    this.options.admitted.add(stillWaiting.attachment.ticketId, tickets.expiresAt);
    this.options.consultations.add(consultationId, tickets.expiresAt);
    this.rememberCall(inviteId, consultationId, provider.attachment.providerId, tickets.expiresAt);
    stillWaiting.send({ type: "admitted", consultationId, ticket: tickets.patient });
    this.drop(stillWaiting, CloseCode.admitted, "Admitted.");
    provider.send({ type: "admitted", consultationId, ticket: tickets.provider });
    // In a consultation now: patients see that at once; the provider's page sets it back afterwards.
    provider.remember({ ...provider.attachment, status: "busy", statusAt: this.options.now() });
    this.tellStatus();
  }

  /**
   * Lets a patient who came back through their link into the consultation they left, which still runs:
   * a fresh ticket for the same consultation id, never a new call. Only that consultation's provider may.
   */
  private async letBackIn(provider: ProviderSocket, patient: PatientSocket): Promise<void> {
    const { inviteId, returningTo } = patient.attachment;
    const call = this.callOf(inviteId);
    if (
      !this.returns ||
      !call ||
      call.consultationId !== returningTo ||
      call.providerId !== provider.attachment.providerId
    ) {
      return provider.send(errorMessage("forbidden", "That patient is not coming back to a consultation of yours."));
    }
    const returns = this.returns;
    const ticket = await this.whileBusy(inviteId, provider, async () => {
      // Ended since they came back (the provider ended it elsewhere): nothing to let them back into.
      if ((await returns.state(call.consultationId, inviteId)) === "ended") return null;
      return returns.mintTicket(call, patient.attachment);
    });
    if (ticket === undefined) return;
    if (ticket === null) {
      returns.calls.delete(call.key);
      return provider.send(errorMessage("not-found", "That consultation has ended."));
    }
    const stillWaiting = this.waitingWith(inviteId);
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    this.options.admitted.add(stillWaiting.attachment.ticketId, call.until);
    stillWaiting.send({ type: "admitted", consultationId: call.consultationId, ticket });
    this.drop(stillWaiting, CloseCode.admitted, "Let back in.");
  }

  /** One running call per link: a new admission replaces the record of an older one. */
  private rememberCall(inviteId: string, consultationId: string, providerId: string, until: number): void {
    const calls = this.returns?.calls;
    if (!calls) return;
    for (const key of calls.ids()) if (key.startsWith(`${inviteId}>`)) calls.delete(key);
    calls.add(`${inviteId}>${consultationId}>${providerId}`, until);
  }

  /** The consultation this link was last admitted to, while its tickets work (only with `returns`). */
  private callOf(inviteId: string): RunningCall | undefined {
    const calls = this.returns?.calls;
    if (!calls) return undefined;
    const now = this.options.now();
    for (const key of calls.ids()) {
      const [invite, consultationId, providerId] = key.split(">");
      const until = calls.until(key, now);
      if (invite !== inviteId || !consultationId || !providerId || until === undefined) continue;
      return { key, inviteId, consultationId, providerId, until };
    }
    return undefined;
  }

  /** Tells the consultation's provider (among `to`) that this waiting patient is coming back to it. */
  private tellReturning(patient: PatientAttachment, to: readonly ProviderSocket[]): void {
    if (!patient.returningTo) return;
    const call = this.callOf(patient.inviteId);
    if (call?.consultationId !== patient.returningTo) return;
    const message: ServerMessage = { type: "returning", id: patient.connectionId, consultationId: call.consultationId };
    for (const provider of to) if (provider.attachment.providerId === call.providerId) provider.send(message);
  }

  private async transfer(provider: ProviderSocket, patient: PatientSocket, to: string): Promise<void> {
    const colleague = provider.attachment.colleagues?.find((c) => c.id === to);
    if (!colleague) return provider.send(errorMessage("forbidden", "Patients move only to colleagues."));
    if (!(await this.options.isColleague(provider.attachment.providerId, to))) {
      // Removed since the dashboard opened: the patient stays here, and the list loses them.
      const colleagues = (provider.attachment.colleagues ?? []).filter((c) => c.id !== to);
      provider.remember({ ...provider.attachment, colleagues });
      provider.send({ type: "colleagues", colleagues });
      return provider.send(errorMessage("not-found", "That colleague is no longer in your practice."));
    }
    const { inviteId } = patient.attachment;
    const ticket = await this.whileBusy(
      inviteId,
      provider,
      () => this.sealWaitingTicket({ ...waitingTicket(patient.attachment, this.options), providerId: to, room: to }),
      // A colleague's own room: patients move only between rooms of one each (a shared room needs no move).
    );
    if (!ticket) return;
    const stillWaiting = this.waitingWith(inviteId);
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    this.options.moved.add(`${stillWaiting.attachment.appointmentId}>${to}`, stillWaiting.attachment.ticketExpiresAt);
    stillWaiting.send({ type: "transferred", ticket, to: colleague.name });
    this.drop(stillWaiting, CloseCode.transferred, "Moved to a colleague's waiting room.");
  }

  /** Runs slow work for a patient while no other admit, deny or transfer may touch them. */
  private async whileBusy<T>(inviteId: string, provider: ProviderSocket, work: () => Promise<T>) {
    this.busy.add(inviteId);
    try {
      return await work();
    } catch {
      // Nothing changed: the patient still waits, and the provider may try again.
      provider.send(errorMessage("server-error", "That did not work. Please try again."));
      return undefined;
    } finally {
      this.busy.delete(inviteId);
    }
  }

  private waitingWith(inviteId: string): PatientSocket | undefined {
    for (const socket of this.patients.values()) if (socket.attachment.inviteId === inviteId) return socket;
    return undefined;
  }

  /** Changes what the room knows of a waiting patient, and tells the providers. */
  private update(socket: PatientSocket, change: Partial<PatientAttachment>): void {
    const changed = { ...socket.attachment, ...change };
    socket.remember(changed);
    // The line holds attachments: swap in the new one at the same place.
    this.line.remove(changed);
    this.line.insert(changed);
    this.toProviders({ type: "updated", patient: view(changed) });
  }

  // ---- departures ----

  /** Closes a socket the room is done with (the patient is told by the close code). */
  private drop(socket: WaitingSocket, code: number, reason: string): void {
    const known = this.known(socket);
    socket.close(code, reason);
    if (known) this.forget(known);
  }

  /** `keepPlace`: the patient dropped and may come back; their entry stays in line meanwhile. */
  private forget(socket: WaitingSocket, options: { keepPlace?: boolean } = {}): void {
    const { connectionId } = socket.attachment;
    this.throttle.forget(connectionId);
    if (isProvider(socket)) {
      this.providers.delete(connectionId);
      this.tellStatus();
      return;
    }
    this.patients.delete(connectionId);
    this.told.delete(connectionId);
    const entry = (socket as PatientSocket).attachment;
    if (this.line.indexOf(entry) === undefined) return;
    this.toProviders({ type: "departed", id: connectionId });
    if (!options.keepPlace) this.leaveLine(entry);
  }

  /** Takes an entry out of the line; those behind move up (`quietly`: someone takes the place at once). */
  private leaveLine(entry: PatientAttachment, options: { quietly?: boolean } = {}): void {
    this.awayInLine.delete(entry.inviteId);
    const index = this.line.remove(entry);
    if (index !== undefined && !options.quietly) this.positionsChangedFrom(index);
  }

  /** The room's own copy of a socket (with its current attachment), if it is still in the room. */
  private known(socket: WaitingSocket): WaitingSocket | undefined {
    const { connectionId } = socket.attachment;
    return this.providers.get(connectionId) ?? this.patients.get(connectionId);
  }

  // ---- telling ----

  private toProviders(message: ServerMessage): void {
    for (const provider of this.providers.values()) provider.send(message);
  }

  /** Tells every patient the room's status, when it changed. */
  private tellStatus(): void {
    const status = this.currentStatus();
    if (sameStatus(this.lastStatus, status)) return;
    this.lastStatus = status;
    for (const patient of this.patients.values()) patient.send({ type: "room-status", ...status });
  }

  private currentStatus(): RoomStatusView {
    return roomStatus([...this.providers.values()].map((p) => p.attachment));
  }

  /** Positions from `index` on may have changed: tell them soon, at most every POSITION_INTERVAL_MS. */
  private positionsChangedFrom(index: number): void {
    this.changedFrom = Math.min(this.changedFrom ?? index, index);
    if (this.positionsDue) return;
    this.positionsDue = true;
    const wait = Math.max(0, this.lastPositionsAt + POSITION_INTERVAL_MS - this.options.now());
    this.options.later(() => this.tellPositions(), wait);
  }

  private tellPositions(): void {
    this.positionsDue = false;
    this.lastPositionsAt = this.options.now();
    const from = this.changedFrom ?? this.line.length;
    this.changedFrom = undefined;
    for (const [offset, patient] of this.line.from(from).entries()) {
      const position = from + offset + 1;
      const socket = this.patients.get(patient.connectionId);
      // Kept places of patients away hold their position but have nobody to tell.
      if (!socket || this.told.get(patient.connectionId) === position) continue;
      this.told.set(patient.connectionId, position);
      socket.send({ type: "position", position, waitedMs: this.lastPositionsAt - patient.waitingSince });
    }
  }

  /** A provider socket lives no longer than the session that opened it; the others hear it left. */
  private dropExpiredSessions(): void {
    closeProviderSockets(this.providerSockets, sessionExpiredBy(this.options.now()), SESSION_EXPIRED);
  }
}

function isProvider(socket: WaitingSocket): socket is ProviderSocket {
  return socket.attachment.role === "provider";
}

/** What providers see of a waiting patient. */
function view(patient: PatientAttachment): WaitingPatient {
  return {
    id: patient.connectionId,
    name: patient.name,
    waitingSince: patient.waitingSince,
    appointment: patient.appointment ?? null,
    device: patient.device ?? null,
    onHold: patient.onHold ?? false,
  };
}

/** A fresh waiting ticket for this patient as they wait now: same invite, same expiry. */
function waitingTicket(patient: PatientAttachment, options: ResolvedOptions): WaitingTicket {
  return {
    kind: "waiting",
    id: options.newId(),
    providerId: patient.providerId,
    appointmentId: patient.appointmentId,
    inviteId: patient.inviteId,
    name: patient.name,
    waitingSince: patient.waitingSince,
    issuedAt: options.now(),
    exp: patient.ticketExpiresAt,
    room: patient.room,
  };
}
