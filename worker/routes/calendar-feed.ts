// The provider's own calendar feed: made, switched and revoked on the account page; fetched by their
// calendar app from a secret address without a session. An unknown or revoked address is a plain 404.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ErrorBody } from "../../schema/api.ts";
import {
  CalendarFeedCreated,
  CalendarFeedParam,
  CalendarFeedUpdate,
  CalendarFeedView,
} from "../../schema/api-calendar-feed.ts";
import { calendarFeeds } from "../../schema/tables.ts";
import { access } from "../auth/access.ts";
import { createFeed, feedEvents, feedOfToken, feedUrl, feedView, ownFeed, revokeFeed } from "../calendar/feed-store.ts";
import { feedCalendar } from "../calendar/ics.ts";
import { database } from "../db.ts";
import { problem } from "../problem.ts";
import { clientKey, throttle } from "../rate-limit.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const notLoggedIn = json(ErrorBody, "Not logged in");
const notFound = problem("not-found", "Not found.");

const show = createRoute({
  method: "get",
  path: "/calendar-feed",
  middleware: [access.provider] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The provider's calendar feed: whether it exists and shows details, never its address",
      responses: { 200: json(CalendarFeedView, "The feed's state"), 401: notLoggedIn },
    },
  ),
});

const create = createRoute({
  method: "post",
  path: "/calendar-feed",
  middleware: [access.provider] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "A new calendar feed address; an earlier one stops at once",
      responses: { 201: json(CalendarFeedCreated, "The address, shown only now"), 401: notLoggedIn },
    },
  ),
});

const update = createRoute({
  method: "patch",
  path: "/calendar-feed",
  middleware: [access.provider] as const,
  request: { body: jsonBody(CalendarFeedUpdate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Titles and notes in the feed, on or off",
      responses: {
        200: json(CalendarFeedView, "The feed's state"),
        400: json(ErrorBody, "Malformed body"),
        401: notLoggedIn,
        404: json(ErrorBody, "The provider has no feed"),
      },
    },
  ),
});

const revoke = createRoute({
  method: "delete",
  path: "/calendar-feed",
  middleware: [access.provider] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Revoke the calendar feed: its address stops at once",
      responses: { 204: { description: "Revoked" }, 401: notLoggedIn },
    },
  ),
});

export const calendarFeedRoutes = router()
  .openapi(show, async (c) => {
    const feed = await ownFeed(database(c.env.DB), c.get("provider").id);
    return c.json(feedView(feed), 200);
  })
  .openapi(create, async (c) => {
    const { token, feed } = await createFeed(database(c.env.DB), c.get("provider").id);
    return c.json({ feedUrl: feedUrl(c.env, c.req.url, token), feed: feedView(feed) }, 201);
  })
  .openapi(update, async (c) => {
    const { includeDetails } = c.req.valid("json");
    const [feed] = await database(c.env.DB)
      .update(calendarFeeds)
      .set({ includeDetails })
      .where(eq(calendarFeeds.providerId, c.get("provider").id))
      .returning();
    if (!feed) return c.json(problem("not-found", "There is no calendar feed."), 404);
    return c.json(feedView(feed), 200);
  })
  .openapi(revoke, async (c) => {
    await revokeFeed(database(c.env.DB), c.get("provider").id);
    return c.body(null, 204);
  });

const fetchFeed = createRoute({
  method: "get",
  path: "/{feed}",
  middleware: [access.anonymous] as const,
  request: { params: CalendarFeedParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "A provider's calendar feed: 30 days back to 180 ahead",
      responses: {
        200: { content: { "text/calendar": { schema: z.string() } }, description: "The feed" },
        400: json(ErrorBody, "Not a feed address"),
        404: json(ErrorBody, "No such feed (unknown or revoked)"),
        429: json(ErrorBody, "Too many requests; see Retry-After"),
      },
    },
  ),
});

export const calendarRoutes = router().openapi(fetchFeed, async (c) => {
  // Per client: guessing addresses gets nowhere (256 bits), and nobody can make D1 busy with it.
  const limited = await throttle(c, [[c.env.CALENDAR_FEED_LIMIT, await clientKey(c)]]);
  if (limited) return limited;
  const token = c.req.valid("param").feed.slice(0, -".ics".length);
  const db = database(c.env.DB);
  const found = await feedOfToken(db, token);
  if (!found) return c.json(notFound, 404);
  const text = feedCalendar(await feedEvents(db, found.feed), found.language);
  return c.body(text, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": 'inline; filename="anteroom.ics"',
    "X-Content-Type-Options": "nosniff",
  });
});
