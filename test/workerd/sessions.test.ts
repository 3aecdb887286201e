// Provider sessions end by themselves: after two hours without a request, and twelve hours after login
// however active. Times are moved by editing the session's row, not by waiting.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { providers, sessions } from "../../schema/tables.ts";
import { SESSION_IDLE_MS } from "../../worker/auth/sessions.ts";
import { database } from "../../worker/db.ts";
import { api, confirmedProvider, providerWithSession } from "./helpers.ts";

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
    const { email, password } = await confirmedProvider();
    const userAgent =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 UniqueTestBuild/7.7";
    const address = "203.0.113.199";
    const res = await api("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email, password }),
      headers: { "User-Agent": userAgent, "CF-Connecting-IP": address, "X-Forwarded-For": address },
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    const token = cookie.split("=")[1]!;
    const [provider] = await database(env.DB).select().from(providers).where(eq(providers.email, email));
    const [row] = await database(env.DB).select().from(sessions).where(eq(sessions.providerId, provider!.id));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(address);
    expect(stored).not.toContain("UniqueTestBuild");
    expect(stored).not.toContain("X11");
    expect(stored).not.toContain("156.0");
    // The browser family is all that is kept of the user agent.
    expect(row!.browser).toBe("Chrome");
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
