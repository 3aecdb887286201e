// The keys a patient's page seals a name to (issue 25), for an appointment's link and a personal room
// alike: the devices of the provider the patient waits for, or, when the practice shares its waiting
// room (where any member may admit), every member's. Lapsed keys are left out; a removed key is gone.

import { and, desc, eq } from "drizzle-orm";
import { MAX_SEAL_RECIPIENTS } from "../schema/sealed-name.ts";
import { deviceKeys, providers } from "../schema/tables.ts";
import type { Database } from "./db.ts";
import { liveKey } from "./device-keys.ts";

export async function sealKeys(
  db: Database,
  found: { provider: { id: string }; practice: { id: string; sharedWaitingRoom: boolean } },
  now = Date.now(),
) {
  const whose = found.practice.sharedWaitingRoom
    ? eq(providers.practiceId, found.practice.id)
    : eq(deviceKeys.providerId, found.provider.id);
  // Most recently used first: past the recipients' limit, the keys left out are the least likely in use.
  return db
    .select({ kid: deviceKeys.id, publicKey: deviceKeys.publicKey })
    .from(deviceKeys)
    .innerJoin(providers, eq(providers.id, deviceKeys.providerId))
    .where(and(whose, liveKey(now)))
    .orderBy(desc(deviceKeys.lastUsedAt))
    .limit(MAX_SEAL_RECIPIENTS);
}
