// Appointments a practice edits, cancels and schedules for its members: the time rules at their edges,
// who may touch which appointment, links that follow the appointment, and a cancellation that reaches
// the patient who is already waiting.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { APPOINTMENT_START_TOLERANCE_MS } from "../../schema/limits.ts";
import { CloseCode } from "../../schema/messages.ts";
import { appointments, invites, practices } from "../../schema/tables.ts";
import { timingProblem } from "../../worker/appointment-rules.ts";
import { database } from "../../worker/db.ts";
import { INVITE_GRACE_MS } from "../../worker/invites.ts";
import { api, newLinkFor, openSocket, providerWithSession, ticketed } from "./helpers.ts";

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

interface Saved {
  appointment: {
    id: string;
    providerId: string;
    title: string;
    note: string;
    startsAt: string;
    status: string;
    sequence: number;
    durationMinutes: number;
  };
  overlaps: string[];
  invite?: { inviteUrl: string };
}

async function schedule(cookie: string, body: Record<string, unknown>) {
  const res = await api("/api/appointments", {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({ title: "Follow-up", startsAt: inHours(1), durationMinutes: 30, ...body }),
  });
  return { status: res.status, body: (await res.json()) as Saved & { code?: string } };
}

const edit = (cookie: string, id: string, body: Record<string, unknown>) =>
  api(`/api/appointments/${id}`, { method: "PATCH", headers: { Cookie: cookie }, body: JSON.stringify(body) });
const cancel = (cookie: string, id: string) =>
  api(`/api/appointments/${id}/cancel`, { method: "POST", headers: { Cookie: cookie } });

async function stored(id: string) {
  const db = database(env.DB);
  const appointment = await db.query.appointments.findFirst({ where: eq(appointments.id, id) });
  const links = await db.select().from(invites).where(eq(invites.appointmentId, id));
  return { appointment, links };
}

const tokenOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split("/").at(-1)!;

describe("an appointment's time", () => {
  const now = Date.UTC(2026, 11, 1, 9, 0);
  const minutes = (n: number) => n * 60_000;

  it("lasts 5 minutes to 8 hours, and nothing outside", () => {
    expect(timingProblem({ startsAt: now + HOUR, durationMinutes: 4 }, now)?.code).toBe("appointment-too-short");
    expect(timingProblem({ startsAt: now + HOUR, durationMinutes: 5 }, now)).toBeUndefined();
    expect(timingProblem({ startsAt: now + HOUR, durationMinutes: 480 }, now)).toBeUndefined();
    expect(timingProblem({ startsAt: now + HOUR, durationMinutes: 481 }, now)?.code).toBe("appointment-too-long");
  });

  it("starts at the earliest a few minutes ago (the form's minute), unless an edit keeps the start", () => {
    const edge = now - APPOINTMENT_START_TOLERANCE_MS;
    expect(timingProblem({ startsAt: edge, durationMinutes: 30 }, now)).toBeUndefined();
    expect(timingProblem({ startsAt: edge - 1, durationMinutes: 30 }, now)?.code).toBe("appointment-in-past");
    // An appointment under way may still be lengthened or renamed.
    const begun = { startsAt: now - minutes(20), durationMinutes: 30 };
    expect(timingProblem(begun, now, { startChanged: false })).toBeUndefined();
    expect(timingProblem({ ...begun, durationMinutes: 20 }, now, { startChanged: false })?.code).toBe(
      "appointment-over",
    );
  });
});

describe("editing an appointment", () => {
  it("moves its links' validity with its end and keeps it one appointment, one link", async () => {
    const provider = await providerWithSession();
    const created = await schedule(provider.cookie, { title: "Check-up" });
    expect(created.status).toBe(201);
    const id = created.body.appointment.id;
    const startsAt = inHours(3);
    const res = await edit(provider.cookie, id, { startsAt, durationMinutes: 45, note: "Bring the X-ray" });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as Saved;
    expect(saved.appointment).toMatchObject({ id, title: "Check-up", note: "Bring the X-ray", sequence: 1 });
    const { appointment, links } = await stored(id);
    expect(appointment?.startsAt).toBe(Date.parse(startsAt));
    expect(links).toHaveLength(1);
    expect(links[0]?.validUntil).toBe(Date.parse(startsAt) + 45 * 60_000 + INVITE_GRACE_MS);
    // The patient's link still works, for the new time.
    const status = await api(`/api/invites/${tokenOf(created.body.invite!.inviteUrl)}`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { startsAt: string }).startsAt).toBe(new Date(startsAt).toISOString());
    const listed = (await (await api("/api/appointments", { headers: { Cookie: provider.cookie } })).json()) as {
      appointments: Saved["appointment"][];
    };
    expect(listed.appointments.map((a) => a.id)).toEqual([id]);
  });

  it("refuses a start in the past, under 5 minutes or over 8 hours, and writes nothing", async () => {
    const provider = await providerWithSession();
    const { body } = await schedule(provider.cookie, {});
    const id = body.appointment.id;
    const before = await stored(id);
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ startsAt: inHours(-1) }, "appointment-in-past"],
      [{ durationMinutes: 4, title: "Renamed" }, "appointment-too-short"],
      [{ durationMinutes: 481, note: "x" }, "appointment-too-long"],
    ];
    for (const [change, code] of refusals) {
      const res = await edit(provider.cookie, id, change);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe(code);
    }
    expect(await stored(id)).toEqual(before);
    const created = await schedule(provider.cookie, { startsAt: inHours(-1) });
    expect(created.body.code).toBe("appointment-in-past");
  });

  it("allows overlapping appointments but names them", async () => {
    const provider = await providerWithSession();
    const first = await schedule(provider.cookie, { startsAt: inHours(5), durationMinutes: 60 });
    expect(first.body.overlaps).toEqual([]);
    const second = await schedule(provider.cookie, { startsAt: inHours(5.5), durationMinutes: 30 });
    expect(second.status).toBe(201);
    expect(second.body.overlaps).toEqual([first.body.appointment.id]);
    // Moved to right after the first: they touch, they do not overlap.
    const moved = (await (
      await edit(provider.cookie, second.body.appointment.id, { startsAt: inHours(6) })
    ).json()) as Saved;
    expect(moved.overlaps).toEqual([]);
  });
});

describe("whose appointments", () => {
  it("answers 404 for another provider's appointment, in the practice or outside, and changes nothing", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    const owner = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
    const colleague = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
    const stranger = await providerWithSession(undefined, { role: "admin" });
    const { body } = await schedule(owner.cookie, {});
    const id = body.appointment.id;
    const before = await stored(id);
    for (const other of [colleague, stranger]) {
      expect((await edit(other.cookie, id, { title: "Mine now" })).status).toBe(404);
      expect((await cancel(other.cookie, id)).status).toBe(404);
      const listed = await api(`/api/appointments?providerId=${owner.id}`, { headers: { Cookie: other.cookie } });
      expect(listed.status).toBe(404);
    }
    expect(await stored(id)).toEqual(before);
    // The practice's admin sees and changes it.
    expect((await edit(admin.cookie, id, { title: "Moved by the desk" })).status).toBe(200);
  });

  it("lets an admin schedule for a member and list their calendar; a provider cannot schedule for a colleague", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    const member = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
    const elsewhere = await providerWithSession(undefined, { role: "provider" });
    const scheduled = await schedule(admin.cookie, { providerId: member.id, note: "Prefers mornings" });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.appointment).toMatchObject({
      providerId: member.id,
      note: "Prefers mornings",
      status: "scheduled",
    });
    const own = (await (await api("/api/appointments", { headers: { Cookie: member.cookie } })).json()) as {
      appointments: Saved["appointment"][];
    };
    expect(own.appointments.map((a) => a.id)).toEqual([scheduled.body.appointment.id]);
    const theirs = await api(`/api/appointments?providerId=${member.id}`, { headers: { Cookie: admin.cookie } });
    expect(((await theirs.json()) as { appointments: unknown[] }).appointments).toHaveLength(1);

    expect((await schedule(member.cookie, { providerId: admin.id })).status).toBe(404);
    expect((await schedule(admin.cookie, { providerId: elsewhere.id })).status).toBe(404);
  });

  it("lists a range, past ones as done", async () => {
    const provider = await providerWithSession();
    const { body } = await schedule(provider.cookie, { startsAt: inHours(0), durationMinutes: 5 });
    const id = body.appointment.id;
    // Over now: as if it had been an hour ago.
    await database(env.DB)
      .update(appointments)
      .set({ startsAt: Date.now() - HOUR })
      .where(eq(appointments.id, id));
    const range = `from=${encodeURIComponent(inHours(-2))}&to=${encodeURIComponent(inHours(2))}`;
    const res = await api(`/api/appointments?${range}`, { headers: { Cookie: provider.cookie } });
    const listed = (await res.json()) as { appointments: Saved["appointment"][] };
    expect(listed.appointments.map((a) => [a.id, a.status])).toEqual([[id, "done"]]);
    const reversed = `from=${encodeURIComponent(inHours(2))}&to=${encodeURIComponent(inHours(-2))}`;
    expect((await api(`/api/appointments?${reversed}`, { headers: { Cookie: provider.cookie } })).status).toBe(400);
  });
});

describe("cancelling an appointment", () => {
  it("stops its links at once, tells the waiting patient so, and the link then says cancelled with the practice's contact", async () => {
    const provider = await providerWithSession();
    await database(env.DB)
      .update(practices)
      .set({ contactLine: "Tel. 030 1234567" })
      .where(eq(practices.id, provider.practiceId));
    // Within the practice's opening (15 minutes before the start by default): the patient may enter now.
    const { body } = await schedule(provider.cookie, { startsAt: inHours(0.1) });
    const token = tokenOf(body.invite!.inviteUrl);
    const joined = await api(`/api/invites/${token}/join`, {
      method: "POST",
      body: JSON.stringify({ name: "Ada", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    });
    const { ticket } = (await joined.json()) as { ticket: string };
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: provider.cookie });
    const patient = await openSocket("/api/ws/waiting", ticketed(ticket));
    if (!("ws" in dashboard) || !("ws" in patient)) throw new Error("socket refused");
    await dashboard.listed(1);
    const waiting = (await (await api("/api/appointments", { headers: { Cookie: provider.cookie } })).json()) as {
      appointments: Saved["appointment"][];
    };
    expect(waiting.appointments[0]?.status).toBe("waiting");

    const res = await cancel(provider.cookie, body.appointment.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Saved).appointment).toMatchObject({ status: "cancelled", sequence: 1 });
    expect((await patient.whenClosed()).code).toBe(CloseCode.cancelled);
    await dashboard.listed(0);

    const link = await api(`/api/invites/${token}`);
    expect(link.status).toBe(410);
    expect(await link.json()).toMatchObject({
      status: "cancelled",
      code: "invite-cancelled",
      contactLine: "Tel. 030 1234567",
    });
    // Nor can the cancelled appointment be changed or get a new link; a second cancel changes nothing.
    expect((await edit(provider.cookie, body.appointment.id, { title: "Back" })).status).toBe(409);
    const reissued = await newLinkFor(provider.cookie, body.appointment.id);
    expect(reissued.status).toBe(409);
    const again = (await (await cancel(provider.cookie, body.appointment.id)).json()) as Saved;
    expect(again.appointment.sequence).toBe(1);
    const { links } = await stored(body.appointment.id);
    expect(links.every((l) => l.revokedAt !== null)).toBe(true);
  });
});
