// The logged-in provider's navigation: dashboard, account, practice, log out. On every provider screen.
import { A, useNavigate } from "@solidjs/router";
import { api } from "./api.ts";
import { t } from "./i18n.ts";

export function ProviderNav() {
  const navigate = useNavigate();
  return (
    <nav class="row provider-nav" aria-label={t("navProvider")}>
      <A href="/dashboard" end data-testid="dashboard-link">
        {t("navDashboard")}
      </A>
      <A href="/account" data-testid="account-link">
        {t("navAccount")}
      </A>
      <A href="/practice" data-testid="practice-link">
        {t("navPractice")}
      </A>
      <button
        type="button"
        class="secondary"
        data-testid="logout"
        onClick={async () => {
          await api.logout().catch(() => undefined);
          navigate("/login", { replace: true });
        }}
      >
        {t("logOut")}
      </button>
    </nav>
  );
}
