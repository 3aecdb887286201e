// "Invite someone" from inside a running consultation: its moderator makes a one-off, labelled link.
// The invitation belongs to the consultation's appointment (so the person waits in that appointment's
// waiting room and is shown as waiting for this call), remembers the consultation (its link stops when
// the consultation ends), and works at most until the consultation's maximum length.
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import {
  AppointmentInvitationIssued,
  CallInvitationCreate,
  ConsultationSocketParams,
  ErrorBody,
} from "../../schema/api.ts";
import { MAX_INVITATIONS_PER_APPOINTMENT } from "../../schema/limits.ts";
import { appointments, providers } from "../../schema/tables.ts";
import { access } from "../auth/access.ts";
import { consultation } from "../call-invitations.ts";
import { database } from "../db.ts";
import { insertWithinLimit, invitationView } from "../invitation-store.ts";
import { inviteUrl, newInvite } from "../invites.ts";
import { problem } from "../problem.ts";
import { throttle } from "../rate-limit.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const refusals = {
  "not-moderator": [problem("forbidden", "Only the moderator of this consultation may invite someone."), 403],
  ended: [problem("consultation-ended", "This consultation has ended."), 410],
  locked: [problem("consultation-locked", "This consultation is locked: nobody more may join."), 409],
  "no-appointment": [
    problem("consultation-no-appointment", "A walk-in consultation has no appointment to invite someone to."),
    409,
  ],
} as const;
const limitProblem = problem(
  "invitation-limit",
  `An appointment has at most ${MAX_INVITATIONS_PER_APPOINTMENT} invitations.`,
);

const create = createRoute({
  method: "post",
  path: "/{id}/invitations",
  middleware: [access.provider] as const,
  request: { params: ConsultationSocketParams, body: jsonBody(CallInvitationCreate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Its moderator makes a one-off, labelled link into a running consultation, valid until it ends",
      responses: {
        201: json(AppointmentInvitationIssued, "Made; the link is shown only now"),
        400: json(ErrorBody, "Malformed id or invalid label (a link from the call is never the patient's)"),
        401: json(ErrorBody, "Not logged in"),
        403: json(ErrorBody, "The caller does not moderate this consultation"),
        409: json(ErrorBody, "Locked, a walk-in's consultation, or its appointment has the maximum of invitations"),
        410: json(ErrorBody, "The consultation has ended"),
        429: json(ErrorBody, "Too many links made; see Retry-After"),
      },
    },
  ),
});

/** Under /api/consultations. */
export const consultationInvitationRoutes = router().openapi(create, async (c) => {
  const { id } = c.req.valid("param");
  const { label } = c.req.valid("json");
  const provider = c.get("provider");
  // Counted per provider before anything is asked: a flood of links costs no object or D1 work.
  const limited = await throttle(c, [[c.env.INVITE_LIMIT, `call-invite:${provider.id}`]]);
  if (limited) return limited;
  // The consultation is the authority on its moderator, lock and end, and knows its appointment.
  const asked = await consultation(c.env, id).invitation(provider.id);
  if (asked.answer !== "ok") {
    const [body, status] = refusals[asked.answer];
    return c.json(body, status);
  }
  const db = database(c.env.DB);
  // The appointment of the practice's call, still there (not deleted meanwhile).
  const [appointment] = await db
    .select({ id: appointments.id, startsAt: appointments.startsAt, durationMinutes: appointments.durationMinutes })
    .from(appointments)
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .where(and(eq(appointments.id, asked.appointmentId), eq(providers.practiceId, provider.practiceId)))
    .limit(1);
  if (!appointment) return c.json(refusals.ended[0], 410);
  const now = Date.now();
  const made = await newInvite(appointment, now, { label });
  const row = { ...made.row, validUntil: asked.endsAt, consultationId: id };
  if (!(await insertWithinLimit(db, row))) return c.json(limitProblem, 409);
  return c.json(
    {
      invitation: invitationView(row, now),
      invite: { inviteUrl: inviteUrl(c.req.url, made.token), validUntil: new Date(row.validUntil).toISOString() },
    },
    201,
  );
});
