// Limits shared by the server's schemas and the client's forms. Plain numbers, no zod: the client
// imports this file without pulling in a validation library.

/** A patient's or provider's display name. */
export const MAX_NAME_LENGTH = 60;
/** An appointment's title (the provider's own label). */
export const MAX_TITLE_LENGTH = 200;
export const MIN_APPOINTMENT_MINUTES = 5;
export const MAX_APPOINTMENT_MINUTES = 8 * 60;
/** The practice's note on an appointment: a line or two for the receptionist, not a medical record. */
export const MAX_APPOINTMENT_NOTE_LENGTH = 500;
/** An invitation's label ("interpreter", "daughter"): a word or two beside the patient's name. */
export const MAX_INVITATION_LABEL_LENGTH = 40;
/** Invitations per appointment: the patient, a relative, an interpreter, a colleague, and room to spare. */
export const MAX_INVITATIONS_PER_APPOINTMENT = 10;
/** A start this far in the past is still accepted: the form rounds to the minute, and clocks differ. */
export const APPOINTMENT_START_TOLERANCE_MS = 5 * 60_000;
/** Every HTTP body above this is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Passwords shorter than this are refused; so are common ones (schema/common-passwords.ts). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PRACTICE_NAME_LENGTH = 100;
/** The practice's contact line on patient pages. */
export const MAX_CONTACT_LINE_LENGTH = 200;
/** A practice logo's size: small enough for a phone on a poor line, and under the API's body limit. */
export const MAX_LOGO_BYTES = 48 * 1024;
/** Practices choose how long appointments are kept after they end, up to docs/DATA.md's maximum. */
export const MIN_APPOINTMENT_RETENTION_DAYS = 1;
export const MAX_APPOINTMENT_RETENTION_DAYS = 30;
/** A consultation's maximum length, a practice setting: 2 hours unless the practice chooses otherwise. */
export const DEFAULT_CONSULTATION_LIMIT_MINUTES = 120;
export const MIN_CONSULTATION_LIMIT_MINUTES = 15;
export const MAX_CONSULTATION_LIMIT_MINUTES = 8 * 60;
/** Everyone in a consultation is warned this long before it reaches its maximum length. */
export const CONSULTATION_WARNING_MS = 5 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong second-factor codes in a row after which only a password reset lets the account log in. */
export const SECOND_FACTOR_LOCK_AFTER = 10;

// ---- the waiting room ----
/** A practice's message to everyone waiting ("running about 10 minutes late"). */
export const MAX_STATUS_MESSAGE_LENGTH = 280;
/** A one-way notice to one patient, or the message with a deny or a hold. */
export const MAX_NOTICE_LENGTH = 500;
/** A patient who drops (reload, network change, closed lid) keeps their place this long. */
export const WAITING_GRACE_MS = 2 * 60 * 1000;
/** Patients waiting longer than this (a practice setting) are told and removed. */
export const DEFAULT_WAITING_IDLE_LIMIT_MINUTES = 180;
export const MIN_WAITING_IDLE_LIMIT_MINUTES = 15;
export const MAX_WAITING_IDLE_LIMIT_MINUTES = 12 * 60;
/** After a deny, the same link may ask again only after this pause (a practice setting). */
export const DEFAULT_DENY_PAUSE_MINUTES = 5;
export const MIN_DENY_PAUSE_MINUTES = 0;
export const MAX_DENY_PAUSE_MINUTES = 24 * 60;
/** A patient's link works until the appointment's scheduled end plus this grace (a practice setting). */
export const DEFAULT_INVITE_GRACE_MINUTES = 30;
export const MIN_INVITE_GRACE_MINUTES = 0;
export const MAX_INVITE_GRACE_MINUTES = 4 * 60;
/** The waiting room opens this many minutes before an appointment's start (a practice setting). */
export const DEFAULT_WAITING_ROOM_OPENS_MINUTES = 15;
export const MIN_WAITING_ROOM_OPENS_MINUTES = 0;
export const MAX_WAITING_ROOM_OPENS_MINUTES = 120;
/** A join code works at most this long after it was made (and never after its invitation's link). */
export const JOIN_CODE_VALID_MS = 7 * 24 * 60 * 60_000;
/**
 * Codes a practice may have working at once. With MAX_WRONG_JOIN_CODES_PER_DAY this bounds the odds of
 * guessing any of them (README: join codes): 10 × 100 / 1,000,000 = 1 in 1,000 a day.
 */
export const MAX_LIVE_JOIN_CODES = 100;
/** Wrong codes typed for one practice in a day (UTC) before code entry pauses for it until the next day. */
export const MAX_WRONG_JOIN_CODES_PER_DAY = 10;
