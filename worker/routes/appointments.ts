import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, gt } from "drizzle-orm";
import {
  AppointmentCreate,
  AppointmentCreated,
  AppointmentIdParam,
  AppointmentList,
  ErrorBody,
  InviteLink,
} from "../../schema/api.ts";
import { type Appointment, appointments, invites } from "../../schema/tables.ts";
import { access } from "../auth/access.ts";
import { database } from "../db.ts";
import { appointmentEnd, inviteUrl, newInvite, revokeInvites } from "../invites.ts";
import { problem } from "../problem.ts";
import { withdrawWaitingPatients } from "../room-control.ts";
import { router } from "../router.ts";
import { jsonResponse as json, jsonBody } from "./describe.ts";

const view = (a: Appointment) => ({
  id: a.id,
  title: a.title,
  startsAt: new Date(a.startsAt).toISOString(),
  durationMinutes: a.durationMinutes,
});

const list = createRoute({
  method: "get",
  path: "/",
  summary: "The provider's appointments that have not ended yet, soonest first",
  middleware: [access.provider] as const,
  responses: { 200: json(AppointmentList, "Appointments"), 401: json(ErrorBody, "Not logged in") },
});

const create = createRoute({
  method: "post",
  path: "/",
  summary: "Schedule an appointment and issue its invite link",
  middleware: [access.provider] as const,
  request: { body: jsonBody(AppointmentCreate) },
  responses: {
    201: json(AppointmentCreated, "Scheduled; the link is shown only now"),
    400: json(ErrorBody, "Invalid appointment"),
    401: json(ErrorBody, "Not logged in"),
  },
});

const reissue = createRoute({
  method: "post",
  path: "/{id}/invite",
  summary: "Revoke the appointment's link and issue a new one",
  middleware: [access.provider] as const,
  request: { params: AppointmentIdParam },
  responses: {
    201: json(InviteLink, "The new link"),
    400: json(ErrorBody, "Malformed id"),
    401: json(ErrorBody, "Not logged in"),
    404: json(ErrorBody, "No such appointment of yours"),
    409: json(ErrorBody, "The appointment is over"),
  },
});

export const appointmentRoutes = router()
  .openapi(list, async (c) => {
    const rows = await database(c.env.DB)
      .select()
      .from(appointments)
      .where(
        and(eq(appointments.providerId, c.get("provider").id), gt(appointments.startsAt, Date.now() - 24 * 3600_000)),
      )
      .orderBy(asc(appointments.startsAt))
      .limit(200);
    const now = Date.now();
    return c.json({ appointments: rows.filter((a) => appointmentEnd(a) > now).map(view) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const now = Date.now();
    const appointment: Appointment = {
      id: crypto.randomUUID(),
      providerId: c.get("provider").id,
      title: body.title,
      startsAt: Date.parse(body.startsAt),
      durationMinutes: body.durationMinutes,
      createdAt: now,
    };
    if (appointmentEnd(appointment) <= now)
      return c.json(problem("appointment-over", "This appointment would already be over."), 400);
    const { token, row } = await newInvite(appointment, now);
    const db = database(c.env.DB);
    // One batch: either the appointment and its invite are both written, or neither.
    await db.batch([db.insert(appointments).values(appointment), db.insert(invites).values(row)]);
    const invite = { inviteUrl: inviteUrl(c.req.url, token), validUntil: new Date(row.validUntil).toISOString() };
    return c.json({ appointment: view(appointment), invite }, 201);
  })
  .openapi(reissue, async (c) => {
    const { id } = c.req.valid("param");
    const db = database(c.env.DB);
    const appointment = await db.query.appointments.findFirst({
      where: and(eq(appointments.id, id), eq(appointments.providerId, c.get("provider").id)),
    });
    if (!appointment) return c.json(problem("not-found", "No such appointment."), 404);
    const now = Date.now();
    const { token, row } = await newInvite(appointment, now);
    if (row.validUntil <= now) return c.json(problem("appointment-over", "This appointment is over."), 409);
    await db.batch([revokeInvites(db, appointment.id, now), db.insert(invites).values(row)]);
    // Whoever waits with the old link is told at once, not at their next reconnect.
    await withdrawWaitingPatients(c.env, c.get("provider"), appointment.id);
    return c.json({ inviteUrl: inviteUrl(c.req.url, token), validUntil: new Date(row.validUntil).toISOString() }, 201);
  });
