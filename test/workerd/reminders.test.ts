// Reminders: asked for when an invitation is sent, kept sealed until due, sent once by the cron (driven
// here with a chosen clock), and gone from D1 afterwards; dropped with a withdrawn or replaced link; a
// new time or a cancellation told to whoever has one pending.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import worker from "../../worker/index.ts";
import { openRecipient } from "../../worker/reminder-seal.ts";
import { api, apiWith, providerWithSession, unique } from "./helpers.ts";
import { mockApiOrigin } from "./mock-api-client.ts";
import { calendarOf, everyRow, mailsTo, SECRET_TITLE, scheduled, sendInvitation, smsTo } from "./send-helpers.ts";

const HOUR = 3_600_000;
const SMS_OUTBOX = { SMS: "outbox" };
const mobile = () => `+49171${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

/** Runs the cron as the platform would at `scheduledTime`, and waits for all it started. */
async function cronAt(scheduledTime: number, vars: Record<string, string> = {}, db: D1Database = env.DB) {
  const ctx = createExecutionContext();
  const controller = createScheduledController({ scheduledTime, cron: "*/5 * * * *" });
  await worker.scheduled(controller, { ...env, ...vars, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
}

/**
 * D1 as the worker sees it, except that a statement `fails` picks answers with a D1 error (and, with
 * `batches`, every batch does): a transient failure of one read, injected where the app cannot tell.
 */
function failingDb(fails: (query: string, values: unknown[]) => boolean, batches = false): D1Database {
  const real = env.DB;
  const refused = () => Promise.reject(new Error("D1_ERROR: injected failure"));
  const broken = (statement: D1PreparedStatement) =>
    new Proxy(statement, {
      get: (target, key) => (["all", "raw", "first", "run"].includes(String(key)) ? refused : Reflect.get(target, key)),
    });
  const prepare = (query: string) => {
    const statement = real.prepare(query);
    return new Proxy(statement, {
      get: (target, key) =>
        key === "bind"
          ? (...values: unknown[]) => (fails(query, values) ? broken(target.bind(...values)) : target.bind(...values))
          : Reflect.get(target, key),
    });
  };
  return new Proxy(real, {
    get: (target, key) => {
      if (key === "prepare") return prepare;
      if (key === "batch" && batches) return refused;
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const remindersOf = async (appointmentId: string) =>
  (
    await env.DB.prepare("SELECT * FROM invitation_reminders WHERE appointment_id = ?")
      .bind(appointmentId)
      .all<{ id: string; send_at: number; sealed: string }>()
  ).results;

describe("a reminder by e-mail", () => {
  it("is kept sealed until a day before, sent once then, and the address is in no D1 row afterwards", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = `${unique("remind")}@example.test`;
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
      reminder: "24h",
    });
    expect(res.status).toBe(200);
    const remindAt = appointment.startsAt - 24 * HOUR;
    expect(await res.json()).toEqual({ channel: "email", reminderAt: new Date(remindAt).toISOString() });

    // Kept, but sealed: neither the address nor the link's token is readable in D1.
    const [row, ...others] = await remindersOf(appointment.appointmentId);
    expect(others).toEqual([]);
    expect(row?.send_at).toBe(remindAt);
    const rows = await everyRow();
    expect(rows).not.toContain(to);
    expect(rows).not.toContain(appointment.token);
    // The box opens only under this deployment's secret and for its own row.
    expect(await openRecipient(env.TICKET_SECRET, row?.id ?? "", row?.sealed ?? "")).toMatchObject({ to });
    expect(await openRecipient("another-secret-of-32-characters!!", row?.id ?? "", row?.sealed ?? "")).toBeUndefined();
    expect(await openRecipient(env.TICKET_SECRET, crypto.randomUUID(), row?.sealed ?? "")).toBeUndefined();

    await cronAt(remindAt - 5 * 60_000);
    expect(await mailsTo(to)).toHaveLength(1);

    await cronAt(remindAt);
    const [reminder, invitation] = await mailsTo(to);
    expect(invitation?.subject).toMatch(/^Video consultation with /);
    expect(reminder?.subject).toMatch(/^Reminder: video consultation with /);
    expect(reminder?.text).toContain(`http://anteroom.test/j/${appointment.token}`);
    expect(await remindersOf(appointment.appointmentId)).toEqual([]);

    await cronAt(remindAt + 5 * 60_000);
    expect(await mailsTo(to)).toHaveLength(2);
    expect(await everyRow()).not.toContain(to);
  });
});

describe("a reminder by SMS", () => {
  it("goes an hour before, once, in the chosen language, and the number is gone from D1", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 3 * HOUR);
    const to = mobile();
    const res = await sendInvitation(
      provider.cookie,
      appointment.invitationId,
      { channel: "sms", to, token: appointment.token, language: "de", reminder: "1h" },
      SMS_OUTBOX,
    );
    expect(res.status).toBe(200);
    const remindAt = appointment.startsAt - HOUR;
    await cronAt(remindAt, SMS_OUTBOX);
    await cronAt(remindAt + 5 * 60_000, SMS_OUTBOX);
    const [reminder, invitation, ...more] = await smsTo(to);
    expect(more).toEqual([]);
    expect(invitation?.text).toContain("Ihre Videosprechstunde am");
    expect(reminder?.text).toContain("Erinnerung an Ihre Videosprechstunde");
    const rows = await everyRow();
    expect(rows).not.toContain(to);
    expect(rows).not.toContain(to.slice(1));
  });
});

describe("a reminder whose link stops", () => {
  it("is deleted when the link is withdrawn or replaced, and the cron sends nothing", async () => {
    const provider = await providerWithSession();
    const first = await scheduled(provider.cookie, 26 * HOUR);
    const second = await scheduled(provider.cookie, 26 * HOUR);
    const to = `${unique("stopped")}@example.test`;
    for (const appointment of [first, second]) {
      const res = await sendInvitation(provider.cookie, appointment.invitationId, {
        channel: "email",
        to,
        token: appointment.token,
        language: "en",
        reminder: "24h",
      });
      expect(res.status).toBe(200);
    }
    await api(`/api/invitations/${first.invitationId}/withdraw`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    await api(`/api/invitations/${second.invitationId}/link`, { method: "POST", headers: { Cookie: provider.cookie } });
    expect(await remindersOf(first.appointmentId)).toEqual([]);
    expect(await remindersOf(second.appointmentId)).toEqual([]);
    await cronAt(first.startsAt - 24 * HOUR);
    expect(await mailsTo(to)).toHaveLength(2);
  });
});

describe("an appointment changed or cancelled with a reminder pending", () => {
  async function withReminder() {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = `${unique("notice")}@example.test`;
    const res = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
      reminder: "24h",
    });
    expect(res.status).toBe(200);
    return { provider, appointment, to };
  }

  it("a new time sends an update (same UID, SEQUENCE 1, REQUEST, the new start) and moves the reminder", async () => {
    const { provider, appointment, to } = await withReminder();
    const startsAt = appointment.startsAt + 4 * HOUR;
    const res = await api(`/api/appointments/${appointment.appointmentId}`, {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ startsAt: new Date(startsAt).toISOString(), durationMinutes: 45 }),
    });
    expect(res.status).toBe(200);
    const answer = await res.json();
    // The provider is told one person with a reminder heard of the new time, and nobody was missed.
    expect(answer).toMatchObject({ sentNotices: 1 });
    expect(answer).not.toHaveProperty("unsentNotices");
    const [update, invitation] = await mailsTo(to);
    expect(update?.subject).toMatch(/^New time: video consultation with /);
    const before = calendarOf(invitation!);
    const after = calendarOf(update!);
    expect(after).toMatchObject({
      method: "REQUEST",
      uid: before.uid,
      sequence: 1,
      start: startsAt,
      end: startsAt + 45 * 60_000,
      url: `http://anteroom.test/j/${appointment.token}`,
      status: "CONFIRMED",
    });
    expect(after.text).not.toContain(SECRET_TITLE);
    expect((await remindersOf(appointment.appointmentId)).map((row) => row.send_at)).toEqual([startsAt - 24 * HOUR]);
  });

  it("a cancellation sends METHOD:CANCEL with STATUS:CANCELLED, then the reminder and the address are gone", async () => {
    const { provider, appointment, to } = await withReminder();
    const res = await api(`/api/appointments/${appointment.appointmentId}/cancel`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    expect(res.status).toBe(200);
    const [cancel, invitation] = await mailsTo(to);
    expect(cancel?.subject).toMatch(/^Cancelled: video consultation with /);
    const calendar = calendarOf(cancel!);
    expect(calendar.contentType).toBe("text/calendar; method=CANCEL; charset=UTF-8");
    expect(calendar).toMatchObject({
      method: "CANCEL",
      status: "CANCELLED",
      uid: calendarOf(invitation!).uid,
      sequence: 1,
      start: appointment.startsAt,
    });
    expect(await remindersOf(appointment.appointmentId)).toEqual([]);
    await cronAt(appointment.startsAt - 24 * HOUR);
    expect(await mailsTo(to)).toHaveLength(2);
    expect(await everyRow()).not.toContain(to);
  });

  it("a cancellation stands when its mail fails, and the provider is told how many were not sent", async () => {
    const { provider, appointment } = await withReminder();
    const res = await apiWith(
      { MAILER: "http", MAIL_API_URL: `${mockApiOrigin()}/refuse/emails`, MAIL_API_KEY: "test-key" },
      `/api/appointments/${appointment.appointmentId}/cancel`,
      { method: "POST", headers: { Cookie: provider.cookie } },
    );
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer).toMatchObject({ appointment: { status: "cancelled" }, unsentNotices: 1 });
    expect(answer).not.toHaveProperty("sentNotices");
    expect(await remindersOf(appointment.appointmentId)).toEqual([]);
  });

  it("a new time is told within the practice's daily quota: over it, nobody is messaged and the provider hears so", async () => {
    const { provider, appointment, to } = await withReminder();
    const today = Math.floor(Date.now() / 86_400_000);
    await env.DB.prepare("UPDATE practices SET messages_day = ?, messages_that_day = 300 WHERE id = ?")
      .bind(today, provider.practiceId)
      .run();
    const res = await api(`/api/appointments/${appointment.appointmentId}`, {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ durationMinutes: 31 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unsentNotices: 1 });
    // Only the invitation itself reached the patient: editing back and forth sends nothing more.
    expect(await mailsTo(to)).toHaveLength(1);
  });
});

describe("sending again with a reminder", () => {
  it("replaces the invitation's reminder: one row, one reminder, one notice of a change", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = `${unique("twice")}@example.test`;
    for (let i = 0; i < 2; i++) {
      const res = await sendInvitation(provider.cookie, appointment.invitationId, {
        channel: "email",
        to,
        token: appointment.token,
        language: "en",
        reminder: "24h",
      });
      expect(res.status).toBe(200);
    }
    expect(await remindersOf(appointment.appointmentId)).toHaveLength(1);
    await cronAt(appointment.startsAt - 24 * HOUR);
    // Two invitations sent now, and one reminder.
    expect(await mailsTo(to)).toHaveLength(3);
  });

  it("a move that puts the reminder's time in the past tells the new time and drops the reminder", async () => {
    const provider = await providerWithSession();
    const appointment = await scheduled(provider.cookie, 26 * HOUR);
    const to = `${unique("moved-near")}@example.test`;
    const sent = await sendInvitation(provider.cookie, appointment.invitationId, {
      channel: "email",
      to,
      token: appointment.token,
      language: "en",
      reminder: "24h",
    });
    expect(sent.status).toBe(200);
    const startsAt = Date.now() + 23 * HOUR;
    const res = await api(`/api/appointments/${appointment.appointmentId}`, {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ startsAt: new Date(startsAt).toISOString() }),
    });
    expect(await res.json()).toMatchObject({ sentNotices: 1 });
    expect(await remindersOf(appointment.appointmentId)).toEqual([]);
    await cronAt(Date.now());
    // The invitation and the update; no "reminder" minutes after the update.
    expect(await mailsTo(to)).toHaveLength(2);
  });
});

describe("a reminder that fails", () => {
  /** Three appointments a minute apart, each with a reminder a day before, due in this order. */
  async function threeReminders() {
    const provider = await providerWithSession();
    const sent = [];
    for (const minutes of [0, 1, 2]) {
      const appointment = await scheduled(provider.cookie, 26 * HOUR + minutes * 60_000);
      const to = `${unique("batch")}@example.test`;
      const res = await sendInvitation(provider.cookie, appointment.invitationId, {
        channel: "email",
        to,
        token: appointment.token,
        language: "en",
        reminder: "24h",
      });
      expect(res.status).toBe(200);
      const [row] = await env.DB.prepare("SELECT invite_id FROM invitation_reminders WHERE appointment_id = ?")
        .bind(appointment.appointmentId)
        .all<{ invite_id: string }>()
        .then((result) => result.results);
      sent.push({ appointment, to, inviteId: row?.invite_id ?? "" });
    }
    return sent;
  }

  it("does not stop the others: the first and third go out, the failure is logged without address or link", async () => {
    const [first, second, third] = await threeReminders();
    if (!first || !second || !third) throw new Error("three reminders expected");
    const logged = vi.spyOn(console, "error");
    // The second reminder's read of its link and appointment fails; the two around it are fine.
    const db = failingDb((query, values) => query.startsWith("select") && values.includes(second.inviteId));
    await cronAt(third.appointment.startsAt - 24 * HOUR, {}, db);

    expect(await mailsTo(first.to)).toHaveLength(2);
    expect(await mailsTo(second.to)).toHaveLength(1);
    expect((await mailsTo(third.to))[0]?.subject).toMatch(/^Reminder: video consultation with /);
    const log = JSON.stringify(logged.mock.calls);
    expect(log).toContain("reminder-failed");
    expect(log).not.toContain(second.to);
    expect(log).not.toContain(second.appointment.token);
    logged.mockRestore();
  });

  it("a failing reminder run leaves the purge running, and a failing purge the reminders", async () => {
    const [due] = await threeReminders();
    if (!due) throw new Error("a reminder expected");
    const provider = await providerWithSession();
    const expired = `expired-${crypto.randomUUID()}`;
    await env.DB.prepare(
      "INSERT INTO sessions(token_hash, provider_id, expires_at, last_seen_at, created_at) VALUES (?1, ?2, ?3, ?3, ?3)",
    )
      .bind(expired, provider.id, Date.now() - HOUR)
      .run();
    const sessionCount = async () =>
      (
        await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE token_hash = ?")
          .bind(expired)
          .first<{ n: number }>()
      )?.n;
    const remindAt = due.appointment.startsAt - 24 * HOUR;

    // The reminders cannot be taken from D1: the expired session is purged all the same.
    await cronAt(
      remindAt,
      {},
      failingDb((query) => query.startsWith('delete from "invitation_reminders"')),
    );
    expect(await sessionCount()).toBe(0);
    expect(await mailsTo(due.to)).toHaveLength(1);

    // The purge's batch fails: the reminder goes out all the same.
    await env.DB.prepare(
      "INSERT INTO sessions(token_hash, provider_id, expires_at, last_seen_at, created_at) VALUES (?1, ?2, ?3, ?3, ?3)",
    )
      .bind(expired, provider.id, Date.now() - HOUR)
      .run();
    await cronAt(
      remindAt,
      {},
      failingDb(() => false, true),
    );
    expect(await sessionCount()).toBe(1);
    expect((await mailsTo(due.to))[0]?.subject).toMatch(/^Reminder: video consultation with /);
  });
});
