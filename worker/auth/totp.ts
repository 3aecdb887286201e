// Time-based one-time passwords (RFC 6238) as every authenticator app speaks them: SHA-1, six digits,
// 30-second steps. A code is accepted one step early or late (clocks drift), and never twice: the
// accepted step is stored, and any step at or before it is refused.

import { and, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { seal, unseal } from "../../durable-objects/sealed.ts";
import { providers } from "../../schema/tables.ts";
import type { Database } from "../db.ts";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const ALGORITHM = "SHA1";
/** Steps accepted on either side of the current one. */
const WINDOW = 1;
const ISSUER = "Anteroom";

/** A fresh shared secret: 20 random bytes (RFC 4226's recommended length), base32 as apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

const totp = (secret: string, label = "") =>
  new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The time step a timestamp falls in. */
export const totpStep = (now: number) => Math.floor(now / 1000 / PERIOD_SECONDS);

/**
 * The step `code` belongs to, if it is valid within ±1 step of `now` and later than `lastStep`;
 * otherwise null. Each step is checked on its own, so a used step does not hide a fresh neighbour.
 */
export function acceptedTotpStep(secret: string, code: string, lastStep: number | null, now: number): number | null {
  const current = totpStep(now);
  const generator = totp(secret);
  for (const delta of [0, -1, 1].filter((d) => Math.abs(d) <= WINDOW)) {
    const step = current + delta;
    if (lastStep !== null && step <= lastStep) continue;
    if (generator.validate({ token: code, timestamp: step * PERIOD_SECONDS * 1000, window: 0 }) === 0) return step;
  }
  return null;
}

const SEALED_SECRET_PURPOSE = "anteroom totp secret v1";
/** Far longer than a sealed 32-character secret; refuses absurd input before any crypto runs. */
const MAX_SEALED_SECRET_LENGTH = 512;

/**
 * The secret as D1 keeps it: sealed (AES-256-GCM, a key derived from the deployment secret for this
 * purpose), so a copy of the database (an export, a backup) holds no second factor anyone could use.
 */
export const sealTotpSecret = (key: string, secret: string) => seal(key, SEALED_SECRET_PURPOSE, secret);

async function openTotpSecret(key: string, sealed: string): Promise<string | undefined> {
  const secret = await unseal(key, SEALED_SECRET_PURPOSE, sealed, MAX_SEALED_SECRET_LENGTH);
  return typeof secret === "string" ? secret : undefined;
}

/**
 * Checks a code of the provider's enrolled secret and records its step, so that the same code cannot
 * be used again. The write is conditional on the stored step, so two requests racing with one code
 * cannot both succeed. True when the code was accepted.
 */
export async function useTotpCode(
  db: Database,
  key: string,
  provider: { id: string; totpSecret: string | null; totpLastStep: number | null },
  code: string,
  now = Date.now(),
): Promise<boolean> {
  const secret = provider.totpSecret && (await openTotpSecret(key, provider.totpSecret));
  if (!secret) return false;
  const step = acceptedTotpStep(secret, code, provider.totpLastStep, now);
  if (step === null) return false;
  const updated = await db
    .update(providers)
    .set({ totpLastStep: step })
    .where(and(eq(providers.id, provider.id), or(isNull(providers.totpLastStep), lt(providers.totpLastStep, step))))
    .returning({ id: providers.id });
  return updated.length === 1;
}

/**
 * The SECOND_FACTOR_LIMIT counter of a provider: shared by every place that checks a code (login,
 * enrolment, switching off, deletion), so guesses spread over them still count together.
 */
export const secondFactorKey = (providerId: string) => `second-factor:${providerId}`;
