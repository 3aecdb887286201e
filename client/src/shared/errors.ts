// What to tell a person about a failed request. Pure (no translations loaded here) so the rules can be
// tested; forms/submit.ts turns the answer into text in the page's language.
import type { ApiErrorCode } from "../../../schema/errors.ts";
import { ApiError } from "./api.ts";
import type { MessageKey } from "./i18n.ts";

export type ErrorExplanation =
  | { key: MessageKey }
  /** Rate-limited, with the server's Retry-After. */
  | { key: "rateLimitedFor"; waitSeconds: number }
  /** A refusal this page has no words for yet: the server's own (English) message. */
  | { serverMessage: string };

/** Our own words for every code the server answers with; faults on our side all read the same. */
const errorText: Record<Exclude<ApiErrorCode, "rate-limited">, MessageKey> = {
  "invalid-input": "invalidInput",
  "body-too-large": "bodyTooLarge",
  "wrong-credentials": "wrongCredentials",
  unauthenticated: "unauthenticated",
  "consent-outdated": "consentOutdated",
  "logo-unsupported": "errLogoUnsupported",
  "logo-too-large": "errLogoTooLarge",
  "appointment-over": "appointmentOver",
  "appointment-in-past": "errAppointmentInPast",
  "appointment-too-short": "errAppointmentTooShort",
  "appointment-too-long": "errAppointmentTooLong",
  "appointment-cancelled": "errAppointmentCancelled",
  "invitation-limit": "errInvitationLimit",
  "not-found": "notFoundThing",
  "invite-unknown": "inviteUnknown",
  "invite-expired": "inviteExpired",
  "invite-revoked": "inviteRevoked",
  "invite-cancelled": "appointmentCancelled",
  "invite-not-yet-valid": "inviteNotYetValid",
  "waiting-room-not-open": "waitingRoomNotOpen",
  "cross-site": "crossSite",
  "not-websocket": "errorGeneric",
  misconfigured: "errorGeneric",
  "relay-unavailable": "relayUnavailable",
  "room-unavailable": "roomUnavailable",
  "room-full": "roomFull",
  "room-name-invalid": "errRoomNameInvalid",
  "room-name-taken": "errRoomNameTaken",
  "practice-short-name-missing": "personalRoomNeedsShortName",
  internal: "errorGeneric",
  "signup-closed": "errSignupClosed",
  "password-too-short": "errPasswordTooShort",
  "password-too-common": "errPasswordTooCommon",
  "email-unconfirmed": "errEmailUnconfirmed",
  "link-invalid": "errLinkInvalid",
  "link-expired": "errLinkExpired",
  "challenge-expired": "errChallengeExpired",
  "totp-invalid": "errTotpInvalid",
  "totp-required": "errTotpRequired",
  "totp-not-enrolled": "errTotpNotEnrolled",
  "totp-already-enabled": "errTotpAlreadyEnabled",
  "totp-mandatory": "errTotpMandatory",
  forbidden: "errForbidden",
  "last-admin": "errLastAdmin",
  "consent-versions-full": "errConsentVersionsFull",
  "invitation-quota": "errInvitationQuota",
  "consent-one-language": "errConsentOneLanguage",
  "name-holds-address": "errNameHoldsAddress",
  "hand-over-first": "errHandOverFirst",
  "email-taken": "errEmailTaken",
  "wrong-password": "errWrongPassword",
  "second-factor-locked": "errSecondFactorLocked",
  // Words loaded with the parts that meet these codes (patient/i18n-join-code.ts, provider/i18n-codes.ts).
  "join-code-unknown": "joinCodeWrong",
  "join-code-paused": "joinCodePaused",
  "join-code-unavailable": "errJoinCodeUnavailable",
  "short-name-taken": "errShortNameTaken",
  "email-invalid": "errEmailInvalid",
  "phone-invalid": "errPhoneInvalid",
  "invitation-withdrawn": "errInvitationWithdrawn",
  "invitation-expired": "errInvitationExpired",
  "invitation-link-mismatch": "errInvitationLinkMismatch",
  "delivery-failed": "errDeliveryFailed",
  "reminder-in-past": "errReminderInPast",
  "message-quota": "errMessageQuota",
  // Words loaded with the call's "Invite someone" and "Invite a colleague" panels (call/invite/i18n-call-invite.ts);
  // a colleague's dashboard says its own words when a join is refused (waiting/call-request.tsx).
  "consultation-ended": "callInviteEnded",
  "consultation-locked": "callInviteLocked",
  "consultation-no-appointment": "callInviteNoAppointment",
  "consultation-full": "callInviteFull",
  "colleague-in-call": "colleagueInCall",
  "colleague-not-found": "colleagueNotFound",
  "device-key-invalid": "errDeviceKeyInvalid",
};

/** Our text for a code we know; the server's message for a refusal we do not; generic for the rest. */
export function explainError(error: unknown): ErrorExplanation {
  if (!(error instanceof ApiError)) return { key: "errorGeneric" };
  if (error.code === "rate-limited") {
    return error.retryAfterSeconds === undefined
      ? { key: "rateLimited" }
      : { key: "rateLimitedFor", waitSeconds: error.retryAfterSeconds };
  }
  if (error.code) return { key: errorText[error.code] };
  return error.status < 500 ? { serverMessage: error.message } : { key: "errorGeneric" };
}
