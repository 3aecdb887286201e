// Which control of a form a submit stops at, and what is wrong with a control in our words.

import { holdsAddress } from "../../../schema/text.ts";
import { t, tf } from "../shared/i18n.ts";
import { fieldProblem } from "./field-problem.ts";

/** Marks a field whose text must not hold a web or e-mail address (names, as the server's rule). */
export const NO_ADDRESS = "data-no-address";

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const isControl = (element: Element): element is Control =>
  element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement;

/**
 * Every control is checked (checkValidity fires "invalid" on each wrong one, so each Field shows its own
 * message at once); the first wrong one in the form's order is the one that takes the focus.
 */
export function firstInvalid(form: HTMLFormElement): Control | undefined {
  let first: Control | undefined;
  for (const control of Array.from(form.elements)) {
    if (!isControl(control)) continue;
    // A required name of spaces alone is as empty as none (the server trims it): the field says so. A
    // name that must not hold an address is told so here, under the field, not by the server's refusal.
    const blank = control.required && control.type !== "password" && control.value.trim() === "";
    const address = control.hasAttribute(NO_ADDRESS) && holdsAddress(control.value);
    control.setCustomValidity(blank ? "blank" : address ? t("errNameHoldsAddress") : "");
    if (!control.checkValidity() && !first) first = control;
  }
  return first;
}

/** Our words for what is wrong with a control (the browser's own are in its language, not the page's). */
export function problemText(control: Control, own: { missing?: string; pattern?: string } = {}): string | undefined {
  const { validity } = control;
  // Our own words already (an address in a name, or the server's refusal of this field): say them.
  if (validity.customError && control.value.trim() !== "") return control.validationMessage;
  const problem = fieldProblem(validity, {
    type: control.type,
    value: control.value,
    min: control instanceof HTMLInputElement ? control.min : "",
    max: control instanceof HTMLInputElement ? control.max : "",
    minLength: control instanceof HTMLSelectElement ? -1 : control.minLength,
    maxLength: control instanceof HTMLSelectElement ? -1 : control.maxLength,
  });
  if (!problem) return undefined;
  const missing = ["fieldMissing", "fieldEmailMissing", "fieldPasswordMissing"].includes(problem.key);
  if (missing && own.missing) return own.missing;
  if (validity.patternMismatch && problem.key === "fieldInvalid" && own.pattern) return own.pattern;
  return problem.values ? tf(problem.key, problem.values) : t(problem.key);
}
