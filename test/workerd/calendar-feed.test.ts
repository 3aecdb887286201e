// The provider's own calendar feed: made on the account page, fetched by a calendar app without a
// session, parsed back with ical.js field by field. Times only unless the provider switched on the
// details; revoking stops the address at once; nobody else's appointments appear; guessing is throttled.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { appointments, calendarFeeds } from "../../schema/tables.ts";
import { sha256Hex } from "../../worker/crypto.ts";
import { database } from "../../worker/db.ts";
import { api, providerWithSession } from "./helpers.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TITLE = "Follow-up after knee surgery";
const NOTE = "Bring the HIV test results";

interface Created {
  feedUrl: string;
  feed: { active: boolean; includeDetails: boolean; createdAt: string | null };
}

async function makeFeed(cookie: string): Promise<Created> {
  const res = await api("/api/account/calendar-feed", { method: "POST", headers: { Cookie: cookie } });
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

/** A row straight into D1: the feed also shows appointments a form would refuse now (past ones). */
async function appointment(
  providerId: string,
  startsAt: number,
  extra: { cancelledAt?: number; sequence?: number } = {},
) {
  const id = crypto.randomUUID();
  await database(env.DB)
    .insert(appointments)
    .values({
      id,
      providerId,
      title: TITLE,
      note: NOTE,
      startsAt,
      durationMinutes: 45,
      createdAt: Date.now(),
      ...extra,
    });
  return id;
}

/** Fetches the feed as a calendar app would: no cookie, no Origin, its own address. */
function fetchFeed(feedUrl: string, client = "203.0.113.7") {
  return api(new URL(feedUrl).pathname, { headers: { "CF-Connecting-IP": client } });
}

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const time = (vevent: ICAL.Component, name: string) =>
    (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate().getTime();
  return {
    method: calendar.getFirstPropertyValue("method"),
    events: calendar.getAllSubcomponents("vevent").map((vevent) => ({
      uid: vevent.getFirstPropertyValue("uid"),
      sequence: vevent.getFirstPropertyValue("sequence"),
      start: time(vevent, "dtstart"),
      end: time(vevent, "dtend"),
      summary: vevent.getFirstPropertyValue("summary"),
      description: vevent.getFirstPropertyValue("description"),
      names: vevent.getAllProperties().map((property) => property.name),
    })),
  };
}

describe("the provider's calendar feed", () => {
  it("answers text/calendar with start, end and 'Video consultation' only, UID and SEQUENCE per appointment", async () => {
    const dr = await providerWithSession();
    const start = Math.floor((Date.now() + 2 * DAY) / 60_000) * 60_000;
    const id = await appointment(dr.id, start, { sequence: 3 });
    const { feedUrl, feed } = await makeFeed(dr.cookie);
    expect(feed).toMatchObject({ active: true, includeDetails: false });
    expect(feedUrl).toMatch(/^http:\/\/anteroom\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const res = await fetchFeed(feedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = await res.text();
    const parsed = events(text);
    expect(parsed.method).toBe("PUBLISH");
    expect(parsed.events).toEqual([
      {
        uid: `${id}@anteroom`,
        sequence: 3,
        start,
        end: start + 45 * 60_000,
        summary: "Video consultation",
        description: null,
        names: ["uid", "sequence", "dtstamp", "dtstart", "dtend", "summary", "status", "transp"],
      },
    ]);
    // Nothing the practice typed, no link, no patient.
    expect(text).not.toContain("knee");
    expect(text).not.toContain("HIV");
  });

  it("shows titles and notes only once the provider switches them on, in the provider's language", async () => {
    const dr = await providerWithSession();
    await api("/api/account/profile", {
      method: "PATCH",
      headers: { Cookie: dr.cookie },
      body: JSON.stringify({ language: "de" }),
    });
    await appointment(dr.id, Date.now() + DAY);
    const { feedUrl } = await makeFeed(dr.cookie);
    expect(events(await (await fetchFeed(feedUrl)).text()).events[0]).toMatchObject({
      summary: "Videosprechstunde",
      description: null,
    });

    const switched = await api("/api/account/calendar-feed", {
      method: "PATCH",
      headers: { Cookie: dr.cookie },
      body: JSON.stringify({ includeDetails: true }),
    });
    expect(await switched.json()).toMatchObject({ active: true, includeDetails: true });
    expect(events(await (await fetchFeed(feedUrl)).text()).events[0]).toMatchObject({
      summary: `Videosprechstunde: ${TITLE}`,
      description: NOTE,
    });
  });

  it("holds the window from 30 days back to 180 ahead, without cancelled appointments", async () => {
    const dr = await providerWithSession();
    const now = Date.now();
    const recent = await appointment(dr.id, now - 29 * DAY);
    const ahead = await appointment(dr.id, now + 179 * DAY);
    await appointment(dr.id, now - 31 * DAY);
    await appointment(dr.id, now + 181 * DAY);
    await appointment(dr.id, now + DAY, { cancelledAt: now, sequence: 1 });
    const { feedUrl } = await makeFeed(dr.cookie);
    const uids = events(await (await fetchFeed(feedUrl)).text()).events.map((event) => event.uid);
    expect(uids).toEqual([`${recent}@anteroom`, `${ahead}@anteroom`]);
  });

  it("never shows someone else's appointments, not even a colleague's to the practice's admin", async () => {
    const admin = await providerWithSession();
    const colleague = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
    const own = await appointment(admin.id, Date.now() + DAY);
    await appointment(colleague.id, Date.now() + DAY);
    const { feedUrl } = await makeFeed(admin.cookie);
    const colleagueFeed = await makeFeed(colleague.cookie);
    expect(events(await (await fetchFeed(feedUrl)).text()).events.map((event) => event.uid)).toEqual([
      `${own}@anteroom`,
    ]);
    expect(events(await (await fetchFeed(colleagueFeed.feedUrl)).text()).events).toHaveLength(1);
  });

  it("stores only a hash of the token, and revoking stops the address at once; a new one works", async () => {
    const dr = await providerWithSession();
    await appointment(dr.id, Date.now() + DAY);
    const { feedUrl } = await makeFeed(dr.cookie);
    const token = new URL(feedUrl).pathname.split("/").at(-1)!.replace(".ics", "");
    const [row] = await database(env.DB).select().from(calendarFeeds).where(eq(calendarFeeds.providerId, dr.id));
    expect(row?.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const revoked = await api("/api/account/calendar-feed", { method: "DELETE", headers: { Cookie: dr.cookie } });
    expect(revoked.status).toBe(204);
    const gone = await fetchFeed(feedUrl);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ code: "not-found", error: "Not found." });
    const state = await api("/api/account/calendar-feed", { headers: { Cookie: dr.cookie } });
    expect(await state.json()).toEqual({ active: false, includeDetails: false, createdAt: null });

    const again = await makeFeed(dr.cookie);
    expect(again.feedUrl).not.toBe(feedUrl);
    expect((await fetchFeed(again.feedUrl)).status).toBe(200);
    expect((await fetchFeed(feedUrl)).status).toBe(404);
  });

  it("answers an unknown address exactly as a revoked one, and a malformed one with 400", async () => {
    const unknown = await fetchFeed(`http://anteroom.test/api/calendar/${"B".repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: "not-found", error: "Not found." });
    expect((await fetchFeed("http://anteroom.test/api/calendar/short.ics")).status).toBe(400);
  });

  it("throttles one client that keeps asking, while another client still gets its feed", async () => {
    const dr = await providerWithSession();
    const { feedUrl } = await makeFeed(dr.cookie);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        (await fetchFeed(`http://anteroom.test/api/calendar/${"C".repeat(43)}.ics`, "203.0.113.99")).status,
      );
    }
    expect(statuses).toContain(429);
    expect((await fetchFeed(feedUrl, "203.0.113.99")).status).toBe(429);
    expect((await fetchFeed(feedUrl, "203.0.113.100")).status).toBe(200);
  });

  it("switching details on a provider without a feed is a 404", async () => {
    const dr = await providerWithSession();
    const res = await api("/api/account/calendar-feed", {
      method: "PATCH",
      headers: { Cookie: dr.cookie },
      body: JSON.stringify({ includeDetails: true }),
    });
    expect(res.status).toBe(404);
  });
});
