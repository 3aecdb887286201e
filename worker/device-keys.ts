// Device keys (issue 25): the public halves of key pairs providers' browsers made and keep. Patients'
// pages seal names to them (common/seal-keys.ts); the account routes register, list and remove them.
import { and, eq } from "drizzle-orm";
import { fromBase64url, hex } from "../common/encoding.ts";
import { liveKey } from "../common/seal-keys.ts";
import { type DeviceKey, deviceKeys } from "../schema/tables.ts";

/** The key's row when it is the provider's and in force. */
export const ownLiveKey = (id: string, providerId: string, now: number) =>
  and(eq(deviceKeys.id, id), eq(deviceKeys.providerId, providerId), liveKey(now));

/**
 * The raw bytes of a public key when they are a point on P-256, else null. Importing is the check: a
 * string of the right length that is no point would otherwise be stored, and every seal to it fail.
 */
export async function p256Point(publicKey: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const bytes = fromBase64url(publicKey);
  if (bytes?.length !== 65) return null;
  try {
    await crypto.subtle.importKey("raw", bytes, { name: "ECDH", namedCurve: "P-256" }, true, []);
    return bytes;
  } catch {
    return null;
  }
}

/** As client/src/shared/name-seal.ts keyFingerprint: SHA-256's first 16 bytes, 8 groups of 4 hex digits. */
export async function fingerprintOf(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  return hex(hash.slice(0, 16)).replace(/(.{4})(?!$)/g, "$1 ");
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A row as the account page sees it. */
export const deviceKeyView = (row: DeviceKey) => ({
  id: row.id,
  label: row.label,
  fingerprint: row.fingerprint,
  publicKey: row.publicKey,
  createdAt: iso(row.createdAt),
  lastUsedAt: iso(row.lastUsedAt),
});
