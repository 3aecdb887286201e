import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, gt, lt } from "drizzle-orm";
import {
  AppointmentCreate,
  AppointmentCreated,
  AppointmentIdParam,
  AppointmentList,
  AppointmentListQuery,
  AppointmentSaved,
  AppointmentUpdate,
  ErrorBody,
} from "../../schema/api.ts";
import { type Appointment, appointments, invites, type Practice } from "../../schema/tables.ts";
import { listedStatuses } from "../appointment-calls.ts";
import { type NoticeCount, noticeCancel, noticeUpdate } from "../appointment-notices.ts";
import { timingProblem } from "../appointment-rules.ts";
import {
  appointmentView,
  calendarOf,
  enteredAppointments,
  overlapsOf,
  statusOf,
  visibleAppointment,
} from "../appointment-store.ts";
import { access } from "../auth/access.ts";
import { nameForPatients } from "../branding.ts";
import { database } from "../db.ts";
import { appointmentEnd, inviteUrl, moveInvites, newInvite, revokeInvites } from "../invites.ts";
import { problem } from "../problem.ts";
import { dropPastReminders, moveReminders, takeAppointmentReminders } from "../reminder-store.ts";
import { withdrawWaitingPatients } from "../room-control.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const notFound = problem("not-found", "No such appointment.");
/** The name patients see. */
/** The practice as its notices name it (its brand name where set) and whose quota they take. */
const noticeSender = (practice: Practice) => ({
  practiceId: practice.id,
  practiceName: nameForPatients(practice),
});
const cancelledProblem = problem("appointment-cancelled", "This appointment was cancelled.");
/** At most this many rows per list; a month of a busy practice's member fits. */
const LIST_LIMIT = 200;

/** The answer's word on notices, only when someone with a reminder was to be told. */
const noticeFields = (notices: NoticeCount | undefined) => ({
  ...(notices?.sent ? { sentNotices: notices.sent } : {}),
  ...(notices?.unsent ? { unsentNotices: notices.unsent } : {}),
});

const list = createRoute({
  method: "get",
  path: "/",
  middleware: [access.provider] as const,
  request: { query: AppointmentListQuery },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Appointments in a range (default: those not over yet), soonest first: the caller's own, or an admin's member's",
      responses: {
        200: json(AppointmentList, "Appointments"),
        400: json(ErrorBody, "Malformed range"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such member of the caller's practice, or not the caller's to see"),
      },
    },
  ),
});

const create = createRoute({
  method: "post",
  path: "/",
  middleware: [access.provider] as const,
  request: { body: jsonBody(AppointmentCreate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Schedule an appointment (an admin: for any member) and issue its invite link",
      responses: {
        201: json(AppointmentCreated, "Scheduled; the link is shown only now; overlapping appointments are named"),
        400: json(ErrorBody, "Invalid appointment"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such member of the caller's practice, or not the caller's to schedule for"),
      },
    },
  ),
});

const update = createRoute({
  method: "patch",
  path: "/{id}",
  middleware: [access.provider] as const,
  request: { params: AppointmentIdParam, body: jsonBody(AppointmentUpdate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Change an appointment's start, duration, title or note; its links move with its end",
      responses: {
        200: json(AppointmentSaved, "Saved; overlapping appointments are named"),
        400: json(ErrorBody, "Invalid change"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such appointment the caller may see"),
        409: json(ErrorBody, "The appointment is over or cancelled"),
      },
    },
  ),
});

const cancel = createRoute({
  method: "post",
  path: "/{id}/cancel",
  middleware: [access.provider] as const,
  request: { params: AppointmentIdParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Cancel an appointment: its links stop at once and a waiting patient is told",
      responses: {
        200: json(AppointmentSaved, "Cancelled (also when it was already)"),
        400: json(ErrorBody, "Malformed id"),
        401: json(ErrorBody, "Not logged in"),
        404: json(ErrorBody, "No such appointment the caller may see"),
        409: json(ErrorBody, "The appointment is over"),
      },
    },
  ),
});

/** The range asked for: [from, to), or by default everything that has not ended yet. */
function rangeOf(query: { from?: string; to?: string }, now: number) {
  const from = query.from ? Date.parse(query.from) : now;
  const to = query.to ? Date.parse(query.to) : Number.MAX_SAFE_INTEGER;
  return { from, to };
}

export const appointmentRoutes = router()
  .openapi(list, async (c) => {
    const query = c.req.valid("query");
    const db = database(c.env.DB);
    const member = await calendarOf(db, c.get("provider"), query.providerId);
    if (!member) return c.json(notFound, 404);
    const now = Date.now();
    const { from, to } = rangeOf(query, now);
    if (to <= from) return c.json(problem("invalid-input", "The range ends before it begins."), 400);
    const rows = await db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.providerId, member.id),
          // No appointment lasts longer than a day: one that began a day before `from` may still run.
          gt(appointments.startsAt, from - 24 * 3600_000),
          lt(appointments.startsAt, to),
        ),
      )
      .orderBy(asc(appointments.startsAt))
      .limit(LIST_LIMIT);
    const shown = rows.filter((a) => appointmentEnd(a) > from);
    const status = await listedStatuses(c.env, db, member, shown, now);
    return c.json({ appointments: shown.map((a) => appointmentView(a, status(a))) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    const member = await calendarOf(db, c.get("provider"), body.providerId);
    if (!member) return c.json(notFound, 404);
    const now = Date.now();
    const appointment: Appointment = {
      id: crypto.randomUUID(),
      providerId: member.id,
      title: body.title,
      note: body.note ?? "",
      startsAt: Date.parse(body.startsAt),
      durationMinutes: body.durationMinutes,
      cancelledAt: null,
      sequence: 0,
      createdAt: now,
    };
    const refused = timingProblem(appointment, now);
    if (refused) return c.json(refused, 400);
    const { token, row } = await newInvite(appointment, now, { graceMinutes: c.get("practice").inviteGraceMinutes });
    // One batch: either the appointment and its invite are both written, or neither.
    await db.batch([db.insert(appointments).values(appointment), db.insert(invites).values(row)]);
    const invite = { inviteUrl: inviteUrl(c.req.url, token), validUntil: new Date(row.validUntil).toISOString() };
    const overlaps = await overlapsOf(db, appointment);
    const view = appointmentView(appointment, "scheduled");
    return c.json({ appointment: view, invite, invitationId: row.id, overlaps }, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    const found = await visibleAppointment(db, c.get("provider"), id);
    if (!found) return c.json(notFound, 404);
    const before = found.appointment;
    if (before.cancelledAt !== null) return c.json(cancelledProblem, 409);
    const now = Date.now();
    if (appointmentEnd(before) <= now) return c.json(problem("appointment-over", "This appointment is over."), 409);
    const after: Appointment = {
      ...before,
      title: body.title ?? before.title,
      note: body.note ?? before.note,
      startsAt: body.startsAt === undefined ? before.startsAt : Date.parse(body.startsAt),
      durationMinutes: body.durationMinutes ?? before.durationMinutes,
      sequence: before.sequence + 1,
    };
    const refused = timingProblem(after, now, { startChanged: after.startsAt !== before.startsAt });
    if (refused) return c.json(refused, 400);
    const { title, note, startsAt, durationMinutes, sequence } = after;
    // One batch: the appointment and its links' validity change together. It stays one appointment
    // with the same links: a patient who has theirs can still use it at the new time.
    await db.batch([
      db
        .update(appointments)
        .set({ title, note, startsAt, durationMinutes, sequence })
        .where(eq(appointments.id, before.id)),
      moveInvites(db, after, c.get("practice").inviteGraceMinutes),
      moveReminders(db, after.id, after.startsAt),
    ]);
    // Whoever has a reminder pending hears of a new time; the title and note are never sent.
    const moved = after.startsAt !== before.startsAt || after.durationMinutes !== before.durationMinutes;
    const notices = moved ? await noticeUpdate(c.env, db, after, noticeSender(c.get("practice"))) : undefined;
    // Told of the new time just now, nobody needs a reminder whose moved time has already passed.
    if (moved) await dropPastReminders(db, after.id, now);
    const entered = await enteredAppointments(db, [after.id]);
    const overlaps = await overlapsOf(db, after);
    const view = appointmentView(after, statusOf(after, entered.has(after.id), now));
    return c.json({ appointment: view, overlaps, ...noticeFields(notices) }, 200);
  })
  .openapi(cancel, async (c) => {
    const { id } = c.req.valid("param");
    const db = database(c.env.DB);
    const found = await visibleAppointment(db, c.get("provider"), id);
    if (!found) return c.json(notFound, 404);
    const before = found.appointment;
    // A second click (or a retry after a lost answer) changes nothing and says so the same way.
    if (before.cancelledAt !== null)
      return c.json({ appointment: appointmentView(before, "cancelled"), overlaps: [] }, 200);
    const now = Date.now();
    if (appointmentEnd(before) <= now) return c.json(problem("appointment-over", "This appointment is over."), 409);
    const after: Appointment = { ...before, cancelledAt: now, sequence: before.sequence + 1 };
    const [, , taken] = await db.batch([
      db.update(appointments).set({ cancelledAt: now, sequence: after.sequence }).where(eq(appointments.id, before.id)),
      revokeInvites(db, before.id, now),
      takeAppointmentReminders(db, before.id),
    ]);
    // Whoever waits is told at once, in the words for a cancellation, not at their next reconnect.
    await withdrawWaitingPatients(c.env, found.provider, before.id, "cancelled");
    // Whoever has a reminder pending gets the cancellation instead; the reminders go with it.
    const notices = await noticeCancel(c.env, db, after, taken, noticeSender(c.get("practice")));
    return c.json({ appointment: appointmentView(after, "cancelled"), overlaps: [], ...noticeFields(notices) }, 200);
  });
