// Limits every route keeps: body size, caching, consent records per link, join throttling.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { consents } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, appointmentWithInvite, freshRateWindow, providerWithSession } from "./helpers.ts";

const joinBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: "Ada", consent: true, consentVersion: CONSENT_TEXT_VERSION, ...extra });

describe("request bodies", () => {
  it("over 64 KB are refused with 413 and a code before they are parsed, writing nothing", async () => {
    const provider = await providerWithSession();
    const { token, appointmentId } = await appointmentWithInvite(provider.id);
    const padding = "x".repeat(20 * 1024 * 1024);
    const join = await api(`/api/invites/${token}/join`, { method: "POST", body: joinBody({ padding }) });
    const create = await api("/api/appointments", {
      method: "POST",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ title: "Big", startsAt: new Date().toISOString(), durationMinutes: 30, padding }),
    });
    for (const res of [join, create]) {
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: "body-too-large", error: expect.any(String) });
    }
    const db = database(env.DB);
    expect(await db.select().from(consents).where(eq(consents.appointmentId, appointmentId))).toEqual([]);
  });
});

describe("API answers", () => {
  it("are never cached, whether they carry a session, a ticket or an error", async () => {
    const provider = await providerWithSession();
    const { token } = await appointmentWithInvite(provider.id);
    const answers = await Promise.all([
      api("/api/auth/me", { headers: { Cookie: provider.cookie } }),
      api("/api/appointments", { headers: { Cookie: provider.cookie } }),
      api(`/api/invites/${token}`),
      api(`/api/invites/${token}/join`, { method: "POST", body: joinBody() }),
      api("/api/auth/me"),
      api("/api/nowhere"),
    ]);
    expect(answers.map((res) => res.headers.get("Cache-Control"))).toEqual(Array(answers.length).fill("no-store"));
  });
});

describe("joining through one link", () => {
  it("keeps one consent record per link, however often it is used", async () => {
    const provider = await providerWithSession();
    const { token, appointmentId } = await appointmentWithInvite(provider.id);
    for (let i = 0; i < 5; i++) {
      expect((await api(`/api/invites/${token}/join`, { method: "POST", body: joinBody() })).status).toBe(200);
    }
    const rows = await database(env.DB).select().from(consents).where(eq(consents.appointmentId, appointmentId));
    expect(rows).toHaveLength(1);
  });

  it("is throttled per link: 429 with Retry-After after ten joins in a minute", async () => {
    await freshRateWindow();
    const provider = await providerWithSession();
    const { token } = await appointmentWithInvite(provider.id);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await api(`/api/invites/${token}/join`, { method: "POST", body: joinBody() })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    const refused = await api(`/api/invites/${token}/join`, { method: "POST", body: joinBody() });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "rate-limited" });
  });
});

describe("names other people read", () => {
  it("refuse control characters and text-direction overrides, for providers and practices alike", async () => {
    const provider = await providerWithSession();
    const disguised = ["Dr. Demo\u202eredliM", "Dr.\u0000Demo", "Dr. \u2066Demo"];
    for (const displayName of disguised) {
      const res = await api("/api/account/profile", {
        method: "PATCH",
        headers: { Cookie: provider.cookie },
        body: JSON.stringify({ displayName }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid-input" });
    }
    const practice = await api("/api/practice", {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ contactLine: "Call 030\u202e 1234" }),
    });
    expect(practice.status).toBe(400);
    // A patient's name never reaches the server (issue 25): the dashboard that opens it refuses such a
    // name instead (test/client/open-names.test.ts).
    // Letters of any script stay welcome.
    const kept = await api("/api/account/profile", {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ displayName: "Dr. Øyvind Şahin-Müller 李" }),
    });
    expect(kept.status).toBe(200);
  });
});
