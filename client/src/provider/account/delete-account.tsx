// Deleting the account: first what goes, then the password (and a 2FA code) to confirm.
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { ProviderView } from "../../../../schema/api-types.ts";
import { Field } from "../../forms/field.tsx";
import { CONFIRMATION_REFUSALS, Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t } from "../../shared/i18n.ts";
import { focusWhenShown } from "../../shared/page.ts";
import { CodeInput, sixDigits } from "./code-input.tsx";

export function DeleteAccountSection(props: { me: ProviderView }) {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  let opener: HTMLButtonElement | undefined;
  const deleting = createSubmit(async (form) => {
    const code = sixDigits(form.get("code"));
    await api.deleteAccount({
      password: String(form.get("password")),
      ...(props.me.totpEnabled ? { code } : {}),
    });
    // Nothing of the account is left to show: a page says it is done (the back button cannot return here).
    navigate("/account-deleted", { replace: true });
  });
  const close = () => {
    setOpen(false);
    opener?.focus();
  };

  return (
    <section class="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t("acctDelete")}</h2>
      <Show
        when={open()}
        fallback={
          <button type="button" class="danger" ref={opener} onClick={() => setOpen(true)} data-testid="delete-account">
            {t("acctDeleteOpen")}
          </button>
        }
      >
        <Form
          class="subform"
          submission={deleting}
          fieldFor={CONFIRMATION_REFUSALS}
          submitLabel={t("acctDeleteConfirm")}
          submitClass="danger"
          submitTestid="delete-confirm"
          errorTestid="delete-error"
          actions={
            <button type="button" class="secondary" onClick={close}>
              {t("cancel")}
            </button>
          }
        >
          <h3 tabindex="-1" ref={focusWhenShown}>
            {t("acctDeleteWhatGoes")}
          </h3>
          <ul class="bullets">
            <li>{t("acctDeleteGoesAccount")}</li>
            <li>{t("acctDeleteGoesSessions")}</li>
            <li>{t("acctDeleteGoesAppointments")}</li>
            <li>{t("acctDeleteGoesTotp")}</li>
            <li>{t("acctDeleteGoesPractice")}</li>
          </ul>
          <p>{t("acctDeleteHandOver")}</p>
          <p>
            <strong>{t("acctDeleteFinal")}</strong>
          </p>
          <Field
            label={t("password")}
            name="password"
            type="password"
            autocomplete="current-password"
            required
            data-testid="delete-password"
          />
          <Show when={props.me.totpEnabled}>
            <CodeInput name="code" testId="delete-totp" label={t("acctTotpCode")} />
          </Show>
        </Form>
      </Show>
    </section>
  );
}
