// A name sealed in the patient's browser to the practice's device keys (issue 25): what the server
// receives, stores nowhere and relays. The limits are checked before anything tries to open it, so a
// huge or malformed box is refused as data, never parsed further.
import * as z from "zod/mini";

/** A name is at most this many characters before sealing (the join page's own limit is lower). */
export const MAX_SEALED_NAME_CHARS = 200;
/**
 * Devices a name can be sealed to at once: every member's devices of a shared practice room, the most
 * recently used first. Bounded so that a waiting ticket carrying the box stays a few kilobytes.
 */
export const MAX_SEAL_RECIPIENTS = 32;

/** base64url without padding, bounded. */
const b64url = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9_-]+$/));

export const SealedKeyId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));

/**
 * Version 1: one ephemeral P-256 key (`epk`, raw, 65 bytes), a random content key that encrypts the name
 * with AES-GCM (`iv`, `ct`), and that content key wrapped once per device key (`to`): AES-GCM under a key
 * HKDF derives from the ECDH secret, with the device's key id and the binding (invitation and purpose) in
 * its info, so a box copied to another invitation or purpose does not open.
 */
export const SealedName = z.object({
  v: z.literal(1),
  epk: b64url(100),
  iv: b64url(20),
  // 200 characters of up to 4 bytes each, plus the 16-byte tag, in base64url.
  ct: b64url(1100),
  to: z
    .array(z.object({ kid: SealedKeyId, iv: b64url(20), key: b64url(80) }))
    .check(z.minLength(1), z.maxLength(MAX_SEAL_RECIPIENTS)),
});
export type SealedName = z.infer<typeof SealedName>;

/**
 * A link's key commitment as it follows `#k=` (client/src/shared/key-commitment.ts): one 16-character
 * hash per device key of the practice, joined by dots; at most MAX_SEAL_RECIPIENTS of them.
 */
export const KEY_COMMITMENT_PATTERN = /^[A-Za-z0-9_-]{16}(\.[A-Za-z0-9_-]{16}){0,31}$/;

/** A device key a name is sealed to: its id and its raw P-256 public key (65 bytes, base64url). */
export const SealKey = z.object({ kid: SealedKeyId, publicKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/)) });
export type SealKey = z.infer<typeof SealKey>;

export const SealPurpose = z.enum(["patient-name", "guest-name", "notice"]);
export type SealPurpose = z.infer<typeof SealPurpose>;

/**
 * A guest's name (someone who came through a labelled invitation: an interpreter, a relative) is sealed as
 * one, the patient's as theirs: the same rule as who is a guest in the call (an invitation labelled
 * "patient" is the patient's own). Both the room and the dashboard read it from the invitation's label.
 */
export const sealPurposeOf = (label: string | undefined): SealPurpose =>
  label === undefined || label === "patient" ? "patient-name" : "guest-name";

/** What a sealed name is bound to: it opens only for the same invitation and the same purpose. */
export interface SealBinding {
  /** The invitation (or walk-in link) the name was typed for. */
  invitation: string;
  /** What the text is: the patient's name, a guest's name, a notice to the practice. */
  purpose: SealPurpose;
}
