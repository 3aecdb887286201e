// /confirm#token: the link from the sign-up mail. Confirms the address as soon as the page opens.
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { MAX_EMAIL_LENGTH } from "../../../schema/limits.ts";
import { Field } from "../forms/field.tsx";
import { Form } from "../forms/form.tsx";
import { createSubmit, describeError } from "../forms/submit.ts";
import { api } from "../shared/api.ts";
import { t } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import { LinkProblem, type LinkProblemCode, linkProblemOf, RetryPanel } from "./auth-parts.tsx";
import { takeLinkToken } from "./link-token.ts";

type Outcome = { name: "confirmed" } | { name: "link"; problem: LinkProblemCode } | { name: "failed"; message: string };

/** An expired link cannot be renewed from its token: the person gives their address again. */
function ResendForm() {
  const [sent, setSent] = createSignal(false);
  const sending = createSubmit(async (form) => {
    setSent(false);
    await api.resendConfirmation(String(form.get("email")));
    setSent(true);
  });
  return (
    <Form
      submission={sending}
      submitLabel={t("confirmResendSubmit")}
      busyLabel={t("authSending")}
      submitTestid="confirm-resend-submit"
      status={<Show when={sent()}>{t("confirmResendDone")}</Show>}
    >
      <h2>{t("confirmResendTitle")}</h2>
      <Field
        label={t("email")}
        name="email"
        type="email"
        required
        maxLength={MAX_EMAIL_LENGTH}
        autocomplete="email"
        data-testid="confirm-resend-email"
      />
    </Form>
  );
}

export default function Confirm() {
  usePageTitle(() => "pageConfirm");
  const token = takeLinkToken();
  const [outcome, { refetch }] = createResource(async (): Promise<Outcome> => {
    if (!token) return { name: "link", problem: "link-invalid" };
    try {
      await api.confirmEmail(token);
      return { name: "confirmed" };
    } catch (e) {
      const problem = linkProblemOf(e);
      return problem ? { name: "link", problem } : { name: "failed", message: describeError(e) };
    }
  });

  return (
    <Switch>
      <Match when={outcome.loading}>
        <p class="card narrow muted" role="status">
          {t("confirmChecking")}
        </p>
      </Match>
      <Match when={outcome()?.name === "confirmed"}>
        <div class="card narrow" data-testid="confirm-done">
          <h1 tabindex="-1" ref={focusWhenShown}>
            {t("confirmDoneTitle")}
          </h1>
          <p>{t("confirmDoneText")}</p>
          <p>
            <a href="/login">{t("authGoToLogin")}</a>
          </p>
        </div>
      </Match>
      <Match when={outcome()?.name === "link" && (outcome() as Extract<Outcome, { name: "link" }>)}>
        {(link) => (
          <LinkProblem code={link().problem}>
            <Show
              when={link().problem === "link-expired"}
              fallback={
                <p>
                  {t("confirmInvalidHelp")} <a href="/login">{t("authGoToLogin")}</a>
                </p>
              }
            >
              <ResendForm />
            </Show>
          </LinkProblem>
        )}
      </Match>
      <Match when={outcome()?.name === "failed" && (outcome() as Extract<Outcome, { name: "failed" }>)}>
        {(failed) => <RetryPanel message={failed().message} retry={() => void refetch()} />}
      </Match>
    </Switch>
  );
}
