// "Invite a colleague" from inside a running consultation: its moderator asks a member of the same
// practice by name; the member's dashboards (and a browser notification, with no patient's name) ask
// them to join, and they join from there without a waiting room. The consultation is the authority on
// who was asked, its moderator, lock, room and end; the member's waiting room only carries the request.
import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import type { Context } from "hono";
import { waitingRoomName } from "../../common/waiting-rooms.ts";
import { sealTicket } from "../../durable-objects/tickets.ts";
import {
  ColleagueInvitationCreate,
  ColleagueInvited,
  ConsultationColleagues,
  ConsultationJoined,
  ConsultationSocketParams,
  ErrorBody,
} from "../../schema/api.ts";
import { providers } from "../../schema/tables.ts";
import type { AppEnv } from "../app-env.ts";
import { access } from "../auth/access.ts";
import { consultation } from "../call-invitations.ts";
import { database } from "../db.ts";
import { objects } from "../jurisdiction.ts";
import { problem } from "../problem.ts";
import { throttle } from "../rate-limit.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

type AppContext = Context<AppEnv>;

const refusals = {
  ended: [problem("consultation-ended", "This consultation has ended."), 410],
  "not-moderator": [problem("forbidden", "Only the moderator of this consultation may invite a colleague."), 403],
  locked: [problem("consultation-locked", "This consultation is locked: nobody more may join."), 409],
  full: [problem("consultation-full", "This consultation is full."), 409],
  present: [problem("colleague-in-call", "This colleague is in the call already."), 409],
  "not-invited": [problem("forbidden", "Nobody in this consultation asked you to join it."), 403],
  removed: [problem("forbidden", "You were removed from this consultation."), 403],
} as const;
const unknownColleague = problem("colleague-not-found", "No confirmed member of your practice has this id.");

const list = createRoute({
  method: "get",
  path: "/{id}/colleagues",
  middleware: [access.provider] as const,
  request: { params: ConsultationSocketParams },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The practice's other confirmed members, whom a consultation's moderator can ask to join",
      responses: {
        200: json(ConsultationColleagues, "By name"),
        400: json(ErrorBody, "Malformed id"),
        401: json(ErrorBody, "Not logged in"),
        403: json(ErrorBody, "2FA required and not set up"),
      },
    },
  ),
});

const invite = createRoute({
  method: "post",
  path: "/{id}/colleagues",
  middleware: [access.provider] as const,
  request: { params: ConsultationSocketParams, body: jsonBody(ColleagueInvitationCreate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Its moderator asks a colleague of the practice to join the running consultation",
      responses: {
        201: json(ColleagueInvited, "Asked: the colleague's dashboards ask them until the call ends"),
        400: json(ErrorBody, "Malformed id or body"),
        401: json(ErrorBody, "Not logged in"),
        403: json(ErrorBody, "The caller does not moderate this consultation"),
        404: json(ErrorBody, "No confirmed member of the caller's practice has this id (colleague-not-found)"),
        409: json(ErrorBody, "Locked, full, or the colleague is in the call already"),
        410: json(ErrorBody, "The consultation has ended"),
        429: json(ErrorBody, "Too many requests; see Retry-After"),
      },
    },
  ),
});

const join = createRoute({
  method: "post",
  path: "/{id}/join",
  middleware: [access.provider] as const,
  request: { params: ConsultationSocketParams },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "A colleague asked to join the consultation takes their ticket for it (no waiting room)",
      responses: {
        200: json(ConsultationJoined, "The ticket opens the call for this provider's session"),
        400: json(ErrorBody, "Malformed id"),
        401: json(ErrorBody, "Not logged in"),
        403: json(ErrorBody, "Nobody asked the caller to join, or they were removed"),
        409: json(ErrorBody, "Locked or full"),
        410: json(ErrorBody, "The consultation has ended"),
      },
    },
  ),
});

/** The caller's colleague with this id: a confirmed member of the same practice, not the caller. */
async function colleagueOf(c: AppContext, colleagueId: string) {
  const provider = c.get("provider");
  const [colleague] = await database(c.env.DB)
    .select({ id: providers.id })
    .from(providers)
    .where(
      and(
        eq(providers.id, colleagueId),
        eq(providers.practiceId, provider.practiceId),
        ne(providers.id, provider.id),
        isNotNull(providers.emailConfirmedAt),
      ),
    )
    .limit(1);
  return colleague;
}

/** The waiting room the member's dashboards connect to now. */
function memberRoom(c: AppContext, memberId: string) {
  const namespace = objects(c.env, c.env.WAITING_ROOM);
  return namespace.get(namespace.idFromName(waitingRoomName(c.get("practice"), memberId)));
}

/** Under /api/consultations. */
export const consultationColleagueRoutes = router()
  .openapi(list, async (c) => {
    const provider = c.get("provider");
    const colleagues = await database(c.env.DB)
      .select({ id: providers.id, name: providers.displayName })
      .from(providers)
      .where(
        and(
          eq(providers.practiceId, provider.practiceId),
          ne(providers.id, provider.id),
          isNotNull(providers.emailConfirmedAt),
        ),
      )
      .orderBy(asc(providers.displayName));
    // The list names the practice's staff: it is the caller's own practice and changes; never cached.
    c.header("Cache-Control", "no-store");
    return c.json({ colleagues }, 200);
  })
  .openapi(invite, async (c) => {
    const { id } = c.req.valid("param");
    const { colleagueId } = c.req.valid("json");
    const provider = c.get("provider");
    // Counted before anything is asked, with the call's other invitations: a flood costs no object work.
    const limited = await throttle(c, [[c.env.INVITE_LIMIT, `call-invite:${provider.id}`]]);
    if (limited) return limited;
    if (!(await colleagueOf(c, colleagueId))) return c.json(unknownColleague, 404);
    const asked = await consultation(c.env, id).colleagueInvitation(provider.id, colleagueId);
    if (asked.answer !== "ok") {
      const [body, status] = refusals[asked.answer];
      return c.json(body, status);
    }
    const request = { memberId: colleagueId, consultationId: id, moderatorId: provider.id, until: asked.endsAt };
    await memberRoom(c, colleagueId).askToJoin(request, provider.displayName);
    return c.json({ until: new Date(asked.endsAt).toISOString() }, 201);
  })
  .openapi(join, async (c) => {
    const { id } = c.req.valid("param");
    const provider = c.get("provider");
    const admitted = await consultation(c.env, id).colleagueAdmission(provider.id);
    if (admitted.answer !== "ok") {
      const [body, status] = refusals[admitted.answer];
      return c.json(body, status);
    }
    // A provider's ticket, as the waiting room mints one at admission: the socket also wants their session.
    const ticket = await sealTicket(c.env.TICKET_SECRET, {
      kind: "consultation",
      consultationId: id,
      participantId: provider.id,
      providerId: provider.id,
      role: "provider",
      name: provider.displayName,
      exp: admitted.endsAt,
    });
    // Their other dashboards stop asking. Not worth failing the join for: the request lapses with the call.
    await memberRoom(c, provider.id)
      .callRequestAnswered(provider.id, id)
      .catch(() => undefined);
    c.header("Cache-Control", "no-store");
    return c.json({ consultationId: id, ticket }, 200);
  });
