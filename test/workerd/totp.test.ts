import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { practices, providers } from "../../schema/tables.ts";
import { argon2 } from "../../worker/auth/argon2.ts";
import { CHALLENGE_TTL_MS, openChallenge, sealChallenge } from "../../worker/auth/challenge.ts";
import { hashPassword } from "../../worker/auth/passwords.ts";
import {
  acceptedTotpStep,
  base32Decode,
  base32Encode,
  newTotpSecret,
  totpCode,
  totpStep,
  totpUri,
} from "../../worker/auth/totp.ts";
import { database } from "../../worker/db.ts";
import { outbox } from "../../worker/mail/outbox.ts";
import { api, apiSettled, freshRateWindow, unique } from "./helpers.ts";
import {
  awayFromStepEnd,
  challengeFor,
  codeAt,
  login,
  providerWithTotp,
  secondFactor,
  sessionCookie,
} from "./totp-helpers.ts";

const SECONDS = 1000;

describe("TOTP codes", () => {
  const secret = newTotpSecret();
  // Mid-step, so that ±30 s lands in the neighbouring steps and ±60 s two steps away.
  const now = (totpStep(Date.now()) * 30 + 15) * SECONDS;

  it("are RFC 6238's: its SHA-1 test vectors, eight digits", async () => {
    const key = new TextEncoder().encode("12345678901234567890");
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) expect(await totpCode(key, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it("read and write base32 as authenticator apps do", () => {
    const bytes = crypto.getRandomValues(new Uint8Array(20));
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw6ytboi======")).toEqual(new TextEncoder().encode("foobar"));
    expect(base32Decode("not base32!")).toBeUndefined();
  });

  it("accept the current code and the neighbouring steps' codes (clocks 30 s apart)", async () => {
    expect(await acceptedTotpStep(secret, codeAt(secret, now), null, now)).toBe(totpStep(now));
    expect(await acceptedTotpStep(secret, codeAt(secret, now - 30 * SECONDS), null, now)).toBe(totpStep(now) - 1);
    expect(await acceptedTotpStep(secret, codeAt(secret, now + 30 * SECONDS), null, now)).toBe(totpStep(now) + 1);
  });

  it("refuse codes two steps away (clocks 60 s apart)", async () => {
    expect(await acceptedTotpStep(secret, codeAt(secret, now - 60 * SECONDS), null, now)).toBeNull();
    expect(await acceptedTotpStep(secret, codeAt(secret, now + 60 * SECONDS), null, now)).toBeNull();
  });

  it("refuse a code whose step was used already, or an older one, but not a newer one", async () => {
    const step = totpStep(now);
    expect(await acceptedTotpStep(secret, codeAt(secret, now), step, now)).toBeNull();
    expect(await acceptedTotpStep(secret, codeAt(secret, now - 30 * SECONDS), step, now)).toBeNull();
    expect(await acceptedTotpStep(secret, codeAt(secret, now + 30 * SECONDS), step, now)).toBe(step + 1);
  });

  it("refuse another secret's code", async () => {
    expect(await acceptedTotpStep(newTotpSecret(), codeAt(secret, now), null, now)).toBeNull();
  });

  it("enrol with a 20-byte base32 secret and an otpauth:// URI naming Anteroom and the address", () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(fresh, "dr.who@example.test"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Anteroom:dr.who@example.test");
    expect(uri.searchParams.get("issuer")).toBe("Anteroom");
    expect(uri.searchParams.get("secret")).toBe(fresh);
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
  });
});

describe("login challenge", () => {
  it("opens for the provider it was sealed for, until it expires", async () => {
    const now = Date.now();
    const challenge = await sealChallenge(env.TICKET_SECRET, "provider-1", now);
    expect(await openChallenge(env.TICKET_SECRET, challenge, now)).toBe("provider-1");
    expect(await openChallenge(env.TICKET_SECRET, challenge, now + CHALLENGE_TTL_MS)).toBeNull();
    expect(await openChallenge("another-secret-of-at-least-32-characters", challenge, now)).toBeNull();
  });
});

describe("login of an unconfirmed account", () => {
  it("is refused with 403 email-unconfirmed after the right password, and 401 after a wrong one", async () => {
    const db = database(env.DB);
    const practiceId = crypto.randomUUID();
    const email = `${unique("unconfirmed")}@example.test`;
    const password = "correct horse battery";
    await db.insert(practices).values({ id: practiceId, name: "Unconfirmed practice", createdAt: Date.now() });
    await db.insert(providers).values({
      id: crypto.randomUUID(),
      practiceId,
      role: "admin",
      email,
      displayName: "Dr. Unconfirmed",
      passwordHash: hashPassword(argon2(), password),
      emailConfirmedAt: null,
      createdAt: Date.now(),
    });
    const right = await login(email, password);
    expect(right.status).toBe(403);
    expect(await right.json()).toMatchObject({ code: "email-unconfirmed" });
    expect(right.headers.get("Set-Cookie")).toBeNull();
    const wrong = await login(email, "wrong password here");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "wrong-credentials" });
  });
});

describe("login with 2FA", () => {
  it("answers the password with 202 and a challenge, no cookie; the code then logs in", async () => {
    const { email, password, secret } = await providerWithTotp();
    const first = await login(email, password);
    expect(first.status).toBe(202);
    expect(first.headers.get("Set-Cookie")).toBeNull();
    const { secondFactor: kind, challenge } = (await first.json()) as { secondFactor: string; challenge: string };
    expect(kind).toBe("totp");
    const second = await secondFactor({ challenge, code: codeAt(secret) });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ email, totpEnabled: true });
    const cookie = sessionCookie(second);
    expect(cookie).toMatch(/^anteroom_session=/);
    expect((await api("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it("still answers a wrong password with 401 wrong-credentials and no challenge", async () => {
    const { email } = await providerWithTotp();
    const res = await login(email, "not the password");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "wrong-credentials" });
  });

  it("accepts a code from a clock 30 s behind or ahead", async () => {
    const behind = await providerWithTotp();
    await awayFromStepEnd();
    const late = await secondFactor({
      challenge: await challengeFor(behind.email, behind.password),
      code: codeAt(behind.secret, Date.now() - 30 * SECONDS),
    });
    expect(late.status).toBe(200);
    const ahead = await providerWithTotp();
    await awayFromStepEnd();
    const early = await secondFactor({
      challenge: await challengeFor(ahead.email, ahead.password),
      code: codeAt(ahead.secret, Date.now() + 30 * SECONDS),
    });
    expect(early.status).toBe(200);
  });

  it("refuses a code from a clock 60 s off with 401 totp-invalid", async () => {
    const { email, password, secret } = await providerWithTotp();
    const challenge = await challengeFor(email, password);
    for (const offset of [-60, 60]) {
      await awayFromStepEnd();
      const res = await secondFactor({ challenge, code: codeAt(secret, Date.now() + offset * SECONDS) });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "totp-invalid" });
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("refuses the same code a second time, even with a fresh challenge", async () => {
    const { email, password, secret } = await providerWithTotp();
    // A code of the next step stays valid however slowly this test runs.
    const code = codeAt(secret, Date.now() + 30 * SECONDS);
    expect((await secondFactor({ challenge: await challengeFor(email, password), code })).status).toBe(200);
    const replay = await secondFactor({ challenge: await challengeFor(email, password), code });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: "totp-invalid" });
  });

  it("accepts a recovery code once, however it is typed, and refuses it the second time", async () => {
    const { email, password, recoveryCodes } = await providerWithTotp();
    const code = recoveryCodes[3]!;
    const typed = ` ${code.toUpperCase().replace("-", " ")} `;
    const first = await secondFactor({ challenge: await challengeFor(email, password), recoveryCode: typed });
    expect(first.status).toBe(200);
    expect(sessionCookie(first)).toMatch(/^anteroom_session=/);
    const again = await secondFactor({ challenge: await challengeFor(email, password), recoveryCode: code });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: "totp-invalid" });
    // The others still work.
    const other = await secondFactor({
      challenge: await challengeFor(email, password),
      recoveryCode: recoveryCodes[4]!,
    });
    expect(other.status).toBe(200);
  });

  it("refuses a forged or expired challenge with 401 challenge-expired", async () => {
    const { id, secret } = await providerWithTotp();
    const forged = await secondFactor({ challenge: "A".repeat(80), code: codeAt(secret) });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: "challenge-expired" });
    const sealedElsewhere = await sealChallenge("a-secret-that-is-not-this-deployments", id);
    const foreign = await secondFactor({ challenge: sealedElsewhere, code: codeAt(secret) });
    expect(await foreign.json()).toMatchObject({ code: "challenge-expired" });
    const stale = await sealChallenge(env.TICKET_SECRET, id, Date.now() - CHALLENGE_TTL_MS - 1);
    const expired = await secondFactor({ challenge: stale, code: codeAt(secret) });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: "challenge-expired" });
    expect(expired.headers.get("Set-Cookie")).toBeNull();
  });

  it("needs exactly one of a code and a recovery code", async () => {
    const { email, password, secret, recoveryCodes } = await providerWithTotp();
    const challenge = await challengeFor(email, password);
    const both = await secondFactor({ challenge, code: codeAt(secret), recoveryCode: recoveryCodes[0]! });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ code: "invalid-input" });
    expect((await secondFactor({ challenge })).status).toBe(400);
  });

  it("stops code guessing on an account with 429 and Retry-After after five wrong codes", async () => {
    await freshRateWindow();
    const { email, password, secret } = await providerWithTotp();
    const challenge = await challengeFor(email, password);
    const wrong = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, "0");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++)
      statuses.push((await secondFactor({ challenge, code: wrong })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The right code does not get through while the account is throttled, from any client.
    const refused = await secondFactor({ challenge, code: codeAt(secret) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "rate-limited" });
    expect(refused.headers.get("Set-Cookie")).toBeNull();
  });

  it("asks again for the password when 2FA was switched off after it", async () => {
    const { id, email, password, secret } = await providerWithTotp();
    const challenge = await challengeFor(email, password);
    await database(env.DB).update(providers).set({ totpEnabledAt: null, totpSecret: null }).where(eq(providers.id, id));
    const res = await secondFactor({ challenge, code: codeAt(secret) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "challenge-expired" });
  });
});

describe("a locked second step", () => {
  it("locks after ten wrong codes in a row, mails the owner, refuses even the right code, and opens again after a password reset", async () => {
    const { id, email, password, secret } = await providerWithTotp();
    const db = database(env.DB);
    // Nine wrong codes already (the per-minute throttle would make a test wait for them).
    await db.update(providers).set({ secondFactorFailures: 9 }).where(eq(providers.id, id));
    const wrong = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, "0");
    const tenth = await secondFactor({ challenge: await challengeFor(email, password), code: wrong });
    expect(tenth.status).toBe(403);
    expect(await tenth.json()).toMatchObject({ code: "second-factor-locked" });
    const mails = (await outbox(env).list()).filter((mail) => mail.to === email);
    expect(mails[0]!.text).toContain("/forgot-password");

    const right = await secondFactor({ challenge: await challengeFor(email, password), code: codeAt(secret) });
    expect(right.status).toBe(403);
    expect(right.headers.get("Set-Cookie")).toBeNull();

    // A reset proves the mailbox: the authenticator's code logs in again.
    await apiSettled("/api/auth/forgot-password", { method: "POST", body: JSON.stringify({ email }) });
    const resetMail = (await outbox(env).list()).find((mail) => mail.to === email && mail.text.includes("/reset#"));
    const token = resetMail!.text.match(/\/reset#([A-Za-z0-9_-]{43})/)![1]!;
    const newPassword = "a brand new passphrase";
    const reset = await api("/api/auth/reset-password", {
      method: "POST",
      body: JSON.stringify({ token, password: newPassword }),
    });
    expect(reset.status).toBe(204);
    const again = await secondFactor({
      challenge: await challengeFor(email, newPassword),
      code: codeAt(secret, Date.now() + 30_000),
    });
    expect(again.status).toBe(200);
  });

  it("counts only wrong codes in a row: a right code starts the count again", async () => {
    const { id, email, password, secret } = await providerWithTotp();
    const db = database(env.DB);
    await db.update(providers).set({ secondFactorFailures: 9 }).where(eq(providers.id, id));
    const right = await secondFactor({ challenge: await challengeFor(email, password), code: codeAt(secret) });
    expect(right.status).toBe(200);
    const [row] = await db.select().from(providers).where(eq(providers.id, id));
    expect(row!.secondFactorFailures).toBe(0);
  });
});
