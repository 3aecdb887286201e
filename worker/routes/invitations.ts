// An appointment's invitations: listed (never with a token), added with a label, withdrawn one by one,
// and given a new link. Every change that stops a link tells the waiting rooms at once.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import {
  AppointmentIdParam,
  AppointmentInvitationCreate,
  AppointmentInvitationIssued,
  AppointmentInvitationList,
  AppointmentInvitationView,
  ErrorBody,
  InvitationIdParam,
} from "../../schema/api.ts";
import { MAX_INVITATIONS_PER_APPOINTMENT } from "../../schema/limits.ts";
import { type Appointment, type Invite, invites } from "../../schema/tables.ts";
import { visibleAppointment } from "../appointment-store.ts";
import { access } from "../auth/access.ts";
import { currentInvitationView } from "../call-invitations.ts";
import { database } from "../db.ts";
import { insertWithinLimit, invitationsOf, invitationView, visibleInvitation } from "../invitation-store.ts";
import { inviteUrl, linkValidUntil, newInvite } from "../invites.ts";
import { problem } from "../problem.ts";
import { dropInviteReminders } from "../reminder-store.ts";
import { withdrawWaitingInvite } from "../room-control.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const appointmentNotFound = problem("not-found", "No such appointment.");
const invitationNotFound = problem("not-found", "No such invitation.");
const cancelledProblem = problem("appointment-cancelled", "This appointment was cancelled.");
const overProblem = problem("appointment-over", "This appointment is over.");
const limitProblem = problem(
  "invitation-limit",
  `An appointment has at most ${MAX_INVITATIONS_PER_APPOINTMENT} invitations.`,
);

/** Why no new link may be issued for the appointment now, if it may not (after the practice's grace). */
function closedProblem(appointment: Appointment, graceMinutes: number, now: number) {
  // A new link would bring a cancelled appointment back to life for whoever receives it.
  if (appointment.cancelledAt !== null) return cancelledProblem;
  if (linkValidUntil(appointment, graceMinutes) <= now) return overProblem;
  return undefined;
}

const issued = (requestUrl: string, token: string, row: Invite, now: number) => ({
  invitation: invitationView(row, now),
  invite: { inviteUrl: inviteUrl(requestUrl, token), validUntil: new Date(row.validUntil).toISOString() },
});

const list = createRoute({
  method: "get",
  path: "/{id}/invitations",
  middleware: [access.provider] as const,
  request: { params: AppointmentIdParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "An appointment's invitations: label, state and validity, never a link",
      responses: {
        200: json(AppointmentInvitationList, "Invitations, the first (the patient's) first"),
        400: json(ErrorBody, "Malformed id"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such appointment the caller may see"),
      },
    },
  ),
});

const create = createRoute({
  method: "post",
  path: "/{id}/invitations",
  middleware: [access.provider] as const,
  request: { params: AppointmentIdParam, body: jsonBody(AppointmentInvitationCreate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: `Add an invitation with a label and issue its link (at most ${MAX_INVITATIONS_PER_APPOINTMENT} per appointment)`,
      responses: {
        201: json(AppointmentInvitationIssued, "Added; the link is shown only now"),
        400: json(ErrorBody, "Invalid label"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such appointment the caller may see"),
        409: json(ErrorBody, "The appointment is over or cancelled, or has the maximum of invitations"),
      },
    },
  ),
});

const withdraw = createRoute({
  method: "post",
  path: "/{id}/withdraw",
  middleware: [access.provider] as const,
  request: { params: InvitationIdParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Withdraw one invitation's link: it stops at once, a patient waiting with it is told",
      responses: {
        200: json(AppointmentInvitationView, "Withdrawn (also when it was already)"),
        400: json(ErrorBody, "Malformed id"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such invitation the caller may see"),
      },
    },
  ),
});

const renew = createRoute({
  method: "post",
  path: "/{id}/link",
  middleware: [access.provider] as const,
  request: { params: InvitationIdParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "A new link for an invitation: the old one stops at once; the invitation gets a new id",
      responses: {
        201: json(AppointmentInvitationIssued, "The new link, shown only now, and the invitation as it is now"),
        400: json(ErrorBody, "Malformed id"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such invitation the caller may see"),
        409: json(ErrorBody, "The appointment is over or cancelled"),
      },
    },
  ),
});

/** Under /api/appointments: the invitations of one appointment. */
export const appointmentInvitationRoutes = router()
  .openapi(list, async (c) => {
    const db = database(c.env.DB);
    const found = await visibleAppointment(db, c.get("provider"), c.req.valid("param").id);
    if (!found) return c.json(appointmentNotFound, 404);
    const now = Date.now();
    const rows = await invitationsOf(db, found.appointment.id);
    const invitations = await Promise.all(rows.map((row) => currentInvitationView(c.env, row, now)));
    return c.json({ invitations }, 200);
  })
  .openapi(create, async (c) => {
    const { label } = c.req.valid("json");
    const db = database(c.env.DB);
    const found = await visibleAppointment(db, c.get("provider"), c.req.valid("param").id);
    if (!found) return c.json(appointmentNotFound, 404);
    const now = Date.now();
    const graceMinutes = c.get("practice").inviteGraceMinutes;
    const closed = closedProblem(found.appointment, graceMinutes, now);
    if (closed) return c.json(closed, 409);
    const { token, row } = await newInvite(found.appointment, now, { label, graceMinutes });
    if (!(await insertWithinLimit(db, row))) return c.json(limitProblem, 409);
    return c.json(issued(c.req.url, token, row, now), 201);
  });

/** Under /api/invitations: one invitation, by its id. */
export const invitationRoutes = router()
  .openapi(withdraw, async (c) => {
    const db = database(c.env.DB);
    const found = await visibleInvitation(db, c.get("provider"), c.req.valid("param").id);
    if (!found) return c.json(invitationNotFound, 404);
    const now = Date.now();
    // A second click (or a retry after a lost answer) changes nothing and answers the same way.
    if (found.invite.revokedAt !== null) return c.json(invitationView(found.invite, now), 200);
    // A pending reminder would carry the withdrawn link: it goes with it (and its sealed address).
    await db.batch([
      db.update(invites).set({ revokedAt: now }).where(eq(invites.id, found.invite.id)),
      dropInviteReminders(db, found.invite.id),
    ]);
    await withdrawWaitingInvite(c.env, found.provider, found.invite);
    return c.json(invitationView({ ...found.invite, revokedAt: now }, now), 200);
  })
  .openapi(renew, async (c) => {
    const db = database(c.env.DB);
    const found = await visibleInvitation(db, c.get("provider"), c.req.valid("param").id);
    if (!found) return c.json(invitationNotFound, 404);
    const now = Date.now();
    const graceMinutes = c.get("practice").inviteGraceMinutes;
    const closed = closedProblem(found.appointment, graceMinutes, now);
    if (closed) return c.json(closed, 409);
    const { label, createdAt } = found.invite;
    const { token, row } = await newInvite(found.appointment, now, { label, createdAt, graceMinutes });
    // One batch: the old link stops and the new one is written, or neither. The old link keeps its row,
    // revoked (if it was not already), so that whoever opens it is told it was withdrawn.
    await db.batch([
      db
        .update(invites)
        .set({ revokedAt: found.invite.revokedAt ?? now, replacedBy: row.id })
        .where(eq(invites.id, found.invite.id)),
      db.insert(invites).values(row),
      // The reminder holds the old link's token: the patient would be reminded with a dead link.
      dropInviteReminders(db, found.invite.id),
    ]);
    await withdrawWaitingInvite(c.env, found.provider, found.invite);
    return c.json(issued(c.req.url, token, row, now), 201);
  });
