// The password rule, shared by sign-up, reset and accepting an invitation: at least 12 characters,
// and not one of the common passwords shipped with the project. Answered with a stable code each.
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { MIN_PASSWORD_LENGTH } from "./limits.ts";

const common = new Set(COMMON_PASSWORDS);

/** Why a password is refused, as an API error code; undefined when it is acceptable. */
export function passwordWeakness(password: string): "password-too-short" | "password-too-common" | undefined {
  // Characters as people count them, not UTF-16 units.
  if ([...password.normalize("NFC")].length < MIN_PASSWORD_LENGTH) return "password-too-short";
  if (common.has(password.normalize("NFC").toLowerCase())) return "password-too-common";
  return undefined;
}

export const PASSWORD_WEAKNESS_MESSAGES = {
  "password-too-short": `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
  "password-too-common": "This password is too common. Choose another one.",
} as const;
