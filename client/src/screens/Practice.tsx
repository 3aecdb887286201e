// The practice: its name for every member; members, invitations and settings for its admins.
import { A, useNavigate } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import type { MemberView } from "../../../schema/api-types.ts";
import { ApiError, api } from "../api.ts";
import { t } from "../i18n.ts";
import { LoadFailed } from "../load-failed.tsx";
import { focusWhenShown, usePageTitle } from "../page.ts";
import { BrandingSection } from "../practice/branding.tsx";
import { ConsentTextSection } from "../practice/consent-text.tsx";
import { InvitationsSection, InviteSection } from "../practice/invitations.tsx";
import { MembersSection } from "../practice/members.tsx";
import { SettingsSection } from "../practice/settings.tsx";
import { ProviderNav } from "../provider-nav.tsx";
import { usePresenceFor, useWaitingCount } from "../waiting/presence-context.tsx";

export default function Practice() {
  const navigate = useNavigate();
  usePageTitle(() => "pagePractice", useWaitingCount());
  const [me, { refetch: refetchMe }] = createResource(async () => {
    try {
      const provider = await api.me();
      // The practice requires 2FA: nothing but the account page works until it is set up.
      if (provider.mustEnrolTotp) navigate("/account", { replace: true });
      return provider;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) navigate("/login", { replace: true });
      throw e;
    }
  });
  usePresenceFor(me);
  const [practice, { mutate: setPractice }] = createResource(
    () => me()?.mustEnrolTotp === false,
    () => api.practice(),
  );
  const isAdmin = () => me()?.role === "admin" && !me()?.mustEnrolTotp;
  const [list, { refetch: refresh }] = createResource(isAdmin, () => api.members());

  const roleChanged = (member: MemberView) => {
    // Handing one's own admin role to a colleague ends one's own admin view.
    if (member.you) void refetchMe();
    void refresh();
  };

  return (
    <Switch>
      <Match when={me.error || practice.error}>
        <LoadFailed />
      </Match>
      <Match when={me() && practice()}>
        <div class="practice">
          <div class="row spread wrap">
            <h1 tabindex="-1" ref={focusWhenShown} data-testid="practice-title">
              {t("pagePractice")} · {practice()?.name}
            </h1>
            <ProviderNav />
          </div>
          <Show when={me()?.mustEnrolTotp}>
            <p class="notice" role="status">
              {t("pracNowMustEnrol")} <A href="/account">{t("navAccount")}</A>
            </p>
          </Show>
          <Show when={practice()?.contactLine}>
            <p>
              <span class="muted">{t("pracContactShown")}</span> {practice()?.contactLine}
            </p>
          </Show>
          <Show
            when={isAdmin()}
            fallback={
              <p class="muted" data-testid="practice-admins-only">
                {t("pracAdminsOnly")}
              </p>
            }
          >
            <Switch>
              <Match when={list.error}>
                <div class="card" role="alert">
                  <p class="error">{t("errorGeneric")}</p>
                  <button type="button" class="secondary" onClick={() => void refresh()}>
                    {t("retry")}
                  </button>
                </div>
              </Match>
              <Match when={list()}>
                {(members) => (
                  <>
                    <MembersSection members={members().members} refresh={refresh} roleChanged={roleChanged} />
                    <InvitationsSection invitations={members().invitations} refresh={refresh} />
                  </>
                )}
              </Match>
              <Match when={true}>
                <p class="muted">{t("loading")}</p>
              </Match>
            </Switch>
            <InviteSection invited={refresh} />
            <Show when={practice()}>
              {(current) => (
                <>
                  <SettingsSection
                    practice={current()}
                    saved={(updated) => {
                      setPractice(updated);
                      // Requiring 2FA may now require it of this admin too.
                      if (updated.requireTotp) void refetchMe();
                    }}
                  />
                  <BrandingSection practice={current()} saved={setPractice} />
                  <ConsentTextSection />
                </>
              )}
            </Show>
          </Show>
        </div>
      </Match>
      <Match when={true}>
        <p class="muted">{t("loading")}</p>
      </Match>
    </Switch>
  );
}
