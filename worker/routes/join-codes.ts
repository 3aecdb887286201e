// Join codes: a practice member makes one for an invitation (shown once), a patient types it at /join.
import { createRoute } from "@hono/zod-openapi";
import { ErrorBody, InvitationIdParam, InvitationJoinCode, JoinCodeAccepted, JoinCodeBody } from "../../schema/api.ts";
import { formatJoinCode, parseJoinCode } from "../../schema/short-name.ts";
import { access } from "../auth/access.ts";
import { database } from "../db.ts";
import { visibleInvitation } from "../invitation-store.ts";
import { inviteProblem, linkState } from "../invites.ts";
import { returnGuess, takeGuess } from "../join-code-guesses.ts";
import { findJoinCode, issueJoinCode, joinCodeHash, joinCodeLive, joinPass } from "../join-codes.ts";
import { problem } from "../problem.ts";
import { clientKey, throttle } from "../rate-limit.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const invitationNotFound = problem("not-found", "No such invitation.");
const unavailable = problem("join-code-unavailable", "The practice has as many working codes as it may.");
/** One answer for every code that does not open a waiting room now, whatever the reason. */
const unknownCode = problem("join-code-unknown", "This code is not valid.");
/** Stands in for the practice of an unknown short name, so its code is hashed like any other. */
const NO_PRACTICE = "00000000-0000-0000-0000-000000000000";

const issue = createRoute({
  method: "post",
  path: "/{id}/code",
  middleware: [access.provider] as const,
  request: { params: InvitationIdParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "A new join code for an invitation, shown only now",
      responses: {
        201: json(InvitationJoinCode, "The code"),
        400: json(ErrorBody, "Malformed id"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such invitation the caller may see"),
        409: json(ErrorBody, "Link not working, or too many codes"),
      },
    },
  ),
});

const redeem = createRoute({
  method: "post",
  path: "/",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(JoinCodeBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Where a typed join code continues",
      responses: {
        200: json(JoinCodeAccepted, "Continue at path"),
        400: json(ErrorBody, "Malformed body"),
        404: json(ErrorBody, "Any code that does not work"),
        429: json(ErrorBody, "Too many attempts"),
      },
    },
  ),
});

/** Under /api/invitations: a code for one invitation. */
export const invitationCodeRoutes = router().openapi(issue, async (c) => {
  const db = database(c.env.DB);
  const found = await visibleInvitation(db, c.get("provider"), c.req.valid("param").id);
  if (!found) return c.json(invitationNotFound, 404);
  const now = Date.now();
  const state = linkState(found, now);
  // A code for a link that no longer works would never work either.
  if (state !== "valid" && state !== "not-yet-valid") return c.json(inviteProblem(state), 409);
  const practice = c.get("practice");
  if (practice.shortName === null) return c.json(unavailable, 409);
  const shortName = practice.shortName;
  const code = await issueJoinCode(db, c.env.TICKET_SECRET, { id: practice.id, shortName }, found.invite, now);
  if (!code) return c.json(unavailable, 409);
  const validUntil = Math.min(code.expiresAt, found.invite.validUntil);
  return c.json({ code: formatJoinCode(shortName, code.digits), validUntil: new Date(validUntil).toISOString() }, 201);
});

/** Under /api/join-code: the patient's side. */
export const joinCodeRoutes = router().openapi(redeem, async (c) => {
  const limited = await throttle(c, [[c.env.JOIN_CODE_LIMIT, `join-code:${await clientKey(c)}`]]);
  if (limited) return limited;
  // Text that cannot be a code ("mueller 48291") takes the same way as a wrong one (no practice has an
  // empty name), so that no refusal comes back sooner than another.
  const parsed = parseJoinCode(c.req.valid("json").code) ?? { shortName: "", digits: "" };
  const db = database(c.env.DB);
  const now = Date.now();
  // The same statements for a wrong code, a dead one and an unknown name: only a working code differs.
  const guess = await takeGuess(db, parsed.shortName, now);
  if (guess.practiceId !== undefined && !guess.taken) {
    c.header("Retry-After", String(guess.retryAfterSeconds));
    return c.json(problem("join-code-paused", "Too many wrong codes for this practice today."), 429);
  }
  const hash = await joinCodeHash(
    c.env.TICKET_SECRET,
    guess.practiceId ?? NO_PRACTICE,
    parsed.shortName,
    parsed.digits,
  );
  const found = await findJoinCode(db, hash);
  if (!found || guess.practiceId === undefined || !joinCodeLive(found, now)) return c.json(unknownCode, 404);
  await returnGuess(db, guess.practiceId, now);
  return c.json({ path: `/j/${await joinPass(c.env.TICKET_SECRET, found.code)}` }, 200);
});
