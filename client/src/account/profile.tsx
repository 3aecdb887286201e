// The provider's profile: the name patients see, the language of Anteroom's e-mails, the time zone.
import { createSignal, For, Show } from "solid-js";
import type { Language, ProviderView } from "../../../schema/api-types.ts";
import { MAX_NAME_LENGTH } from "../../../schema/limits.ts";
import { api } from "../api.ts";
import { createSubmit } from "../form.ts";
import { t } from "../i18n.ts";

/** Every zone the browser knows, with the current one even if the browser's list lacks it (Chrome lists no "UTC"). */
function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  if (known.length === 0) return [];
  return known.includes(current) ? known : [...known, current].sort();
}

const asLanguage = (value: FormDataEntryValue | null): Language => (value === "de" ? "de" : "en");

export function ProfileSection(props: { me: ProviderView; saved(me: ProviderView): void }) {
  const [saved, setSaved] = createSignal(false);
  const zones = timeZoneChoices(props.me.timeZone);
  const { error, busy, submit } = createSubmit(async (form) => {
    setSaved(false);
    const updated = await api.updateProfile({
      displayName: String(form.get("displayName")),
      language: asLanguage(form.get("language")),
      timeZone: String(form.get("timeZone")).trim(),
    });
    props.saved(updated);
    setSaved(true);
  });

  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t("acctProfile")}</h2>
      <form onSubmit={submit} onInput={() => setSaved(false)}>
        <label>
          {t("acctDisplayName")}
          <input
            name="displayName"
            required
            maxLength={MAX_NAME_LENGTH}
            autocomplete="name"
            value={props.me.displayName}
            data-testid="profile-name"
          />
        </label>
        <label>
          {t("acctMailLanguage")}
          <select name="language" data-testid="profile-language">
            <option value="de" lang="de" selected={props.me.language === "de"}>
              Deutsch
            </option>
            <option value="en" lang="en" selected={props.me.language === "en"}>
              English
            </option>
          </select>
        </label>
        <label>
          {t("acctTimeZone")}
          <Show
            when={zones.length > 0}
            fallback={
              <input name="timeZone" required maxLength={64} value={props.me.timeZone} data-testid="profile-timezone" />
            }
          >
            <select name="timeZone" data-testid="profile-timezone">
              <For each={zones}>
                {(zone) => (
                  <option value={zone} selected={zone === props.me.timeZone}>
                    {zone.replaceAll("_", " ")}
                  </option>
                )}
              </For>
            </select>
          </Show>
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <p class="status ok" role="status">
          <Show when={saved()}>
            <span data-testid="profile-saved">{t("acctProfileSaved")}</span>
          </Show>
        </p>
        <button type="submit" disabled={busy()} data-testid="profile-save">
          {t("acctSave")}
        </button>
      </form>
    </section>
  );
}
