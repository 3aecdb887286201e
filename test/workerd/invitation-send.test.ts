// Sending an invitation's link by e-mail (with its calendar file) or SMS: what the patient receives (the
// practice, the time in their zone, the link, nothing about health), each refusal with its own code and
// nothing sent, a failing mail or SMS API told to the provider with the link still working, and the
// address or number stored nowhere afterwards.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appointments, practices } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { openRecipient, sealRecipient } from "../../worker/reminder-seal.ts";
import { MAX_SMS_LENGTH } from "../../worker/sms/sms.ts";
import { api, appointmentWithInvite, freshRateWindow, providerWithSession, unique } from "./helpers.ts";
import { mockApiOrigin } from "./mock-api-client.ts";
import {
  calendarOf,
  everyRow,
  mailsTo,
  SECRET_NOTE,
  SECRET_TITLE,
  scheduled,
  sendInvitation,
  smsTo,
} from "./send-helpers.ts";

const HOUR = 3_600_000;
const SMS_OUTBOX = { SMS: "outbox" };
/** A German mobile number of its own for each test (the outbox is shared by every test file). */
const mobile = () => `+49170${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
const address = (prefix = "patient") => `${unique(prefix)}@example.test`;

async function practiceWithBrand() {
  const provider = await providerWithSession();
  await database(env.DB)
    .update(practices)
    .set({ brandName: "Praxis Sonnenschein" })
    .where(eq(practices.id, provider.practiceId));
  return provider;
}

afterEach(() => vi.restoreAllMocks());

describe("sending an invitation by e-mail", () => {
  it("mails the practice's name, the time in the patient's zone and the link, with a REQUEST calendar file, never the title or note", async () => {
    const provider = await practiceWithBrand();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address();
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
      timeZone: "America/New_York",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ channel: "email", reminderAt: null });

    const [mail, ...more] = await mailsTo(to);
    expect(more).toEqual([]);
    if (!mail) throw new Error("no mail");
    const link = `http://anteroom.test/j/${appointment.token}`;
    expect(mail.subject).toBe("Video consultation with Praxis Sonnenschein");
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link);
    // The start in the patient's zone, named: 26 hours from now in New York.
    const local = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "America/New_York" }).format(
      appointment.startsAt,
    );
    expect(mail.text).toContain(`${local} (America/New_York)`);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toContain(SECRET_TITLE);
      expect(part).not.toContain(SECRET_NOTE);
    }

    const calendar = calendarOf(mail);
    expect(calendar.contentType).toBe("text/calendar; method=REQUEST; charset=UTF-8");
    expect(calendar).toMatchObject({
      method: "REQUEST",
      uid: `${appointment.appointmentId}@anteroom`,
      sequence: 0,
      start: appointment.startsAt,
      end: appointment.startsAt + 30 * 60_000,
      url: link,
      organizer: "mailto:no-reply@anteroom.invalid",
      status: "CONFIRMED",
      summary: "Video consultation",
    });
    expect(calendar.text).not.toContain(SECRET_TITLE);
    expect(calendar.text).not.toContain(SECRET_NOTE);
  });

  it("writes the mail in German when asked, in the provider's time zone when the patient's is not given", async () => {
    const provider = await practiceWithBrand();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address();
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "de",
    });
    expect(res.status).toBe(200);
    const [mail] = await mailsTo(to);
    expect(mail?.subject).toBe("Videosprechstunde bei Praxis Sonnenschein");
    const local = new Intl.DateTimeFormat("de-DE", { timeStyle: "short", timeZone: "Europe/Berlin" }).format(
      appointment.startsAt,
    );
    expect(mail?.text).toContain(`${local} (Europe/Berlin)`);
    // German word order: the time sits between "lädt Sie am" and the closing "… ein.", not after it.
    expect(mail?.text).toMatch(
      new RegExp(
        `Praxis Sonnenschein lädt Sie am .+ um ${local} \\(Europe/Berlin\\) zu einer Videosprechstunde ein\\.`,
      ),
    );
    expect(mail && calendarOf(mail).summary).toBe("Videosprechstunde");
  });
});

describe("sending an invitation by SMS", () => {
  it("texts the practice's name, the time and the link, within one SMS's bound, nothing about health", async () => {
    const provider = await practiceWithBrand();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = mobile();
    const res = await sendInvitation(
      provider.cookie,
      appointment.invitationId,
      {
        channel: "sms",
        to: `${to.slice(0, 3)} ${to.slice(3, 6)} ${to.slice(6)}`,
        token: appointment.token,
        language: "en",
      },
      SMS_OUTBOX,
    );
    expect(res.status).toBe(200);
    const [sms, ...more] = await smsTo(to);
    expect(more).toEqual([]);
    const local = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "Europe/Berlin" }).format(
      appointment.startsAt,
    );
    expect(sms?.text).toMatch(/^Praxis Sonnenschein: your video consultation on /);
    expect(sms?.text).toContain(`${local} (Europe/Berlin)`);
    expect(sms?.text).toContain(`http://anteroom.test/j/${appointment.token}`);
    expect(sms?.text).not.toContain(SECRET_TITLE);
    expect(sms?.text).not.toContain(SECRET_NOTE);
    expect([...(sms?.text ?? "")].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
  });

  it("is refused with 503 misconfigured where SMS is off (the default), and nothing is sent", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = mobile();
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "sms",
      to,
      token: appointment.token,
      language: "en",
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe("misconfigured");
    expect(await smsTo(to)).toEqual([]);
  });
});

describe("refusals: each with its code, nothing sent", () => {
  it("an address with a line break (header injection) or without a domain: 400 email-invalid", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address();
    for (const bad of [
      `${to}\r\nBcc: victim@example.test`,
      `${to}\nX: y`,
      "patient@localhost",
      "Ada <a@example.test>",
    ]) {
      const res = await sendInvitation(provider.cookie, appointment.invitationId, {
        channel: "email",
        to: bad,
        token: appointment.token,
        language: "en",
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("email-invalid");
    }
    expect(await mailsTo(to)).toEqual([]);
  });

  it("a number that is not E.164: 400 phone-invalid", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    for (const bad of ["0170 1234567", "+0 170 1234567", "+49 17", "call me"]) {
      const res = await sendInvitation(
        provider.cookie,
        appointment.invitationId,
        { channel: "sms", to: bad, token: appointment.token, language: "en" },
        SMS_OUTBOX,
      );
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("phone-invalid");
    }
  });

  it("someone else's invitation: 404 not-found, as for one that does not exist", async () => {
    const owner = await providerWithSession();
    const stranger = await providerWithSession();
    const appointment = await scheduled(owner.cookie, 26 * HOUR);
    const body = { channel: "email" as const, to: address(), token: appointment.token, language: "en" as const };
    const theirs = await sendInvitation(stranger.cookie, appointment.invitationId, body);
    const none = await sendInvitation(stranger.cookie, crypto.randomUUID(), body);
    expect([theirs.status, none.status]).toEqual([404, 404]);
    expect(await theirs.json()).toEqual(await none.json());
    expect(await mailsTo(body.to)).toEqual([]);
  });

  it("a withdrawn link: 409 invitation-withdrawn; a replaced one: 404 (the invitation has a new id)", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const other = await scheduled(provider.cookie, 26 * HOUR);
    await api(`/api/invitations/${appointment.invitationId}/withdraw`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    await api(`/api/invitations/${other.invitationId}/link`, { method: "POST", headers: { Cookie: provider.cookie } });
    const to = address();
    const withdrawn = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
    });
    expect(withdrawn.status).toBe(409);
    expect(((await withdrawn.json()) as { code: string }).code).toBe("invitation-withdrawn");
    const replaced = await sendInvitation(provider.cookie, other.invitationId, {
      channel: "email",
      to,
      token: other.token,
      language: "en",
    });
    expect(replaced.status).toBe(404);
    expect(await mailsTo(to)).toEqual([]);
  });

  it("a cancelled appointment: 409 appointment-cancelled; an expired link: 409 invitation-expired", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    await api(`/api/appointments/${appointment.appointmentId}/cancel`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    const to = address();
    const cancelled = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
    });
    expect(cancelled.status).toBe(409);
    expect(((await cancelled.json()) as { code: string }).code).toBe("appointment-cancelled");

    const expired = await appointmentWithInvite(provider.id, { untilMs: -60_000 });
    const res = await sendInvitation(provider.cookie, expired.inviteId, {
      channel: "email",
      to,
      token: expired.token,
      language: "en",
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("invitation-expired");
    expect(await mailsTo(to)).toEqual([]);
  });

  it("a token that is not the invitation's link: 409 invitation-link-mismatch (no link of a client's choosing is mailed)", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address();
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: "A".repeat(22),
      language: "en",
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("invitation-link-mismatch");
    expect(await mailsTo(to)).toEqual([]);
  });

  it("a reminder whose time has passed (an hour before a start 30 minutes away): 400 reminder-in-past", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 30 * 60_000);
    const to = address();
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
      reminder: "1h",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("reminder-in-past");
    expect(await mailsTo(to)).toEqual([]);
  });

  it("a fourth message to the same address within a minute: 429 rate-limited, with Retry-After", async () => {
    await freshRateWindow();
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address();
    const body = { channel: "email" as const, to, token: appointment.token, language: "en" as const };
    const statuses: number[] = [];
    // The same address in other letters is the same recipient.
    for (const variant of [to, to.toUpperCase(), to, to]) {
      statuses.push((await sendInvitation(provider.cookie, appointment.invitationId, { ...body, to: variant })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await mailsTo(to)).toHaveLength(2);
  });

  it("made-up invitations do not use up an address's messages: a real one still goes", async () => {
    await freshRateWindow();
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address();
    const body = { channel: "email" as const, to, token: appointment.token, language: "en" as const };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await sendInvitation(provider.cookie, crypto.randomUUID(), body)).status);
    expect(statuses).toEqual([404, 404, 404, 404]);
    expect((await sendInvitation(provider.cookie, appointment.invitationId, body)).status).toBe(200);
  });

  it("the practice's daily quota used up: 429 message-quota, nothing sent", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const today = Math.floor(Date.now() / 86_400_000);
    await database(env.DB)
      .update(practices)
      .set({ messagesDay: today, messagesThatDay: 300 })
      .where(eq(practices.id, provider.practiceId));
    const to = address();
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
    });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { code: string }).code).toBe("message-quota");
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await mailsTo(to)).toEqual([]);
  });
});

describe("a mail or SMS API that fails", () => {
  it("a refusing mail API: 503 delivery-failed, the link still works, no reminder kept, nothing logged of the address", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address("refused");
    const logged = vi.spyOn(console, "error");
    const res = await sendInvitation(
      provider.cookie,
      appointment.invitationId,
      { channel: "email", to, token: appointment.token, language: "en", reminder: "24h" },
      { MAILER: "http", MAIL_API_URL: `${mockApiOrigin()}/refuse/emails`, MAIL_API_KEY: "test-key" },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe("delivery-failed");
    expect(JSON.stringify(logged.mock.calls)).not.toContain(to);
    const status = await api(`/api/invites/${appointment.token}`);
    expect(((await status.json()) as { status: string }).status).toBe("valid");
    const reminders = await env.DB.prepare("SELECT count(*) AS n FROM invitation_reminders WHERE appointment_id = ?")
      .bind(appointment.appointmentId)
      .first<{ n: number }>();
    expect(reminders?.n).toBe(0);
  });

  it("a refusing SMS API: 503 delivery-failed, nothing logged of the number", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = mobile();
    const logged = vi.spyOn(console, "error");
    const res = await sendInvitation(
      provider.cookie,
      appointment.invitationId,
      { channel: "sms", to, token: appointment.token, language: "de" },
      { SMS: "http", SMS_API_URL: `${mockApiOrigin()}/refuse/sms`, SMS_API_KEY: "test-key", SMS_FROM: "Anteroom" },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe("delivery-failed");
    expect(JSON.stringify(logged.mock.calls)).not.toContain(to);
  });
});

describe("the address and number afterwards", () => {
  it("are in no D1 row once sent without a reminder", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address("scanned");
    const number = mobile();
    const sentMail = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
    });
    const sentSms = await sendInvitation(
      provider.cookie,
      appointment.invitationId,
      { channel: "sms", to: number, token: appointment.token, language: "en" },
      SMS_OUTBOX,
    );
    expect([sentMail.status, sentSms.status]).toEqual([200, 200]);
    const rows = await everyRow();
    expect(rows).not.toContain(to);
    expect(rows).not.toContain(number);
    expect(rows).not.toContain(number.slice(1));
    // The appointment itself is untouched by sending.
    const [row] = await database(env.DB)
      .select()
      .from(appointments)
      .where(eq(appointments.id, appointment.appointmentId));
    expect(row?.sequence).toBe(0);
  });
});

describe("the link's key commitment (issue 25)", () => {
  /** What a provider's page computes from the practice's keys: a 16-character hash per key. */
  const commitment = (keys: number) => Array.from({ length: keys }, (_, i) => `k${i}`.padEnd(16, "A")).join(".");

  it("mails and texts the link with the page's commitment, in the calendar file too, so the patient's page checks the keys", async () => {
    const provider = await practiceWithBrand();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const committed = `http://anteroom.test/j/${appointment.token}#k=${commitment(2)}`;
    const to = address();
    const mailed = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
      commitment: commitment(2),
    });
    expect(mailed.status).toBe(200);
    const [mail] = await mailsTo(to);
    if (!mail) throw new Error("no mail");
    expect(mail.text).toContain(committed);
    expect(mail.html).toContain(committed);
    expect(calendarOf(mail).url).toBe(committed);
    const number = mobile();
    const texted = await sendInvitation(
      provider.cookie,
      appointment.invitationId,
      { channel: "sms", to: number, token: appointment.token, language: "de", commitment: commitment(2) },
      SMS_OUTBOX,
    );
    expect(texted.status).toBe(200);
    expect((await smsTo(number))[0]?.text).toContain(committed);
  });

  it("texts the link without it when a practice's many keys would not fit one message's bound", async () => {
    const provider = await practiceWithBrand();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const number = mobile();
    const res = await sendInvitation(
      provider.cookie,
      appointment.invitationId,
      { channel: "sms", to: number, token: appointment.token, language: "en", commitment: commitment(32) },
      SMS_OUTBOX,
    );
    expect(res.status).toBe(200);
    const [sms] = await smsTo(number);
    expect(sms?.text).toMatch(new RegExp(`/j/${appointment.token}$`));
    expect([...(sms?.text ?? "")].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
  });

  it("refuses a commitment that is not one (a link of a client's choosing is never mailed): 400, nothing sent", async () => {
    const provider = await practiceWithBrand();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = address();
    for (const bad of ["", "x", `${commitment(1)}&evil=1`, "https://evil.example/", commitment(33)]) {
      const res = await sendInvitation(provider.cookie, appointment.invitationId, {
        channel: "email",
        to,
        token: appointment.token,
        language: "en",
        commitment: bad,
      });
      expect(res.status).toBe(400);
    }
    expect(await mailsTo(to)).toEqual([]);
  });

  it("keeps it for the reminder, sealed with the address", async () => {
    const recipient = {
      channel: "email" as const,
      to: "a@example.test",
      token: "t".repeat(22),
      language: "de" as const,
      timeZone: "Europe/Berlin",
      commitment: commitment(3),
    };
    const box = await sealRecipient(env.TICKET_SECRET, "reminder-1", recipient);
    expect(await openRecipient(env.TICKET_SECRET, "reminder-1", box)).toEqual(recipient);
    const { commitment: _, ...without } = recipient;
    const old = await sealRecipient(env.TICKET_SECRET, "reminder-2", without);
    expect(await openRecipient(env.TICKET_SECRET, "reminder-2", old)).toEqual(without);
  });
});
