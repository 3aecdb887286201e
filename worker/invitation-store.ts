// An appointment's invitations as the practice sees and changes them. Each invitation is a row of
// `invites`: a label and one link. A new link for an invitation is a new row (a new id, the same label
// and place) that replaces the old one (revoked, `replaced_by` set), so that everything the waiting room
// keeps by invite id (a kept place, a running call to be let back into, a deny's pause) belongs to the
// old link and stops with it, and the old link still tells whoever opens it that it was withdrawn.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { inviteState } from "../common/invite-state.ts";
import type { AppointmentInvitationView } from "../schema/api-types.ts";
import { MAX_INVITATIONS_PER_APPOINTMENT } from "../schema/limits.ts";
import { type Appointment, appointments, type Invite, invites, providers } from "../schema/tables.ts";
import type { Caller, Member } from "./appointment-store.ts";
import type { Database } from "./db.ts";

/** What the practice's list says of an invitation; a link that has not begun yet counts as valid. */
export function invitationView(invite: Invite, now: number): AppointmentInvitationView {
  const state = inviteState(invite, now);
  return {
    id: invite.id,
    label: invite.label,
    state: state === "revoked" ? "withdrawn" : state === "expired" ? "expired" : "valid",
    validUntil: new Date(invite.validUntil).toISOString(),
  };
}

/** The appointment's invitations (each its newest link), oldest first: the patient's, made with it, on top. */
export function invitationsOf(db: Database, appointmentId: string): Promise<Invite[]> {
  return db
    .select()
    .from(invites)
    .where(and(eq(invites.appointmentId, appointmentId), isNull(invites.replacedBy)))
    .orderBy(asc(invites.createdAt), asc(invites.id))
    .limit(MAX_INVITATIONS_PER_APPOINTMENT * 2);
}

/** The invitation with its appointment and provider, if the caller may see the appointment. */
export async function visibleInvitation(
  db: Database,
  caller: Caller,
  id: string,
): Promise<{ invite: Invite; appointment: Appointment; provider: Member } | undefined> {
  const [row] = await db
    .select({
      invite: invites,
      appointment: appointments,
      provider: { id: providers.id, practiceId: providers.practiceId },
    })
    .from(invites)
    .innerJoin(appointments, eq(appointments.id, invites.appointmentId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .where(and(eq(invites.id, id), eq(providers.practiceId, caller.practiceId), isNull(invites.replacedBy)))
    .limit(1);
  if (!row) return undefined;
  if (caller.role !== "admin" && row.provider.id !== caller.id) return undefined;
  return row;
}

/**
 * Writes the invite unless the appointment already has the maximum of invitations (withdrawn ones
 * count; replaced links do not, their invitation is counted once): counted and written in one
 * statement, so two members adding at once cannot both take the last place. False when it was full.
 */
export async function insertWithinLimit(db: Database, row: Invite): Promise<boolean> {
  const written = await db.all<{ id: string }>(sql`
    INSERT INTO invites (id, appointment_id, token_hash, valid_from, valid_until, revoked_at, label, created_at,
                         consultation_id)
    SELECT ${row.id}, ${row.appointmentId}, ${row.tokenHash}, ${row.validFrom}, ${row.validUntil}, NULL,
           ${row.label}, ${row.createdAt}, ${row.consultationId}
    WHERE (SELECT count(*) FROM invites WHERE appointment_id = ${row.appointmentId} AND replaced_by IS NULL)
      < ${MAX_INVITATIONS_PER_APPOINTMENT}
    RETURNING id`);
  return written.length > 0;
}
