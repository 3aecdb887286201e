import { DurableObject } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { sealKeys } from "../../common/seal-keys.ts";
import { WaitingIdentity } from "../../schema/identity.ts";
import { CloseCode, type WithdrawReason } from "../../schema/messages.ts";
import { MAX_WALK_INS_WAITING } from "../../schema/personal-room.ts";
import { WaitingRoomSettings } from "../../schema/room-settings.ts";
import {
  acceptSocket,
  answerPings,
  closedSocket,
  readIdentity,
  reciprocateClose,
  replyOnFailure,
  SERVER_ERROR,
} from "../accept.ts";
import { Batched } from "../batched.ts";
import type { ObjectsEnv } from "../env.ts";
import { type ExpiringSet, earliest } from "../expiring-set.ts";
import { objects } from "../jurisdiction.ts";
import { SECOND_FACTOR_REQUIRED, type SessionMatch } from "../sessions.ts";
import { wrapWebSocket } from "../socket.ts";
import { Alarm, loadExpiringSet } from "../storage.ts";
import { sealTicket } from "../tickets.ts";
import { type Arrival, Arrivals, type PatientIdentity } from "./arrivals.ts";
import type { AcceptedSocket, PatientAttachment, WaitingAttachment } from "./attachments.ts";
import type { CallRequest } from "./call-requests.ts";
import type { CallOverview, CallState, RunningCall } from "./calls.ts";
import { colleagueDirectory } from "./colleagues.ts";
import { lookUpInvites, lookUpMembers } from "./invite-facts.ts";
import { type Admission, callRole } from "./minting.ts";
import { WaitingRoomCore } from "./room.ts";
import { RoomSettings } from "./settings.ts";

/** A hibernatable socket of this room; the room types it by the role its attachment records. */
const accepted = (ws: WebSocket): AcceptedSocket => wrapWebSocket(ws);

/** workerd's WebSocket.READY_STATE_OPEN. */
const OPEN = 1;

/**
 * One per provider, or one per practice that shares its waiting room (worker/waiting-rooms.ts).
 * Presence lives in socket attachments only. Storage holds nothing but ids with deadlines (admitted
 * waiting tickets, running consultations, dropped tickets in their grace period, denied links in
 * their pause, patients moved to a colleague, members asked to join a colleague's call), each deleted by the alarm when due.
 */
export class WaitingRoom extends DurableObject<ObjectsEnv> {
  /** Set before any event is delivered: the constructor blocks them until storage is read. */
  private room!: WaitingRoomCore;
  /** Checks arriving patients' links against D1, those arriving together in one query. */
  private arrivals!: Arrivals;
  /** Appointments withdrawn lately; expired with the room's other sets. */
  private withdrawn!: ExpiringSet;
  /**
   * The practice's settings, as the worker (or the first patient's check) last told the room, kept in
   * its storage; shared with the room, and the consultation length is read here too.
   */
  private settings!: RoomSettings;
  /** Set to the next deadline after every event. */
  private readonly alarmClock = new Alarm(this.ctx.storage);

  constructor(ctx: DurableObjectState, env: ObjectsEnv) {
    super(ctx, env);
    answerPings(ctx);
    void ctx.blockConcurrencyWhile(async () => {
      const load = (prefix: string) => loadExpiringSet(ctx.storage, prefix);
      const [admitted, consultations, away, denied, moved, calls, consulted, hosting, withdrawn, asked, settings] =
        await Promise.all([
          load("admitted:"),
          load("consultation:"),
          load("away:"),
          load("denied:"),
          load("moved:"),
          load("call:"),
          load("consulted:"),
          load("hosting:"),
          load("withdrawn:"),
          load("asked:"),
          RoomSettings.load(ctx.storage),
        ]);
      this.withdrawn = withdrawn;
      this.settings = settings;
      this.arrivals = new Arrivals(
        new Batched(lookUpInvites(env.DB)),
        new Batched(lookUpMembers(env.DB)),
        withdrawn,
        Date.now,
        () => crypto.randomUUID(),
        (consultationId, inviteId) =>
          this.callState(consultationId, inviteId).then(
            (state) => state === "ended",
            () => false,
          ),
      );
      this.room = new WaitingRoomCore(
        // Sockets that are closing are no longer in the room.
        () =>
          ctx
            .getWebSockets()
            .filter((ws) => ws.readyState === OPEN)
            .map(accepted),
        (admission) => this.mintTickets(admission),
        (ticket) => sealTicket(env.TICKET_SECRET, ticket),
        {
          admitted,
          consultations,
          away,
          denied,
          moved,
          asked,
          settings: this.settings,
          colleagues: colleagueDirectory(env.DB),
          // Asked on every patient connection, as the practice's members and their devices change.
          sealKeys: (patient) =>
            sealKeys(drizzle(env.DB), { providerId: patient.providerId, shared: this.settings.current.shared }),
          returns: {
            calls,
            consulted,
            hosting,
            state: (consultationId, inviteId) => this.callState(consultationId, inviteId),
            mintTicket: (call, patient) => this.mintReturnTicket(call, patient),
            admission: (consultationId, providerId, inviteId) =>
              this.consultation(consultationId).admission(providerId, inviteId),
          },
        },
      );
    });
  }

  /** Whether the patient of this invite is in that consultation now (their participant id is the invite id). */
  private callState(consultationId: string, inviteId: string): Promise<CallState> {
    return this.consultation(consultationId).participantState(inviteId);
  }

  private consultation(consultationId: string) {
    const namespace = objects(this.env, this.env.CONSULTATION);
    return namespace.get(namespace.idFromName(consultationId));
  }

  /**
   * A ticket for a consultation that runs: the same id, the invite as participant, ending when it ends.
   * Someone who came through a labelled invitation (an interpreter, a relative) is a guest (`callRole`).
   */
  private mintReturnTicket(call: RunningCall, patient: PatientAttachment): Promise<string> {
    return sealTicket(this.env.TICKET_SECRET, {
      kind: "consultation",
      consultationId: call.consultationId,
      participantId: patient.inviteId,
      providerId: patient.providerId,
      ...callRole(patient),
      exp: call.until,
    });
  }

  override async fetch(request: Request): Promise<Response> {
    const vouched = readIdentity(request, WaitingIdentity);
    if (vouched instanceof Response) return vouched;
    const identity = vouched.role === "patient" ? await this.checkArrival(vouched) : vouched;
    if (identity instanceof Response) return identity;
    const attachment: WaitingAttachment = { ...identity, connectionId: crypto.randomUUID() };
    const { client, server } = acceptSocket(this.ctx, attachment);
    await this.room.connected(accepted(server));
    await this.reschedule();
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The patient's identity completed from D1, or the answer that sends them away or elsewhere. */
  private async checkArrival(patient: PatientIdentity): Promise<PatientIdentity | Response> {
    let arrival: Arrival;
    try {
      arrival = await this.arrivals.check(patient);
    } catch {
      // D1 could not be asked: not the link's fault. The page tries again, as after any lost connection.
      return closedSocket(SERVER_ERROR, "Please try again.");
    }
    switch (arrival.kind) {
      case "welcome":
        // First used by a patient: the practice's settings as D1 has them, until the worker sets them.
        if (!this.settings.known) this.settings.set(arrival.settings, Date.now());
        // The join asked first; this is the check that holds when many join at once.
        if (arrival.patient.walkIn && this.room.walkInsWaiting(arrival.patient.inviteId) >= MAX_WALK_INS_WAITING) {
          return closedSocket(CloseCode.full, "Too many people are waiting without an appointment.");
        }
        return arrival.patient;
      case "refused":
        return closedSocket(CloseCode.forbidden, "This link is no longer valid.");
      case "call-ended":
        return closedSocket(CloseCode.ended, "The consultation has ended.");
      case "early":
        return closedSocket(CloseCode.notOpen, `The waiting room opens at ${new Date(arrival.opensAt).toISOString()}.`);
      case "redirected": {
        const ticket = await sealTicket(this.env.TICKET_SECRET, arrival.ticket);
        return closedSocket(CloseCode.reopened, "The practice's waiting room moved.", { type: "ticket", ticket });
      }
      default:
        return arrival satisfies never;
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await replyOnFailure(ws, () => this.room.received(accepted(ws), message));
    await this.reschedule();
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    reciprocateClose(ws, code, reason);
    this.room.disconnected(accepted(ws));
    await this.reschedule();
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.room.disconnected(accepted(ws));
    await this.reschedule();
  }

  override async alarm(): Promise<void> {
    this.alarmClock.fired();
    await this.reschedule();
  }

  /**
   * The worker calls this when the room is first used (a dashboard connects) and whenever the practice
   * changes a setting: it holds at once for everyone waiting (a shorter idle limit lets go of those
   * past it now), and after hibernation.
   */
  async configure(settings: WaitingRoomSettings): Promise<void> {
    this.settings.set(WaitingRoomSettings.parse(settings), Date.now());
    await this.reschedule();
  }

  /** The worker calls this at logout: closes that session's sockets; returns the consultations to tell. */
  async endSessions(match: SessionMatch): Promise<string[]> {
    this.room.endSessions(match);
    return this.room.runningConsultations();
  }

  /**
   * The worker calls this when the practice starts requiring 2FA: the provider's dashboards close (they
   * may not list or admit patients until they set it up); a running consultation is not interrupted.
   */
  async refuseProvider(providerId: string): Promise<void> {
    this.room.endSessions({ everySessionOf: providerId }, SECOND_FACTOR_REQUIRED);
  }

  /** The worker asks this for the appointment list: invite ids only, whose consultation runs or took place. */
  async callOverview(): Promise<CallOverview> {
    return this.room.callOverview();
  }

  /** The worker asks this before letting a walk-in in through a personal room (the cap, MAX_WALK_INS_WAITING). */
  async walkInsWaiting(): Promise<number> {
    return this.room.walkInsWaiting();
  }

  /** The worker calls this when an appointment's links are withdrawn; returns the rooms to tell next. */
  async withdrawAppointment(appointmentId: string, reason: WithdrawReason = "withdrawn"): Promise<string[]> {
    this.arrivals.withdraw(appointmentId);
    const movedTo = this.room.withdrawAppointment(appointmentId, reason);
    await this.reschedule();
    return movedTo;
  }

  /** The worker calls this when one invitation's link is withdrawn or replaced; returns the rooms to tell next. */
  async withdrawInvite(appointmentId: string, inviteId: string): Promise<string[]> {
    this.arrivals.withdrawInvite(inviteId);
    const movedTo = this.room.withdrawAppointment(appointmentId, "withdrawn", inviteId);
    await this.reschedule();
    return movedTo;
  }

  /**
   * The worker calls this when a consultation's moderator asks `request.memberId` to join it ("Invite a
   * colleague"); `from` is the moderator's name, for the dashboards open now.
   */
  async askToJoin(request: CallRequest, from: string): Promise<void> {
    this.room.askToJoin(request, from);
    await this.reschedule();
  }

  /** The worker calls this when the member asked joined the call: their dashboards stop asking. */
  async callRequestAnswered(memberId: string, consultationId: string): Promise<void> {
    this.room.callRequestAnswered(memberId, consultationId);
    await this.reschedule();
  }

  /**
   * A consultation admitted from this room calls this at its end (whatever ended it): whoever waits
   * through a link made in it leaves, told so, and nobody waits for it any more.
   */
  async callEnded(consultationId: string): Promise<void> {
    this.room.callEnded(consultationId);
    await this.reschedule();
  }

  /** The worker calls this when the practice switches between a shared room and one each. */
  async reopen(): Promise<void> {
    await this.room.reopen(async (patient) => {
      const destination = await this.arrivals.destination(patient);
      return destination && this.arrivals.ticketTo(destination, patient);
    });
    await this.reschedule();
  }

  private async reschedule(): Promise<void> {
    const now = Date.now();
    this.withdrawn.expire(now);
    await this.alarmClock.setTo(earliest(this.room.expire(), this.withdrawn.nextDeadline(), this.settings.expire(now)));
  }

  private async mintTickets({ consultationId, provider, patient }: Admission) {
    // The consultation ends at its maximum length, and no ticket opens it after that.
    const expiresAt = Date.now() + this.settings.consultationLimitMs();
    // The consultation learns its length from here, before anyone holds a ticket for it.
    const namespace = objects(this.env, this.env.CONSULTATION);
    // A walk-in's call has no appointment: nobody can be invited into it from inside ("Invite someone").
    const appointmentId = patient.walkIn ? undefined : patient.appointmentId;
    // It tells this room at its end: whoever waits through a link made in it leaves then.
    const tell = appointmentId === undefined ? undefined : { room: patient.room, consultationId };
    await namespace.get(namespace.idFromName(consultationId)).open(expiresAt, provider.providerId, appointmentId, tell);
    const secret = this.env.TICKET_SECRET;
    const [providerTicket, patientTicket] = await Promise.all([
      sealTicket(secret, {
        kind: "consultation",
        consultationId,
        participantId: provider.providerId,
        providerId: provider.providerId,
        role: "provider",
        name: provider.name,
        exp: expiresAt,
      }),
      sealTicket(secret, {
        kind: "consultation",
        consultationId,
        participantId: patient.inviteId,
        providerId: patient.providerId,
        // The first admitted may be an interpreter of the appointment: a guest with that label.
        ...callRole(patient),
        exp: expiresAt,
      }),
    ]);
    return { provider: providerTicket, patient: patientTicket, expiresAt };
  }
}
