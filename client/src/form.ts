import { createSignal } from "solid-js";
import type { ApiErrorCode } from "../../schema/errors.ts";
import { ApiError } from "./api.ts";
import { formatWait, type MessageKey, t, tf } from "./i18n.ts";

/** Our own words for every code the server answers with; faults on our side all read the same. */
const errorText: Record<Exclude<ApiErrorCode, "rate-limited">, MessageKey> = {
  "invalid-input": "invalidInput",
  "body-too-large": "bodyTooLarge",
  "wrong-credentials": "wrongCredentials",
  unauthenticated: "unauthenticated",
  "consent-outdated": "consentOutdated",
  "appointment-over": "appointmentOver",
  "not-found": "notFoundThing",
  "invite-unknown": "inviteUnknown",
  "invite-expired": "inviteExpired",
  "invite-revoked": "inviteRevoked",
  "invite-not-yet-valid": "inviteNotYetValid",
  "cross-site": "crossSite",
  "not-websocket": "errorGeneric",
  misconfigured: "errorGeneric",
  "relay-unavailable": "relayUnavailable",
  internal: "errorGeneric",
};

/**
 * What to tell the person about a failed request, in their language: our text for a code we know,
 * the server's (English) message for a refusal we do not know yet, and a generic text for the rest.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t("errorGeneric");
  if (error.code === "rate-limited") {
    return error.retryAfterSeconds === undefined
      ? t("rateLimited")
      : tf("rateLimitedFor", { wait: formatWait(error.retryAfterSeconds) });
  }
  if (error.code) return t(errorText[error.code]);
  return error.status < 500 ? error.message : t("errorGeneric");
}

/** A form's submit handler with its busy and error states. */
export function createSubmit(action: (form: FormData) => Promise<unknown>) {
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      await action(form);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, submit };
}
