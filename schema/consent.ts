// The consent patients accept before entering a waiting room: Anteroom's default text, or the
// practice's own, versioned. The consent record stores the version, never the text. No zod here:
// the client imports this file.

/** The default text's version; bump it whenever DEFAULT_CONSENT_TEXT changes. */
export const CONSENT_TEXT_VERSION = "2026-11-24.1";

export const DEFAULT_CONSENT_TEXT = {
  en: "I agree to a video consultation. The call is end-to-end encrypted and peer to peer; it is not recorded, and no content of it is stored.",
  de: "Ich willige in eine Videosprechstunde ein. Das Gespräch ist Ende-zu-Ende-verschlüsselt und läuft direkt zwischen den Geräten; es wird nicht aufgezeichnet, und keine Inhalte werden gespeichert.",
} as const;

/** A practice's text, in each language: long enough for a real consent form, short enough to read. */
export const MAX_CONSENT_TEXT_LENGTH = 4000;

/** The version a consent record names for a practice's own text number n. */
export const practiceConsentVersion = (n: number) => `practice-${n}`;
