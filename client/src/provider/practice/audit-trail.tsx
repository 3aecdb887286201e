// The practice's audit trail, for its admins: who did what to the practice's access and data, newest
// first, in the admin's language and time zone. Always on; entries go after 90 days.
import { createResource, For, Show } from "solid-js";
import type { AuditEntryView, AuditTrail } from "../../../../schema/api-types.ts";
// Through apiGet, not a new method on `api`: the shared API object is part of the patient's first load.
import { apiGet } from "../../shared/api.ts";
import { locale, t, tf } from "../../shared/i18n.ts";
import type { ProviderMessageKey } from "../i18n-provider.ts";

/** The setting names a "settings-changed" entry lists, in the admin's words. */
const SETTING_WORDS: Record<string, ProviderMessageKey> = {
  name: "pracName",
  shortName: "auditSettingShortName",
  contactLine: "pracContact",
  appointmentRetentionDays: "auditSettingRetention",
  consultationLimitMinutes: "auditSettingConsultationLimit",
  waitingIdleLimitMinutes: "auditSettingIdleLimit",
  denyPauseMinutes: "auditSettingDenyPause",
  inviteGraceMinutes: "auditSettingInviteGrace",
  waitingRoomOpensMinutes: "auditSettingWaitingRoomOpens",
  sharedWaitingRoom: "auditSettingSharedWaitingRoom",
  brandName: "auditSettingBranding",
  brandColour: "auditSettingBranding",
};

/** A role inside a sentence ("as provider", "als behandelnde Person"), not the capitalised label of a list. */
const roleWord = (role: string) => t(role === "admin" ? "auditRoleAdmin" : "auditRoleProvider");

/** A number of days as the entry stored it, "1 day" for one. */
const daysWords = (days: string | undefined) =>
  days === "1" ? t("auditDaysOne") : tf("auditDaysMany", { n: days ?? "" });

/** What the entry says was done, in the admin's language. */
export function describeAudit(entry: AuditEntryView): string {
  const target = entry.targetName;
  switch (entry.action) {
    case "member-invited":
      return tf("auditMemberInvited", { role: roleWord(entry.detail) });
    case "invitation-withdrawn":
      return t("auditInvitationWithdrawn");
    case "member-removed":
      return tf("auditMemberRemoved", { name: target });
    case "role-changed":
      return tf("auditRoleChanged", { name: target, role: roleWord(entry.detail) });
    case "totp-rule-changed":
      return t(entry.detail === "on" ? "auditTotpOn" : "auditTotpOff");
    case "settings-changed": {
      const words = [...new Set(entry.detail.split(",").map((key) => SETTING_WORDS[key]))];
      const names = words.map((key) => (key ? t(key) : "")).filter(Boolean);
      return tf("auditSettingsChanged", { settings: names.join(", ") });
    }
    case "logo-changed":
      return t(entry.detail === "removed" ? "auditLogoRemoved" : "auditLogoChanged");
    case "consent-text-changed":
      return t("auditConsentTextChanged");
    case "data-exported":
      return t(entry.detail === "activity" ? "auditActivityExported" : "auditAccountExported");
    case "account-deleted":
      return t("auditAccountDeleted");
    case "activity-log-changed": {
      const [state, days] = entry.detail.split(":");
      return state === "on" ? tf("auditActivityOn", { days: daysWords(days) }) : t("auditActivityOff");
    }
    case "activity-log-period-changed": {
      const [from, to] = entry.detail.split(":");
      return tf("auditActivityPeriod", { from: daysWords(from), to: daysWords(to) });
    }
    case "member-joined":
      return tf("auditMemberJoined", { role: roleWord(entry.detail) });
  }
}

export function AuditTrailSection(props: { timeZone: string; changes: () => number }) {
  const [trail, { refetch }] = createResource(props.changes, () => apiGet<AuditTrail>("/api/practice/audit"));
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short", timeZone: props.timeZone }).format(
      new Date(iso),
    );
  return (
    <section class="card" aria-labelledby="audit-heading" data-testid="audit-trail">
      <h2 id="audit-heading">{t("auditHeading")}</h2>
      <p class="muted">{t("auditHint")}</p>
      <Show
        when={trail()}
        fallback={
          <p class={trail.error ? "error" : "muted"} role={trail.error ? "alert" : undefined}>
            {trail.error ? t("errorGeneric") : t("loading")}
          </p>
        }
      >
        {(loaded) => (
          <Show when={loaded().entries.length > 0} fallback={<p class="muted">{t("auditEmpty")}</p>}>
            <ol class="list">
              <For each={loaded().entries}>
                {(entry) => (
                  <li data-testid="audit-entry" data-action={entry.action}>
                    <span>
                      <strong>{entry.actorName}</strong> {describeAudit(entry)}
                    </span>
                    <time datetime={entry.at} class="muted">
                      {when(entry.at)}
                    </time>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
      <button type="button" class="secondary" onClick={() => void refetch()}>
        {t("auditRefresh")}
      </button>
    </section>
  );
}
