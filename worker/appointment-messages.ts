// Sending a patient a message about their appointment, by mail (with the calendar file) or SMS: the
// invitation now, its reminder, a new time, a cancellation. One attempt, never retried: a failure is
// logged by kind only (never the address, number or link) and the caller tells whoever should know.

import { errorName, logEvent } from "../common/log.ts";
import type { Appointment, Language } from "../schema/tables.ts";
import { appointmentWhen } from "./appointment-time.ts";
import { invitationAttachment } from "./calendar/attachment.ts";
import { appointmentUid, noReplyAddress } from "./calendar/ics.ts";
import { appointmentEnd } from "./invites.ts";
import { publicOrigin } from "./links.ts";
import type { Mailer } from "./mail/mailer.ts";
import { mailerFor } from "./mail/select.ts";
import { type AppointmentMailKind, appointmentMail } from "./mail/templates/appointment.ts";
import { type Fetcher, runtimeFetch } from "./outbound.ts";
import type { Recipient } from "./reminder-seal.ts";
import { appointmentSms } from "./sms/appointment-text.ts";
import { smsSenderFor } from "./sms/select.ts";
import { MAX_SMS_LENGTH, type SmsSender } from "./sms/sms.ts";

type MessageEnv = Parameters<typeof mailerFor>[0] & Parameters<typeof smsSenderFor>[0];

/** Where a channel's messages go on this deployment, with the origin the links point at. */
export type Outlet =
  | { channel: "email"; origin: string; mailer: Mailer; organizer: string }
  | { channel: "sms"; origin: string; sender: SmsSender };

/** The outlet for a channel; undefined when this deployment is not configured for it (no origin, no mailer, SMS off). */
export function outletFor(
  env: MessageEnv,
  channel: Recipient["channel"],
  fetcher: Fetcher = runtimeFetch,
): Outlet | undefined {
  const origin = publicOrigin(env.PUBLIC_ORIGIN);
  if (!origin) return undefined;
  if (channel === "sms") {
    const sender = smsSenderFor(env, fetcher);
    return sender ? { channel, origin, sender } : undefined;
  }
  const mailer = mailerFor(env, fetcher);
  const organizer = noReplyAddress(env.MAIL_FROM);
  return mailer && organizer ? { channel, origin, mailer, organizer } : undefined;
}

export type MessageAppointment = Pick<Appointment, "id" | "startsAt" | "durationMinutes" | "sequence">;

export interface AppointmentMessage {
  kind: AppointmentMailKind;
  recipient: Recipient;
  appointment: MessageAppointment;
  /** The name patients see: the brand name, else the practice's name. */
  practiceName: string;
  now: number;
}

/** The patient's link: the configured origin and the token (as invites.ts inviteUrl builds it). */
export const patientLink = (origin: string, token: string) => `${origin}/j/${token}`;

async function send(outlet: Outlet, message: AppointmentMessage): Promise<void> {
  const { kind, recipient, appointment, practiceName, now } = message;
  const plain = patientLink(outlet.origin, recipient.token);
  // With the key commitment the provider's page sent (issue 25), as the links it shows have it.
  const url = recipient.commitment ? `${plain}#k=${recipient.commitment}` : plain;
  const language: Language = recipient.language;
  if (outlet.channel === "sms") {
    const when = appointmentWhen(appointment.startsAt, language, recipient.timeZone, true);
    const committed = appointmentSms(kind, language, practiceName, when, url);
    // A practice with many devices makes a long fragment: past an SMS's length the link goes without it.
    const text =
      [...committed].length <= MAX_SMS_LENGTH ? committed : appointmentSms(kind, language, practiceName, when, plain);
    await outlet.sender.send({ to: recipient.to, text });
    return;
  }
  const when = appointmentWhen(appointment.startsAt, language, recipient.timeZone);
  const mail = appointmentMail({ kind, to: recipient.to, language, practiceName, when, url });
  const attachment = invitationAttachment({
    // One entry per appointment: every message about it (invitation, update, cancellation) and the
    // provider's own calendar feed name it alike.
    uid: appointmentUid(appointment.id),
    sequence: appointment.sequence,
    start: new Date(appointment.startsAt),
    end: new Date(appointmentEnd(appointment)),
    url,
    practiceName,
    organizerEmail: outlet.organizer,
    attendeeEmail: recipient.to,
    language,
    method: kind === "cancel" ? "CANCEL" : "REQUEST",
    stamp: new Date(now),
  });
  await outlet.mailer.send({ ...mail, attachments: [attachment] });
}

/** Sends the message once; true when the mailer or SMS API accepted it, false (logged by kind) when not. */
export async function sendAppointmentMessage(outlet: Outlet, message: AppointmentMessage): Promise<boolean> {
  try {
    await send(outlet, message);
    return true;
  } catch (error) {
    logEvent("error", "appointment-message-failed", {
      kind: message.kind,
      channel: outlet.channel,
      name: errorName(error),
    });
    return false;
  }
}
