// The provider's own calendar feed: one secret address per provider, of which only a hash is stored.
// Revoking deletes the row, so the old address is unknown at once; a new feed gets a new token.
import { and, asc, eq, gt, isNull, lt } from "drizzle-orm";
import { appointments, type CalendarFeed, calendarFeeds, type Language, providers } from "../../schema/tables.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import type { Database } from "../db.ts";
import { appointmentEnd } from "../invites.ts";
import { publicOrigin } from "../links.ts";
import { appointmentUid, type FeedEvent } from "./ics.ts";

/** The feed reaches this far back and ahead: enough for a calendar app, never the whole history. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 180;
/** At most this many events per feed: a full week of a busy provider for half a year fits. */
const FEED_LIMIT = 1000;
const DAY_MS = 24 * 3600_000;

export function feedView(feed: CalendarFeed | undefined) {
  return {
    active: feed !== undefined,
    includeDetails: feed?.includeDetails ?? false,
    createdAt: feed ? new Date(feed.createdAt).toISOString() : null,
  };
}

export async function ownFeed(db: Database, providerId: string): Promise<CalendarFeed | undefined> {
  return db.query.calendarFeeds.findFirst({ where: eq(calendarFeeds.providerId, providerId) });
}

/** A new feed for the provider (replacing any earlier one, whose address stops at once); the token only now. */
export async function createFeed(db: Database, providerId: string, now = Date.now()) {
  const token = randomToken(32);
  const feed: CalendarFeed = { providerId, tokenHash: await sha256Hex(token), includeDetails: false, createdAt: now };
  await db
    .insert(calendarFeeds)
    .values(feed)
    .onConflictDoUpdate({
      target: calendarFeeds.providerId,
      set: { tokenHash: feed.tokenHash, includeDetails: false, createdAt: now },
    });
  return { token, feed };
}

export async function revokeFeed(db: Database, providerId: string): Promise<void> {
  await db.delete(calendarFeeds).where(eq(calendarFeeds.providerId, providerId));
}

/** The feed's address: the configured origin (calendar services fetch it from outside), else the caller's. */
export function feedUrl(env: { PUBLIC_ORIGIN?: string }, requestUrl: string, token: string): string {
  const origin = publicOrigin(env.PUBLIC_ORIGIN) ?? new URL(requestUrl).origin;
  return `${origin}/api/calendar/${token}.ics`;
}

/** The feed behind a token with its provider's language, or undefined for an unknown or revoked one. */
export async function feedOfToken(
  db: Database,
  token: string,
): Promise<{ feed: CalendarFeed; language: Language } | undefined> {
  const [row] = await db
    .select({ feed: calendarFeeds, language: providers.language })
    .from(calendarFeeds)
    .innerJoin(providers, eq(providers.id, calendarFeeds.providerId))
    .where(eq(calendarFeeds.tokenHash, await sha256Hex(token)))
    .limit(1);
  return row;
}

/**
 * The provider's appointments in the feed's window, soonest first. Cancelled ones are left out: a
 * subscribed calendar drops an event that is no longer in the feed, which is what a cancellation means
 * to the provider (and some apps would show a cancelled event as if it still took place).
 */
export async function feedEvents(db: Database, feed: CalendarFeed, now = Date.now()): Promise<FeedEvent[]> {
  const from = now - FEED_DAYS_BACK * DAY_MS;
  const rows = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.providerId, feed.providerId),
        isNull(appointments.cancelledAt),
        gt(appointments.startsAt, from - DAY_MS),
        lt(appointments.startsAt, now + FEED_DAYS_AHEAD * DAY_MS),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(FEED_LIMIT);
  return rows
    .filter((appointment) => appointmentEnd(appointment) > from)
    .map((appointment) => ({
      uid: appointmentUid(appointment.id),
      sequence: appointment.sequence,
      start: new Date(appointment.startsAt),
      end: new Date(appointmentEnd(appointment)),
      stamp: new Date(now),
      title: appointment.title,
      note: appointment.note,
      includeDetails: feed.includeDetails,
    }));
}
