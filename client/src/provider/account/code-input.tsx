// A six-digit code from an authenticator app, asked for the same way wherever it is needed.
import { Field } from "../../forms/field.tsx";
import { t } from "../../shared/i18n.ts";

/** "123 456" as apps show it is the same code as "123456". */
export const sixDigits = (value: FormDataEntryValue | null) => String(value ?? "").replace(/\s/g, "");

/** The six-digit field, the same wherever a code from the app is asked for. */
export function CodeInput(props: { name: string; testId: string; label: string }) {
  return (
    <Field
      label={props.label}
      name={props.name}
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9]{3} ?[0-9]{3}"
      maxLength={7}
      required
      missingMessage={t("fieldSixDigits")}
      patternMessage={t("fieldSixDigits")}
      data-testid={props.testId}
    />
  );
}
