// Sending an invitation's link now, by e-mail (with the calendar file) or SMS, and optionally a
// reminder later. The address or number is used for this one message and not kept, unless a reminder
// is asked for: then it is sealed in invitation_reminders until the reminder goes out.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ErrorBody, InvitationIdParam, InvitationSend, InvitationSent } from "../../schema/api.ts";
import { reminderTime } from "../../schema/reminders.ts";
import { type Appointment, type Invite, providers } from "../../schema/tables.ts";
import { outletFor, sendAppointmentMessage } from "../appointment-messages.ts";
import { access } from "../auth/access.ts";
import { nameForPatients } from "../branding.ts";
import { sha256Hex } from "../crypto.ts";
import { type Database, database } from "../db.ts";
import { visibleInvitation } from "../invitation-store.ts";
import { MAX_MESSAGES_PER_DAY, takeMessages } from "../message-quota.ts";
import { problem } from "../problem.ts";
import { clientKey, recipientKey, throttle } from "../rate-limit.ts";
import { emailRecipient, smsRecipient } from "../recipient.ts";
import type { Recipient } from "../reminder-seal.ts";
import { addReminder, deleteReminder } from "../reminder-store.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const notFound = problem("not-found", "No such invitation.");
const emailInvalid = problem("email-invalid", "Not a usable e-mail address.");
const phoneInvalid = problem("phone-invalid", "The number must be in E.164 form, e.g. +49 170 1234567.");
const notConfigured = problem("misconfigured", "This channel is not configured on this server.");
const deliveryFailed = problem("delivery-failed", "The message was not sent; the link still works.");

/** Why this invitation's link cannot be sent now, if it cannot. */
function closedProblem(invite: Invite, appointment: Appointment, now: number) {
  if (appointment.cancelledAt !== null) return problem("appointment-cancelled", "This appointment was cancelled.");
  if (invite.revokedAt !== null) return problem("invitation-withdrawn", "This link was withdrawn.");
  if (invite.validUntil <= now) return problem("invitation-expired", "This link has expired.");
  return undefined;
}

const send = createRoute({
  method: "post",
  path: "/{id}/send",
  middleware: [access.provider] as const,
  request: { params: InvitationIdParam, body: jsonBody(InvitationSend) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Send an invitation's link now by e-mail (with a calendar file) or SMS; optionally a reminder later",
      responses: {
        200: json(InvitationSent, "Sent; the address or number is kept (sealed) only for a reminder"),
        400: json(ErrorBody, "Invalid body, address or number, or a reminder time already past"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such invitation the caller may see"),
        409: json(ErrorBody, "The link was withdrawn or replaced, has expired, or the appointment was cancelled"),
        429: json(ErrorBody, "Too many messages to this recipient, from this client, or by the practice today"),
        503: json(ErrorBody, "The channel is not configured, or its service refused or did not answer"),
      },
    },
  ),
});

export const invitationSendRoutes = router().openapi(send, async (c) => {
  const body = c.req.valid("json");
  const { channel } = body;
  const to = channel === "email" ? emailRecipient(body.to) : smsRecipient(body.to);
  if (!to) return c.json(channel === "email" ? emailInvalid : phoneInvalid, 400);
  // Per client first, before anything is looked up.
  const floods = await throttle(c, [[c.env.CLIENT_LIMIT, `send-invitation:${await clientKey(c)}`]]);
  if (floods) return floods;
  const db = database(c.env.DB);
  const found = await visibleInvitation(db, c.get("provider"), c.req.valid("param").id);
  if (!found) return c.json(notFound, 404);
  // Per recipient (hashed with the secret: neither address nor number is a key), counted only for a
  // real invitation of the caller's: a made-up id must not use up a patient's few messages a minute.
  const limited = await throttle(c, [[c.env.RECIPIENT_LIMIT, await recipientKey(c.env.TICKET_SECRET, channel, to)]]);
  if (limited) return limited;
  const { invite, appointment } = found;
  const now = Date.now();
  const closed = closedProblem(invite, appointment, now);
  if (closed) return c.json(closed, 409);
  if ((await sha256Hex(body.token)) !== invite.tokenHash) {
    return c.json(problem("invitation-link-mismatch", "This is not the invitation's current link."), 409);
  }
  const lead = body.reminder === "none" ? undefined : body.reminder;
  if (lead && reminderTime(appointment.startsAt, lead) <= now) {
    return c.json(problem("reminder-in-past", "The reminder's time has already passed."), 400);
  }
  const outlet = outletFor(c.env, channel);
  if (!outlet) return c.json(notConfigured, 503);
  const quota = await takeMessages(db, found.provider.practiceId, lead ? 2 : 1, now);
  if (!quota.taken) {
    c.header("Retry-After", String(quota.retryAfterSeconds));
    return c.json(
      problem("message-quota", `A practice may send ${MAX_MESSAGES_PER_DAY} messages to patients a day.`),
      429,
    );
  }
  const timeZone = body.timeZone ?? (await providerZone(db, found.provider.id));
  const recipient: Recipient = {
    channel,
    to,
    token: body.token,
    language: body.language,
    timeZone,
    ...(body.commitment ? { commitment: body.commitment } : {}),
  };
  // The reminder is written first and deleted again if this message fails: nothing half-done remains.
  const reminder = lead
    ? await addReminder(db, c.env.TICKET_SECRET, {
        inviteId: invite.id,
        appointmentId: appointment.id,
        startsAt: appointment.startsAt,
        lead,
        recipient,
        now,
      })
    : undefined;
  const practice = c.get("practice");
  const sent = await sendAppointmentMessage(outlet, {
    kind: "invitation",
    recipient,
    appointment,
    practiceName: nameForPatients(practice),
    now,
  });
  if (!sent) {
    if (reminder) await deleteReminder(db, reminder.id);
    return c.json(deliveryFailed, 503);
  }
  return c.json({ channel, reminderAt: reminder ? new Date(reminder.sendAt).toISOString() : null }, 200);
});

/** The time zone of the appointment's provider (their account's), the default for the patient's. */
async function providerZone(db: Database, providerId: string): Promise<string> {
  const row = await db.query.providers.findFirst({ columns: { timeZone: true }, where: eq(providers.id, providerId) });
  return row?.timeZone ?? "Europe/Berlin";
}
