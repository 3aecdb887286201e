// Sign-up: a new provider and their practice. The account works once the mailed link confirms the
// address; the answer is the same whether or not the address already has an account.
import { createSignal, Show } from "solid-js";
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PRACTICE_NAME_LENGTH } from "../../../schema/limits.ts";
import { Field } from "../forms/field.tsx";
import { Form } from "../forms/form.tsx";
import { createSubmit } from "../forms/submit.ts";
import { api } from "../shared/api.ts";
import { language, t, tf } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import { NewPasswordInput, ResendConfirmation } from "./auth-parts.tsx";

export default function Signup() {
  usePageTitle(() => "pageSignup");
  /** The address the link went to, once the sign-up was accepted. */
  const [sentTo, setSentTo] = createSignal<string>();
  const signingUp = createSubmit(async (form) => {
    const email = String(form.get("email"));
    await api.signup({
      name: String(form.get("name")),
      email,
      password: String(form.get("password")),
      practiceName: String(form.get("practice")),
      // Mails to this account are written in the language the person signed up in.
      language: language(),
    });
    setSentTo(email);
  });

  return (
    <Show
      when={sentTo()}
      fallback={
        <div class="card narrow">
          <Form
            submission={signingUp}
            submitLabel={t("signupSubmit")}
            busyLabel={t("signupSubmitting")}
            submitTestid="signup-submit"
            errorTestid="signup-error"
          >
            <h1>{t("signupTitle")}</h1>
            <p class="muted">{t("signupIntro")}</p>
            <Field
              label={t("authDisplayName")}
              name="name"
              noAddress
              required
              missingMessage={t("fieldYourName")}
              maxLength={MAX_NAME_LENGTH}
              autocomplete="name"
              data-testid="signup-name"
            />
            <Field
              label={t("email")}
              name="email"
              type="email"
              required
              maxLength={MAX_EMAIL_LENGTH}
              autocomplete="email"
              data-testid="signup-email"
            />
            <NewPasswordInput label={t("password")} testid="signup-password" />
            <Field
              label={t("signupPractice")}
              name="practice"
              noAddress
              required
              missingMessage={t("fieldPracticeName")}
              maxLength={MAX_PRACTICE_NAME_LENGTH}
              autocomplete="organization"
              data-testid="signup-practice"
            />
          </Form>
          <p class="links">
            <a href="/login">{t("signupHaveAccount")}</a>
          </p>
        </div>
      }
    >
      {(email) => (
        <div class="card narrow" data-testid="signup-done">
          <h1 tabindex="-1" ref={focusWhenShown}>
            {t("signupDoneTitle")}
          </h1>
          <p>{tf("signupDoneText", { email: email() })}</p>
          <ResendConfirmation email={email()} label={t("signupResend")} testid="signup-resend" />
        </div>
      )}
    </Show>
  );
}
