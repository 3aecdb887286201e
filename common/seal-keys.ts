// The keys a patient's page seals a name to (issue 25), for the waiting room's `seal-to`: the devices of
// the provider the patient waits for, or, when the practice shares its waiting room (where any member may
// admit), every member's. And the practice-wide set a provider's page commits a link to. Lapsed keys are
// left out; a removed key is gone from the table.
import { and, desc, eq, gte } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { alias } from "drizzle-orm/sqlite-core";
import { DEVICE_KEY_LAPSE_DAYS } from "../schema/api-device-keys.ts";
import { MAX_SEAL_RECIPIENTS, type SealKey } from "../schema/sealed-name.ts";
import { deviceKeys, providers } from "../schema/tables.ts";

const DAY = 86_400_000;

/** Keys last used before this are lapsed: never listed, never sealed to, and purged. */
export const lapsedBefore = (now: number) => now - DEVICE_KEY_LAPSE_DAYS * DAY;

/** A key still in force (as a condition on device_keys). */
export const liveKey = (now: number) => gte(deviceKeys.lastUsedAt, lapsedBefore(now));

export async function sealKeys<Schema extends Record<string, unknown>>(
  db: DrizzleD1Database<Schema>,
  whose: { providerId: string; shared: boolean },
  now = Date.now(),
): Promise<SealKey[]> {
  const host = alias(providers, "host");
  const owner = whose.shared ? eq(providers.practiceId, host.practiceId) : eq(deviceKeys.providerId, whose.providerId);
  // Most recently used first: past the recipients' limit, the keys left out are the least likely in use.
  return db
    .select({ kid: deviceKeys.id, publicKey: deviceKeys.publicKey })
    .from(deviceKeys)
    .innerJoin(providers, eq(providers.id, deviceKeys.providerId))
    .innerJoin(host, eq(host.id, whose.providerId))
    .where(and(owner, liveKey(now)))
    .orderBy(desc(deviceKeys.lastUsedAt))
    .limit(MAX_SEAL_RECIPIENTS);
}

/**
 * Every member's keys in force, for the commitment in a link (GET /api/practice/device-keys): the
 * practice-wide set, so that a transfer to a colleague still finds the colleague's keys named. A shared
 * room's set of any member's practice, `member` being the caller.
 */
export const practiceSealKeys = <Schema extends Record<string, unknown>>(
  db: DrizzleD1Database<Schema>,
  member: string,
) => sealKeys(db, { providerId: member, shared: true });
