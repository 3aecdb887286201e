// The practice's short name, chosen by an admin: join codes start with it ("mueller 482 913"), and so
// do members' personal-room links. The hint says plainly that changing it stops the old ones.
import { createSignal, Show } from "solid-js";
import type { PracticeView } from "../../../../schema/api-types.ts";
import { MAX_SHORT_NAME_LENGTH, MIN_SHORT_NAME_LENGTH } from "../../../../schema/short-name.ts";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";
import "../i18n-codes.ts";

/** The rule of schema/short-name.ts; capitals are accepted here and sent in lower case. */
const PATTERN = "[A-Za-z][A-Za-z0-9]{2,15}";

export function ShortNameSection(props: { practice: PracticeView; saved(practice: PracticeView): void }) {
  const [saved, setSaved] = createSignal(false);
  let field: HTMLInputElement | undefined;
  const saving = createSubmit(async (form) => {
    setSaved(false);
    const shortName = String(form.get("shortName")).trim().toLowerCase();
    const practice = await api.updatePractice({ shortName });
    props.saved(practice);
    // "Mueller" is saved as "mueller": the field shows what codes will start with, not what was typed.
    if (field) field.value = practice.shortName ?? "";
    setSaved(true);
  });

  return (
    <section class="card" aria-labelledby="short-name-heading">
      <h2 id="short-name-heading">{t("shortNameHeading")}</h2>
      <Form
        submission={saving}
        submitLabel={t("acctSave")}
        submitTestid="practice-short-name-save"
        errorTestid="practice-short-name-error"
        fieldFor={{ "short-name-taken": "shortName" }}
        onInput={() => setSaved(false)}
        status={
          <Show when={saved()}>
            <span data-testid="practice-short-name-saved">{t("pracSaved")}</span>
          </Show>
        }
      >
        <Field
          label={t("shortNameLabel")}
          hint={tf("shortNameHint", { example: `${props.practice.shortName ?? "mueller"} 482 913` })}
          name="shortName"
          required
          minLength={MIN_SHORT_NAME_LENGTH}
          maxLength={MAX_SHORT_NAME_LENGTH}
          pattern={PATTERN}
          patternMessage={t("shortNamePattern")}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
          value={props.practice.shortName ?? ""}
          data-testid="practice-short-name"
          ref={(input: HTMLInputElement) => {
            field = input;
          }}
        />
      </Form>
    </section>
  );
}
