// "Forgot your password?": asks for a reset link. The answer never says whether the address has an account.
import { createSignal, Show } from "solid-js";
import { MAX_EMAIL_LENGTH } from "../../../schema/limits.ts";
import { Field } from "../forms/field.tsx";
import { Form } from "../forms/form.tsx";
import { createSubmit } from "../forms/submit.ts";
import { api } from "../shared/api.ts";
import { t } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";

export default function ForgotPassword() {
  usePageTitle(() => "pageForgotPassword");
  const [sent, setSent] = createSignal(false);
  const sending = createSubmit(async (form) => {
    await api.forgotPassword(String(form.get("email")));
    setSent(true);
  });

  return (
    <Show
      when={sent()}
      fallback={
        <div class="card narrow">
          <Form
            submission={sending}
            submitLabel={t("forgotSubmit")}
            busyLabel={t("authSending")}
            submitTestid="forgot-submit"
            errorTestid="forgot-error"
          >
            <h1>{t("forgotTitle")}</h1>
            <p class="muted">{t("forgotIntro")}</p>
            <Field
              label={t("email")}
              name="email"
              type="email"
              required
              maxLength={MAX_EMAIL_LENGTH}
              autocomplete="username"
              data-testid="forgot-email"
            />
          </Form>
          <p class="links">
            <a href="/login">{t("loginStartOver")}</a>
          </p>
        </div>
      }
    >
      <div class="card narrow" data-testid="forgot-done">
        <h1 tabindex="-1" ref={focusWhenShown}>
          {t("forgotDoneTitle")}
        </h1>
        <p>{t("forgotDoneText")}</p>
        <p>
          <a href="/login">{t("authGoToLogin")}</a>
        </p>
      </div>
    </Show>
  );
}
