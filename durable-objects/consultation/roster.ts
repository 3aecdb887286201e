// One consultation: who is in the call (a group of up to five, moderated by a provider), and relaying
// their WebRTC signaling to one named peer. Media and chat never pass through here. Plain logic over
// open sockets and the group's stored state (group.ts); durable-objects/consultation/object.ts adapts it
// to a Durable Object.
import type { ConsultationIdentity } from "../../schema/identity.ts";
import { CONSULTATION_WARNING_MS } from "../../schema/limits.ts";
import {
  CloseCode,
  ConsultationContracts,
  type ConsultationToParticipant,
  type EndReason,
  type Participant,
  type ParticipantToConsultation,
  PROTOCOL_VERSION,
  type ProviderToConsultation,
} from "../../schema/messages.ts";
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
import { CALL_THROTTLE, Throttle } from "../throttle.ts";
import { Group, MEMBER_AWAY_MS, MODERATOR_AWAY_MS } from "./group.ts";
import { Seats } from "./seats.ts";

/** `joinedAt`: when the roster accepted this connection; the provider present longest takes over moderating. */
export type ConsultationAttachment = ConsultationIdentity & { connectionId: string; joinedAt?: number };
type ConsultationSocket = RoomSocket<ConsultationAttachment, ConsultationToParticipant>;

/** A small group, peer to peer: every participant holds a connection to each of the others. */
export const MAX_PARTICIPANTS = 5;

/**
 * Where a participant stands, for the waiting room: in the call now, away from a call that still runs,
 * removed from it by the moderator, or the call has ended.
 */
export type ParticipantState = "present" | "away" | "removed" | "ended";

/**
 * The answer to a provider adding someone to the running call (`admission`): ok holds a seat for them;
 * otherwise nothing changed. removed: the moderator removed that person, whose tickets no longer open it.
 */
export type AdmissionAnswer = "ok" | "full" | "locked" | "ended" | "not-moderator" | "removed";

/**
 * The answer to the moderator asking for a one-off invitation link into this call ("Invite someone"): ok
 * with the appointment it belongs to and when the call ends at the latest; otherwise why not.
 * no-appointment: a walk-in's call, which has no appointment to tie a link to.
 */
export type InvitationAnswer =
  | { answer: "ok"; appointmentId: string; endsAt: number }
  | { answer: "ended" | "not-moderator" | "locked" | "no-appointment" };

/**
 * The answer to the moderator asking a colleague of the practice to join ("Invite a colleague"): ok with
 * when the call ends at the latest (their request lapses then). present: they are in the call already.
 */
export type ColleagueInvitationAnswer =
  | { answer: "ok"; endsAt: number }
  | { answer: "ended" | "not-moderator" | "locked" | "full" | "present" };

/**
 * The answer to a colleague joining from their dashboard: ok holds a seat for them until they connect.
 * not-invited: the moderator never asked them (or asked in a call that has ended since).
 */
export type ColleagueAdmissionAnswer =
  | { answer: "ok"; endsAt: number }
  | { answer: "ended" | "not-invited" | "locked" | "full" | "removed" };

/** The one id in the roster's record: that this consultation has ended. */
const ENDED = "ended";

/** What the roster tells the activity log (activity.ts) besides what the object can read from it. */
export interface ActivityHooks {
  /** A participant's media goes through a TURN relay. */
  relayed(): void;
}

export class ConsultationRoster {
  private readonly sockets: LiveSockets<ConsultationAttachment, ConsultationToParticipant>;
  /**
   * Whether everyone has been warned of the time limit. Memory only: after a wake-up from hibernation
   * the warning may go out once more, which changes nothing for the pages.
   */
  private warned = false;
  /** Seats promised to people being added, until they connect (or the promise lapses). */
  private readonly seats: Seats;
  /** How many messages each connection may send: a flood is refused, not relayed to the others. */
  private readonly throttle: Throttle;

  /**
   * @param record remembers that the call ended until its last ticket expires, past eviction and
   *   restarts, so that no ticket can open it again.
   */
  /**
   * @param limit when the call reaches its maximum length, as the waiting room that admitted it said
   *   (`open`); undefined for a call that has none.
   * @param group its moderator, lock and removals, as storage holds them (an empty group in tests that
   *   do not care).
   */
  constructor(
    openSockets: OpenSockets<ConsultationAttachment, ConsultationToParticipant>,
    private readonly record: ExpiringSet,
    private readonly now: () => number = Date.now,
    private limit?: number,
    private readonly group: Group = new Group(undefined, { save() {}, clear() {} }),
    private readonly activity: ActivityHooks = { relayed() {} },
  ) {
    this.sockets = new LiveSockets(openSockets);
    this.seats = new Seats(now);
    this.throttle = new Throttle(CALL_THROTTLE, now);
  }

  /** Whether the call has a maximum length still ahead (cleared when it ends). */
  get limited(): boolean {
    return this.limit !== undefined;
  }

  /** The waiting room admitted this call: it ends at `endsAt`, whatever the tickets of those in it say. */
  limitTo(endsAt: number): void {
    this.limit = endsAt;
  }

  /** The waiting room admitted this call with `moderator`, the provider who admitted it, for `appointmentId`. */
  moderatedBy(moderator: string, appointmentId?: string): void {
    if (!this.hasEnded) this.group.open(moderator, appointmentId);
  }

  /**
   * A provider asks for a link into this call for someone new: only its moderator, not into an ended or
   * locked call (nobody more may come), and only for a call admitted for an appointment. Changes nothing.
   */
  invitation(providerId: string): InvitationAnswer {
    const endsAt = this.endsAt();
    // No end ahead: ended, or never opened, or ended so long ago (past its last ticket) that nothing of
    // it is left. An ended call says so to everyone: that is all its object knows any more.
    if (this.hasEnded || endsAt === undefined || this.now() >= endsAt) return { answer: "ended" };
    if (this.group.moderator !== providerId) return { answer: "not-moderator" };
    if (this.group.locked) return { answer: "locked" };
    const appointmentId = this.group.appointmentId;
    if (appointmentId === undefined) return { answer: "no-appointment" };
    return { answer: "ok", appointmentId, endsAt };
  }

  get hasEnded(): boolean {
    return this.record.has(ENDED, this.now());
  }

  /** Whether `participantId` is in the call now; asked by the waiting room when their link comes back. */
  participantState(participantId: string): ParticipantState {
    if (this.hasEnded) return "ended";
    if (this.group.isRemoved(participantId)) return "removed";
    const here = this.sockets.list().some((s) => s.attachment.participantId === participantId);
    return here ? "present" : "away";
  }

  /**
   * A provider adds `participantId` (someone waiting for this call) or lets them back in, before their
   * ticket is made: only the moderator may, not into an ended or locked call, and not beyond
   * MAX_PARTICIPANTS counting the seats already promised and the places kept for members whose connection
   * dropped. On ok their seat is held for them; on anything else nothing changed.
   */
  admission(providerId: string, participantId: string): AdmissionAnswer {
    if (this.hasEnded) return "ended";
    if (this.group.moderator !== providerId) return "not-moderator";
    if (this.group.isRemoved(participantId)) return "removed";
    if (this.group.keepsOut(participantId)) return "locked";
    const present = this.presentIds();
    if (present.has(participantId)) return "ok";
    if (this.takenSeats(present, participantId) >= MAX_PARTICIPANTS) return "full";
    this.seats.hold(participantId);
    return "ok";
  }

  /**
   * The moderator asks `colleagueId` (a confirmed member of the practice: the worker checked) to join:
   * not into an ended, locked or full call. On ok the call remembers the request (ids only, until it
   * ends); otherwise nothing changed.
   */
  colleagueInvitation(providerId: string, colleagueId: string): ColleagueInvitationAnswer {
    const endsAt = this.endsAt();
    if (this.hasEnded || endsAt === undefined || this.now() >= endsAt) return { answer: "ended" };
    if (this.group.moderator !== providerId) return { answer: "not-moderator" };
    if (this.group.locked) return { answer: "locked" };
    const present = this.presentIds();
    if (present.has(colleagueId)) return { answer: "present" };
    if (this.takenSeats(present, colleagueId) >= MAX_PARTICIPANTS) return { answer: "full" };
    this.group.invite(colleagueId);
    return { answer: "ok", endsAt };
  }

  /**
   * A colleague the moderator asked joins from their dashboard, before the worker makes their ticket:
   * only when asked, not into an ended, locked or full call. On ok their seat is held until they connect.
   */
  colleagueAdmission(colleagueId: string): ColleagueAdmissionAnswer {
    const endsAt = this.endsAt();
    if (this.hasEnded || endsAt === undefined || this.now() >= endsAt) return { answer: "ended" };
    if (!this.group.isInvited(colleagueId)) return { answer: "not-invited" };
    if (this.group.isRemoved(colleagueId)) return { answer: "removed" };
    if (this.group.keepsOut(colleagueId)) return { answer: "locked" };
    const present = this.presentIds();
    if (present.has(colleagueId)) return { answer: "ok", endsAt };
    if (this.takenSeats(present, colleagueId) >= MAX_PARTICIPANTS) return { answer: "full" };
    this.seats.hold(colleagueId);
    return { answer: "ok", endsAt };
  }

  /** The provider moderating the call now, if any. */
  get moderator(): string | undefined {
    return this.group.moderator;
  }

  /** How many people are in the call now (each once, however many connections). */
  get presentCount(): number {
    return this.presentIds().size;
  }

  /** Participant ids connected now. */
  private presentIds(): Set<string> {
    return new Set(this.sockets.list().map((s) => s.attachment.participantId));
  }

  /**
   * Seats taken by others than `participantId`: those present, those promised to someone being added, and
   * the places kept for members whose connection dropped.
   */
  private takenSeats(present: Set<string>, participantId: string): number {
    const taken = new Set([...present, ...this.seats.waitingFor(), ...this.group.keptFor(this.now())]);
    taken.delete(participantId);
    return taken.size;
  }

  connected(socket: ConsultationSocket): void {
    const me = socket.attachment;
    if (this.hasEnded) {
      socket.send({ type: "ended", reason: "ended-by-provider" });
      this.sockets.close(socket, CloseCode.ended, "The consultation has ended.");
      return;
    }
    if (this.group.isRemoved(me.participantId)) {
      socket.send({ type: "ended", reason: "removed" });
      this.sockets.close(socket, CloseCode.removed, "Removed from the consultation.");
      return;
    }
    const others = this.sockets.list().filter((s) => s.attachment.connectionId !== me.connectionId);
    // Someone new counts the seats promised to people being added and the places kept for members whose
    // connection dropped (unless one is their own). A member coming back (a reload, a network change,
    // however long it took) counts only those present: they win over a newcomer. They are part of a
    // conversation the others expect them back in, while a newcomer has not started and is told "full"
    // before anything of theirs is lost; admission counts every kept place, so only a member back after
    // MEMBER_AWAY_MS, or held seats lost to an eviction, can make both want the last seat.
    const participants = new Set([
      ...others.map((s) => s.attachment.participantId),
      ...(this.group.isReturning(me.participantId)
        ? []
        : [...this.seats.waitingFor(), ...this.group.keptFor(this.now())]),
      me.participantId,
    ]);
    if (participants.size > MAX_PARTICIPANTS) {
      socket.send(errorMessage("forbidden", "This consultation is full."));
      this.sockets.close(socket, CloseCode.full, "The consultation is full.");
      return;
    }
    // Locked: nobody new; someone who was in the call and reconnects is not new. To the person it is
    // the same as a full call: there is no place for them.
    if (this.group.keepsOut(me.participantId)) {
      socket.send(errorMessage("forbidden", "This consultation is locked."));
      this.sockets.close(socket, CloseCode.full, "The consultation is locked.");
      return;
    }
    socket.remember({ ...me, joinedAt: this.now() });
    this.seats.release(me.participantId);
    this.group.joined(me.participantId, me.role === "provider");
    // The same participant connecting again (a reload) replaces the older connection.
    for (const old of others.filter((s) => s.attachment.participantId === me.participantId)) {
      old.send({ type: "ended", reason: "replaced" });
      this.sockets.close(old, CloseCode.replaced, "Connected again elsewhere.");
    }
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: me.role });
    // Joining (or coming back) within the last minutes: the warning is for this page too.
    const endsAt = this.endsAt();
    if (endsAt !== undefined && this.now() >= endsAt - CONSULTATION_WARNING_MS) {
      socket.send({ type: "time-warning", endsAt });
    }
    this.broadcastPresence();
  }

  disconnected(socket: ConsultationSocket): void {
    this.sockets.gone(socket);
    this.throttle.forget(socket.attachment.connectionId);
    this.watchMembers(this.now());
    this.broadcastPresence();
  }

  received(socket: ConsultationSocket, raw: string | ArrayBuffer): void {
    this.dropExpiredSessions();
    if (!this.sockets.has(socket)) return;
    // A socket the room closed (the call ended, its person removed) may still deliver frames after the
    // object slept: they change nothing.
    if (this.hasEnded || this.group.isRemoved(socket.attachment.participantId)) return;
    // Every message counts, signaling most of all: a flood is refused once out loud and never relayed.
    const verdict = this.throttle.take(socket.attachment.connectionId);
    if (verdict === "close") {
      this.sockets.close(socket, CloseCode.flooded, "Too many messages.");
      this.broadcastPresence();
      return;
    }
    if (verdict === "refuse") socket.send(errorMessage("rate-limited", "Too many messages; slow down."));
    if (verdict !== "accept") return;
    // Read as what this socket's role may send: a patient's "end" is refused here, never handled.
    if (socket.attachment.role === "provider") {
      const parsed = parseClientMessage(raw, ConsultationContracts, "provider");
      if (parsed.ok) this.fromProvider(socket, parsed.message);
      else socket.send(parsed.error);
      return;
    }
    const parsed = parseClientMessage(raw, ConsultationContracts, socket.attachment.role);
    if (parsed.ok) this.fromParticipant(socket, parsed.message);
    else socket.send(parsed.error);
  }

  private fromProvider(socket: ConsultationSocket, message: ProviderToConsultation): void {
    switch (message.type) {
      case "end":
      case "ask-mute":
      case "remove":
      case "lock":
      case "make-moderator":
        // A provider who does not moderate may not, and nothing changes.
        if (socket.attachment.participantId !== this.group.moderator) {
          socket.send(errorMessage("forbidden", "Only the moderator of this consultation may do this."));
          return;
        }
        this.moderate(socket, message);
        return;
      case "hello":
      case "offer":
      case "answer":
      case "ice":
      case "path":
      case "leave":
        this.fromParticipant(socket, message);
        return;
      default:
        message satisfies never;
    }
  }

  /** The moderator's controls. */
  private moderate(
    socket: ConsultationSocket,
    message: Extract<ProviderToConsultation, { type: "end" | "ask-mute" | "remove" | "lock" | "make-moderator" }>,
  ): void {
    switch (message.type) {
      case "end":
        this.end();
        return;
      case "lock":
        this.group.lock(message.locked);
        this.broadcastPresence();
        return;
      case "ask-mute": {
        const target = this.other(socket, message.to);
        // Only a provider moderates, and a provider's ticket carries their name.
        if (target) target.send({ type: "asked-to-mute", by: socket.attachment.name ?? "" });
        return;
      }
      case "remove": {
        // Only a present connection can be named (pages offer remove on present tiles, not for someone
        // away); once removed, no ticket of theirs opens the call again (`connected`).
        const target = this.other(socket, message.to);
        if (!target) return;
        this.group.remove(target.attachment.participantId);
        target.send({ type: "ended", reason: "removed" });
        this.sockets.close(target, CloseCode.removed, "Removed from the consultation.");
        this.broadcastPresence();
        return;
      }
      case "make-moderator": {
        const target = this.other(socket, message.to);
        if (!target) return;
        if (target.attachment.role !== "provider") {
          socket.send(errorMessage("forbidden", "Only a provider in the call can moderate it."));
          return;
        }
        this.group.handTo(target.attachment.participantId);
        this.broadcastPresence();
        return;
      }
      default:
        message satisfies never;
    }
  }

  /** Another participant's connection present now, or undefined after telling the sender it is not here. */
  private other(socket: ConsultationSocket, connectionId: string): ConsultationSocket | undefined {
    const peer = this.sockets.list().find((s) => s.attachment.connectionId === connectionId);
    if (peer && peer.attachment.participantId !== socket.attachment.participantId) return peer;
    socket.send(errorMessage("not-found", "That participant is not here."));
    return undefined;
  }

  /** What everyone in the call may send, whatever their role. */
  private fromParticipant(socket: ConsultationSocket, message: ParticipantToConsultation): void {
    const me = socket.attachment;
    switch (message.type) {
      case "hello":
        return;
      case "offer":
      case "answer":
      case "ice": {
        const peer = this.sockets.list().find((s) => s.attachment.connectionId === message.to);
        if (!peer || peer.attachment.connectionId === me.connectionId) {
          socket.send(errorMessage("not-found", "That participant is not here."));
          return;
        }
        const { to: _to, ...payload } = message;
        peer.send({ ...payload, from: me.connectionId });
        return;
      }
      case "path":
        if (message.relayed) this.activity.relayed();
        return;
      case "leave":
        this.sockets.close(socket, CloseCode.normal, "Left the consultation.");
        // Gone, not away: their place is free for someone new.
        this.group.memberLeft(me.participantId);
        if (me.participantId === this.group.moderator) this.handOver(me.participantId);
        this.broadcastPresence();
        return;
      default:
        message satisfies never;
    }
  }

  /**
   * Ends the call for everyone and closes every socket. What remains is the record that it ended,
   * until the last ticket for it expires.
   */
  end(reason: EndReason = "ended-by-provider"): void {
    const open = this.sockets.list();
    // Every ticket for this call expires at its limit at the latest: the record lasts until then even
    // when nobody is connected at the end (a grace period that ran out in an empty room), so no kept
    // ticket, a removed person's included, opens the call again.
    const lastTicketExpiry = Math.max(this.now(), this.limit ?? 0, ...open.map((s) => s.attachment.ticketExpiresAt));
    this.limit = undefined;
    this.group.clear();
    this.record.add(ENDED, lastTicketExpiry);
    for (const socket of open) {
      socket.send({ type: "ended", reason });
      this.sockets.close(socket, CloseCode.ended, "The consultation has ended.");
    }
  }

  /** Closes the provider's sockets whose session ended (logout, "log out everywhere"). */
  endSessions(match: SessionMatch): void {
    // A provider's participant id is their provider id (the waiting room mints it so).
    const ended = (a: ConsultationAttachment) => matchesSession(a, a.participantId, match);
    if (closeProviderSockets(this.sockets, ended, LOGGED_OUT) > 0) this.broadcastPresence();
  }

  /**
   * Runs at the object's alarm and after every event: forgets an expired record, closes expired sessions,
   * warns everyone 5 minutes before the time limit and ends the call at it; returns the next deadline.
   */
  expire(): number | undefined {
    const now = this.now();
    this.record.expire(now);
    this.dropExpiredSessions();
    if (!this.hasEnded) this.watchModerator(now);
    this.watchMembers(now);
    const endsAt = this.endsAt();
    const graceEndsAt = this.hasEnded ? undefined : this.group.graceEndsAt;
    if (endsAt !== undefined && now >= endsAt) this.end("time-limit");
    else if (graceEndsAt !== undefined && now >= graceEndsAt) this.end("no-moderator");
    else if (endsAt !== undefined && now >= endsAt - CONSULTATION_WARNING_MS && !this.warned) {
      this.warned = true;
      for (const socket of this.sockets.list()) socket.send({ type: "time-warning", endsAt });
    }
    // Next: the warning while it is ahead, then the end itself.
    const limit = this.endsAt();
    const warnAt = limit === undefined ? undefined : limit - CONSULTATION_WARNING_MS;
    const next = warnAt !== undefined && now < warnAt ? warnAt : limit;
    const grace = this.hasEnded ? undefined : this.group.graceEndsAt;
    const away = this.hasEnded ? undefined : this.group.awayUntil;
    return earliest(this.record.nextDeadline(), ...sessionDeadlines(this.sockets), next, grace, away);
  }

  /** When the call reaches its maximum length; undefined once it has ended. */
  private endsAt(): number | undefined {
    return this.hasEnded ? undefined : this.limit;
  }

  /** The provider's socket lives no longer than the session their ticket is bound to. */
  private dropExpiredSessions(): void {
    if (closeProviderSockets(this.sockets, sessionExpiredBy(this.now()), SESSION_EXPIRED) > 0) {
      this.broadcastPresence();
    }
  }

  /**
   * A moderator whose connection dropped (a reload, a network change, a logout) keeps the role for
   * MODERATOR_AWAY_MS; not back by then, it is as if they had left. Worked out from the sockets after
   * every event, so a drop the object slept through counts too.
   */
  private watchModerator(now: number): void {
    const moderator = this.group.moderator;
    if (moderator === undefined || !this.group.moderatorJoined || this.group.graceEndsAt !== undefined) return;
    if (this.sockets.list().some((s) => s.attachment.participantId === moderator)) {
      this.group.moderatorBack();
      return;
    }
    const awayUntil = this.group.awayUntil;
    if (awayUntil === undefined) {
      this.group.moderatorAway(now + MODERATOR_AWAY_MS);
      return;
    }
    if (now < awayUntil) return;
    this.handOver(moderator);
    this.broadcastPresence();
  }

  /**
   * Members whose connection dropped keep their place for MEMBER_AWAY_MS from when the roster first saw
   * them gone: at the close, or after any later event for a drop the object never heard of (a restart).
   */
  private watchMembers(now: number): void {
    if (this.hasEnded) return;
    const present = new Set(this.sockets.list().map((s) => s.attachment.participantId));
    this.group.notice(present, now + MEMBER_AWAY_MS);
  }

  /**
   * The moderator left: the provider present longest moderates now; with none, the call ends after an
   * announced grace period unless a provider comes (Group.joined).
   */
  private handOver(leaving: string): void {
    const providers = this.sockets
      .list()
      .filter((s) => s.attachment.role === "provider" && s.attachment.participantId !== leaving)
      .sort((a, b) => (a.attachment.joinedAt ?? 0) - (b.attachment.joinedAt ?? 0));
    this.group.moderatorLeft(providers[0]?.attachment.participantId, this.now());
  }

  private broadcastPresence(): void {
    const open = this.sockets.list();
    const moderator = this.group.moderator;
    const participants = open.map(({ attachment: a }): Participant => {
      const participant: Participant = {
        id: a.connectionId,
        role: a.role,
        ...(a.name !== undefined ? { name: a.name } : {}),
        moderator: a.participantId === moderator,
      };
      if (a.label !== undefined) participant.label = a.label;
      return participant;
    });
    const { locked, graceEndsAt } = this.group;
    const presence: ConsultationToParticipant = { type: "presence", participants, locked };
    if (graceEndsAt !== undefined) presence.graceEndsAt = graceEndsAt;
    for (const socket of open) socket.send(presence);
  }
}
