// Shared by the tests of sending invitations and their reminders: an appointment with a secret title and
// note, sending its link, the local outbox, the calendar file parsed back, and a scan of every D1 row.
import { env } from "cloudflare:workers";
import ICAL from "ical.js";
import { expect } from "vitest";
import type { OutboxMail, OutboxMessage, OutboxSms } from "../../durable-objects/outbox.ts";
import { api, apiWith } from "./helpers.ts";

export const SECRET_TITLE = "Follow-up after knee surgery";
export const SECRET_NOTE = "Bring the HIV test results";

export interface Scheduled {
  appointmentId: string;
  invitationId: string;
  inviteUrl: string;
  token: string;
  startsAt: number;
}

export const tokenOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split("/").at(-1) ?? "";

/** An appointment `startsInMs` from now (whole minutes), with its first invitation's id and link. */
export async function scheduled(cookie: string, startsInMs: number, durationMinutes = 30): Promise<Scheduled> {
  const startsAt = Math.ceil((Date.now() + startsInMs) / 60_000) * 60_000;
  const res = await api("/api/appointments", {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({
      title: SECRET_TITLE,
      note: SECRET_NOTE,
      startsAt: new Date(startsAt).toISOString(),
      durationMinutes,
    }),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as {
    appointment: { id: string };
    invite: { inviteUrl: string };
    invitationId: string;
  };
  // The answer names the first invitation, the one the practice's list shows first.
  const listed = await api(`/api/appointments/${created.appointment.id}/invitations`, { headers: { Cookie: cookie } });
  const { invitations } = (await listed.json()) as { invitations: { id: string }[] };
  expect(invitations.map((invitation) => invitation.id)).toEqual([created.invitationId]);
  return {
    appointmentId: created.appointment.id,
    invitationId: created.invitationId,
    inviteUrl: created.invite.inviteUrl,
    token: tokenOf(created.invite.inviteUrl),
    startsAt,
  };
}

export interface SendBody {
  channel: "email" | "sms";
  to: string;
  token: string;
  language: "de" | "en";
  timeZone?: string;
  reminder?: "none" | "24h" | "1h";
  commitment?: string;
}

/** Sends the invitation's link; `vars` run the app with other configuration (an SMS outbox, a failing API). */
export function sendInvitation(cookie: string, invitationId: string, body: SendBody, vars?: Record<string, string>) {
  const path = `/api/invitations/${invitationId}/send`;
  const init = {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  return vars ? apiWith(vars, path, init) : api(path, init);
}

/** Every message in the local outbox (mails and SMS), newest first. */
export async function outboxMessages(): Promise<OutboxMessage[]> {
  return (await (await apiWith({ SMS: "outbox" }, "/dev/outbox.json")).json()) as OutboxMessage[];
}

export const mailsTo = async (to: string) =>
  (await outboxMessages()).filter((m): m is OutboxMail => m.channel === "email" && m.to === to);
export const smsTo = async (to: string) =>
  (await outboxMessages()).filter((m): m is OutboxSms => m.channel === "sms" && m.to === to);

/** The mail's one attachment, its part type, and the calendar file in it parsed back with ical.js. */
export function calendarOf(mail: OutboxMail) {
  expect(mail.attachments).toHaveLength(1);
  const [attachment] = mail.attachments;
  const text = new TextDecoder().decode(Uint8Array.from(atob(attachment?.content ?? ""), (c) => c.charCodeAt(0)));
  const calendar = new ICAL.Component(ICAL.parse(text));
  const [vevent] = calendar.getAllSubcomponents("vevent");
  if (!vevent) throw new Error("no VEVENT");
  const time = (name: string) => (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate().getTime();
  return {
    text,
    contentType: attachment?.contentType,
    method: calendar.getFirstPropertyValue("method"),
    uid: vevent.getFirstPropertyValue("uid"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    start: time("dtstart"),
    end: time("dtend"),
    url: vevent.getFirstPropertyValue("url"),
    organizer: vevent.getFirstProperty("organizer")?.getFirstValue(),
    status: vevent.getFirstPropertyValue("status"),
    summary: vevent.getFirstPropertyValue("summary"),
    description: vevent.getFirstPropertyValue("description"),
  };
}

/** Every row of every app table in D1, as one text: what "stored nowhere" is checked against. */
export async function everyRow(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    parts.push(JSON.stringify(rows.results));
  }
  return parts.join("\n");
}
