// Recovery codes: ten one-time codes shown once when 2FA is switched on, for a lost phone.
// Printed like "k7m2p-x9q4r": ten characters of Crockford's base32 (no i, l, o or u), 50 random bits
// each. Stored only as SHA-256 of the normalised code (salted with the provider id, so equal hashes
// never hint at equal codes); a used code is deleted.
import { and, eq } from "drizzle-orm";
import { RECOVERY_CODE_COUNT } from "../../schema/limits.ts";
import { recoveryCodes } from "../../schema/tables.ts";
import { sha256Hex } from "../crypto.ts";
import type { Database } from "../db.ts";

/** 32 characters, so each random byte's low five bits pick one without bias. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const CODE_LENGTH = 10;

function newCode(): string {
  const chars = Array.from(crypto.getRandomValues(new Uint8Array(CODE_LENGTH)), (byte) => ALPHABET[byte & 31]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/**
 * The code as it is hashed: case, spaces and dashes do not matter, and the letters people read for
 * digits (o for 0, i and l for 1) count as those digits, as Crockford's base32 intends.
 */
export function normaliseRecoveryCode(typed: string): string {
  return typed
    .toLowerCase()
    .replace(/[\s-]+/g, "")
    .replaceAll("o", "0")
    .replace(/[il]/g, "1");
}

const codeHash = (providerId: string, typed: string) =>
  sha256Hex(`recovery:${providerId}:${normaliseRecoveryCode(typed)}`);

/**
 * A fresh batch of codes for the provider: the statements that replace any old ones (to run in the
 * caller's batch together with switching 2FA on) and the codes to show once.
 */
export async function newRecoveryCodes(db: Database, providerId: string, now = Date.now()) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const rows = await Promise.all(
    codes.map(async (code) => ({ codeHash: await codeHash(providerId, code), providerId, createdAt: now })),
  );
  const statements = [
    db.delete(recoveryCodes).where(eq(recoveryCodes.providerId, providerId)),
    db.insert(recoveryCodes).values(rows),
  ] as const;
  return { codes, statements };
}

/** Uses up one of the provider's codes: true if it was theirs and unused (it is deleted now). */
export async function useRecoveryCode(db: Database, providerId: string, typed: string): Promise<boolean> {
  const deleted = await db
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.providerId, providerId), eq(recoveryCodes.codeHash, await codeHash(providerId, typed))))
    .returning({ codeHash: recoveryCodes.codeHash });
  return deleted.length === 1;
}
