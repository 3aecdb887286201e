// Password hashing: argon2id at OWASP's first recommendation (m=19 MiB, t=2, p=1),
// about 40 ms of CPU in workerd. The PHC string stores the parameters, so they can be raised later.
// Runs in workerd (worker/auth/argon2.ts) and in Node (scripts/start.ts seeds the demo provider) alike.
import type Argon2 from "@phi-ag/argon2";
import { hex } from "../../common/encoding.ts";

export const PASSWORD_PARAMS = {
  type: 2, // Argon2id
  version: 19, // 0x13
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
  hashLength: 32,
} as const;

/**
 * @phi-ag/argon2 passes the UTF-16 length of the password with its UTF-8 bytes, so a
 * non-ASCII password would be cut short. We hash the hex of its NFC-normalised UTF-8
 * bytes instead: plain ASCII whose length is right, and every byte of the password counts.
 */
export function passwordInput(password: string): string {
  return hex(new TextEncoder().encode(password.normalize("NFC")));
}

export function hashPassword(argon2: Argon2, password: string): string {
  return argon2.hash(passwordInput(password), PASSWORD_PARAMS).encoded;
}

export function verifyPassword(argon2: Argon2, encoded: string, password: string): boolean {
  return argon2.tryVerify(encoded, passwordInput(password)).success;
}

/**
 * Verified against when the e-mail is unknown, so that both answers cost the same time.
 * A hash of a random password nobody knows, made with PASSWORD_PARAMS.
 */
export const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$sWGOCnRx+pjG3X4c6nY5aw$R9FHjKyB+SX7vXa/sDSTwQyPu6cMDFoXSGMQmai6ESk";
