// Provider sessions: a random token in an HttpOnly cookie, stored in D1 only as its SHA-256.
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type Provider, providers, sessions } from "../../schema/tables.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import type { Database } from "../db.ts";

export const SESSION_COOKIE = "anteroom_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function startSession(c: Context, db: Database, providerId: string): Promise<void> {
  const token = randomToken(32);
  const expiresAt = Date.now() + SESSION_TTL_MS;
  await db.insert(sessions).values({ tokenHash: await sha256Hex(token), providerId, expiresAt });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    // Browsers keep Secure cookies off plain http; local runs use http://localhost.
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** The provider behind the request's session cookie, if the session is still valid. */
export async function sessionProvider(c: Context, db: Database): Promise<Provider | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return undefined;
  const [row] = await db
    .select({ provider: providers })
    .from(sessions)
    .innerJoin(providers, eq(providers.id, sessions.providerId))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, Date.now())))
    .limit(1);
  return row?.provider;
}

export async function endSession(c: Context, db: Database): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
