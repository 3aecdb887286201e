// The provider's login: e-mail and password, then (for an account with 2FA) a code from the
// authenticator app or one of the recovery codes.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import type { ProviderView } from "../../../schema/api-types.ts";
import { MAX_EMAIL_LENGTH } from "../../../schema/limits.ts";
import { ApiError, api } from "../api.ts";
import { pageAfterLogin, ResendConfirmation } from "../auth-parts.tsx";
import { describeError } from "../form.ts";
import { t } from "../i18n.ts";
import { focusWhenShown, usePageTitle } from "../page.ts";

type Step = { name: "password" } | { name: "second-factor"; challenge: string; recovery: boolean };

export default function Login() {
  const navigate = useNavigate();
  usePageTitle(() => "pageLogin");
  const [step, setStep] = createSignal<Step>({ name: "password" });
  const [email, setEmail] = createSignal("");
  const [error, setError] = createSignal<string>();
  /** The password was right but the address is not confirmed yet: offer the link again. */
  const [unconfirmed, setUnconfirmed] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  // Shown at once and hidden only when the server says sign-up is not open: the link never waits on a
  // request, and a failed request leaves it (the sign-up page then explains any refusal).
  const [signupSettings] = createResource(() => api.signupSettings().catch(() => undefined));
  const signupOpen = () => signupSettings()?.mode !== "invite" && signupSettings()?.mode !== "closed";
  /** Sent back from the second step: the password field takes the focus (the e-mail is still filled in). */
  let returned = false;

  const enter = (provider: ProviderView) => navigate(pageAfterLogin(provider), { replace: true });

  async function attempt(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    setUnconfirmed(false);
    try {
      await action();
    } catch (e) {
      // Back to the first step, where "Forgot password?" is: the way out of a lock, and a new login.
      if (e instanceof ApiError && (e.code === "challenge-expired" || e.code === "second-factor-locked")) {
        backToPassword();
      }
      setUnconfirmed(e instanceof ApiError && e.code === "email-unconfirmed");
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  function backToPassword() {
    returned = true;
    setStep({ name: "password" });
  }

  function logIn(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setEmail(String(form.get("email")));
    return attempt(async () => {
      const result = await api.login(email(), String(form.get("password")));
      if ("challenge" in result) setStep({ name: "second-factor", challenge: result.challenge, recovery: false });
      else enter(result);
    });
  }

  function proveSecondFactor(event: SubmitEvent) {
    event.preventDefault();
    const current = step();
    if (current.name !== "second-factor") return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    return attempt(async () => {
      // Apps show codes as "123 456" and people paste recovery codes with spaces around them.
      const provider = current.recovery
        ? await api.secondFactor({
            challenge: current.challenge,
            recoveryCode: String(form.get("recoveryCode")).trim(),
          })
        : await api.secondFactor({ challenge: current.challenge, code: String(form.get("code")).replace(/\s/g, "") });
      enter(provider);
    });
  }

  function switchToRecovery(recovery: boolean) {
    const current = step();
    if (current.name !== "second-factor") return;
    setError(undefined);
    setStep({ ...current, recovery });
  }

  const errorMessage = () => (
    <Show when={error()}>
      <p class="error" role="alert" data-testid="login-error">
        {error()}
      </p>
      <Show when={unconfirmed()}>
        <ResendConfirmation email={email()} label={t("loginResendConfirmation")} />
      </Show>
    </Show>
  );

  return (
    <div class="card narrow">
      <Switch>
        <Match when={step().name === "password"}>
          <form onSubmit={logIn}>
            <h1>{t("loginTitle")}</h1>
            <label>
              {t("email")}
              <input
                name="email"
                type="email"
                autocomplete="username"
                required
                maxLength={MAX_EMAIL_LENGTH}
                value={email()}
                data-testid="login-email"
              />
            </label>
            <label>
              {t("password")}
              <input
                name="password"
                type="password"
                autocomplete="current-password"
                required
                data-testid="login-password"
                ref={(input) => {
                  if (returned) focusWhenShown(input);
                }}
              />
            </label>
            {errorMessage()}
            <button type="submit" disabled={busy()} data-testid="login-submit">
              {busy() ? t("loggingIn") : t("logIn")}
            </button>
          </form>
          <p class="links">
            <a href="/forgot-password" data-testid="forgot-password">
              {t("loginForgotPassword")}
            </a>
            <Show when={signupOpen()}>
              <a href="/signup" data-testid="signup-link">
                {t("loginSignupLink")}
              </a>
            </Show>
          </p>
        </Match>
        <Match when={step().name === "second-factor" && (step() as Extract<Step, { name: "second-factor" }>)}>
          {(second) => (
            <form onSubmit={proveSecondFactor}>
              <h1>{t("loginTotpTitle")}</h1>
              <Show
                when={second().recovery}
                fallback={
                  <>
                    <p id="login-totp-prompt">{t("loginTotpPrompt")}</p>
                    <label>
                      {t("loginTotpCode")}
                      <input
                        name="code"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        required
                        maxLength={12}
                        aria-describedby="login-totp-prompt"
                        data-testid="login-totp"
                        ref={focusWhenShown}
                      />
                    </label>
                  </>
                }
              >
                <p id="login-recovery-prompt">{t("loginRecoveryPrompt")}</p>
                <label>
                  {t("loginRecoveryCode")}
                  <input
                    name="recoveryCode"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck={false}
                    required
                    maxLength={40}
                    aria-describedby="login-recovery-prompt"
                    data-testid="login-recovery"
                    ref={focusWhenShown}
                  />
                </label>
              </Show>
              {errorMessage()}
              <div class="row wrap">
                <button type="submit" disabled={busy()} data-testid="login-totp-submit">
                  {busy() ? t("loginVerifying") : t("loginVerify")}
                </button>
                <Show
                  when={second().recovery}
                  fallback={
                    <button
                      type="button"
                      class="link"
                      onClick={() => switchToRecovery(true)}
                      data-testid="login-use-recovery"
                    >
                      {t("loginUseRecovery")}
                    </button>
                  }
                >
                  <button
                    type="button"
                    class="link"
                    onClick={() => switchToRecovery(false)}
                    data-testid="login-use-totp"
                  >
                    {t("loginUseTotp")}
                  </button>
                </Show>
              </div>
              <button type="button" class="link" onClick={backToPassword}>
                {t("loginStartOver")}
              </button>
            </form>
          )}
        </Match>
      </Switch>
    </div>
  );
}
