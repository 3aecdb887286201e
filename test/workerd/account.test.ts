import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../schema/messages.ts";
import {
  accountTokens,
  appointments,
  consents,
  deviceKeys,
  invites,
  practices,
  providers,
  recoveryCodes,
  sessions,
} from "../../schema/tables.ts";
import { base32Decode } from "../../worker/auth/totp.ts";
import { database } from "../../worker/db.ts";
import {
  api,
  appointmentWithInvite,
  confirmedProvider,
  freshRateWindow,
  openSocket,
  providerWithSession,
} from "./helpers.ts";
import { challengeFor, codeAt, login, providerWithTotp, secondFactor, sessionCookie } from "./totp-helpers.ts";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const NEXT_STEP_MS = 30_000;

const post = (path: string, cookie: string, body?: unknown) =>
  api(path, {
    method: "POST",
    headers: { Cookie: cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function loggedIn(email: string, password: string, headers: Record<string, string> = {}) {
  const res = await login(email, password, headers);
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

describe("session list", () => {
  it("shows each live session's browser family and times, marks the caller's own, and never an address or user agent", async () => {
    const { email, password } = await confirmedProvider();
    const firefox = await loggedIn(email, password, { "User-Agent": FIREFOX, "CF-Connecting-IP": "192.0.2.10" });
    await loggedIn(email, password, { "User-Agent": CHROME, "CF-Connecting-IP": "192.0.2.11" });
    const res = await api("/api/account/sessions", { headers: { Cookie: firefox } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const { sessions: list } = JSON.parse(text) as {
      sessions: { id: string; browser: string; createdAt: string; lastSeenAt: string; current: boolean }[];
    };
    expect(list.map((s) => [s.browser, s.current]).sort()).toEqual([
      ["Chrome", false],
      ["Firefox", true],
    ]);
    for (const session of list) {
      expect(session.id).toMatch(/^[0-9a-f]{16}$/);
      expect(Date.parse(session.createdAt)).not.toBeNaN();
      expect(Date.parse(session.lastSeenAt)).not.toBeNaN();
    }
    expect(text).not.toContain("192.0.2.");
    expect(text).not.toContain("Mozilla");
    expect(text).not.toContain("Gecko");
  });

  it("leaves out ended sessions, lists the newest first, and needs a login", async () => {
    const { id, email, password } = await confirmedProvider();
    const cookie = await loggedIn(email, password);
    const now = Date.now();
    await database(env.DB)
      .insert(sessions)
      .values([
        { tokenHash: "a".repeat(64), providerId: id, expiresAt: now - 1, lastSeenAt: now - 2, createdAt: now - 3 },
        { tokenHash: "b".repeat(64), providerId: id, expiresAt: now + 3_600_000, lastSeenAt: 1, createdAt: 1 },
        {
          tokenHash: "c".repeat(64),
          providerId: id,
          expiresAt: now + 3_600_000,
          lastSeenAt: now,
          createdAt: now - 60_000,
        },
      ]);
    const res = await api("/api/account/sessions", { headers: { Cookie: cookie } });
    const { sessions: list } = (await res.json()) as { sessions: { id: string; current: boolean }[] };
    expect(list.map((s) => s.current)).toEqual([true, false]);
    expect(list[1]!.id).toBe("c".repeat(16));
    expect((await api("/api/account/sessions")).status).toBe(401);
  });
});

describe("profile", () => {
  it("changes the display name, language and time zone and answers the provider", async () => {
    const { cookie } = await providerWithSession();
    const res = await api("/api/account/profile", {
      method: "PATCH",
      headers: { Cookie: cookie },
      body: JSON.stringify({ displayName: "  Dr. Renamed ", language: "de", timeZone: "America/New_York" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      displayName: "Dr. Renamed",
      language: "de",
      timeZone: "America/New_York",
    });
    expect(await (await api("/api/auth/me", { headers: { Cookie: cookie } })).json()).toMatchObject({
      displayName: "Dr. Renamed",
    });
  });

  it("refuses an unknown time zone, an empty name and an unknown language with 400", async () => {
    const { cookie } = await providerWithSession();
    for (const body of [{ timeZone: "Mars/Olympus_Mons" }, { displayName: "   " }, { language: "fr" }]) {
      const res = await api("/api/account/profile", {
        method: "PATCH",
        headers: { Cookie: cookie },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid-input" });
    }
  });
});

describe("two-factor enrolment", () => {
  it("gives a secret, switches 2FA on with a code from it, and answers ten recovery codes once", async () => {
    const { cookie, email, password } = await providerWithSession();
    const enrolment = await post("/api/account/totp", cookie);
    expect(enrolment.status).toBe(200);
    const { secret, uri } = (await enrolment.json()) as { secret: string; uri: string };
    expect(uri).toContain(`secret=${secret}`);
    // Not on until confirmed: the password alone still logs in.
    expect((await login(email, password)).status).toBe(200);
    const confirmed = await post("/api/account/totp/confirm", cookie, { code: codeAt(secret), password });
    expect(confirmed.status).toBe(200);
    const { codes } = (await confirmed.json()) as { codes: string[] };
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(await (await api("/api/auth/me", { headers: { Cookie: cookie } })).json()).toMatchObject({
      totpEnabled: true,
    });
    expect((await login(email, password)).status).toBe(202);
    // The code that switched 2FA on does not log in as well.
    const replay = await secondFactor({ challenge: await challengeFor(email, password), code: codeAt(secret) });
    expect(replay.status).toBe(401);
    const again = await post("/api/account/totp", cookie);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "totp-already-enabled" });
  });

  it("keeps the secret sealed in D1: a copy of the database holds no usable second factor", async () => {
    const { cookie, id, password } = await providerWithSession();
    const { secret } = (await (await post("/api/account/totp", cookie)).json()) as { secret: string };
    await post("/api/account/totp/confirm", cookie, { code: codeAt(secret), password });
    const [row] = await database(env.DB).select().from(providers).where(eq(providers.id, id));
    expect(row!.totpEnabledAt).not.toBeNull();
    // The whole row, in every form the 20 secret bytes could be written down: base32, hex, base64.
    const stored = JSON.stringify(row).toLowerCase();
    const bytes = base32Decode(secret)!;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    const base64 = btoa(String.fromCharCode(...bytes));
    const base64url = base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    for (const form of [secret, hex, base64, base64url]) expect(stored).not.toContain(form.toLowerCase());
    expect(row!.totpSecret!.length).toBeGreaterThan(secret.length);
  });

  it("refuses to confirm without an enrolment (409) or with a wrong code (401)", async () => {
    const { cookie, password } = await providerWithSession();
    const early = await post("/api/account/totp/confirm", cookie, { code: "123456", password });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: "totp-not-enrolled" });
    const { secret } = (await (await post("/api/account/totp", cookie)).json()) as { secret: string };
    const wrong = await post("/api/account/totp/confirm", cookie, {
      code: codeAt(secret, Date.now() + 5 * NEXT_STEP_MS),
      password,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "totp-invalid" });
    expect(await (await api("/api/auth/me", { headers: { Cookie: cookie } })).json()).toMatchObject({
      totpEnabled: false,
    });
  });

  it("stops guessing the confirmation code with 429 after five wrong codes", async () => {
    await freshRateWindow();
    const { cookie, password } = await providerWithSession();
    const { secret } = (await (await post("/api/account/totp", cookie)).json()) as { secret: string };
    const wrong = codeAt(secret, Date.now() + 5 * NEXT_STEP_MS);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await post("/api/account/totp/confirm", cookie, { code: wrong, password })).status).toBe(401);
    }
    const refused = await post("/api/account/totp/confirm", cookie, { code: codeAt(secret), password });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("is open to a provider whose practice requires 2FA before they have it, and cannot be switched off there", async () => {
    const admin = await confirmedProvider();
    await database(env.DB).update(practices).set({ requireTotp: true }).where(eq(practices.id, admin.practiceId));
    const cookie = await loggedIn(admin.email, admin.password);
    expect(await (await api("/api/auth/me", { headers: { Cookie: cookie } })).json()).toMatchObject({
      mustEnrolTotp: true,
    });
    const { secret } = (await (await post("/api/account/totp", cookie)).json()) as { secret: string };
    expect(
      (await post("/api/account/totp/confirm", cookie, { code: codeAt(secret), password: admin.password })).status,
    ).toBe(200);
    const off = await post("/api/account/totp/disable", cookie, {
      password: admin.password,
      code: codeAt(secret, Date.now() + NEXT_STEP_MS),
    });
    expect(off.status).toBe(409);
    expect(await off.json()).toMatchObject({ code: "totp-mandatory" });
  });
});

describe("switching 2FA off", () => {
  it("needs the password and a current code, then drops the secret and the recovery codes", async () => {
    const { id, email, password, secret } = await providerWithTotp();
    const cookie = sessionCookie(
      await secondFactor({ challenge: await challengeFor(email, password), code: codeAt(secret) }),
    );
    const next = codeAt(secret, Date.now() + NEXT_STEP_MS);
    const wrongPassword = await post("/api/account/totp/disable", cookie, { password: "not my password", code: next });
    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.json()).toMatchObject({ code: "wrong-password" });
    const usedCode = await post("/api/account/totp/disable", cookie, { password, code: codeAt(secret) });
    expect(usedCode.status).toBe(401);
    expect(await usedCode.json()).toMatchObject({ code: "totp-invalid" });
    expect((await post("/api/account/totp/disable", cookie, { password, code: next })).status).toBe(204);
    expect((await login(email, password)).status).toBe(200);
    const db = database(env.DB);
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.providerId, id))).toEqual([]);
    expect(await db.query.providers.findFirst({ where: eq(providers.id, id) })).toMatchObject({
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
    });
  });
});

/** Every row a provider's deletion must remove: an appointment with invite and consent, a mailed-link token, recovery codes, a device key. */
async function withStoredRows(providerId: string) {
  const db = database(env.DB);
  const { appointmentId, inviteId } = await appointmentWithInvite(providerId);
  const now = Date.now();
  await db
    .insert(consents)
    .values({ id: crypto.randomUUID(), appointmentId, inviteId, textVersion: "1", consentedAt: now });
  await db.insert(accountTokens).values({
    tokenHash: crypto.randomUUID(),
    providerId,
    purpose: "confirm",
    expiresAt: now + 3_600_000,
    createdAt: now,
  });
  await db.insert(deviceKeys).values({
    id: crypto.randomUUID().replaceAll("-", "").slice(0, 22),
    providerId,
    publicKey: "B".repeat(87),
    label: "Firefox on Linux",
    fingerprint: "0000 0000 0000 0000 0000 0000 0000 0000",
    createdAt: now,
    lastUsedAt: now,
  });
  return { appointmentId };
}

async function rowsOf(providerId: string, practiceId: string, appointmentId: string) {
  const db = database(env.DB);
  return {
    providers: await db.select().from(providers).where(eq(providers.id, providerId)),
    practices: await db.select().from(practices).where(eq(practices.id, practiceId)),
    sessions: await db.select().from(sessions).where(eq(sessions.providerId, providerId)),
    recoveryCodes: await db.select().from(recoveryCodes).where(eq(recoveryCodes.providerId, providerId)),
    accountTokens: await db.select().from(accountTokens).where(eq(accountTokens.providerId, providerId)),
    deviceKeys: await db.select().from(deviceKeys).where(eq(deviceKeys.providerId, providerId)),
    appointments: await db.select().from(appointments).where(eq(appointments.providerId, providerId)),
    invites: await db
      .select()
      .from(invites)
      .where(inArray(invites.appointmentId, [appointmentId])),
    consents: await db
      .select()
      .from(consents)
      .where(inArray(consents.appointmentId, [appointmentId])),
  };
}

describe("deleting the account", () => {
  it("removes the provider's rows and their practice, closes their dashboard and clears the cookie", async () => {
    const { id, email, password, secret, practiceId } = await providerWithTotp();
    const cookie = sessionCookie(
      await secondFactor({ challenge: await challengeFor(email, password), code: codeAt(secret) }),
    );
    const { appointmentId } = await withStoredRows(id);
    const before = await rowsOf(id, practiceId, appointmentId);
    for (const rows of Object.values(before)) expect(rows.length).toBeGreaterThan(0);
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: cookie });
    if (!("ws" in dashboard)) throw new Error("no socket");
    await dashboard.next("queue");

    const res = await post("/api/account/delete", cookie, {
      password,
      code: codeAt(secret, Date.now() + NEXT_STEP_MS),
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("Set-Cookie")).toMatch(/^anteroom_session=;/);
    expect((await dashboard.whenClosed()).code).toBe(CloseCode.unauthorized);
    const after = await rowsOf(id, practiceId, appointmentId);
    for (const [table, rows] of Object.entries(after)) expect(rows, table).toEqual([]);
    expect((await api("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await login(email, password)).status).toBe(401);
  });

  it("needs the password, and the code when 2FA is on", async () => {
    const { id, email, password, secret } = await providerWithTotp();
    const cookie = sessionCookie(
      await secondFactor({ challenge: await challengeFor(email, password), code: codeAt(secret) }),
    );
    const wrongPassword = await post("/api/account/delete", cookie, {
      password: "not my password",
      code: codeAt(secret, Date.now() + NEXT_STEP_MS),
    });
    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.json()).toMatchObject({ code: "wrong-password" });
    const noCode = await post("/api/account/delete", cookie, { password });
    expect(noCode.status).toBe(401);
    expect(await noCode.json()).toMatchObject({ code: "totp-invalid" });
    expect(await database(env.DB).select().from(providers).where(eq(providers.id, id))).toHaveLength(1);
  });

  it("keeps the practice and its other members when a member leaves", async () => {
    const admin = await confirmedProvider();
    const member = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
    expect((await post("/api/account/delete", member.cookie, { password: member.password })).status).toBe(204);
    const db = database(env.DB);
    expect(await db.select().from(providers).where(eq(providers.id, member.id))).toEqual([]);
    expect(await db.select().from(providers).where(eq(providers.id, admin.id))).toHaveLength(1);
    expect(await db.select().from(practices).where(eq(practices.id, admin.practiceId))).toHaveLength(1);
  });

  it("refuses the sole admin of a practice with members with 409 hand-over-first, and deletes nothing", async () => {
    const admin = await providerWithSession();
    const member = await confirmedProvider({ practiceId: admin.practiceId, role: "provider" });
    const res = await post("/api/account/delete", admin.cookie, { password: admin.password });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "hand-over-first" });
    const db = database(env.DB);
    expect(
      await db
        .select()
        .from(providers)
        .where(inArray(providers.id, [admin.id, member.id])),
    ).toHaveLength(2);
    expect((await api("/api/auth/me", { headers: { Cookie: admin.cookie } })).status).toBe(200);
  });

  it("lets one of two admins leave", async () => {
    const first = await providerWithSession();
    await confirmedProvider({ practiceId: first.practiceId, role: "admin" });
    await confirmedProvider({ practiceId: first.practiceId, role: "provider" });
    expect((await post("/api/account/delete", first.cookie, { password: first.password })).status).toBe(204);
    const db = database(env.DB);
    expect(await db.select().from(practices).where(eq(practices.id, first.practiceId))).toHaveLength(1);
  });
});
