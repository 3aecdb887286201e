// Where the provider is logged in (browser family and times only: no IP address is kept), and the way
// to end every one of those sessions at once.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { formatDateTime, t } from "../../shared/i18n.ts";
import { RetryAlert } from "./retry-alert.tsx";

export function SessionsSection() {
  const navigate = useNavigate();
  const [sessions, { refetch }] = createResource(() => api.sessions().then((list) => list.sessions));
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  async function logOutEverywhere() {
    setBusy(true);
    setError(undefined);
    try {
      await api.logoutEverywhere();
      navigate("/login", { replace: true });
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("acctSessions")}</h2>
      <p class="muted">{t("acctSessionsExplain")}</p>
      <Switch>
        <Match when={sessions.error}>
          <RetryAlert retry={() => void refetch()} />
        </Match>
        <Match when={sessions.loading}>
          <p class="muted">{t("loading")}</p>
        </Match>
        <Match when={sessions()?.length === 0}>
          <p class="muted">{t("acctNoSessions")}</p>
        </Match>
        <Match when={sessions()}>
          {(list) => (
            <ul class="list">
              <For each={list()}>
                {(session) => (
                  <li data-testid="session-row">
                    <span>
                      <strong>{session.browser === "other" ? t("acctOtherBrowser") : session.browser}</strong>
                      <Show when={session.current}>
                        {" "}
                        <span class="badge" data-testid="session-current">
                          {t("acctThisDevice")}
                        </span>
                      </Show>
                      <br />
                      <span class="muted">
                        {t("acctSessionStarted")} {formatDateTime(session.createdAt)} · {t("acctSessionLastActive")}{" "}
                        {formatDateTime(session.lastSeenAt)}
                      </span>
                    </span>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <p>
        <button
          type="button"
          class="secondary"
          disabled={busy()}
          onClick={logOutEverywhere}
          data-testid="logout-everywhere"
        >
          {t("acctLogOutEverywhere")}
        </button>
      </p>
    </section>
  );
}
