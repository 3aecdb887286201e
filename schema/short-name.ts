// A practice's short name: the start of its join codes ("mueller 482 913") and of its members'
// personal-room links. Shared by the worker, the practice page and the patient's /join page (zod/mini,
// so the client pays little for it).
//
// The rule: lowercase a–z and 0–9, 3 to 16 characters, starting with a letter. No hyphen: a patient types
// the code on a phone with spaces or hyphens wherever they like, and those are ignored, so a hyphen inside
// the name could never be told from one typed between name and digits. Lowercase only: no I/l confusion,
// and a patient's keyboard capitalising the first letter does not matter (input is lowercased).
import * as z from "zod/mini";

export const MIN_SHORT_NAME_LENGTH = 3;
export const MAX_SHORT_NAME_LENGTH = 16;
/** A join code's digits after the short name. */
export const JOIN_CODE_DIGITS = 6;

/** The rule as a pattern, for the server's classic-zod schemas (schema/api-accounts.ts). */
export const SHORT_NAME_PATTERN = /^[a-z][a-z0-9]{2,15}$/;
export const SHORT_NAME_MESSAGE = "3 to 16 lowercase letters or digits, a letter first.";

export const ShortName = z.string().check(z.regex(SHORT_NAME_PATTERN, SHORT_NAME_MESSAGE));

export const isShortName = (text: string) => SHORT_NAME_PATTERN.test(text);

/** German letters as they are spelt without them, and other accents dropped: "Müller & Söhne" → "muellersoehne". */
export function transliterate(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("ä", "ae")
    .replaceAll("ö", "oe")
    .replaceAll("ü", "ue")
    .replaceAll("ß", "ss")
    .normalize("NFKD")
    .replace(/[^a-z0-9]/g, "");
}

/**
 * A valid short name made from a practice's name (not yet checked for uniqueness): transliterated, cut,
 * a letter first, and long enough. "Dr. Müller" → "drmueller".
 */
export function shortNameFrom(name: string): string {
  const letters = transliterate(name).replace(/^[0-9]+/, "");
  const base = letters.length >= MIN_SHORT_NAME_LENGTH ? letters : `praxis${letters}`;
  return base.slice(0, MAX_SHORT_NAME_LENGTH);
}

/** The n-th alternative to a taken short name (n ≥ 2): digits at the end, the name cut to fit. */
export function shortNameVariant(base: string, n: number): string {
  const suffix = String(n);
  return base.slice(0, MAX_SHORT_NAME_LENGTH - suffix.length) + suffix;
}

/**
 * A typed join code as short name and digits, or undefined when it cannot be one. Case, spaces, hyphens,
 * dots and umlauts are forgiven ("Müller 482-913" → mueller, 482913): the last six digits are the code,
 * everything before them the name, so a name may end in a digit.
 */
export function parseJoinCode(typed: string): { shortName: string; digits: string } | undefined {
  const plain = transliterate(typed.trim());
  const digits = plain.slice(-JOIN_CODE_DIGITS);
  const shortName = plain.slice(0, -JOIN_CODE_DIGITS);
  if (!/^[0-9]{6}$/.test(digits) || !isShortName(shortName)) return undefined;
  return { shortName, digits };
}

/** How a code is shown to the practice: "mueller 482 913". */
export const formatJoinCode = (shortName: string, digits: string) =>
  `${shortName} ${digits.slice(0, 3)} ${digits.slice(3)}`;
