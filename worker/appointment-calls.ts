// What only the waiting rooms know about appointments: whose consultation runs now and whose took place.
// D1 knows who entered (a consent record); the rooms know admissions, by invite id, and ask the
// consultations whether they still run. Nothing here is stored: the list asks each time it is read.
import { inArray } from "drizzle-orm";
import { errorName, logEvent } from "../common/log.ts";
import { roomsOf } from "../common/waiting-rooms.ts";
import type { CallOverview } from "../durable-objects/index.ts";
import type { AppointmentStatus } from "../schema/api-types.ts";
import { MAX_CONSULTATION_LIMIT_MINUTES, MAX_INVITE_GRACE_MINUTES } from "../schema/limits.ts";
import { type Appointment, invites } from "../schema/tables.ts";
import { enteredAppointments, type Member, statusOf } from "./appointment-store.ts";
import type { Database } from "./db.ts";
import type { Env } from "./env.ts";
import { appointmentEnd } from "./invites.ts";
import { objects } from "./jurisdiction.ts";

type RoomsEnv = Pick<Env, "WAITING_ROOM" | "DO_JURISDICTION">;

/** Appointment ids, as the rooms see their links. */
export interface AppointmentCalls {
  running: Set<string>;
  held: Set<string>;
}

/**
 * No link works past its appointment's end plus the longest grace, and no call runs longer than the
 * longest limit after admission: an appointment over for longer has nothing the rooms could add.
 */
const ROOMS_KNOW_MS = (MAX_INVITE_GRACE_MINUTES + MAX_CONSULTATION_LIMIT_MINUTES) * 60_000;

/** Each listed appointment's status, from D1 and, for those someone entered lately, from the rooms. */
export async function listedStatuses(
  env: RoomsEnv,
  db: Database,
  member: Member,
  shown: readonly Appointment[],
  now: number,
): Promise<(appointment: Appointment) => AppointmentStatus> {
  const entered = await enteredAppointments(
    db,
    shown.map((a) => a.id),
  );
  const candidates = shown
    .filter((a) => entered.has(a.id) && a.cancelledAt === null && appointmentEnd(a) + ROOMS_KNOW_MS > now)
    .map((a) => a.id);
  const calls = await appointmentCalls(env, db, member, candidates);
  return (a) => {
    const call = calls.running.has(a.id) ? "running" : calls.held.has(a.id) ? "held" : undefined;
    return statusOf(a, entered.has(a.id), now, call);
  };
}

const none = (): AppointmentCalls => ({ running: new Set(), held: new Set() });

/**
 * Which of `candidates` (appointments someone entered) have a consultation running or held. The
 * member's own room and the practice's shared one are both asked, as a logout tells both: calls
 * admitted before the practice switched the setting are still known where they were admitted.
 */
export async function appointmentCalls(
  env: RoomsEnv,
  db: Database,
  member: Member,
  candidates: readonly string[],
): Promise<AppointmentCalls> {
  if (candidates.length === 0) return none();
  const overviews = await Promise.all(roomsOf(member).map((name) => overviewOf(env, name)));
  const running = new Set(overviews.flatMap((o) => o.running));
  const held = new Set(overviews.flatMap((o) => o.held));
  const ids = [...new Set([...running, ...held])];
  if (ids.length === 0) return none();
  const wanted = new Set(candidates);
  const result = none();
  // D1 binds at most 100 parameters per query. A walk-in's id is no invite's: it finds no row.
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db
      .select({ id: invites.id, appointmentId: invites.appointmentId })
      .from(invites)
      .where(inArray(invites.id, ids.slice(i, i + 90)));
    for (const row of rows) {
      if (!wanted.has(row.appointmentId)) continue;
      if (running.has(row.id)) result.running.add(row.appointmentId);
      if (held.has(row.id)) result.held.add(row.appointmentId);
    }
  }
  return result;
}

/** A room that cannot be asked says nothing: the list still shows what D1 knows. */
async function overviewOf(env: RoomsEnv, name: string): Promise<CallOverview> {
  const rooms = objects(env, env.WAITING_ROOM);
  try {
    return await rooms.get(rooms.idFromName(name)).callOverview();
  } catch (error) {
    logEvent("error", "call-overview-failed", { name: errorName(error) });
    return { running: [], held: [] };
  }
}
