import { DurableObject } from "cloudflare:workers";
import { errorName, logEvent } from "../../common/log.ts";
import { ConsultationIdentity } from "../../schema/identity.ts";
import type { ConsultationToParticipant } from "../../schema/messages.ts";
import { acceptSocket, answerPings, readIdentity, reciprocateClose, replyOnFailure } from "../accept.ts";
import type { ObjectsEnv } from "../env.ts";
import { objects } from "../jurisdiction.ts";
import type { SessionMatch } from "../sessions.ts";
import { wrapWebSocket } from "../socket.ts";
import { Alarm, loadExpiringSet } from "../storage.ts";
import { ACTIVITY_KEY, type ActivityFacts, CallActivity, logActivity, type StoredActivity } from "./activity.ts";
import { Group, type StoredGroup } from "./group.ts";
import {
  type AdmissionAnswer,
  type ColleagueAdmissionAnswer,
  type ColleagueInvitationAnswer,
  type ConsultationAttachment,
  ConsultationRoster,
  type InvitationAnswer,
  type ParticipantState,
} from "./roster.ts";

/** WebSocket.READY_STATE_OPEN: a socket the room has not closed yet. */
const OPEN = 1;

/** Where the call's maximum length is kept, as the waiting room that admitted it said. */
const LIMIT_KEY = "ends-at";
/** Where the group's moderator, lock, members and removals are kept (group.ts), until the call ends. */
const GROUP_KEY = "group";
/** Where the waiting room to tell at the end is kept (ids only), until the call ends. */
const TELL_KEY = "tell-at-end";

/**
 * The waiting room that admitted the call, told when it ends, and this call's id as that room knows it
 * (an object does not know its own name): whoever waits through a link made in the call leaves then.
 */
export interface TellAtEnd {
  room: string;
  consultationId: string;
}

/**
 * One per consultation. Relays signaling only; holds the roster in socket attachments. Storage holds
 * when the call reaches its maximum length and the group's moderation (from admission until it ends),
 * and once it has ended that it ended, until its last ticket expires; the alarm deletes it.
 */

export class Consultation extends DurableObject<ObjectsEnv> {
  /** Set before any event is delivered: the constructor blocks them until storage is read. */
  private roster!: ConsultationRoster;
  /** Whether storage holds the call's maximum length (until it ends). */
  private limitStored = false;
  /** The waiting room to tell when the call ends, as storage holds it; none for a walk-in's call. */
  private tellAtEnd: TellAtEnd | undefined;
  /** What the practice's activity log will hear of this call at its end (if the practice keeps one). */
  private activity!: CallActivity;
  /** Set to the next deadline after every event. */
  private readonly alarmClock = new Alarm(this.ctx.storage);

  constructor(ctx: DurableObjectState, env: ObjectsEnv) {
    super(ctx, env);
    answerPings(ctx);
    void ctx.blockConcurrencyWhile(async () => {
      const [record, limit, group, tellAtEnd, activity] = await Promise.all([
        loadExpiringSet(ctx.storage, "record:"),
        ctx.storage.get<number>(LIMIT_KEY),
        ctx.storage.get<StoredGroup>(GROUP_KEY),
        ctx.storage.get<TellAtEnd>(TELL_KEY),
        ctx.storage.get<StoredActivity>(ACTIVITY_KEY),
      ]);
      this.limitStored = limit !== undefined;
      this.tellAtEnd = tellAtEnd;
      // Output gates hold the object's replies until these writes are durable: no await needed.
      const groupStore = {
        save: (stored: StoredGroup) => void ctx.storage.put(GROUP_KEY, stored),
        clear: () => void ctx.storage.delete(GROUP_KEY),
      };
      this.activity = new CallActivity(activity, {
        save: (stored) => void ctx.storage.put(ACTIVITY_KEY, stored),
        clear: () => void ctx.storage.delete(ACTIVITY_KEY),
      });
      this.roster = new ConsultationRoster(
        // Sockets that are closing are no longer in the call (a closed one is forgotten when the object sleeps).
        () =>
          ctx
            .getWebSockets()
            .filter((ws) => ws.readyState === OPEN)
            .map((ws) => wrapWebSocket<ConsultationAttachment, ConsultationToParticipant>(ws)),
        record,
        Date.now,
        limit,
        new Group(group, groupStore),
        { relayed: () => this.activity.relayed() },
      );
    });
  }

  override async fetch(request: Request): Promise<Response> {
    const identity = readIdentity(request, ConsultationIdentity);
    if (identity instanceof Response) return identity;
    const { client, server } = acceptSocket(this.ctx, { ...identity, connectionId: crypto.randomUUID() });
    this.roster.connected(wrapWebSocket(server));
    const present = this.roster.presentCount;
    // Refused (ended, full, removed): nobody joined, and the log hears nothing of it.
    if (present > 0 && !this.roster.hasEnded) {
      const firstProvider = identity.role === "provider" ? identity.participantId : undefined;
      this.activity.joined(Date.now(), present, this.roster.moderator ?? firstProvider);
    }
    await this.reschedule();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await replyOnFailure(ws, () => this.roster.received(wrapWebSocket(ws), message));
    await this.reschedule();
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    reciprocateClose(ws, code, reason);
    this.roster.disconnected(wrapWebSocket(ws));
    // The moderator's connection may be the one that dropped: the alarm waits for them to come back.
    await this.reschedule();
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.roster.disconnected(wrapWebSocket(ws));
    await this.reschedule();
  }

  override async alarm(): Promise<void> {
    this.alarmClock.fired();
    await this.reschedule();
  }

  /**
   * The waiting room calls this as it admits a patient, before it hands out tickets: the call ends at
   * `endsAt`, the practice's maximum length (kept in storage until then, past hibernation), and
   * `moderator`, the admitting provider, moderates it. Without one, the first provider to join does.
   * `appointmentId`: the appointment it was admitted for (none for a walk-in), for "Invite someone".
   * `tell`: the waiting room to tell when the call ends, whatever ends it.
   */
  async open(endsAt: number, moderator?: string, appointmentId?: string, tell?: TellAtEnd): Promise<void> {
    this.roster.limitTo(endsAt);
    if (moderator !== undefined) this.roster.moderatedBy(moderator, appointmentId);
    this.limitStored = true;
    await this.ctx.storage.put(LIMIT_KEY, endsAt);
    if (tell !== undefined && !this.roster.hasEnded) {
      this.tellAtEnd = tell;
      await this.ctx.storage.put(TELL_KEY, tell);
    }
    await this.reschedule();
  }

  /** The worker calls this at logout: the provider's socket closes with their session. */
  async endSessions(match: SessionMatch): Promise<void> {
    this.roster.endSessions(match);
  }

  /** The waiting room asks this when a patient's link comes back while their consultation may still run. */
  async participantState(participantId: string): Promise<ParticipantState> {
    return this.roster.participantState(participantId);
  }

  /**
   * The waiting room asks this before it mints a ticket for someone a provider adds to this running call
   * (their participant id is their invite id): the authority on moderator, lock, end and room, so that
   * two adds at once cannot make six.
   */
  async admission(providerId: string, participantId: string): Promise<AdmissionAnswer> {
    return this.roster.admission(providerId, participantId);
  }

  /**
   * The worker asks this before it makes a one-off link into this call for `providerId` ("Invite
   * someone"): the authority on moderator, lock and end, and it knows the appointment and the end.
   */
  async invitation(providerId: string): Promise<InvitationAnswer> {
    return this.roster.invitation(providerId);
  }

  /**
   * The worker asks this before it asks a colleague to join for `providerId` ("Invite a colleague"): only
   * the moderator may, and the call remembers whom they asked (ids only, until it ends).
   */
  async colleagueInvitation(providerId: string, colleagueId: string): Promise<ColleagueInvitationAnswer> {
    return this.roster.colleagueInvitation(providerId, colleagueId);
  }

  /** The worker asks this before it makes the ticket of a colleague who joins from their dashboard. */
  async colleagueAdmission(colleagueId: string): Promise<ColleagueAdmissionAnswer> {
    return this.roster.colleagueAdmission(colleagueId);
  }

  private async reschedule(): Promise<void> {
    const next = this.roster.expire();
    if (this.limitStored && !this.roster.limited) {
      // The call ended (whatever ended it): its length is of no more use, and storage keeps only that it ended.
      this.limitStored = false;
      // Taken (and forgotten by storage) before anything awaits: an ended call holds no activity facts.
      const activity = this.activity.ended(Date.now());
      await this.ctx.storage.delete(LIMIT_KEY);
      await this.tellWaitingRoom();
      if (activity) await this.logActivity(activity);
    }
    await this.alarmClock.setTo(next);
  }

  /** The call ended: its entry goes to the practice's activity log, if it keeps one. Once; never retried. */
  private async logActivity(facts: ActivityFacts): Promise<void> {
    try {
      await logActivity(this.env.DB, facts);
    } catch (error) {
      logEvent("error", "activity-unlogged", { name: errorName(error) });
    }
  }

  /**
   * The call ended: the waiting room that admitted it hears so once. One that cannot be reached still
   * admits nobody through a link made here (it asks this object when such a link arrives or is added).
   */
  private async tellWaitingRoom(): Promise<void> {
    const tell = this.tellAtEnd;
    if (tell === undefined) return;
    this.tellAtEnd = undefined;
    await this.ctx.storage.delete(TELL_KEY);
    const rooms = objects(this.env, this.env.WAITING_ROOM);
    try {
      await rooms.get(rooms.idFromName(tell.room)).callEnded(tell.consultationId);
    } catch (error) {
      logEvent("error", "call-end-untold", { name: errorName(error) });
    }
  }
}
