/**
 * The version of the consent text patients accept before entering a waiting room.
 * The consent record stores this version, never the text; bump it whenever the text in
 * client/src/i18n.ts changes.
 */
export const CONSENT_TEXT_VERSION = "2026-11-24.1";
