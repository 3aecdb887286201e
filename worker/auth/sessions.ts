// Provider sessions: a random token in an HttpOnly cookie, stored in D1 only as its SHA-256.
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type Provider, providers, sessions } from "../../schema/tables.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import type { Database } from "../db.ts";

/**
 * Over https the cookie is `__Host-` prefixed: browsers then insist on Secure, Path=/ and no Domain,
 * so no other host or path can set or shadow it. Plain http (local runs on http://localhost) cannot
 * carry Secure cookies everywhere, so there it keeps the plain name.
 */
export const SESSION_COOKIE = "anteroom_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const isHttps = (c: Context) => new URL(c.req.url).protocol === "https:";
/** The session cookie's name on this request's scheme. */
export const sessionCookieName = (c: Context) => (isHttps(c) ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

export interface Session {
  provider: Provider;
  /** SHA-256 of the cookie's token: the session's id in D1 and in the rooms' socket attachments. */
  tokenHash: string;
  expiresAt: number;
}

export async function startSession(c: Context, db: Database, providerId: string): Promise<void> {
  const token = randomToken(32);
  const expiresAt = Date.now() + SESSION_TTL_MS;
  await db.insert(sessions).values({ tokenHash: await sha256Hex(token), providerId, expiresAt });
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** The session behind the request's cookie, with its provider, if it is still valid. */
export async function currentSession(c: Context, db: Database): Promise<Session | undefined> {
  const token = getCookie(c, sessionCookieName(c));
  if (!token || token.length > 100) return undefined;
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({ provider: providers, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(providers, eq(providers.id, sessions.providerId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, Date.now())))
    .limit(1);
  return row ? { provider: row.provider, tokenHash, expiresAt: row.expiresAt } : undefined;
}

/** The provider behind the request's session cookie, if the session is still valid. */
export async function sessionProvider(c: Context, db: Database): Promise<Provider | undefined> {
  return (await currentSession(c, db))?.provider;
}

/** Ends this request's session; returns it, if it was valid, so that its sockets can be closed too. */
export async function endSession(c: Context, db: Database): Promise<Session | undefined> {
  const session = await currentSession(c, db);
  clearSessionCookie(c);
  if (session) await db.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash));
  return session;
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName(c), { path: "/", secure: isHttps(c) });
}

/** Ends every session of a provider ("log out everywhere"). */
export async function endAllSessions(db: Database, providerId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.providerId, providerId));
}
