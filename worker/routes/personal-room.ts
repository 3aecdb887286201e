// The provider's own personal room, on their account page: its name and whether it is on. "provider"
// access: a member who must still set up the practice's 2FA cannot admit anyone, so opens no room.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { ErrorBody, PersonalRoomUpdate, PersonalRoomView } from "../../schema/api.ts";
import { isRoomName, personalRoomPath } from "../../schema/personal-room.ts";
import { type Practice, type Provider, providers } from "../../schema/tables.ts";
import type { AppEnv } from "../app-env.ts";
import { access } from "../auth/access.ts";
import { database } from "../db.ts";
import { colleaguesRoomNames, roomNameOf } from "../personal-rooms.ts";
import { problem } from "../problem.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const unauthenticated = json(ErrorBody, "Not logged in");
const forbidden = json(ErrorBody, "The practice requires 2FA, which this provider has not set up (totp-required)");

const show = createRoute({
  method: "get",
  path: "/personal-room",
  middleware: [access.provider] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The provider's personal room for walk-ins: its name (or a suggestion), whether it is on, its link",
      responses: { 200: json(PersonalRoomView, "The personal room"), 401: unauthenticated, 403: forbidden },
    },
  ),
});

const save = createRoute({
  method: "put",
  path: "/personal-room",
  middleware: [access.provider] as const,
  request: { body: jsonBody(PersonalRoomUpdate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Name the personal room and switch it on or off; a new name or off stops the old link at once",
      responses: {
        200: json(PersonalRoomView, "Saved"),
        400: json(ErrorBody, "Malformed body, or a name that breaks the rule (room-name-invalid)"),
        401: unauthenticated,
        403: forbidden,
        409: json(
          ErrorBody,
          "A colleague uses the name (room-name-taken), or the practice has no short name yet (practice-short-name-missing)",
        ),
      },
    },
  ),
});

function view(
  provider: Pick<Provider, "personalRoomOn">,
  practice: Pick<Practice, "shortName">,
  room: { name: string; saved: boolean },
) {
  const on = provider.personalRoomOn && room.saved && practice.shortName !== null;
  return {
    on,
    name: room.name,
    saved: room.saved,
    practiceShortName: practice.shortName,
    path: on && practice.shortName ? personalRoomPath(practice.shortName, room.name) : null,
  };
}

const nameTaken = (c: Context<AppEnv>) =>
  c.json(problem("room-name-taken", "A colleague in your practice uses this room name already."), 409);

/** SQLite's answer when two colleagues save the same name at once: the unique index lets one through. */
const uniqueViolation = (error: unknown) =>
  error instanceof Error && error.message.includes("UNIQUE constraint failed");

export const personalRoomRoutes = router()
  .openapi(show, async (c) => {
    const provider = c.get("provider");
    const room = await roomNameOf(database(c.env.DB), provider);
    return c.json(view(provider, c.get("practice"), room), 200);
  })
  .openapi(save, async (c) => {
    const { on, name } = c.req.valid("json");
    const provider = c.get("provider");
    const practice = c.get("practice");
    if (!isRoomName(name)) {
      return c.json(
        problem("room-name-invalid", "Use 3 to 32 lowercase letters and digits, with single hyphens between them."),
        400,
      );
    }
    if (on && practice.shortName === null) {
      return c.json(
        problem("practice-short-name-missing", "The practice's admin must set the practice's short name first."),
        409,
      );
    }
    const db = database(c.env.DB);
    if ((await colleaguesRoomNames(db, provider.id, practice.id)).has(name)) return nameTaken(c);
    try {
      await db
        .update(providers)
        .set({ personalRoomName: name, personalRoomOn: on })
        .where(eq(providers.id, provider.id));
    } catch (error) {
      if (uniqueViolation(error)) return nameTaken(c);
      throw error;
    }
    return c.json(view({ personalRoomOn: on }, practice, { name, saved: true }), 200);
  });
