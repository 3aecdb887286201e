// The scheduled purge: deletes what has outlived its purpose (docs/DATA.md, "kept").
import { and, isNull, lt, notExists, sql } from "drizzle-orm";
import { lapsedBefore } from "../common/seal-keys.ts";
import { AUDIT_RETENTION_DAYS } from "../schema/audit.ts";
import {
  accountTokens,
  activityEntries,
  appointments,
  auditEntries,
  deviceKeys,
  invites,
  joinCodes,
  memberInvitations,
  practices,
  providers,
  sessions,
  walkInConsents,
} from "../schema/tables.ts";
import { pruneConsentTexts } from "./consent-texts.ts";
import type { Database } from "./db.ts";

export const DAY = 24 * 60 * 60 * 1000;
/** Invites are kept this long after their validity ends, to tell a late patient "expired" rather than "unknown". */
export const INVITE_RETENTION_MS = DAY;

/**
 * Days the appointment's practice keeps it after it ends (practices.appointment_retention_days, 1–30),
 * looked up per row, so that one DELETE serves every practice.
 */
const retentionDays = sql`(select pr.appointment_retention_days from providers as p join practices as pr on pr.id = p.practice_id where p.id = ${appointments.providerId})`;

/** The same retention, for a walk-in's consent record: counted from when it was given. */
const walkInRetentionDays = sql`(select pr.appointment_retention_days from providers as p join practices as pr on pr.id = p.practice_id where p.id = ${walkInConsents.providerId})`;

/** Days the entry's practice keeps its activity log (practices.activity_log_days, 1–90), per row. */
const activityDays = sql`(select pr.activity_log_days from practices as pr where pr.id = ${activityEntries.practiceId})`;

export async function purgeExpired(db: Database, now = Date.now()): Promise<void> {
  await db.batch([
    db.delete(sessions).where(lt(sessions.expiresAt, now)),
    db.delete(accountTokens).where(lt(accountTokens.expiresAt, now)),
    // Accounts never confirmed, once their last link has lapsed: an address someone else typed does not
    // stay blocked, and a half-made sign-up leaves nothing behind. Their practice goes when left empty.
    db
      .delete(providers)
      .where(
        and(
          isNull(providers.emailConfirmedAt),
          lt(providers.createdAt, now - DAY),
          notExists(
            db.select({ one: sql`1` }).from(accountTokens).where(sql`${accountTokens.providerId} = ${providers.id}`),
          ),
        ),
      ),
    db
      .delete(practices)
      .where(
        notExists(db.select({ one: sql`1` }).from(providers).where(sql`${providers.practiceId} = ${practices.id}`)),
      ),
    db.delete(memberInvitations).where(lt(memberInvitations.expiresAt, now)),
    db.delete(invites).where(lt(invites.validUntil, now - INVITE_RETENTION_MS)),
    // A join code past its week, kept as long as a lapsed invite: its pass says "expired" a day longer.
    db.delete(joinCodes).where(lt(joinCodes.expiresAt, now - INVITE_RETENTION_MS)),
    // Consent records and invites go with their appointment (ON DELETE CASCADE).
    db
      .delete(appointments)
      .where(
        lt(
          sql`${appointments.startsAt} + ${appointments.durationMinutes} * 60000`,
          sql`${now} - ${retentionDays} * ${DAY}`,
        ),
      ),
    db.delete(walkInConsents).where(lt(walkInConsents.consentedAt, sql`${now} - ${walkInRetentionDays} * ${DAY}`)),
    db.delete(auditEntries).where(lt(auditEntries.at, now - AUDIT_RETENTION_DAYS * DAY)),
    db.delete(activityEntries).where(lt(activityEntries.startedAt, sql`${now} - ${activityDays} * ${DAY}`)),
    // A device unused for DEVICE_KEY_LAPSE_DAYS (given away, reset, its browser data cleared): its key goes.
    db.delete(deviceKeys).where(lt(deviceKeys.lastUsedAt, lapsedBefore(now))),
  ]);
  // After the appointments (and with them their consent records): older consent texts nobody names go.
  await pruneConsentTexts(db);
}
