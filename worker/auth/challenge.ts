// The login challenge: after a correct password on an account with 2FA, the client gets this instead
// of a session and sends it back with the code. It is sealed (AES-256-GCM, key derived from
// TICKET_SECRET with its own HKDF info, so it can never pass for a ticket or the reverse) and carries
// its own expiry, so nothing is stored between the two steps. Sealed rather than signed: the
// provider id stays unreadable to whoever sees it.
import { seal, unseal } from "../../common/sealed.ts";

/** How long the second step may take after the password. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Far longer than any real challenge; refuses absurd input before any crypto runs. */
const MAX_CHALLENGE_LENGTH = 512;
const PURPOSE = "anteroom login challenge v1";

interface Challenge {
  providerId: string;
  /** Unix milliseconds after which the challenge is refused. */
  exp: number;
}

export function sealChallenge(secret: string, providerId: string, now = Date.now()): Promise<string> {
  return seal(secret, PURPOSE, { providerId, exp: now + CHALLENGE_TTL_MS } satisfies Challenge);
}

/** The provider id a challenge was sealed for, if we sealed it and it has not expired; else null. */
export async function openChallenge(secret: string, token: string, now = Date.now()): Promise<string | null> {
  const opened = await unseal(secret, PURPOSE, token, MAX_CHALLENGE_LENGTH);
  if (typeof opened !== "object" || opened === null) return null;
  const { providerId, exp } = opened as Partial<Challenge>;
  if (typeof providerId !== "string" || typeof exp !== "number" || exp <= now) return null;
  return providerId;
}
