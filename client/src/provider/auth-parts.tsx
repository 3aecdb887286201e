// Pieces shared by the screens a person uses without a session: sign-up, login, confirm, reset and
// joining a practice. Only those (lazily loaded) screens import this, never the patient's path.
import { createSignal, type JSX, Show } from "solid-js";
import type { ProviderView } from "../../../schema/api-types.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../../schema/limits.ts";
import { Field } from "../forms/field.tsx";
import { describeError } from "../forms/submit.ts";
import { ApiError, api } from "../shared/api.ts";
import { t, tf } from "../shared/i18n.ts";
import { focusWhenShown } from "../shared/page.ts";

/** Where a provider goes once logged in: a practice that requires 2FA lets them only enrol until they do. */
export function pageAfterLogin(provider: ProviderView): string {
  return provider.mustEnrolTotp ? "/account" : "/dashboard";
}

export type LinkProblemCode = "link-invalid" | "link-expired";

/** Whether a refusal is about the mailed link itself (rather than, say, a weak password or a rate limit). */
export function linkProblemOf(error: unknown): LinkProblemCode | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.code === "link-invalid" || error.code === "link-expired" ? error.code : undefined;
}

/** A new password's field with the rule it must meet, read out with the field. */
export function NewPasswordInput(props: { label: string; testid: string }) {
  return (
    <Field
      label={props.label}
      hint={tf("authPasswordHint", { min: String(MIN_PASSWORD_LENGTH) })}
      name="password"
      type="password"
      autocomplete="new-password"
      required
      minLength={MIN_PASSWORD_LENGTH}
      maxLength={MAX_PASSWORD_LENGTH}
      data-testid={props.testid}
    />
  );
}

/** The page for a mailed link that is unknown, used or expired: what happened, and what to do next. */
export function LinkProblem(props: { code: LinkProblemCode; children?: JSX.Element }) {
  return (
    <div class="card narrow" data-testid="link-problem" data-code={props.code}>
      <div role="alert">
        <h1 tabindex="-1" ref={focusWhenShown}>
          {t("authLinkProblemTitle")}
        </h1>
        <p>{t(props.code === "link-expired" ? "errLinkExpired" : "errLinkInvalid")}</p>
      </div>
      {props.children}
    </div>
  );
}

/** "Send the confirmation link again" for an address the page already knows, with what came of it. */
export function ResendConfirmation(props: { email: string; label: string; testid?: string }) {
  const [state, setState] = createSignal<"idle" | "busy" | "sent">("idle");
  const [error, setError] = createSignal<string>();
  async function resend() {
    setState("busy");
    setError(undefined);
    try {
      await api.resendConfirmation(props.email);
      setState("sent");
    } catch (e) {
      setError(describeError(e));
      setState("idle");
    }
  }
  return (
    <div class="resend">
      <button type="button" class="secondary" disabled={state() === "busy"} onClick={resend} data-testid={props.testid}>
        {state() === "busy" ? t("authSending") : props.label}
      </button>
      <Show when={state() === "sent"}>
        <p class="ok" role="status">
          {t("authLinkSent")}
        </p>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}

/**
 * A mailed link's request failed for a reason other than the link (network, rate limit). "Try again"
 * repeats the request, not a reload: the token is no longer in the address bar, only in this page.
 */
export function RetryPanel(props: { message: string; retry(): void }) {
  return (
    <div class="card narrow">
      <p class="error" role="alert">
        {props.message}
      </p>
      <button type="button" onClick={() => props.retry()}>
        {t("retry")}
      </button>
    </div>
  );
}
