// Providers with two-factor authentication, and codes as an authenticator app would show them.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { providers } from "../../schema/tables.ts";
import { newRecoveryCodes } from "../../worker/auth/recovery-codes.ts";
import { newTotpSecret, sealTotpSecret } from "../../worker/auth/totp.ts";
import { database } from "../../worker/db.ts";
import { api, confirmedProvider } from "./helpers.ts";

/** The code an app shows for `secret` at `timestamp` (default: now). */
export const codeAt = (secret: string, timestamp = Date.now()) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp });

/** A confirmed provider with 2FA switched on, and their ten recovery codes. */
export async function providerWithTotp(options: Parameters<typeof confirmedProvider>[0] = {}) {
  const provider = await confirmedProvider(options);
  const secret = newTotpSecret();
  const db = database(env.DB);
  const { codes, statements } = await newRecoveryCodes(db, provider.id);
  await db.batch([
    db
      .update(providers)
      .set({ totpSecret: await sealTotpSecret(env.TICKET_SECRET, secret), totpEnabledAt: Date.now() })
      .where(eq(providers.id, provider.id)),
    ...statements,
  ]);
  return { ...provider, secret, recoveryCodes: codes };
}

export const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  api("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password }), headers });

export const secondFactor = (body: Record<string, string>, headers: Record<string, string> = {}) =>
  api("/api/auth/login/second-factor", { method: "POST", body: JSON.stringify(body), headers });

/** The challenge a correct password earns an account with 2FA. */
export async function challengeFor(email: string, password: string): Promise<string> {
  const res = await login(email, password);
  if (res.status !== 202) throw new Error(`expected a challenge, got ${res.status}`);
  return ((await res.json()) as { challenge: string }).challenge;
}

/** The `name=value` part of the answer's session cookie, if it set one. */
export const sessionCookie = (res: Response) => (res.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";

/**
 * Waits (5 s at most) until at least 5 s of the current 30-second step remain, so that a code computed
 * now for a step one off is still one off when the server checks it, however busy the machine is.
 */
export async function awayFromStepEnd(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
