// The practice: its name for every member; members, invitations and settings for its admins.
import { A } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import type { MemberView, PracticeView } from "../../../schema/api-types.ts";
import { api } from "../shared/api.ts";
import { t } from "../shared/i18n.ts";
import { LoadFailed } from "../shared/load-failed.tsx";
import { ActivityLogSection } from "./practice/activity-log.tsx";
import { AuditTrailSection } from "./practice/audit-trail.tsx";
import { BrandingSection } from "./practice/branding.tsx";
import { ConsentTextSection } from "./practice/consent-text.tsx";
import { InvitationsSection, InviteSection } from "./practice/invitations.tsx";
import { MembersSection } from "./practice/members.tsx";
import { SettingsSection } from "./practice/settings.tsx";
import { ShortNameSection } from "./practice/short-name.tsx";
import { ProviderHeading, ProviderPage, type SignedIn } from "./provider-page.tsx";

export default function Practice() {
  return (
    <ProviderPage title={() => "pagePractice"} enrolledOnly>
      {(signedIn) => <PracticeScreen {...signedIn} />}
    </ProviderPage>
  );
}

function PracticeScreen(props: SignedIn) {
  const [practice, { mutate: setPractice }] = createResource(() => api.practice());
  const isAdmin = () => props.me().role === "admin" && !props.me().mustEnrolTotp;
  const [list, { refetch: refetchMembers }] = createResource(isAdmin, () => api.members());
  // Counts the admin's changes on this page: each one reloads the audit trail, which then shows it.
  const [changes, setChanges] = createSignal(0);
  const changed = () => setChanges((n) => n + 1);
  const refresh = () => {
    changed();
    return refetchMembers();
  };
  const savedPractice = (updated: PracticeView) => {
    setPractice(updated);
    changed();
  };

  const roleChanged = (member: MemberView) => {
    // Handing one's own admin role to a colleague ends one's own admin view.
    if (member.you) props.reload();
    void refresh();
  };

  return (
    <Switch>
      <Match when={practice.error}>
        <LoadFailed />
      </Match>
      <Match when={practice()}>
        <div class="practice">
          <ProviderHeading testid="practice-title">
            {t("pagePractice")} · {practice()?.name}
          </ProviderHeading>
          <Show when={props.me().mustEnrolTotp}>
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
                      savedPractice(updated);
                      // Requiring 2FA may now require it of this admin too.
                      if (updated.requireTotp) props.reload();
                    }}
                  />
                  <ShortNameSection practice={current()} saved={savedPractice} />
                  <BrandingSection practice={current()} saved={savedPractice} />
                  <ConsentTextSection saved={changed} />
                  <ActivityLogSection practice={current()} timeZone={props.me().timeZone} saved={savedPractice} />
                  <AuditTrailSection timeZone={props.me().timeZone} changes={changes} />
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
