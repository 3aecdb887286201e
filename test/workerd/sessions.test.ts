// Provider sessions end by themselves: after two hours without a request, and twelve hours after login
// however active. Times are moved by editing the session's row, not by waiting.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions } from "../../schema/tables.ts";
import { SESSION_IDLE_MS } from "../../worker/auth/sessions.ts";
import { database } from "../../worker/db.ts";
import { api, providerWithSession } from "./helpers.ts";

const MINUTE = 60_000;
const me = (cookie: string) => api("/api/auth/me", { headers: { Cookie: cookie } });

describe("a provider's session", () => {
  it("ends after two hours without a request", async () => {
    const provider = await providerWithSession();
    const db = database(env.DB);
    await db
      .update(sessions)
      .set({ lastSeenAt: Date.now() - SESSION_IDLE_MS - MINUTE })
      .where(eq(sessions.providerId, provider.id));
    expect((await me(provider.cookie)).status).toBe(401);
  });

  it("stays alive while it is used: a request after some quiet time counts as activity", async () => {
    const provider = await providerWithSession();
    const db = database(env.DB);
    const quietSince = Date.now() - SESSION_IDLE_MS + 10 * MINUTE;
    await db.update(sessions).set({ lastSeenAt: quietSince }).where(eq(sessions.providerId, provider.id));
    expect((await me(provider.cookie)).status).toBe(200);
    const [row] = await db.select().from(sessions).where(eq(sessions.providerId, provider.id));
    expect(row!.lastSeenAt).toBeGreaterThan(quietSince + 100 * MINUTE);
  });

  it("ends twelve hours after login, however active", async () => {
    const provider = await providerWithSession();
    const db = database(env.DB);
    await db
      .update(sessions)
      .set({ expiresAt: Date.now() - 1, lastSeenAt: Date.now() })
      .where(eq(sessions.providerId, provider.id));
    expect((await me(provider.cookie)).status).toBe(401);
  });

  it("keeps only the token's hash and the browser family, never the token, address or user agent", async () => {
    const provider = await providerWithSession();
    const [row] = await database(env.DB).select().from(sessions).where(eq(sessions.providerId, provider.id));
    const stored = JSON.stringify(row);
    const token = provider.cookie.split("=")[1]!;
    expect(stored).not.toContain(token);
    expect(stored).not.toContain("198.51.100.");
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
