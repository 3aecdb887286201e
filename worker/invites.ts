// Invites: a 128-bit token in the link, only its SHA-256 in D1, valid from when it is issued until the
// scheduled end plus the practice's grace (inviteGraceMinutes). All in instants, never local times.
import { and, eq, isNull } from "drizzle-orm";
import { type InviteState, inviteState } from "../common/invite-state.ts";
import { DEFAULT_INVITE_GRACE_MINUTES } from "../schema/limits.ts";
import { type Appointment, appointments, type Invite, invites, practices, providers } from "../schema/tables.ts";
import { randomToken, sha256Hex } from "./crypto.ts";
import type { Database } from "./db.ts";
import { problem } from "./problem.ts";

/** The grace of a practice that has not chosen one (the practices table's default). */
export const INVITE_GRACE_MS = DEFAULT_INVITE_GRACE_MINUTES * 60_000;

const problems = {
  unknown: problem("invite-unknown", "This link is not valid."),
  "not-yet-valid": problem("invite-not-yet-valid", "This link is not valid yet."),
  "not-open": problem("waiting-room-not-open", "The waiting room does not open yet for this appointment."),
  expired: problem("invite-expired", "This link has expired."),
  revoked: problem("invite-revoked", "This link was withdrawn by the practice."),
  cancelled: problem("invite-cancelled", "The practice cancelled this appointment."),
} as const;

/** A link's state as the patient is told it: a cancelled appointment's links say so, not just "withdrawn". */
export type LinkState = InviteState | "cancelled";

/** The code and message of an invite that cannot be used, for the answer's body. */
export function inviteProblem(state: Exclude<LinkState, "valid"> | "unknown" | "not-open") {
  return problems[state];
}

/** Whether the link opens the waiting room now, or why not. */
export function linkState(found: { invite: Invite; appointment: Pick<Appointment, "cancelledAt"> }, now: number) {
  if (found.appointment.cancelledAt !== null) return "cancelled" as const;
  return inviteState(found.invite, now);
}

export function appointmentEnd(appointment: Pick<Appointment, "startsAt" | "durationMinutes">): number {
  return appointment.startsAt + appointment.durationMinutes * 60_000;
}

/** The last instant (exclusive) a link of this appointment works: its scheduled end plus the grace. */
export function linkValidUntil(
  appointment: Pick<Appointment, "startsAt" | "durationMinutes">,
  graceMinutes = DEFAULT_INVITE_GRACE_MINUTES,
): number {
  return appointmentEnd(appointment) + graceMinutes * 60_000;
}

/** The first invitation of every appointment is for the patient (a neutral key: see schema/tables.ts). */
export const FIRST_INVITATION_LABEL = "patient";

/**
 * A fresh invite for the appointment. The token exists only in this answer and in the link.
 * `createdAt` is the invitation's: a new link for an existing invitation keeps its place in the list;
 * `graceMinutes` is the practice's: the link works until the scheduled end plus it.
 */
export async function newInvite(
  appointment: Pick<Appointment, "id" | "startsAt" | "durationMinutes">,
  now = Date.now(),
  {
    label = FIRST_INVITATION_LABEL,
    createdAt = now,
    graceMinutes = DEFAULT_INVITE_GRACE_MINUTES,
  }: { label?: string; createdAt?: number; graceMinutes?: number } = {},
) {
  const token = randomToken(16);
  const row: Invite = {
    id: crypto.randomUUID(),
    appointmentId: appointment.id,
    tokenHash: await sha256Hex(token),
    validFrom: now,
    validUntil: linkValidUntil(appointment, graceMinutes),
    revokedAt: null,
    label,
    createdAt,
    replacedBy: null,
    consultationId: null,
  };
  return { token, row };
}

/** Revokes every open invite of an appointment (as a statement, for a batch). */
export function revokeInvites(db: Database, appointmentId: string, now = Date.now()) {
  return db
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.appointmentId, appointmentId), isNull(invites.revokedAt)));
}

/** The appointment's open invites stay valid until its (new) end plus grace (as a statement, for a batch). */
export function moveInvites(
  db: Database,
  appointment: Pick<Appointment, "id" | "startsAt" | "durationMinutes">,
  graceMinutes = DEFAULT_INVITE_GRACE_MINUTES,
) {
  return db
    .update(invites)
    .set({ validUntil: linkValidUntil(appointment, graceMinutes) })
    .where(and(eq(invites.appointmentId, appointment.id), isNull(invites.revokedAt)));
}

/** What findInvite reads of an invite, its appointment, provider and practice (also for a join code's pass). */
export const foundInviteColumns = {
  invite: invites,
  appointment: appointments,
  provider: { id: providers.id, displayName: providers.displayName },
  practice: {
    id: practices.id,
    name: practices.name,
    contactLine: practices.contactLine,
    brandName: practices.brandName,
    brandColour: practices.brandColour,
    sharedWaitingRoom: practices.sharedWaitingRoom,
    waitingRoomOpensMinutes: practices.waitingRoomOpensMinutes,
  },
};

/** The invite behind a token, with its appointment, provider and the provider's practice. */
export async function findInvite(db: Database, token: string) {
  const [row] = await db
    .select(foundInviteColumns)
    .from(invites)
    .innerJoin(appointments, eq(appointments.id, invites.appointmentId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .innerJoin(practices, eq(practices.id, providers.practiceId))
    .where(eq(invites.tokenHash, await sha256Hex(token)))
    .limit(1);
  return row;
}

export function inviteUrl(requestUrl: string, token: string): string {
  return new URL(`/j/${token}`, requestUrl).toString();
}
