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
  "appointment-over",
  "not-found",
  "invite-unknown",
  "invite-expired",
  "invite-revoked",
  "invite-not-yet-valid",
  "cross-site",
  "not-websocket",
  "misconfigured",
  "relay-unavailable",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
