// The consent text patients accept before entering the waiting room, in German and English. Each
// save that changes it becomes a new version; consent records keep the version, not the text.
import { createResource, createSignal, Show } from "solid-js";
import type { ConsentTextView } from "../../../../schema/api-types.ts";
import { DEFAULT_CONSENT_TEXT, MAX_CONSENT_TEXT_LENGTH } from "../../../../schema/consent.ts";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
import { ApiError, api } from "../../shared/api.ts";
import { type Language, language, t, tf } from "../../shared/i18n.ts";

/** `saved`: told after each save (the audit trail shows it). */
export function ConsentTextSection(props: { saved?: () => void }) {
  const [current, { mutate }] = createResource(() => api.consentText());
  return (
    <section class="card" aria-labelledby="consent-heading">
      <h2 id="consent-heading">{t("consentHeading")}</h2>
      <p class="muted">{t("consentHint")}</p>
      <Show when={current()} fallback={<p class="muted">{current.error ? t("errorGeneric") : t("loading")}</p>}>
        {(text) => (
          <ConsentTextForm
            current={text()}
            saved={(saved) => {
              mutate(saved);
              props.saved?.();
            }}
          />
        )}
      </Show>
    </section>
  );
}

function ConsentTextForm(props: { current: ConsentTextView; saved(text: ConsentTextView): void }) {
  // The editor shows one language at a time; both are kept while the other one is edited.
  const [editing, setEditing] = createSignal<Language>(language());
  const [texts, setTexts] = createSignal({ en: props.current.en, de: props.current.de });
  const [savedVersion, setSavedVersion] = createSignal<string>();

  let editor: HTMLTextAreaElement | undefined;
  const [blank, setBlank] = createSignal<Language>();
  const saving = createSubmit(async () => {
    const saved = await api.saveConsentText(texts()).catch((refusal: unknown) => {
      // One language still Anteroom's default: the editor opens on that one, ready for the practice's words.
      if (refusal instanceof ApiError && refusal.code === "consent-one-language") {
        const unchanged = (["de", "en"] as const).find((lang) => texts()[lang] === DEFAULT_CONSENT_TEXT[lang]);
        if (unchanged) {
          setEditing(unchanged);
          queueMicrotask(() => editor?.focus());
        }
      }
      throw refusal;
    });
    props.saved(saved);
    setTexts({ en: saved.en, de: saved.de });
    setSavedVersion(saved.version);
  });

  return (
    <Form
      submission={saving}
      submitLabel={t("acctSave")}
      submitTestid="consent-text-save"
      validate={() => {
        // Either language may be the empty one, not only the one in the editor: our words name it, and
        // the editor opens on it.
        const empty = (["de", "en"] as const).find((lang) => texts()[lang].trim() === "");
        setBlank(empty);
        if (!empty) return true;
        setEditing(empty);
        editor?.focus();
        return false;
      }}
      onInput={() => {
        setSavedVersion(undefined);
        setBlank(undefined);
      }}
      status={
        <Show when={savedVersion()}>
          {(version) => <span data-testid="consent-text-saved">{tf("consentSaved", { version: version() })}</span>}
        </Show>
      }
    >
      <p data-testid="consent-text-version">
        {props.current.own ? t("consentOwn") : t("consentDefault")} ·{" "}
        {tf("consentVersion", { version: props.current.version })}
      </p>
      <label>
        {t("consentLanguage")}
        <select
          data-testid="consent-text-language"
          value={editing()}
          onChange={(event) => setEditing(event.currentTarget.value as Language)}
        >
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        {t("consentTextLabel")}
        <textarea
          ref={editor}
          rows={6}
          required
          aria-invalid={blank() === editing()}
          aria-describedby="consent-text-blank"
          maxLength={MAX_CONSENT_TEXT_LENGTH}
          lang={editing()}
          value={texts()[editing()]}
          onInput={(event) => setTexts({ ...texts(), [editing()]: event.currentTarget.value })}
          data-testid="consent-text-editor"
        />
      </label>
      <p id="consent-text-blank" class="status error" role="alert" data-testid="consent-text-blank">
        <Show when={blank()}>{(lang) => t(lang() === "de" ? "consentBlankDe" : "consentBlankEn")}</Show>
      </p>
    </Form>
  );
}
