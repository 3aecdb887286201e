// Stable codes of every HTTP error answer. The client shows its own translated text for each code,
// and the server's English message only for a code it does not know yet.
export const API_ERROR_CODES = [
  /** A body, parameter or query that does not match the route's schema. */
  "invalid-input",
  "body-too-large",
  "wrong-credentials",
  /** No valid session (or ticket) for a route that needs one. */
  "unauthenticated",
  /** Too many attempts; the answer carries Retry-After. */
  "rate-limited",
  "consent-outdated",
  /** A logo that is not a PNG, JPEG or WebP image. */
  "logo-unsupported",
  /** A logo larger than MAX_LOGO_BYTES. */
  "logo-too-large",
  "appointment-over",
  /** A start more than APPOINTMENT_START_TOLERANCE_MS in the past. */
  "appointment-in-past",
  /** Under MIN_APPOINTMENT_MINUTES. */
  "appointment-too-short",
  /** Over MAX_APPOINTMENT_MINUTES. */
  "appointment-too-long",
  /** The appointment was cancelled: it can no longer be changed, nor get a new link. */
  "appointment-cancelled",
  /** The appointment already has MAX_INVITATIONS_PER_APPOINTMENT invitations. */
  "invitation-limit",
  "not-found",
  "invite-unknown",
  "invite-expired",
  "invite-revoked",
  /** The practice cancelled the appointment the link was for. */
  "invite-cancelled",
  "invite-not-yet-valid",
  /** The link is good, but the waiting room opens only the practice's minutes before the start. */
  "waiting-room-not-open",
  "cross-site",
  "not-websocket",
  "misconfigured",
  // Accounts and practices
  /** This deployment's SIGNUP setting does not allow this way of creating an account. */
  "signup-closed",
  /** Under the minimum length (schema/limits.ts MIN_PASSWORD_LENGTH). */
  "password-too-short",
  /** In the list of common passwords shipped with the project. */
  "password-too-common",
  /** The address has not been confirmed through the mailed link yet. */
  "email-unconfirmed",
  /** A mailed link (confirmation, reset, member invitation) that is unknown, forged or already used. */
  "link-invalid",
  "link-expired",
  /** The login's second step took too long or its challenge is not ours: log in again. */
  "challenge-expired",
  /** Wrong, reused or out-of-window TOTP code, or an unknown or used recovery code. */
  "totp-invalid",
  /** The practice requires two-factor authentication and this provider has not enrolled yet. */
  "totp-required",
  "totp-not-enrolled",
  "totp-already-enabled",
  /** The practice requires 2FA: it cannot be switched off. */
  "totp-mandatory",
  /** The caller is logged in but may not do this (not an admin of the practice). */
  "forbidden",
  /** The change would leave the practice without an admin. */
  "last-admin",
  /** The practice keeps as many consent text versions as allowed, each still named by a consent record. */
  "consent-versions-full",
  /** The practice has mailed as many invitations today as it may (worker/invitation-quota.ts). */
  "invitation-quota",
  /** A consent text saved with one language the practice's own and the other still Anteroom's default. */
  "consent-one-language",
  /** A practice, brand or provider name that holds a web or e-mail address (schema/text.ts). */
  "name-holds-address",
  /** A sole admin of a practice with other members must make someone else admin before deleting their account. */
  "hand-over-first",
  /** An account (or a pending invitation) with this address exists already. */
  "email-taken",
  /** The password given to confirm a change to one's own account (2FA off, deletion) is wrong. */
  "wrong-password",
  /** Too many wrong codes after a correct password: the second step is locked until a password reset. */
  "second-factor-locked",
  // Personal rooms
  /** No personal room answers at this link: unknown practice or room, switched off or renamed (one answer for all). */
  "room-unavailable",
  /** As many walk-ins wait in this room as may (schema/personal-room.ts MAX_WALK_INS_WAITING). */
  "room-full",
  /** Not a room name: lowercase letters, digits and single hyphens, 3–32 characters. */
  "room-name-invalid",
  /** A colleague in the practice uses this room name already. */
  "room-name-taken",
  /** The personal room needs the practice's short name, which its admin has not set yet. */
  "practice-short-name-missing",
  "relay-unavailable",
  /** A join code that is wrong, unknown, expired, withdrawn or cancelled: one answer for all of them. */
  "join-code-unknown",
  /** Too many wrong codes for this practice today: code entry is paused until the next day (UTC). */
  "join-code-paused",
  /** The practice has as many working join codes as allowed (MAX_LIVE_JOIN_CODES), or no short name. */
  "join-code-unavailable",
  /** Another practice has this short name. */
  "short-name-taken",
  // Sending an invitation's link (worker/routes/invitation-send.ts)
  /** Not an e-mail address that can be written into a mail's header (line breaks, no domain, …). */
  "email-invalid",
  /** Not a phone number in international (E.164) form. */
  "phone-invalid",
  /** The invitation's link was withdrawn: it can no longer be sent. */
  "invitation-withdrawn",
  /** The invitation's link has expired (the appointment is over): it can no longer be sent. */
  "invitation-expired",
  /** The link given is not this invitation's current link (a new link was issued meanwhile). */
  "invitation-link-mismatch",
  /** The mail or SMS service refused the message or did not answer in time; the link still works. */
  "delivery-failed",
  /** The reminder's time (a day or an hour before the start) has already passed. */
  "reminder-in-past",
  /** The practice has sent as many messages to patients today as it may (worker/message-quota.ts). */
  "message-quota",
  // "Invite someone" from inside a running consultation (worker/routes/consultation-invitations.ts)
  /** The consultation has ended (or reached its maximum length): nobody more can be invited into it. */
  "consultation-ended",
  /** The moderator locked the consultation: nobody more may come. */
  "consultation-locked",
  /** A walk-in's consultation has no appointment to tie an invitation to. */
  "consultation-no-appointment",
  // "Invite a colleague" (worker/routes/consultation-colleagues.ts)
  /** Five are in the call or being added: nobody more fits. */
  "consultation-full",
  /** The colleague asked to join is in the call already. */
  "colleague-in-call",
  /** No confirmed member of the caller's practice has this id (left meanwhile, or never was). */
  "colleague-not-found",
  // Device keys (worker/routes/device-keys.ts)
  /** The public key sent to register a device is not a point on the P-256 curve. */
  "device-key-invalid",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
