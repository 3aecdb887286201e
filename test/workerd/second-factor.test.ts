// Two-factor login from the outside review (issue 20): switching it on asks for the password and tells
// the owner; every wrong code counts toward one lock; the operator is a locked-out admin's way back.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SECOND_FACTOR_LOCK_AFTER } from "../../schema/limits.ts";
import { providers } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { outbox } from "../../worker/mail/outbox.ts";
import { api, apiSettled, providerWithSession } from "./helpers.ts";
import { challengeFor, codeAt, login, providerWithTotp, secondFactor, sessionCookie } from "./totp-helpers.ts";

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  apiSettled(path, { method: "POST", body: JSON.stringify(body), headers });

const mailsTo = async (email: string) => (await outbox(env).list()).filter((mail) => mail.to === email);

/** A code the authenticator does not show now (the next one, off by one). */
const wrongCode = (secret: string) => String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, "0");

async function loggedInWithTotp() {
  const provider = await providerWithTotp();
  const res = await secondFactor({
    challenge: await challengeFor(provider.email, provider.password),
    recoveryCode: provider.recoveryCodes[0]!,
  });
  expect(res.status).toBe(200);
  return { ...provider, cookie: sessionCookie(res) };
}

describe("switching two-step login on", () => {
  it("asks for the password: a session alone (stolen, or left open) cannot switch it on", async () => {
    const { cookie, password, email } = await providerWithSession();
    const { secret } = (await (await post("/api/account/totp", {}, { Cookie: cookie })).json()) as { secret: string };
    const withoutPassword = await post("/api/account/totp/confirm", { code: codeAt(secret) }, { Cookie: cookie });
    expect(withoutPassword.status).toBe(400);
    const wrongPassword = await post(
      "/api/account/totp/confirm",
      { code: codeAt(secret), password: "not the password at all" },
      { Cookie: cookie },
    );
    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.json()).toMatchObject({ code: "wrong-password" });
    const me = await api("/api/auth/me", { headers: { Cookie: cookie } });
    expect(await me.json()).toMatchObject({ totpEnabled: false });
    expect(await mailsTo(email)).toEqual([]);

    const on = await post("/api/account/totp/confirm", { code: codeAt(secret), password }, { Cookie: cookie });
    expect(on.status).toBe(200);
    // The owner is told at once, in case it was not them.
    const [notice] = await mailsTo(email);
    expect(notice?.subject).toBe("Two-step login changed");
    expect(notice?.text).toContain("switched on");
  });

  it("tells the owner when it is switched off", async () => {
    const { cookie, email, password, secret } = await loggedInWithTotp();
    const off = await post("/api/account/totp/disable", { password, code: codeAt(secret) }, { Cookie: cookie });
    expect(off.status).toBe(204);
    const [notice] = await mailsTo(email);
    expect(notice?.text).toContain("switched off");
  });
});

describe("wrong codes", () => {
  it("typed to switch 2FA off or to delete the account count toward the login's lock", async () => {
    const { id, cookie, email, password, secret } = await loggedInWithTotp();
    const db = database(env.DB);
    // Two short of the lock (the per-minute throttle would make a test wait for more).
    await db
      .update(providers)
      .set({ secondFactorFailures: SECOND_FACTOR_LOCK_AFTER - 2 })
      .where(eq(providers.id, id));
    const off = await post("/api/account/totp/disable", { password, code: wrongCode(secret) }, { Cookie: cookie });
    expect(off.status).toBe(401);
    const deleting = await post("/api/account/delete", { password, code: wrongCode(secret) }, { Cookie: cookie });
    expect(deleting.status).toBe(403);
    expect(await deleting.json()).toMatchObject({ code: "second-factor-locked" });
    // Locked everywhere: the right code opens neither the login nor the account's 2FA actions.
    const right = await secondFactor({ challenge: await challengeFor(email, password), code: codeAt(secret) });
    expect(right.status).toBe(403);
    const offWithRight = await post(
      "/api/account/totp/disable",
      { password, code: codeAt(secret) },
      { Cookie: cookie },
    );
    expect(offWithRight.status).toBe(403);
    expect((await mailsTo(email)).some((mail) => mail.subject.startsWith("Login locked"))).toBe(true);
    expect(await db.query.providers.findFirst({ where: eq(providers.id, id) })).toBeDefined();
  });
});

describe("the operator's reset of a second factor", () => {
  const operator = { Authorization: `Bearer ${env.OPERATOR_TOKEN}` };

  it("lets a locked-out admin log in with their password again, ends every session and tells the owner", async () => {
    const { id, cookie, email, password } = await loggedInWithTotp();
    await database(env.DB)
      .update(providers)
      .set({ secondFactorFailures: SECOND_FACTOR_LOCK_AFTER })
      .where(eq(providers.id, id));
    expect((await post("/api/operator/second-factor-resets", { email }, {})).status).toBe(401);

    const reset = await post("/api/operator/second-factor-resets", { email }, operator);
    expect(reset.status).toBe(204);
    expect((await api("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
    const [notice] = await mailsTo(email);
    expect(notice?.text).toContain("operator has reset two-step login");
    const again = await login(email, password);
    expect(again.status).toBe(200);
    const row = await database(env.DB).query.providers.findFirst({ where: eq(providers.id, id) });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, secondFactorFailures: 0 });
  });

  it("answers 404 for an address without an account", async () => {
    const res = await post("/api/operator/second-factor-resets", { email: "nobody-here@example.test" }, operator);
    expect(res.status).toBe(404);
  });
});
