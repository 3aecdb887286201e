// The provider's profile: the name patients see, the language of Anteroom's e-mails, the time zone.
import { createMemo, createSignal, For, Show } from "solid-js";
import type { Language, ProviderView } from "../../../../schema/api-types.ts";
import { MAX_NAME_LENGTH } from "../../../../schema/limits.ts";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { locale, type MessageKey, t } from "../../shared/i18n.ts";
import { timeZoneChoices, type ZoneChoices, type ZoneOption } from "./time-zones.ts";

/** Every zone the browser knows, grouped and named in the page's language; none where it cannot list them. */
function zoneChoices(current: string): ZoneChoices | undefined {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  if (known.length === 0) return undefined;
  const device = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZoneChoices(known, { current, device, locale: locale() });
}

function ZoneOptionItem(props: { zone: ZoneOption; current: string }) {
  return (
    <option value={props.zone.value} selected={props.zone.value === props.current}>
      {props.zone.label}
    </option>
  );
}

const asLanguage = (value: FormDataEntryValue | null): Language => (value === "de" ? "de" : "en");

export function ProfileSection(props: { me: ProviderView; saved(me: ProviderView): void }) {
  const [saved, setSaved] = createSignal(false);
  // Named in the page's language: switching it renames them.
  const zones = createMemo(() => zoneChoices(props.me.timeZone));
  const saving = createSubmit(async (form) => {
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
      <Form
        submission={saving}
        submitLabel={t("acctSave")}
        submitTestid="profile-save"
        onInput={() => setSaved(false)}
        status={
          <Show when={saved()}>
            <span data-testid="profile-saved">{t("acctProfileSaved")}</span>
          </Show>
        }
      >
        <Field
          label={t("acctDisplayName")}
          name="displayName"
          noAddress
          required
          missingMessage={t("fieldYourName")}
          maxLength={MAX_NAME_LENGTH}
          autocomplete="name"
          value={props.me.displayName}
          data-testid="profile-name"
        />
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
        {/* Tied by id: the control inside is chosen at run time, which the linter cannot follow. */}
        <label for="profile-timezone">
          {t("acctTimeZone")}
          <Show
            when={zones()}
            fallback={
              <input
                id="profile-timezone"
                name="timeZone"
                required
                maxLength={64}
                value={props.me.timeZone}
                data-testid="profile-timezone"
              />
            }
          >
            {(choices) => (
              <select id="profile-timezone" name="timeZone" data-testid="profile-timezone">
                <Show when={choices().device}>
                  {(device) => (
                    <optgroup label={t("acctTimeZoneDevice")}>
                      <ZoneOptionItem zone={device()} current={props.me.timeZone} />
                    </optgroup>
                  )}
                </Show>
                <For each={choices().groups}>
                  {(group) => (
                    <optgroup label={t(`acctZoneArea_${group.area}` as MessageKey)}>
                      <For each={group.options}>
                        {(zone) => <ZoneOptionItem zone={zone} current={props.me.timeZone} />}
                      </For>
                    </optgroup>
                  )}
                </For>
              </select>
            )}
          </Show>
        </label>
      </Form>
    </section>
  );
}
