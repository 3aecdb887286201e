// One-time links mailed to a provider: confirm the address (24 h), reset the password (1 h), or set the
// first password of an admin the operator created (24 h, a reset link too). D1 keeps only the SHA-256
// of a token; the token itself exists only in the mail.

import { and, eq, gt, inArray, ne } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { accountTokens } from "../schema/tables.ts";
import { randomToken, sha256Hex } from "./crypto.ts";
import type { Database } from "./db.ts";

export type TokenPurpose = (typeof accountTokens.$inferSelect)["purpose"];

export const CONFIRM_LINK_MS = 24 * 60 * 60 * 1000;
export const RESET_LINK_MS = 60 * 60 * 1000;
/** The operator's "set your password" link: the admin may read the mail only the next day. */
export const WELCOME_LINK_MS = 24 * 60 * 60 * 1000;

/** A fresh token for the mail and its row for D1 (inserted by the caller, usually in a batch). */
export async function newAccountToken(providerId: string, purpose: TokenPurpose, validMs: number, now = Date.now()) {
  const token = randomToken(32);
  const row = {
    tokenHash: await sha256Hex(token),
    providerId,
    purpose,
    expiresAt: now + validMs,
    createdAt: now,
  } satisfies typeof accountTokens.$inferInsert;
  return { token, row };
}

/** Deletes the provider's links of one purpose: a new link replaces the older ones. */
export const deleteAccountTokens = (db: Database, providerId: string, purpose: TokenPurpose) =>
  db.delete(accountTokens).where(and(eq(accountTokens.providerId, providerId), eq(accountTokens.purpose, purpose)));

/** What a presented link is: valid (whose), expired, or unknown (never issued, forged, or used). */
export type LinkState = { state: "valid"; providerId: string } | { state: "expired" } | { state: "invalid" };

const state = (row: { providerId: string; expiresAt: number } | undefined, now: number): LinkState => {
  if (!row) return { state: "invalid" };
  return row.expiresAt > now ? { state: "valid", providerId: row.providerId } : { state: "expired" };
};

/**
 * Looks at a link without using it up, so that a handler can refuse a dead link before it spends
 * argon2 time on a new password. An expired link is deleted here: it can never become valid again.
 */
export async function peekAccountToken(db: Database, token: string, purpose: TokenPurpose, now = Date.now()) {
  const tokenHash = await sha256Hex(token);
  const row = await db.query.accountTokens.findFirst({
    where: and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)),
  });
  const found = state(row, now);
  if (found.state === "expired") await db.delete(accountTokens).where(eq(accountTokens.tokenHash, tokenHash));
  return found;
}

/** A link being redeemed: its owner, as a subquery that finds nobody unless the link is live, and its hash. */
export interface Redeeming {
  owner: ReturnType<typeof linkOwner>;
  tokenHash: string;
}
const linkOwner = (db: Database, tokenHash: string, purpose: TokenPurpose, now: number) =>
  db
    .select({ id: accountTokens.providerId })
    .from(accountTokens)
    .where(
      and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose), gt(accountTokens.expiresAt, now)),
    );

/**
 * Uses a link up, once, together with what it does, in one D1 batch (a transaction): `effects` are
 * statements restricted to the link's owner (`inArray(column, link.owner)`), which run first, while
 * the link still exists; then `DELETE … RETURNING` removes the link and tells what it was. Two requests
 * with the same link: the second finds no owner and no row, so it changes nothing and is told
 * "invalid". An expired link is deleted and changes nothing either.
 */
export async function redeemAccountToken(
  db: Database,
  token: string,
  purpose: TokenPurpose,
  effects: (link: Redeeming) => [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]],
  now = Date.now(),
): Promise<LinkState> {
  const tokenHash = await sha256Hex(token);
  const consume = db
    .delete(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
    .returning({ providerId: accountTokens.providerId, expiresAt: accountTokens.expiresAt });
  const results = await db.batch([...effects({ owner: linkOwner(db, tokenHash, purpose, now), tokenHash }), consume]);
  const consumed = results.at(-1) as Awaited<typeof consume>;
  return state(consumed[0], now);
}

/** The owner's other links of a purpose (the one being redeemed goes by its own delete). */
export const deleteOtherAccountTokens = (db: Database, link: Redeeming, purpose: TokenPurpose) =>
  db
    .delete(accountTokens)
    .where(
      and(
        inArray(accountTokens.providerId, link.owner),
        eq(accountTokens.purpose, purpose),
        ne(accountTokens.tokenHash, link.tokenHash),
      ),
    );
