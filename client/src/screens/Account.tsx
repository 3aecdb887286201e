// The provider's own account: profile, two-factor authentication, sessions, their data, deletion.
import { useNavigate } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import type { ProviderView } from "../../../schema/api-types.ts";
import { DeleteAccountSection } from "../account/delete-account.tsx";
import { ProfileSection } from "../account/profile.tsx";
import { SessionsSection } from "../account/sessions.tsx";
import { TwoFactorSection } from "../account/two-factor.tsx";
import { YourDataSection } from "../account/your-data.tsx";
import { ApiError, api } from "../api.ts";
import { t } from "../i18n.ts";
import { LoadFailed } from "../load-failed.tsx";
import { focusWhenShown, usePageTitle } from "../page.ts";
import { ProviderNav } from "../provider-nav.tsx";
import { usePresenceFor, useWaitingCount } from "../waiting/presence-context.tsx";

export default function Account() {
  const navigate = useNavigate();
  usePageTitle(() => "pageAccount", useWaitingCount());
  const [me, { mutate }] = createResource(async () => {
    try {
      return await api.me();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) navigate("/login", { replace: true });
      throw e;
    }
  });
  // Enrolling two-step login where the practice requires it makes the provider present from here on.
  usePresenceFor(me);
  const changed = (next: Partial<ProviderView>) => {
    const current = me();
    if (current) mutate({ ...current, ...next });
  };

  return (
    <Switch>
      <Match when={me.error}>
        <LoadFailed />
      </Match>
      <Match when={me()}>
        {(provider) => (
          <div class="account">
            <div class="row spread wrap">
              <h1 tabindex="-1" ref={focusWhenShown}>
                {t("pageAccount")}
              </h1>
              <ProviderNav />
            </div>
            <Show when={provider().mustEnrolTotp}>
              <p class="notice" role="status" data-testid="totp-required-notice">
                {t("acctTotpMust")}
              </p>
            </Show>
            <ProfileSection me={provider()} saved={(updated) => mutate(updated)} />
            <TwoFactorSection me={provider()} changed={changed} />
            <SessionsSection />
            <YourDataSection />
            <DeleteAccountSection me={provider()} />
          </div>
        )}
      </Match>
      <Match when={true}>
        <p class="muted">{t("loading")}</p>
      </Match>
    </Switch>
  );
}
