// Time-based one-time passwords (RFC 6238) as every authenticator app speaks them: SHA-1, six digits,
// 30-second steps. A code is accepted one step early or late (clocks drift), and never twice: the
// accepted step is stored, and any step at or before it is refused.

// HMAC-SHA-1 through WebCrypto and base32 by hand (RFC 4648): a few dozen lines instead of the otpauth
// package, whose own SHA implementations cost the Worker 25 KB of its 150 KB budget. The tests hold this
// against RFC 6238's own test vectors and against otpauth's codes (kept as a devDependency for that).

import { and, eq, isNull, lt, or } from "drizzle-orm";
import { seal, unseal } from "../../common/sealed.ts";
import { providers } from "../../schema/tables.ts";
import type { Database } from "../db.ts";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Steps accepted on either side of the current one. */
const WINDOW = 1;
const ISSUER = "Anteroom";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Undefined for anything that is not base32 (padding and lower case are accepted, as apps write them). */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.toUpperCase().replace(/=+$/, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

/** A fresh shared secret: 20 random bytes (RFC 4226's recommended length), base32 as apps expect it. */
export function newTotpSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(20)));
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri(secret: string, email: string): string {
  const label = `${encodeURIComponent(ISSUER)}:${encodeURIComponent(email)}`;
  const query = new URLSearchParams({
    issuer: ISSUER,
    secret,
    algorithm: "SHA1",
    digits: String(DIGITS),
    period: String(PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${query}`;
}

/** The time step a timestamp falls in. */
export const totpStep = (now: number) => Math.floor(now / 1000 / PERIOD_SECONDS);

/** The code of `step` (RFC 4226's HOTP with RFC 6238's time counter): HMAC-SHA-1, dynamic truncation. */
export async function totpCode(key: Uint8Array, step: number, digits = DIGITS): Promise<string> {
  const counter = new DataView(new ArrayBuffer(8));
  counter.setUint32(0, Math.floor(step / 2 ** 32));
  counter.setUint32(4, step >>> 0);
  const hmacKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, counter.buffer));
  const offset = (mac[19] ?? 0) & 0xf;
  const binary = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** Compares without an early exit, so the time taken says nothing about how much of a code was right. */
function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * The step `code` belongs to, if it is valid within ±1 step of `now` and later than `lastStep`;
 * otherwise null. Each step is checked on its own, so a used step does not hide a fresh neighbour.
 */
export async function acceptedTotpStep(
  secret: string,
  code: string,
  lastStep: number | null,
  now: number,
): Promise<number | null> {
  const key = base32Decode(secret);
  if (!key || !/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  for (const delta of [0, -1, 1].filter((d) => Math.abs(d) <= WINDOW)) {
    const step = current + delta;
    if (lastStep !== null && step <= lastStep) continue;
    if (sameCode(await totpCode(key, step), code)) return step;
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
  const step = await acceptedTotpStep(secret, code, provider.totpLastStep, now);
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
