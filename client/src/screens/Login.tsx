import { useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { api } from "../api.ts";
import { createSubmit } from "../form.ts";
import { t } from "../i18n.ts";
import { usePageTitle } from "../page.ts";

export default function Login() {
  const navigate = useNavigate();
  usePageTitle(() => "pageLogin");
  const { error, busy, submit } = createSubmit(async (form) => {
    await api.login(String(form.get("email")), String(form.get("password")));
    navigate("/dashboard", { replace: true });
  });

  return (
    <form class="card narrow" onSubmit={submit}>
      <h1>{t("loginTitle")}</h1>
      <label>
        {t("email")}
        <input name="email" type="email" autocomplete="username" required data-testid="login-email" />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autocomplete="current-password" required data-testid="login-password" />
      </label>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="login-error">
          {error()}
        </p>
      </Show>
      <button type="submit" disabled={busy()} data-testid="login-submit">
        {busy() ? t("loggingIn") : t("logIn")}
      </button>
    </form>
  );
}
