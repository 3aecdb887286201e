// A patient's socket arriving at a waiting room. The worker routes it by the patient's sealed ticket
// alone (no D1 read per socket there: a thousand patients reconnecting at once queued behind a
// thousand reads); the room checks the link here, everyone arriving together in one query.
import { inviteState } from "../../common/invite-state.ts";
import { waitingRoomOpen, waitingRoomOpensAt } from "../../common/waiting-room-opening.ts";
import { waitingRoomName } from "../../common/waiting-rooms.ts";
import type { WaitingIdentity, WaitingTicket } from "../../schema/identity.ts";
import { type WaitingRoomSettings, waitingRoomSettings } from "../../schema/room-settings.ts";
import type { Batched } from "../batched.ts";
import type { ExpiringSet } from "../expiring-set.ts";
import type { InviteFacts, MemberFacts } from "./invite-facts.ts";

export type PatientIdentity = Extract<WaitingIdentity, { role: "patient" }>;

/**
 * How long a room remembers that an appointment's links were withdrawn. D1 says so from then on; this
 * covers a check that read D1 just before the withdrawal and answers just after it.
 */
export const WITHDRAWN_MEMORY_MS = 10 * 60 * 1000;

/** The provider a patient waits for and the room they wait in. */
export interface Destination {
  host: string;
  room: string;
}

export type Arrival =
  /** The link does not open the waiting room (withdrawn, expired, unknown). */
  | { kind: "refused" }
  /**
   * The link is good but the waiting room opens only later for this appointment (the practice's minutes
   * before its start, read with the invite: a changed setting or a start moved later counts at once).
   */
  | { kind: "early"; opensAt: number }
  /**
   * The link was made in a consultation ("Invite someone") that has ended: it led into that call only,
   * and stops with it.
   */
  | { kind: "call-ended" }
  /**
   * The patient waits in another room now (the practice switched between a shared room and one each,
   * or the colleague they were moved to left the practice): this ticket takes them there.
   */
  | { kind: "redirected"; ticket: WaitingTicket }
  /**
   * They wait here: the identity completed with what D1 says now, and the practice's settings (for a
   * room that has not been told them yet).
   */
  | { kind: "welcome"; patient: PatientIdentity; settings: WaitingRoomSettings };

export class Arrivals {
  constructor(
    private readonly invites: Pick<Batched<string, InviteFacts>, "get">,
    /** Each confirmed member with their practice, by provider id. */
    private readonly members: Pick<Batched<string, MemberFacts>, "get">,
    /** Appointments whose links the practice withdrew lately (`withdrawn:` in storage). */
    private readonly withdrawn: ExpiringSet,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
    /**
     * Whether the consultation a link was made in has ended (asked of it for such links only). A call
     * that cannot be asked counts as running: nobody is added to a call that is over anyway.
     */
    private readonly callEnded: (consultationId: string, inviteId: string) => Promise<boolean> = async () => false,
  ) {}

  /** The practice withdrew an appointment's links: its patients arriving from now on are refused. */
  withdraw(appointmentId: string): void {
    this.withdrawn.add(appointmentId, this.now() + WITHDRAWN_MEMORY_MS);
  }

  /** The practice withdrew one invitation's link: its patients arriving from now on are refused. */
  withdrawInvite(inviteId: string): void {
    // Appointment and invite ids are both UUIDs: the prefix keeps the two kinds apart in one set.
    this.withdrawn.add(`invite:${inviteId}`, this.now() + WITHDRAWN_MEMORY_MS);
  }

  /** Throws when D1 cannot be read: the socket is then closed as a server error, and the page tries again. */
  async check(patient: PatientIdentity): Promise<Arrival> {
    if (patient.walkIn) return this.checkWalkIn(patient);
    const found = await this.find(patient);
    if (!found) return { kind: "refused" };
    const { facts, host, room } = found;
    if (facts.consultationId !== null && (await this.callEnded(facts.consultationId, patient.inviteId))) {
      return { kind: "call-ended" };
    }
    const { startsAt } = facts.appointment;
    if (!waitingRoomOpen(startsAt, facts.practice.waitingRoomOpensMinutes, this.now())) {
      return { kind: "early", opensAt: waitingRoomOpensAt(startsAt, facts.practice.waitingRoomOpensMinutes) };
    }
    if (room !== patient.room) return { kind: "redirected", ticket: this.ticketTo({ host, room }, patient) };
    return {
      kind: "welcome",
      patient: {
        ...patient,
        providerId: host,
        // Whom the invitation is for ("interpreter"), beside the name in the practice's queue.
        label: facts.label,
        // A link from inside a call: it waits for that call only (desk.ts), and stops when it ends.
        ...(facts.consultationId === null ? {} : { madeInCall: facts.consultationId }),
        // In a shared room every member sees every patient: say whom each came to see.
        appointment: facts.practice.sharedWaitingRoom
          ? { ...facts.appointment, with: facts.providerName }
          : facts.appointment,
      },
      settings: waitingRoomSettings(facts.practice),
    };
  }

  /**
   * A walk-in has no link to check: their sealed ticket (valid for the practice's idle limit) is their
   * right to wait. Neither the opening time (there is no appointment) nor the personal room's switch is
   * asked: switching the room off or renaming it stops new walk-ins at the join, while those already
   * inside stay until admitted, denied or past the idle limit, as in a practice that closes its door at
   * the end of the day. Their host must still be a confirmed member.
   */
  private async checkWalkIn(patient: PatientIdentity): Promise<Arrival> {
    const found = await this.findHost(patient);
    if (!found) return { kind: "refused" };
    const { member, host, room } = found;
    if (room !== patient.room) return { kind: "redirected", ticket: this.ticketTo({ host, room }, patient) };
    return {
      kind: "welcome",
      patient: {
        ...patient,
        ...(member.practice.sharedWaitingRoom ? { walkInWith: member.providerName } : {}),
      },
      settings: waitingRoomSettings(member.practice),
    };
  }

  private async findHost(patient: PatientIdentity) {
    const member = await this.members.get(patient.providerId);
    if (!member) return undefined;
    return { member, host: patient.providerId, room: waitingRoomName(member.practice, patient.providerId) };
  }

  /** Where this patient waits now (after the practice switched rooms, say); undefined when nowhere. */
  async destination(patient: PatientIdentity): Promise<Destination | undefined> {
    const found = patient.walkIn ? await this.findHost(patient) : await this.find(patient);
    return found && { host: found.host, room: found.room };
  }

  /** A fresh waiting ticket for `destination`, keeping the patient's waiting time. */
  ticketTo(destination: Destination, patient: PatientIdentity): WaitingTicket {
    return {
      kind: "waiting",
      id: this.newId(),
      providerId: destination.host,
      appointmentId: patient.appointmentId,
      inviteId: patient.inviteId,
      waitingSince: patient.waitingSince,
      // Moved by the practice, not by a reload: the new room keeps their place in time.
      issuedAt: this.now(),
      exp: patient.ticketExpiresAt,
      room: destination.room,
      ...(patient.walkIn ? { walkIn: true as const } : {}),
    };
  }

  private async find(patient: PatientIdentity) {
    const facts = await this.invites.get(patient.inviteId);
    const now = this.now();
    if (!facts || inviteState(facts.validity, now) !== "valid") return undefined;
    if (this.withdrawn.has(patient.appointmentId, now) || this.withdrawn.has(`invite:${patient.inviteId}`, now)) {
      return undefined;
    }
    const host = await this.hostOf(patient, facts);
    return { facts, host, room: waitingRoomName(facts.practice, host) };
  }

  /**
   * A patient moved to a colleague waits with that colleague while they are still a confirmed member of
   * the practice; one removed since sends them back to the provider of their appointment.
   */
  private async hostOf(patient: PatientIdentity, facts: InviteFacts): Promise<string> {
    if (patient.providerId === facts.providerId) return patient.providerId;
    const member = await this.members.get(patient.providerId);
    return member?.practice.id === facts.practice.id ? patient.providerId : facts.providerId;
  }
}
