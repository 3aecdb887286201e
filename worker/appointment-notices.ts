// A changed or cancelled appointment told to the patients with a reminder still pending: their sealed
// addresses are the only ones kept. A new time goes as an update (same UID, the appointment's new
// SEQUENCE, METHOD:REQUEST); a cancellation as METHOD:CANCEL, after which the reminders are gone. A
// message that fails does not undo the change: the route says how many were told and how many not.
// Notices count against the practice's daily message quota and each recipient's limit, like invitations:
// editing an appointment back and forth must not become a way to message people without end.
import type { Appointment, InvitationReminder } from "../schema/tables.ts";
import { outletFor, sendAppointmentMessage } from "./appointment-messages.ts";
import type { Database } from "./db.ts";
import type { Env } from "./env.ts";
import { takeMessages } from "./message-quota.ts";
import { recipientKey } from "./rate-limit.ts";
import { openRecipient } from "./reminder-seal.ts";
import { appointmentReminders } from "./reminder-store.ts";

type NoticeEnv = Parameters<typeof outletFor>[0] & Pick<Env, "TICKET_SECRET" | "RECIPIENT_LIMIT">;

/** How many of the recipients were told, and how many could not be. */
export interface NoticeCount {
  sent: number;
  unsent: number;
}

/** Who is told: the practice (whose quota the notices take) and its name as patients see it. */
export interface NoticeSender {
  practiceId: string;
  practiceName: string;
}

/** Sends `kind` to each reminder's recipient, within the practice's quota and each recipient's limit. */
async function notify(
  env: NoticeEnv,
  db: Database,
  reminders: InvitationReminder[],
  kind: "update" | "cancel",
  appointment: Appointment,
  from: NoticeSender,
): Promise<NoticeCount> {
  if (reminders.length === 0) return { sent: 0, unsent: 0 };
  const now = Date.now();
  // All or none from today's quota: over it, nobody is told, and the provider hears how many were not.
  const quota = await takeMessages(db, from.practiceId, reminders.length, now);
  if (!quota.taken) return { sent: 0, unsent: reminders.length };
  const outcomes = await Promise.all(
    reminders.map(async (reminder) => {
      const recipient = await openRecipient(env.TICKET_SECRET, reminder.id, reminder.sealed);
      const outlet = recipient && outletFor(env, recipient.channel);
      if (!recipient || !outlet) return false;
      const key = await recipientKey(env.TICKET_SECRET, recipient.channel, recipient.to);
      if (!(await env.RECIPIENT_LIMIT.limit({ key })).success) return false;
      const practiceName = from.practiceName;
      return sendAppointmentMessage(outlet, { kind, recipient, appointment, practiceName, now });
    }),
  );
  const sent = outcomes.filter(Boolean).length;
  return { sent, unsent: outcomes.length - sent };
}

/** The appointment's time changed (its reminders already moved): an update to each pending reminder's recipient. */
export async function noticeUpdate(env: NoticeEnv, db: Database, appointment: Appointment, from: NoticeSender) {
  return notify(env, db, await appointmentReminders(db, appointment.id), "update", appointment, from);
}

/**
 * The appointment was cancelled: each recipient of its reminders, taken from D1 in the cancellation's own
 * batch (so a cancellation that stands never leaves them behind), gets the cancellation.
 */
export async function noticeCancel(
  env: NoticeEnv,
  db: Database,
  appointment: Appointment,
  taken: InvitationReminder[],
  from: NoticeSender,
) {
  return notify(env, db, taken, "cancel", appointment, from);
}
