// The login challenge: after a correct password on an account with 2FA, the client gets this instead
// of a session and sends it back with the code. It is sealed (AES-256-GCM, key derived from
// TICKET_SECRET with its own HKDF info, so it can never pass for a ticket or the reverse) and carries
// its own expiry, so nothing is stored between the two steps. Sealed rather than signed: the
// provider id stays unreadable to whoever sees it.
import { base64url, fromBase64url } from "../../durable-objects/encoding.ts";

/** How long the second step may take after the password. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const IV_BYTES = 12;
/** Far longer than any real challenge; refuses absurd input before any crypto runs. */
const MAX_CHALLENGE_LENGTH = 512;
const encoder = new TextEncoder();

interface Challenge {
  providerId: string;
  /** Unix milliseconds after which the challenge is refused. */
  exp: number;
}

const keys = new Map<string, Promise<CryptoKey>>();

function key(secret: string): Promise<CryptoKey> {
  let derived = keys.get(secret);
  if (!derived) {
    derived = crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]).then((material) =>
      crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: new Uint8Array(0),
          info: encoder.encode("anteroom login challenge v1"),
        },
        material,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      ),
    );
    keys.set(secret, derived);
  }
  return derived;
}

export async function sealChallenge(secret: string, providerId: string, now = Date.now()): Promise<string> {
  const challenge: Challenge = { providerId, exp: now + CHALLENGE_TTL_MS };
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await key(secret),
    encoder.encode(JSON.stringify(challenge)),
  );
  const bytes = new Uint8Array(IV_BYTES + sealed.byteLength);
  bytes.set(iv);
  bytes.set(new Uint8Array(sealed), IV_BYTES);
  return base64url(bytes);
}

/** The provider id a challenge was sealed for, if we sealed it and it has not expired; else null. */
export async function openChallenge(secret: string, token: string, now = Date.now()): Promise<string | null> {
  if (token.length > MAX_CHALLENGE_LENGTH) return null;
  const bytes = fromBase64url(token);
  if (!bytes || bytes.length <= IV_BYTES) return null;
  let parsed: unknown;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES) },
      await key(secret),
      bytes.slice(IV_BYTES),
    );
    parsed = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { providerId, exp } = parsed as Partial<Challenge>;
  if (typeof providerId !== "string" || typeof exp !== "number" || exp <= now) return null;
  return providerId;
}
