// What the practice shows its patients: the name, logo and colour on the join page and in the
// waiting room. The logo is checked here first (type, size) so a wrong file is explained at once.
import { createSignal, Show } from "solid-js";
import type { PracticeView } from "../../../../schema/api-types.ts";
import { MAX_LOGO_BYTES, MAX_PRACTICE_NAME_LENGTH } from "../../../../schema/limits.ts";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit, describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { ANTEROOM_ACCENT } from "../../shared/brand-colour.ts";
import { t, tf } from "../../shared/i18n.ts";

const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"];

/** Why this file cannot be the logo, or undefined when it can. */
function logoProblem(file: File): string | undefined {
  if (!LOGO_TYPES.includes(file.type)) return t("errLogoUnsupported");
  if (file.size > MAX_LOGO_BYTES) return t("errLogoTooLarge");
  return undefined;
}

export function BrandingSection(props: { practice: PracticeView; saved(practice: PracticeView): void }) {
  const [saved, setSaved] = createSignal(false);
  const [logoUrl, setLogoUrl] = createSignal(props.practice.logoUrl);
  const [fileProblem, setFileProblem] = createSignal<string>();
  let fileInput!: HTMLInputElement;

  const saving = createSubmit(async (form) => {
    setSaved(false);
    const file = fileInput.files?.[0];
    if (file) {
      const problem = logoProblem(file);
      if (problem) return setFileProblem(problem);
      setLogoUrl((await api.uploadLogo(file)).logoUrl);
      fileInput.value = "";
    }
    const colour = String(form.get("brandColour"));
    const updated = await api.updatePractice({
      brandName: String(form.get("brandName")).trim(),
      // Anteroom's own colour left as it was means "no colour of our own".
      brandColour: colour === ANTEROOM_ACCENT && !props.practice.brandColour ? "" : colour,
    });
    props.saved({ ...updated, logoUrl: logoUrl() });
    setSaved(true);
  });

  async function removeLogo() {
    try {
      await api.deleteLogo();
    } catch (e) {
      return setFileProblem(describeError(e));
    }
    setLogoUrl(null);
    props.saved({ ...props.practice, logoUrl: null });
  }

  return (
    <section class="card" aria-labelledby="branding-heading">
      <h2 id="branding-heading">{t("brandingHeading")}</h2>
      <Form
        submission={saving}
        submitLabel={t("acctSave")}
        submitTestid="branding-save"
        problem={fileProblem()}
        onInput={() => {
          setSaved(false);
          setFileProblem(undefined);
        }}
        status={
          <Show when={saved()}>
            <span data-testid="branding-saved">{t("pracSaved")}</span>
          </Show>
        }
      >
        <Field
          label={t("brandingName")}
          hint={t("brandingNameHint")}
          name="brandName"
          noAddress
          maxLength={MAX_PRACTICE_NAME_LENGTH}
          value={props.practice.brandName}
          placeholder={props.practice.name}
          data-testid="branding-name"
        />
        <Field
          label={t("brandingLogo")}
          hint={tf("brandingLogoHint", { kb: String(MAX_LOGO_BYTES / 1024) })}
          ref={fileInput}
          name="logo"
          type="file"
          accept={LOGO_TYPES.join(",")}
          data-testid="branding-logo"
        />
        {/* The current logo under its label and the field that replaces it, as the form is read. */}
        <Show when={logoUrl()}>
          {(url) => (
            <div class="row wrap">
              <img
                src={url()}
                alt={t("brandingLogoCurrent")}
                class="practice-logo"
                data-testid="branding-logo-preview"
              />
              <button
                type="button"
                class="secondary"
                data-testid="branding-logo-remove"
                onClick={() => void removeLogo()}
              >
                {t("brandingLogoRemove")}
              </button>
            </div>
          )}
        </Show>
        <Field
          label={t("brandingColour")}
          hint={t("brandingColourHint")}
          name="brandColour"
          type="color"
          value={props.practice.brandColour || ANTEROOM_ACCENT}
          data-testid="branding-colour"
        />
      </Form>
    </section>
  );
}
