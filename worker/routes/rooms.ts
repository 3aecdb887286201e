// A provider's personal room, as a walk-in patient's browser sees it: who it belongs to, and entering its
// waiting room without an appointment. Unknown practice, unknown room, a room switched off or renamed,
// or a malformed link: one answer, 404 "room-unavailable", with no hint which it was.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { waitingRoomName } from "../../common/waiting-rooms.ts";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { ErrorBody, JoinBody, JoinTicket, RoomParams, RoomStatus } from "../../schema/api.ts";
import { MAX_WALK_INS_WAITING } from "../../schema/personal-room.ts";
import { walkInConsents } from "../../schema/tables.ts";
import type { AppEnv } from "../app-env.ts";
import { access } from "../auth/access.ts";
import { currentConsentText } from "../consent-texts.ts";
import { database } from "../db.ts";
import { objects } from "../jurisdiction.ts";
import { consentOutdated, patientPage, practiceOf } from "../patient-page.ts";
import { findOpenRoom } from "../personal-rooms.ts";
import { problem } from "../problem.ts";
import { clientKey, RETRY_AFTER_SECONDS, throttle } from "../rate-limit.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const unavailable = (c: Context<AppEnv>) =>
  c.json(
    {
      status: "unavailable" as const,
      ...problem("room-unavailable", "There is no open waiting room at this link."),
    },
    404,
  );

const status = createRoute({
  method: "get",
  middleware: [access.anonymous] as const,
  path: "/{practice}/{room}",
  request: { params: RoomParams },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Whether a personal room is open for walk-ins, with the practice's look and consent text",
      responses: {
        200: json(RoomStatus, "Open"),
        404: json(RoomStatus, "No open room at this link (room-unavailable), whatever the reason"),
        429: json(ErrorBody, "Too many look-ups from this client; see Retry-After"),
      },
    },
  ),
});

const join = createRoute({
  method: "post",
  middleware: [access.anonymous] as const,
  path: "/{practice}/{room}/join",
  request: { params: RoomParams, body: jsonBody(JoinBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Record a walk-in's consent (no name) and hand out a waiting-room ticket without an appointment",
      responses: {
        200: json(JoinTicket, "Consent recorded; ticket for the waiting room"),
        400: json(ErrorBody, "Malformed body or outdated consent text"),
        404: json(RoomStatus, "No open room at this link (room-unavailable), whatever the reason"),
        429: json(ErrorBody, "Too many walk-ins from this client or into this room; see Retry-After"),
        503: json(ErrorBody, "As many walk-ins wait as the room takes (room-full); see Retry-After"),
      },
    },
  ),
});

/** How many walk-ins wait in the room now; undefined when the room cannot be asked (it checks again itself). */
async function walkInsWaiting(env: AppEnv["Bindings"], room: string): Promise<number | undefined> {
  try {
    const rooms = objects(env, env.WAITING_ROOM);
    return await rooms.get(rooms.idFromName(room)).walkInsWaiting();
  } catch {
    return undefined;
  }
}

export const roomRoutes = router()
  .openapi(status, async (c) => {
    // Counted before the look-up: trying names costs the same whether they exist or not.
    const limited = await throttle(c, [[c.env.CLIENT_LIMIT, `room:${await clientKey(c)}`]]);
    if (limited) return limited;
    const { practice, room } = c.req.valid("param");
    const db = database(c.env.DB);
    const found = await findOpenRoom(db, practice, room);
    if (!found) return unavailable(c);
    const page = await patientPage(db, found.practice);
    return c.json(
      { status: "open" as const, providerName: found.provider.displayName, ...practiceOf(found), ...page },
      200,
    );
  })
  .openapi(join, async (c) => {
    const limited = await throttle(c, [[c.env.CLIENT_LIMIT, `walk-in:${await clientKey(c)}`]]);
    if (limited) return limited;
    const { practice, room } = c.req.valid("param");
    const { consentVersion, consentLanguage = "en" } = c.req.valid("json");
    const db = database(c.env.DB);
    // Asked now, not when the page was opened: a room switched off or renamed since lets nobody in.
    const found = await findOpenRoom(db, practice, room);
    if (!found) return unavailable(c);
    // One room takes at most the invite limit's walk-ins a minute, from however many clients.
    const roomLimited = await throttle(c, [[c.env.INVITE_LIMIT, `walk-in-room:${found.provider.id}`]]);
    if (roomLimited) return roomLimited;
    const waitingRoom = waitingRoomName(found.practice, found.provider.id);
    if (((await walkInsWaiting(c.env, waitingRoom)) ?? 0) >= MAX_WALK_INS_WAITING) {
      c.header("Retry-After", String(RETRY_AFTER_SECONDS));
      return c.json(
        problem("room-full", "Too many people are waiting without an appointment; please try again later."),
        503,
      );
    }
    if (consentVersion !== (await currentConsentText(db, found.practice.id)).version) {
      return c.json(consentOutdated, 400);
    }
    const now = Date.now();
    // The visit's own id stands for the walk-in everywhere (waiting room, call, consent record).
    const visitId = crypto.randomUUID();
    await db.insert(walkInConsents).values({
      id: visitId,
      providerId: found.provider.id,
      textVersion: consentVersion,
      language: consentLanguage,
      consentedAt: now,
    });
    const ticket = await sealTicket(c.env.TICKET_SECRET, {
      kind: "waiting",
      id: crypto.randomUUID(),
      providerId: found.provider.id,
      appointmentId: visitId,
      inviteId: visitId,
      waitingSince: now,
      issuedAt: now,
      // No appointment end to go by: the ticket lasts as long as the practice lets anyone wait.
      exp: now + found.practice.waitingIdleLimitMinutes * 60_000,
      room: waitingRoom,
      walkIn: true,
    });
    return c.json({ ticket, providerName: found.provider.displayName }, 200);
  });
