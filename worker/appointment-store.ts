// Which appointments a member may see and change, and how they are shown. An admin sees every member's
// of their practice; a provider only their own. Everything else looks as if it did not exist.
import { and, eq, gt, inArray, isNull, lt, ne } from "drizzle-orm";
import type { AppointmentStatus } from "../schema/api-types.ts";
import { MAX_APPOINTMENT_MINUTES } from "../schema/limits.ts";
import { type Appointment, appointments, consents, type Provider, providers } from "../schema/tables.ts";
import { overlap } from "./appointment-rules.ts";
import type { Database } from "./db.ts";
import { appointmentEnd } from "./invites.ts";

export type Caller = Pick<Provider, "id" | "practiceId" | "role">;
export type Member = { id: string; practiceId: string };

/** The member whose calendar the caller names (themselves when none): undefined when they may not. */
export async function calendarOf(db: Database, caller: Caller, providerId = caller.id): Promise<Member | undefined> {
  if (providerId === caller.id) return { id: caller.id, practiceId: caller.practiceId };
  if (caller.role !== "admin") return undefined;
  const member = await db.query.providers.findFirst({
    columns: { id: true, practiceId: true },
    where: and(eq(providers.id, providerId), eq(providers.practiceId, caller.practiceId)),
  });
  return member;
}

/** The appointment with its provider, if the caller may see it. */
export async function visibleAppointment(
  db: Database,
  caller: Caller,
  id: string,
): Promise<{ appointment: Appointment; provider: Member } | undefined> {
  const [row] = await db
    .select({ appointment: appointments, provider: { id: providers.id, practiceId: providers.practiceId } })
    .from(appointments)
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .where(and(eq(appointments.id, id), eq(providers.practiceId, caller.practiceId)))
    .limit(1);
  if (!row) return undefined;
  if (caller.role !== "admin" && row.provider.id !== caller.id) return undefined;
  return row;
}

/** The provider's other appointments (not cancelled) that share a minute with this one. */
export async function overlapsOf(db: Database, appointment: Appointment): Promise<string[]> {
  const candidates = await db
    .select({ id: appointments.id, startsAt: appointments.startsAt, durationMinutes: appointments.durationMinutes })
    .from(appointments)
    .where(
      and(
        eq(appointments.providerId, appointment.providerId),
        ne(appointments.id, appointment.id),
        isNull(appointments.cancelledAt),
        lt(appointments.startsAt, appointmentEnd(appointment)),
        // No appointment is longer than the maximum, so this bound keeps the index's range small.
        gt(appointments.startsAt, appointment.startsAt - MAX_APPOINTMENT_MINUTES * 60_000),
      ),
    )
    .limit(50);
  return candidates.filter((other) => overlap(other, appointment)).map((other) => other.id);
}

/** What the waiting rooms know of an appointment's consultation (appointment-calls.ts), if anything. */
export type CallFact = "running" | "held" | undefined;

/**
 * Cancelled; in a consultation now (also past its scheduled end); done when it is over or a consultation
 * took place; waiting when someone entered through a link (a consent record); else scheduled.
 */
export function statusOf(appointment: Appointment, entered: boolean, now: number, call?: CallFact): AppointmentStatus {
  if (appointment.cancelledAt !== null) return "cancelled";
  if (call === "running") return "in-consultation";
  if (call === "held" || appointmentEnd(appointment) <= now) return "done";
  return entered ? "waiting" : "scheduled";
}

/** Which of these appointments someone entered through one of their links. */
export async function enteredAppointments(db: Database, ids: string[]): Promise<Set<string>> {
  const entered = new Set<string>();
  // D1 binds at most 100 parameters per query.
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db
      .selectDistinct({ id: consents.appointmentId })
      .from(consents)
      .where(inArray(consents.appointmentId, ids.slice(i, i + 90)));
    for (const row of rows) entered.add(row.id);
  }
  return entered;
}

export function appointmentView(appointment: Appointment, status: AppointmentStatus) {
  return {
    id: appointment.id,
    providerId: appointment.providerId,
    title: appointment.title,
    note: appointment.note,
    startsAt: new Date(appointment.startsAt).toISOString(),
    durationMinutes: appointment.durationMinutes,
    status,
    sequence: appointment.sequence,
  };
}
