// /reset#token: choose a new password from the mailed link. The operator's "set your password" mail
// for a practice's first admin lands here too, hence "choose your password" rather than "reset".
import { createSignal, Match, Switch } from "solid-js";
import { Form } from "../forms/form.tsx";
import { createSubmit } from "../forms/submit.ts";
import { api } from "../shared/api.ts";
import { t } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import { LinkProblem, type LinkProblemCode, linkProblemOf, NewPasswordInput } from "./auth-parts.tsx";
import { takeLinkToken } from "./link-token.ts";

export default function ResetPassword() {
  usePageTitle(() => "pageResetPassword");
  const token = takeLinkToken();
  // There is no look-up for a reset link: an unknown or expired one shows when the password is sent.
  const [problem, setProblem] = createSignal<LinkProblemCode | undefined>(token ? undefined : "link-invalid");
  const [done, setDone] = createSignal(false);
  const saving = createSubmit(async (form) => {
    try {
      await api.resetPassword(token ?? "", String(form.get("password")));
      setDone(true);
    } catch (e) {
      const link = linkProblemOf(e);
      if (!link) throw e;
      setProblem(link);
    }
  });

  return (
    <Switch>
      <Match when={problem()}>
        {(code) => (
          <LinkProblem code={code()}>
            <p>
              <a href="/forgot-password">{t("resetNewLink")}</a>
            </p>
          </LinkProblem>
        )}
      </Match>
      <Match when={done()}>
        <div class="card narrow" data-testid="reset-done">
          <h1 tabindex="-1" ref={focusWhenShown}>
            {t("resetDoneTitle")}
          </h1>
          <p>{t("resetDoneText")}</p>
          <p>
            <a href="/login">{t("authGoToLogin")}</a>
          </p>
        </div>
      </Match>
      <Match when={!done()}>
        <Form
          class="card narrow"
          submission={saving}
          submitLabel={t("resetSubmit")}
          busyLabel={t("resetSaving")}
          submitTestid="reset-submit"
          errorTestid="reset-error"
        >
          <h1>{t("resetTitle")}</h1>
          <NewPasswordInput label={t("resetNewPassword")} testid="reset-password" />
        </Form>
      </Match>
    </Switch>
  );
}
