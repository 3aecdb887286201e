// The scheduled purge: deletes what has outlived its purpose (docs/DATA.md, "kept").
import { lt, sql } from "drizzle-orm";
import { appointments, invites, sessions } from "../schema/tables.ts";
import type { Database } from "./db.ts";

const DAY = 24 * 60 * 60 * 1000;
/** Appointments (with their invites and consent records) are kept this long after they end. */
export const APPOINTMENT_RETENTION_MS = 30 * DAY;
/** Invites are kept this long after their validity ends, to tell a late patient "expired" rather than "unknown". */
export const INVITE_RETENTION_MS = DAY;

export async function purgeExpired(db: Database, now = Date.now()): Promise<void> {
  await db.batch([
    db.delete(sessions).where(lt(sessions.expiresAt, now)),
    db.delete(invites).where(lt(invites.validUntil, now - INVITE_RETENTION_MS)),
    // Consent records and invites go with their appointment (ON DELETE CASCADE).
    db
      .delete(appointments)
      .where(
        lt(sql`${appointments.startsAt} + ${appointments.durationMinutes} * 60000`, now - APPOINTMENT_RETENTION_MS),
      ),
  ]);
}
