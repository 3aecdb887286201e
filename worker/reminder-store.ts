// Pending reminders (schema/tables.ts invitation_reminders): written when a practice asks for one,
// taken (deleted and returned in one statement, so two cron runs cannot both send it) when due, moved
// when the appointment's time changes, dropped when their link stops.
import { and, eq, lte, sql } from "drizzle-orm";
import { LEAD_MINUTES, type ReminderLead, reminderTime } from "../schema/reminders.ts";
import { type InvitationReminder, invitationReminders } from "../schema/tables.ts";
import type { Database } from "./db.ts";
import { type Recipient, sealRecipient } from "./reminder-seal.ts";

export async function addReminder(
  db: Database,
  secret: string,
  input: {
    inviteId: string;
    appointmentId: string;
    startsAt: number;
    lead: ReminderLead;
    recipient: Recipient;
    now: number;
  },
): Promise<InvitationReminder> {
  const id = crypto.randomUUID();
  const row: InvitationReminder = {
    id,
    inviteId: input.inviteId,
    appointmentId: input.appointmentId,
    leadMinutes: LEAD_MINUTES[input.lead],
    sendAt: reminderTime(input.startsAt, input.lead),
    sealed: await sealRecipient(secret, id, input.recipient),
    createdAt: input.now,
  };
  // One per invitation: a second send with a reminder (a double click, a corrected address) replaces the
  // first, in one batch, so the patient never gets two reminders or two notices of a change.
  await db.batch([dropInviteReminders(db, input.inviteId), db.insert(invitationReminders).values(row)]);
  return row;
}

export const deleteReminder = (db: Database, id: string) =>
  db.delete(invitationReminders).where(eq(invitationReminders.id, id));

/** Takes up to `limit` reminders due at `now`, oldest first: they are gone from D1 once returned. */
export function takeDueReminders(db: Database, now: number, limit: number): Promise<InvitationReminder[]> {
  return db
    .delete(invitationReminders)
    .where(
      sql`${invitationReminders.id} IN (SELECT id FROM invitation_reminders WHERE send_at <= ${now} ORDER BY send_at LIMIT ${limit})`,
    )
    .returning();
}

/** Takes every pending reminder of the appointment (it was cancelled): gone from D1 once returned. */
export const takeAppointmentReminders = (db: Database, appointmentId: string) =>
  db.delete(invitationReminders).where(eq(invitationReminders.appointmentId, appointmentId)).returning();

/** The appointment's pending reminders, left in place. */
export const appointmentReminders = (db: Database, appointmentId: string) =>
  db.select().from(invitationReminders).where(eq(invitationReminders.appointmentId, appointmentId));

/** The appointment moved: each reminder goes its own lead before the new start (a statement, for a batch). */
export const moveReminders = (db: Database, appointmentId: string, startsAt: number) =>
  db
    .update(invitationReminders)
    .set({ sendAt: sql`${startsAt} - ${invitationReminders.leadMinutes} * 60000` })
    .where(eq(invitationReminders.appointmentId, appointmentId));

/**
 * After a move, reminders whose time now lies in the past go: the update notice already tells the new
 * time, and a "reminder" a few minutes after it would only confuse (a statement, for a batch).
 */
export const dropPastReminders = (db: Database, appointmentId: string, now: number) =>
  db
    .delete(invitationReminders)
    .where(and(eq(invitationReminders.appointmentId, appointmentId), lte(invitationReminders.sendAt, now)));

/** The link was withdrawn or replaced: its reminder would carry a dead link (a statement, for a batch). */
export const dropInviteReminders = (db: Database, inviteId: string) =>
  db.delete(invitationReminders).where(eq(invitationReminders.inviteId, inviteId));
