// The logged-in provider's navigation: dashboard, account, practice, log out. On every provider screen.
// Away from the dashboard it also says how many patients wait, linking back to them.
import { A, useMatch, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { api } from "../shared/api.ts";
import { t, tf } from "../shared/i18n.ts";
import { useWaitingCount } from "../waiting/presence-context.tsx";

export function ProviderNav() {
  const navigate = useNavigate();
  const waiting = useWaitingCount();
  // The dashboard lists them itself.
  const onDashboard = useMatch(() => "/dashboard");
  return (
    <nav class="row provider-nav" aria-label={t("navProvider")}>
      {/* Always there, so that a screen reader announces the first arrival too. */}
      <span role="status" class="nav-waiting">
        <Show when={!onDashboard() && waiting() > 0}>
          <A href="/dashboard" class="badge" data-testid="nav-waiting-count" data-count={waiting()}>
            {waiting() === 1 ? t("navWaitingOne") : tf("navWaitingMany", { n: String(waiting()) })}
          </A>
        </Show>
      </span>
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
