// What is wrong with one field, from the browser's own check of it (ValidityState), as a message key
// and the values it names. Pure (no DOM, no translations) so the rules can be tested; field.tsx shows
// the answer under the field in the page's language.
import type { MessageKey } from "../shared/i18n.ts";

/** The parts of ValidityState the rules read. */
export type Validity = Pick<
  ValidityState,
  | "valid"
  | "valueMissing"
  | "typeMismatch"
  | "patternMismatch"
  | "tooLong"
  | "tooShort"
  | "rangeUnderflow"
  | "rangeOverflow"
  | "stepMismatch"
  | "badInput"
  | "customError"
>;

/** A field's rules as the element reports them: "" for no min/max, -1 for no length limit. */
export interface FieldRules {
  type: string;
  value: string;
  min: string;
  max: string;
  minLength: number;
  maxLength: number;
}

export interface FieldProblem {
  key: MessageKey;
  values?: Record<string, string>;
}

/** A number field's range, in the words that fit the limits it has. */
function outOfRange(rules: FieldRules): FieldProblem {
  if (rules.min !== "" && rules.max !== "") return { key: "fieldRange", values: { min: rules.min, max: rules.max } };
  if (rules.min !== "") return { key: "fieldAtLeast", values: { min: rules.min } };
  if (rules.max !== "") return { key: "fieldAtMost", values: { max: rules.max } };
  return { key: "fieldWholeNumber" };
}

/** A missing value in the words of its kind of field. */
const missingKey: Record<string, MessageKey> = { email: "fieldEmailMissing", password: "fieldPasswordMissing" };

/** Why the field is refused, or undefined when it is fine. The first rule broken is the one named. */
export function fieldProblem(validity: Validity, rules: FieldRules): FieldProblem | undefined {
  if (validity.valid) return undefined;
  // Spaces alone are marked (first-invalid.ts) as the custom error: the server trims them and finds nothing.
  const blank = validity.customError && rules.value.trim() === "";
  if (validity.valueMissing || blank) return { key: missingKey[rules.type] ?? "fieldMissing" };
  // Letters in a number field, a fraction where whole numbers are asked for, or a number out of range:
  // each is told the range, which is what the person needs to fix it.
  if (validity.badInput || validity.stepMismatch || validity.rangeUnderflow || validity.rangeOverflow) {
    return rules.type === "number" ? outOfRange(rules) : { key: "fieldInvalid" };
  }
  if (validity.typeMismatch) return { key: rules.type === "email" ? "fieldEmail" : "fieldInvalid" };
  if (validity.tooShort) return { key: "fieldTooShort", values: { min: String(rules.minLength) } };
  if (validity.tooLong) return { key: "fieldTooLong", values: { max: String(rules.maxLength) } };
  return { key: "fieldInvalid" };
}
