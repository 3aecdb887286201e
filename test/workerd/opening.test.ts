// A link's validity window and the waiting room's opening, with the practice's two settings, at their
// exact edges under a controlled clock (Date only: D1, sockets and timers keep running for real).
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode } from "../../schema/messages.ts";
import { invites } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, openSocket, providerWithSession, ticketed } from "./helpers.ts";

let clientSerial = 0;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const at = (ms: number) => vi.setSystemTime(ms);

async function settle(cookie: string, settings: Record<string, unknown>) {
  return api("/api/practice", { method: "PATCH", headers: { Cookie: cookie }, body: JSON.stringify(settings) });
}

async function schedule(cookie: string, startsAt: string, durationMinutes: number) {
  const res = await api("/api/appointments", {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({ title: "Follow-up", startsAt, durationMinutes }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { appointment: { id: string }; invite: { inviteUrl: string; validUntil: string } };
  return { ...body, token: body.invite.inviteUrl.split("/j/")[1]! };
}

/** What the link page is told: status code, link state and error code. */
async function linkAnswer(token: string) {
  const res = await api(`/api/invites/${token}`);
  const body = (await res.json()) as { status: string; code?: string; opensAt?: string; now?: string };
  return { http: res.status, status: body.status, code: body.code, opensAt: body.opensAt };
}

/** Entering the waiting room through the link: the HTTP status and the refusal's code, or the ticket. */
async function join(token: string) {
  const res = await api(`/api/invites/${token}/join`, {
    method: "POST",
    // Each its own client: the per-client join throttle is another test's business.
    headers: { "CF-Connecting-IP": `203.0.113.${++clientSerial}` },
    body: JSON.stringify({ name: "Ada", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  const body = (await res.json()) as { ticket?: string; code?: string; opensAt?: string };
  return { http: res.status, code: body.code, ticket: body.ticket, opensAt: body.opensAt };
}

describe("a link's window and the waiting room's opening", () => {
  it("work in instants across Berlin's change to summer time, from their first to their last millisecond", async () => {
    // Saturday noon before the last Sunday of March 2027: Berlin's clocks jump from 02:00 to 03:00 that night.
    const issued = Date.parse("2027-03-27T12:00:00Z");
    at(issued);
    const provider = await providerWithSession();
    expect((await settle(provider.cookie, { inviteGraceMinutes: 45, waitingRoomOpensMinutes: 45 })).status).toBe(200);
    // 02:30 as a winter-time clock would say it (+01:00) is 01:30 UTC, 03:30 on Berlin's clocks that night.
    const created = await schedule(provider.cookie, "2027-03-28T02:30:00+01:00", 30);
    // Ends 02:00 UTC; the link works 45 minutes more. A computation in local times would be an hour off.
    const lastValid = Date.parse("2027-03-28T02:45:00Z") - 1;
    expect(created.invite.validUntil).toBe("2027-03-28T02:45:00.000Z");
    // 45 minutes before the start: 00:45 UTC, 01:45 on Berlin's clocks, before they jumped.
    const opensAt = Date.parse("2027-03-28T00:45:00Z");

    at(issued - 1);
    expect(await linkAnswer(created.token)).toMatchObject({ http: 403, status: "not-yet-valid" });
    at(issued);
    expect(await linkAnswer(created.token)).toMatchObject({
      http: 200,
      status: "valid",
      opensAt: new Date(opensAt).toISOString(),
    });

    at(opensAt - 1);
    expect(await join(created.token)).toMatchObject({
      http: 403,
      code: "waiting-room-not-open",
      opensAt: new Date(opensAt).toISOString(),
    });
    at(opensAt);
    const entered = await join(created.token);
    expect(entered.http).toBe(200);
    expect(entered.ticket).toMatch(/^[\w-]{40,}$/);

    at(lastValid);
    expect(await linkAnswer(created.token)).toMatchObject({ http: 200, status: "valid" });
    at(lastValid + 1);
    expect(await linkAnswer(created.token)).toMatchObject({ http: 410, status: "expired", code: "invite-expired" });
    expect(await join(created.token)).toMatchObject({ http: 410, code: "invite-expired" });
  });

  it("a link moved with its appointment keeps the practice's grace", async () => {
    const now = Date.parse("2027-05-03T08:00:00Z");
    at(now);
    const provider = await providerWithSession();
    await settle(provider.cookie, { inviteGraceMinutes: 0 });
    const created = await schedule(provider.cookie, "2027-05-03T09:00:00Z", 20);
    expect(created.invite.validUntil).toBe("2027-05-03T09:20:00.000Z");
    const res = await api(`/api/appointments/${created.appointment.id}`, {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ startsAt: "2027-05-03T10:00:00Z" }),
    });
    expect(res.status).toBe(200);
    const [row] = await database(env.DB)
      .select({ validUntil: invites.validUntil })
      .from(invites)
      .where(eq(invites.appointmentId, created.appointment.id));
    expect(row?.validUntil).toBe(Date.parse("2027-05-03T10:20:00Z"));
  });

  it("the room itself turns away a socket that arrives before the opening, reading the practice's setting as it is now", async () => {
    const now = Date.parse("2027-06-01T08:00:00Z");
    at(now);
    const provider = await providerWithSession();
    // Starts in 10 minutes, the room opens 15 minutes before: the patient enters now.
    const created = await schedule(provider.cookie, "2027-06-01T08:10:00Z", 30);
    const { ticket } = await join(created.token);
    if (!ticket) throw new Error("no ticket");
    // The practice now opens only 5 minutes before: the ticket in hand no longer lets them in early.
    expect((await settle(provider.cookie, { waitingRoomOpensMinutes: 5 })).status).toBe(200);
    const opensAt = Date.parse("2027-06-01T08:05:00Z");
    at(opensAt - 1);
    const early = await openSocket("/api/ws/waiting", ticketed(ticket));
    if (!("ws" in early)) throw new Error(`no socket: ${early.status}`);
    const closed = await early.whenClosed();
    expect(closed.code).toBe(CloseCode.notOpen);
    expect(closed.reason).toContain(new Date(opensAt).toISOString());
    expect(early.received).toEqual([]);

    at(opensAt);
    const onTime = await openSocket("/api/ws/waiting", ticketed(ticket));
    if (!("ws" in onTime)) throw new Error(`no socket: ${onTime.status}`);
    expect(await onTime.next("position")).toMatchObject({ type: "position", position: 1 });
    onTime.ws.close(1000, "done");
  });

  it("refuses settings out of their bounds with a code and the field's name, and keeps the edges", async () => {
    at(Date.parse("2027-06-02T08:00:00Z"));
    const provider = await providerWithSession();
    for (const refused of [
      { waitingRoomOpensMinutes: -1 },
      { waitingRoomOpensMinutes: 121 },
      { waitingRoomOpensMinutes: 1.5 },
      { inviteGraceMinutes: -1 },
      { inviteGraceMinutes: 241 },
      { inviteGraceMinutes: "30" },
    ]) {
      const res = await settle(provider.cookie, refused);
      expect(res.status, JSON.stringify(refused)).toBe(400);
      const body = (await res.json()) as { code: string; error: string };
      expect(body.code).toBe("invalid-input");
      expect(body.error).toContain(Object.keys(refused)[0]);
    }
    const defaults = (await (await api("/api/practice", { headers: { Cookie: provider.cookie } })).json()) as Record<
      string,
      unknown
    >;
    expect(defaults).toMatchObject({ inviteGraceMinutes: 30, waitingRoomOpensMinutes: 15 });
    for (const edge of [
      { waitingRoomOpensMinutes: 0, inviteGraceMinutes: 0 },
      { waitingRoomOpensMinutes: 120, inviteGraceMinutes: 240 },
    ]) {
      const res = await settle(provider.cookie, edge);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject(edge);
    }
  });
});
