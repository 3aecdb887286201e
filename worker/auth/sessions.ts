// Provider sessions: a random token in an HttpOnly cookie, stored in D1 only as its SHA-256.
// A session ends at the first of: its absolute expiry (12 h after login), two hours without a request,
// logout, "log out everywhere", a password reset, or the provider's removal.
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type Practice, type Provider, practices, providers, sessions } from "../../schema/tables.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import type { Database } from "../db.ts";
import { browserFamily } from "./browser.ts";

/**
 * Over https the cookie is `__Host-` prefixed: browsers then insist on Secure, Path=/ and no Domain,
 * so no other host or path can set or shadow it. Plain http (local runs on http://localhost) cannot
 * carry Secure cookies everywhere, so there it keeps the plain name.
 */
export const SESSION_COOKIE = "anteroom_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** last_seen_at is written at most this often: a request does not cost a D1 write each time. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

const isHttps = (c: Context) => new URL(c.req.url).protocol === "https:";
/** The session cookie's name on this request's scheme. */
export const sessionCookieName = (c: Context) => (isHttps(c) ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

export interface Session {
  provider: Provider;
  practice: Practice;
  /** SHA-256 of the cookie's token: the session's id in D1 and in the rooms' socket attachments. */
  tokenHash: string;
  /** When the session ends at the latest: the earlier of its absolute and its idle expiry. */
  expiresAt: number;
  /**
   * Twelve hours after login. Sockets live until then: an open socket is activity, so the idle expiry
   * does not cut a dashboard that waits for patients (the dashboard also touches the session over HTTP).
   */
  absoluteExpiresAt: number;
}

export async function startSession(c: Context, db: Database, providerId: string, now = Date.now()): Promise<void> {
  const token = randomToken(32);
  const expiresAt = now + SESSION_TTL_MS;
  await db.insert(sessions).values({
    tokenHash: await sha256Hex(token),
    providerId,
    expiresAt,
    lastSeenAt: now,
    createdAt: now,
    browser: browserFamily(c.req.header("User-Agent")),
  });
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Sessions that still work at `now`: before their absolute expiry and used within the idle window. */
export const liveSessions = (now: number) =>
  and(gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, now - SESSION_IDLE_MS));

/** The session behind the request's cookie, with its provider and practice, if it is still valid. */
export async function currentSession(c: Context, db: Database, now = Date.now()): Promise<Session | undefined> {
  const token = getCookie(c, sessionCookieName(c));
  if (!token || token.length > 100) return undefined;
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({
      provider: providers,
      practice: practices,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(providers, eq(providers.id, sessions.providerId))
    .innerJoin(practices, eq(practices.id, providers.practiceId))
    .where(and(eq(sessions.tokenHash, tokenHash), liveSessions(now)))
    .limit(1);
  if (!row) return undefined;
  let lastSeenAt = row.lastSeenAt;
  if (now - lastSeenAt > TOUCH_EVERY_MS) {
    lastSeenAt = now;
    await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    provider: row.provider,
    practice: row.practice,
    tokenHash,
    expiresAt: Math.min(row.expiresAt, lastSeenAt + SESSION_IDLE_MS),
    absoluteExpiresAt: row.expiresAt,
  };
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

/** Ends every session of a provider ("log out everywhere", password reset, removal). Close their sockets too (room-control.ts). */
export async function endAllSessions(db: Database, providerId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.providerId, providerId));
}
