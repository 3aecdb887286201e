// The cron's reminders: every due reminder is taken from D1 (deleted as it is read, so it is sent at most
// once, and its sealed address is gone whether or not the message goes through) and sent, if its link
// still works and the appointment has not begun. A failure is logged by kind and not retried; each
// reminder is tried on its own, so one that fails (a D1 read, an unexpected error) never stops the rest.
import { eq } from "drizzle-orm";
import { errorName, logEvent } from "../common/log.ts";
import { appointments, type InvitationReminder, invites, practices, providers } from "../schema/tables.ts";
import { outletFor, sendAppointmentMessage } from "./appointment-messages.ts";
import { nameForPatients } from "./branding.ts";
import { database } from "./db.ts";
import type { Env } from "./env.ts";
import { openRecipient } from "./reminder-seal.ts";
import { takeDueReminders } from "./reminder-store.ts";

/** At most this many per run: a run stays short; the rest go 5 minutes later. */
const PER_RUN = 50;

type ReminderEnv = Parameters<typeof outletFor>[0] & Pick<Env, "DB" | "TICKET_SECRET">;

/** The reminder's link, appointment and practice name, as they are now. */
async function contextOf(env: ReminderEnv, reminder: InvitationReminder) {
  const [row] = await database(env.DB)
    .select({
      invite: invites,
      appointment: appointments,
      practice: { name: practices.name, brandName: practices.brandName },
    })
    .from(invites)
    .innerJoin(appointments, eq(appointments.id, invites.appointmentId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .innerJoin(practices, eq(practices.id, providers.practiceId))
    .where(eq(invites.id, reminder.inviteId))
    .limit(1);
  return row;
}

/** Whether the reminder is still worth sending: its link works and the appointment is still ahead. */
function stillDue(found: NonNullable<Awaited<ReturnType<typeof contextOf>>>, now: number): boolean {
  const { invite, appointment } = found;
  if (appointment.cancelledAt !== null || invite.revokedAt !== null || invite.replacedBy !== null) return false;
  return invite.validUntil > now && appointment.startsAt > now;
}

const skipped = (reason: "unsealable" | "not-due" | "misconfigured") =>
  logEvent("info", "reminder-skipped", { reason });

async function sendOne(env: ReminderEnv, reminder: InvitationReminder, now: number): Promise<void> {
  const recipient = await openRecipient(env.TICKET_SECRET, reminder.id, reminder.sealed);
  if (!recipient) return skipped("unsealable");
  const found = await contextOf(env, reminder);
  if (!found || !stillDue(found, now)) return skipped("not-due");
  const outlet = outletFor(env, recipient.channel);
  if (!outlet) return skipped("misconfigured");
  await sendAppointmentMessage(outlet, {
    kind: "reminder",
    recipient,
    appointment: found.appointment,
    practiceName: nameForPatients(found.practice),
    now,
  });
}

/** Logged by the error's name only: its message may quote a query's values, an address or a number. */
const failed = (error: unknown) => logEvent("error", "reminder-failed", { name: errorName(error) });

/**
 * Sends the reminders due at `now` (the cron's scheduled time); each one once. They are already taken
 * from D1, so each is tried on its own: a failure loses that one reminder (logged), not the ones after it.
 * The context is read per reminder rather than for the whole batch: one failed read then costs one
 * reminder, not every reminder taken in this run.
 */
export async function sendDueReminders(env: ReminderEnv, now: number): Promise<void> {
  const due = await takeDueReminders(database(env.DB), now, PER_RUN);
  for (const reminder of due) {
    try {
      await sendOne(env, reminder, now);
    } catch (error) {
      failed(error);
    }
  }
}
