// "Download my data" holds every stored field about the provider, held against the schema like
// docs/DATA.md is (data-inventory.test.ts), and never a credential.
import { env } from "cloudflare:workers";
import { eq, is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "../../schema/tables.ts";
import {
  accountTokens,
  auditEntries,
  consents,
  deviceKeys,
  joinCodes,
  memberInvitations,
  providers,
  walkInConsents,
} from "../../schema/tables.ts";
import { sha256Hex } from "../../worker/crypto.ts";
import { database } from "../../worker/db.ts";
import { api, appointmentWithInvite, confirmedProvider, providerWithSession } from "./helpers.ts";
import { challengeFor, codeAt, providerWithTotp, secondFactor, sessionCookie } from "./totp-helpers.ts";

/**
 * Tables that hold nothing about the provider as a person, each with the reason. Every other table in the
 * schema must be in the export: a table added later fails this test until it is exported or listed here.
 */
const NOT_ABOUT_THE_PROVIDER: Record<string, string> = {
  member_invitations: "other people's addresses, invited by the practice",
  consent_texts: "the practice's consent texts, the same for every member",
  practice_logos: "the practice's image, the same for every member",
  invitation_reminders:
    "patients' sealed addresses for reminders: about patients, unreadable without the deployment's key",
  audit_entries:
    "the practice's record of administrative actions, kept for its accountability and shown to its admins; it names members as they were named then, with no id to match an account by",
  activity_entries:
    "the practice's log of consultations (opt-in), shown to its admins; it names the leading provider as named then, with no id to match an account by",
};

const EXPORTED: SQLiteTable[] = (Object.values(schema) as unknown[])
  .filter((value): value is SQLiteTable => is(value, SQLiteTable))
  .filter((table) => !(getTableConfig(table).name in NOT_ABOUT_THE_PROVIDER));

type Export = { exportedAt: string; tables: Record<string, Record<string, unknown>[]> };

/** A provider with 2FA, a session, an appointment with invite and consent, a mailed-link token and a device key. */
async function providerWithEverything() {
  const provider = await providerWithTotp();
  const cookie = sessionCookie(
    await secondFactor({
      challenge: await challengeFor(provider.email, provider.password),
      code: codeAt(provider.secret),
    }),
  );
  const { appointmentId, inviteId } = await appointmentWithInvite(provider.id);
  const now = Date.now();
  const db = database(env.DB);
  await db
    .insert(consents)
    .values({ id: crypto.randomUUID(), appointmentId, inviteId, textVersion: "1", consentedAt: now });
  await db
    .insert(walkInConsents)
    .values({ id: crypto.randomUUID(), providerId: provider.id, textVersion: "1", language: "de", consentedAt: now });
  await db.insert(joinCodes).values({
    inviteId,
    codeHash: await sha256Hex(crypto.randomUUID()),
    createdAt: now,
    expiresAt: now + 3_600_000,
  });
  await db.insert(accountTokens).values({
    tokenHash: await sha256Hex(crypto.randomUUID()),
    providerId: provider.id,
    purpose: "reset",
    expiresAt: now + 3_600_000,
    createdAt: now,
  });
  await db.insert(memberInvitations).values({
    id: crypto.randomUUID(),
    practiceId: provider.practiceId,
    email: "colleague@example.test",
    role: "provider",
    tokenHash: await sha256Hex(crypto.randomUUID()),
    expiresAt: now + 3_600_000,
    createdAt: now,
  });
  await api("/api/account/calendar-feed", { method: "POST", headers: { Cookie: cookie } });
  await db.insert(deviceKeys).values({
    id: crypto.randomUUID().replaceAll("-", "").slice(0, 22),
    providerId: provider.id,
    publicKey: "B".repeat(87),
    label: "Firefox on Linux",
    fingerprint: "0000 0000 0000 0000 0000 0000 0000 0000",
    createdAt: now,
    lastUsedAt: now,
  });
  return { ...provider, cookie, appointmentId };
}

describe("data export", () => {
  it("is a JSON attachment that no cache keeps", async () => {
    const { cookie } = await providerWithEverything();
    const res = await api("/api/account/export", { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="anteroom-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect((await api("/api/account/export")).status).toBe(401);
  });

  it("is refused when a page of another site asks for it, and a HEAD gets no file: neither records an export", async () => {
    const provider = await providerWithSession();
    for (const site of ["cross-site", "same-site"]) {
      const refused = await api("/api/account/export", {
        headers: { Cookie: provider.cookie, "Sec-Fetch-Site": site },
      });
      expect(refused.status, site).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe("cross-site");
    }
    const head = await api("/api/account/export", { method: "HEAD", headers: { Cookie: provider.cookie } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const recorded = () =>
      database(env.DB).select().from(auditEntries).where(eq(auditEntries.practiceId, provider.practiceId));
    expect(await recorded()).toEqual([]);
    const own = await api("/api/account/export", {
      headers: { Cookie: provider.cookie, "Sec-Fetch-Site": "same-origin" },
    });
    expect(own.status).toBe(200);
    expect((await recorded()).map((a) => [a.action, a.detail])).toEqual([["data-exported", "account"]]);
  });

  it("holds every D1 column of every table about the provider, by its D1 name", async () => {
    const { cookie } = await providerWithEverything();
    const data = (await (await api("/api/account/export", { headers: { Cookie: cookie } })).json()) as Export;
    expect(Date.parse(data.exportedAt)).not.toBeNaN();
    expect(EXPORTED.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(data.tables).sort()).toEqual(EXPORTED.map((table) => getTableConfig(table).name).sort());
    for (const table of EXPORTED) {
      const { name, columns } = getTableConfig(table);
      const rows = data.tables[name] ?? [];
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) expect(Object.keys(row).sort(), name).toEqual(columns.map((c) => c.name).sort());
    }
    expect(data.tables.recovery_codes).toHaveLength(10);
    expect(data.tables.providers![0]).toMatchObject({
      time_zone: "Europe/Berlin",
      totp_enabled_at: expect.any(Number),
    });
  });

  it("lists credentials as withheld, never their values", async () => {
    const { id, cookie } = await providerWithEverything();
    const text = await (await api("/api/account/export", { headers: { Cookie: cookie } })).text();
    const data = JSON.parse(text) as Export;
    const stored = await database(env.DB).query.providers.findFirst({ where: eq(providers.id, id) });
    expect(text).not.toContain(stored!.passwordHash);
    expect(text).not.toContain(stored!.totpSecret!);
    expect(text).not.toContain("$argon2id$");
    expect(data.tables.providers![0]).toMatchObject({ password_hash: "withheld", totp_secret: "withheld" });
    for (const table of ["sessions", "account_tokens", "invites"]) {
      for (const row of data.tables[table]!) expect(row.token_hash, table).toBe("withheld");
    }
    for (const table of ["recovery_codes", "join_codes"]) {
      for (const row of data.tables[table]!) expect(row.code_hash, table).toBe("withheld");
    }
  });

  it("holds only the provider's own rows, not a colleague's or their practice's invitations", async () => {
    const me = await providerWithEverything();
    const colleague = await confirmedProvider({ practiceId: me.practiceId, role: "provider" });
    const theirs = await appointmentWithInvite(colleague.id);
    const text = await (await api("/api/account/export", { headers: { Cookie: me.cookie } })).text();
    const data = JSON.parse(text) as Export;
    expect(data.tables.providers!.map((row) => row.id)).toEqual([me.id]);
    expect(data.tables.appointments!.map((row) => row.id)).toEqual([me.appointmentId]);
    expect(text).not.toContain(theirs.appointmentId);
    expect(text).not.toContain(colleague.email);
    expect(text).not.toContain("colleague@example.test");
  });
});
