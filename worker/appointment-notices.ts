// A changed or cancelled appointment told to the patients with a reminder still pending: their sealed
// addresses are the only ones kept. A new time goes as an update (same UID, the appointment's new
// SEQUENCE, METHOD:REQUEST); a cancellation as METHOD:CANCEL, after which the reminders are gone. A
// message that fails does not undo the change: the route says how many were told and how many not.
import type { Appointment, InvitationReminder } from "../schema/tables.ts";
import { outletFor, sendAppointmentMessage } from "./appointment-messages.ts";
import type { Database } from "./db.ts";
import type { Env } from "./env.ts";
import { openRecipient } from "./reminder-seal.ts";
import { appointmentReminders, takeAppointmentReminders } from "./reminder-store.ts";

type NoticeEnv = Parameters<typeof outletFor>[0] & Pick<Env, "TICKET_SECRET">;

/** How many of the recipients were told, and how many could not be. */
export interface NoticeCount {
  sent: number;
  unsent: number;
}

/** Sends `kind` to each reminder's recipient. */
async function notify(
  env: NoticeEnv,
  reminders: InvitationReminder[],
  kind: "update" | "cancel",
  appointment: Appointment,
  practiceName: string,
): Promise<NoticeCount> {
  const now = Date.now();
  const outcomes = await Promise.all(
    reminders.map(async (reminder) => {
      const recipient = await openRecipient(env.TICKET_SECRET, reminder.id, reminder.sealed);
      const outlet = recipient && outletFor(env, recipient.channel);
      if (!recipient || !outlet) return false;
      return sendAppointmentMessage(outlet, { kind, recipient, appointment, practiceName, now });
    }),
  );
  const sent = outcomes.filter(Boolean).length;
  return { sent, unsent: outcomes.length - sent };
}

/** The appointment's time changed (its reminders already moved): an update to each pending reminder's recipient. */
export async function noticeUpdate(env: NoticeEnv, db: Database, appointment: Appointment, practiceName: string) {
  return notify(env, await appointmentReminders(db, appointment.id), "update", appointment, practiceName);
}

/** The appointment was cancelled: its reminders are taken from D1 and each recipient gets the cancellation. */
export async function noticeCancel(env: NoticeEnv, db: Database, appointment: Appointment, practiceName: string) {
  return notify(env, await takeAppointmentReminders(db, appointment.id), "cancel", appointment, practiceName);
}
