// What a patient's browser asks about its link, and how it enters the waiting room.
import { createRoute } from "@hono/zod-openapi";
import { waitingRoomOpen, waitingRoomOpensAt } from "../../common/waiting-room-opening.ts";
import { waitingRoomName } from "../../common/waiting-rooms.ts";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { ErrorBody, InviteStatus, InviteTokenParam, JoinBody, JoinTicket } from "../../schema/api.ts";
import { consents } from "../../schema/tables.ts";
import { access } from "../auth/access.ts";
import { currentLinkState } from "../call-invitations.ts";
import { currentConsentText } from "../consent-texts.ts";
import { type Database, database } from "../db.ts";
import { findInvite, inviteProblem } from "../invites.ts";
import { findInviteByPass, isJoinPass } from "../join-codes.ts";
import { consentOutdated, patientPage, practiceOf } from "../patient-page.ts";
import { clientKey, throttle } from "../rate-limit.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const iso = (ms: number) => new Date(ms).toISOString();

/** The invite behind a link's token or a join code's pass (which works only as long as its code). */
const findLink = (db: Database, secret: string, token: string) =>
  isJoinPass(token) ? findInviteByPass(db, secret, token) : findInvite(db, token);

/** When the waiting room opens for the invite's appointment. */
const opensAtOf = (found: { appointment: { startsAt: number }; practice: { waitingRoomOpensMinutes: number } }) =>
  waitingRoomOpensAt(found.appointment.startsAt, found.practice.waitingRoomOpensMinutes);

const status = createRoute({
  method: "get",
  middleware: [access.anonymous] as const,
  path: "/{token}",
  request: { params: InviteTokenParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Whether an invite link can be used now",
      responses: {
        200: json(InviteStatus, "Valid"),
        400: json(ErrorBody, "Not an invite token"),
        403: json(InviteStatus, "Not valid yet"),
        404: json(InviteStatus, "Unknown link"),
        410: json(InviteStatus, "Expired or revoked"),
      },
    },
  ),
});

const join = createRoute({
  method: "post",
  middleware: [access.anonymous] as const,
  path: "/{token}/join",
  request: { params: InviteTokenParam, body: jsonBody(JoinBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Record the patient's consent and hand out a waiting-room ticket",
      responses: {
        200: json(JoinTicket, "Consent recorded; ticket for the waiting room"),
        400: json(ErrorBody, "Malformed body or outdated consent text"),
        403: json(
          InviteStatus,
          "Not valid yet, or the waiting room does not open yet (waiting-room-not-open, with opensAt)",
        ),
        404: json(InviteStatus, "Unknown link"),
        410: json(InviteStatus, "Expired or revoked"),
        429: json(ErrorBody, "Too many joins through this link or from this client; see Retry-After"),
      },
    },
  ),
});

export const inviteRoutes = router()
  .openapi(status, async (c) => {
    const db = database(c.env.DB);
    const found = await findLink(db, c.env.TICKET_SECRET, c.req.valid("param").token);
    if (!found) return c.json({ status: "unknown" as const, ...inviteProblem("unknown") }, 404);
    const now = Date.now();
    const state = await currentLinkState(c.env, found, now);
    const body = {
      status: state,
      providerName: found.provider.displayName,
      ...practiceOf(found),
      startsAt: iso(found.appointment.startsAt),
      validFrom: iso(found.invite.validFrom),
      opensAt: iso(opensAtOf(found)),
      now: iso(now),
    };
    if (state === "valid") {
      return c.json({ ...body, ...(await patientPage(db, found.practice)) }, 200);
    }
    if (state === "not-yet-valid") return c.json({ ...body, ...inviteProblem(state) }, 403);
    return c.json({ status: state, ...practiceOf(found), ...inviteProblem(state) }, 410);
  })
  .openapi(join, async (c) => {
    const { token } = c.req.valid("param");
    const { consentVersion, consentLanguage = "en" } = c.req.valid("json");
    const db = database(c.env.DB);
    const found = await findLink(db, c.env.TICKET_SECRET, token);
    if (!found) return c.json({ status: "unknown" as const, ...inviteProblem("unknown") }, 404);
    const limited = await throttle(c, [
      [c.env.INVITE_LIMIT, `join:${found.invite.id}`],
      [c.env.CLIENT_LIMIT, `join:${await clientKey(c)}`],
    ]);
    if (limited) return limited;
    const now = Date.now();
    const state = await currentLinkState(c.env, found, now);
    if (state === "not-yet-valid") {
      return c.json(
        { status: state, validFrom: iso(found.invite.validFrom), ...practiceOf(found), ...inviteProblem(state) },
        403,
      );
    }
    if (state !== "valid") return c.json({ status: state, ...practiceOf(found), ...inviteProblem(state) }, 410);
    // Early: the page shows the countdown again (by the server's clock, whatever the device's says).
    if (!waitingRoomOpen(found.appointment.startsAt, found.practice.waitingRoomOpensMinutes, now)) {
      return c.json(
        {
          status: state,
          opensAt: iso(opensAtOf(found)),
          now: iso(now),
          ...practiceOf(found),
          ...inviteProblem("not-open"),
        },
        403,
      );
    }
    // The patient must have read the text the practice asks for now, not one it replaced meanwhile.
    // Asked after the throttle: a flood of stale joins is counted, and costs no query once refused.
    if (consentVersion !== (await currentConsentText(db, found.practice.id)).version) {
      return c.json(consentOutdated, 400);
    }
    // The record keeps which text was accepted and when; no name, no IP address. One per link:
    // joining again replaces it.
    await db
      .insert(consents)
      .values({
        id: crypto.randomUUID(),
        appointmentId: found.appointment.id,
        inviteId: found.invite.id,
        textVersion: consentVersion,
        language: consentLanguage,
        consentedAt: now,
      })
      .onConflictDoUpdate({
        target: consents.inviteId,
        set: { textVersion: consentVersion, language: consentLanguage, consentedAt: now },
      });
    const ticket = await sealTicket(c.env.TICKET_SECRET, {
      kind: "waiting",
      id: crypto.randomUUID(),
      providerId: found.provider.id,
      appointmentId: found.appointment.id,
      inviteId: found.invite.id,
      waitingSince: now,
      issuedAt: now,
      exp: found.invite.validUntil,
      room: waitingRoomName(found.practice, found.provider.id),
    });
    return c.json({ ticket, providerName: found.provider.displayName }, 200);
  });
