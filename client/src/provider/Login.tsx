// The provider's login: e-mail and password, then (for an account with 2FA) a code from the
// authenticator app or one of the recovery codes.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import type { ProviderView } from "../../../schema/api-types.ts";
import { MAX_EMAIL_LENGTH } from "../../../schema/limits.ts";
import { Field } from "../forms/field.tsx";
import { Form } from "../forms/form.tsx";
import { createSubmit } from "../forms/submit.ts";
import { ApiError, api } from "../shared/api.ts";
import { t } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import { pageAfterLogin, ResendConfirmation } from "./auth-parts.tsx";
import "../patient/i18n-join-code.ts";

type SecondFactor = { name: "second-factor"; challenge: string; recovery: boolean };
type Step = { name: "password" } | SecondFactor;

export default function Login() {
  const navigate = useNavigate();
  usePageTitle(() => "pageLogin");
  const [step, setStep] = createSignal<Step>({ name: "password" });
  const [email, setEmail] = createSignal("");
  /** The password was right but the address is not confirmed yet: offer the link again. */
  const [unconfirmed, setUnconfirmed] = createSignal(false);
  // Shown at once and hidden only when the server says sign-up is not open: the link never waits on a
  // request, and a failed request leaves it (the sign-up page then explains any refusal).
  const [signupSettings] = createResource(() => api.signupSettings().catch(() => undefined));
  const signupOpen = () => signupSettings()?.mode !== "invite" && signupSettings()?.mode !== "closed";
  /** Sent back from the second step: the password field takes the focus (the e-mail is still filled in). */
  let returned = false;

  const enter = (provider: ProviderView) => navigate(pageAfterLogin(provider), { replace: true });

  // One submission for both steps: a refusal of the second step that sends the person back to the first
  // (expired, locked) is still shown there.
  const attempt = createSubmit(async (form) => {
    setUnconfirmed(false);
    try {
      const current = step();
      if (current.name === "password") await logIn(form);
      else await proveSecondFactor(current, form);
    } catch (e) {
      // Back to the first step, where "Forgot password?" is: the way out of a lock, and a new login.
      if (e instanceof ApiError && (e.code === "challenge-expired" || e.code === "second-factor-locked")) {
        backToPassword();
      }
      setUnconfirmed(e instanceof ApiError && e.code === "email-unconfirmed");
      throw e;
    }
  });

  function backToPassword() {
    returned = true;
    setStep({ name: "password" });
  }

  async function logIn(form: FormData) {
    setEmail(String(form.get("email")));
    const result = await api.login(email(), String(form.get("password")));
    if ("challenge" in result) setStep({ name: "second-factor", challenge: result.challenge, recovery: false });
    else enter(result);
  }

  async function proveSecondFactor(current: SecondFactor, form: FormData) {
    // Apps show codes as "123 456" and people paste recovery codes with spaces around them.
    const provider = current.recovery
      ? await api.secondFactor({
          challenge: current.challenge,
          recoveryCode: String(form.get("recoveryCode")).trim(),
        })
      : await api.secondFactor({ challenge: current.challenge, code: String(form.get("code")).replace(/\s/g, "") });
    enter(provider);
  }

  function switchToRecovery(recovery: boolean) {
    const current = step();
    if (current.name !== "second-factor") return;
    attempt.setError(undefined);
    setStep({ ...current, recovery });
  }

  const resend = () => (
    <Show when={unconfirmed()}>
      <ResendConfirmation email={email()} label={t("loginResendConfirmation")} />
    </Show>
  );

  return (
    <div class="card narrow">
      <Switch>
        <Match when={step().name === "password"}>
          <Form
            submission={attempt}
            submitLabel={t("logIn")}
            busyLabel={t("loggingIn")}
            submitTestid="login-submit"
            errorTestid="login-error"
            errorDetail={resend()}
          >
            <h1>{t("loginTitle")}</h1>
            <Field
              label={t("email")}
              name="email"
              type="email"
              autocomplete="username"
              required
              maxLength={MAX_EMAIL_LENGTH}
              value={email()}
              data-testid="login-email"
            />
            <Field
              label={t("password")}
              name="password"
              type="password"
              autocomplete="current-password"
              required
              data-testid="login-password"
              ref={(input: HTMLInputElement) => {
                if (returned) focusWhenShown(input);
              }}
            />
          </Form>
          <p class="links">
            <a href="/forgot-password" data-testid="forgot-password">
              {t("loginForgotPassword")}
            </a>
            <a href="/join" data-testid="join-code-link">
              {t("joinCodeLoginLink")}
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
            <>
              <Form
                submission={attempt}
                submitLabel={t("loginVerify")}
                busyLabel={t("loginVerifying")}
                submitTestid="login-totp-submit"
                errorTestid="login-error"
                errorDetail={resend()}
                actions={
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
                }
              >
                <h1>{t("loginTotpTitle")}</h1>
                <Show
                  when={second().recovery}
                  fallback={
                    <>
                      <p id="login-totp-prompt">{t("loginTotpPrompt")}</p>
                      <Field
                        label={t("loginTotpCode")}
                        name="code"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        required
                        missingMessage={t("fieldSixDigits")}
                        maxLength={12}
                        aria-describedby="login-totp-prompt"
                        data-testid="login-totp"
                        ref={focusWhenShown}
                      />
                    </>
                  }
                >
                  <p id="login-recovery-prompt">{t("loginRecoveryPrompt")}</p>
                  <Field
                    label={t("loginRecoveryCode")}
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
                </Show>
              </Form>
              <button type="button" class="link" onClick={backToPassword}>
                {t("loginStartOver")}
              </button>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
