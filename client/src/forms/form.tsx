// Every provider form the same way: its fields, then the error line (an alert), the status line (a live
// region that stays in the page, so "Saved" is announced), and the submit button, busy while the
// request runs. The fields are checked first, in our words rather than the browser's bubbles: each
// wrong field says what is wrong with it (field.tsx) and the first one takes the focus.
import { type JSX, Show } from "solid-js";
import type { ApiErrorCode } from "../../../schema/errors.ts";
import { firstInvalid, problemText } from "./first-invalid.ts";
import type { Submission } from "./submit.ts";

export interface FormProps {
  submission: Submission;
  submitLabel: string;
  /** The button's words while the request runs ("Sending…"); the same words, disabled, without. */
  busyLabel?: string;
  submitTestid?: string;
  /** "danger" for a button that deletes or switches something off. */
  submitClass?: string;
  errorTestid?: string;
  /** A message of the page's own, shown in the error line instead of the request's (a wrong logo file). */
  problem?: string;
  /** Below the error line while there is one (the login's "send the confirmation link again"). */
  errorDetail?: JSX.Element;
  /** What came of the last submit. Given at all, the live region is in the page from the start. */
  status?: JSX.Element;
  /** Buttons beside the submit button (Cancel). */
  actions?: JSX.Element;
  /**
   * Refusals that concern one field, by the server's code and the field's name ("wrong-password" →
   * "password"): shown under that field, which takes the focus, instead of in the form's error line.
   */
  fieldFor?: Partial<Record<ApiErrorCode, string>>;
  /** A check of the page's own before the fields' (false stops the submit; it has moved the focus). */
  validate?(): boolean;
  class?: string;
  testid?: string;
  ref?: HTMLFormElement | ((form: HTMLFormElement) => void);
  onInput?(): void;
  children: JSX.Element;
}

/** Where a confirmation's refusals belong: a wrong password under the password, a wrong code under the code. */
export const CONFIRMATION_REFUSALS: FormProps["fieldFor"] = { "wrong-password": "password", "totp-invalid": "code" };

export function Form(props: FormProps) {
  const error = () => props.problem ?? props.submission.error();
  function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault();
    if (props.validate && !props.validate()) return;
    const wrong = firstInvalid(event.currentTarget);
    if (wrong) {
      wrong.focus();
      // A control without a Field of its own has no line to say it in: the form's error line does. A
      // refusal from an earlier submit goes: it is not what stops this one.
      props.submission.setError(wrong.hasAttribute("aria-errormessage") ? undefined : problemText(wrong));
      return;
    }
    const form = event.currentTarget;
    void props.submission.submit(event).then(() => showOnField(form));
  }
  /** A refusal that names a field goes under it (Field shows a control's own custom message). */
  function showOnField(form: HTMLFormElement) {
    const code = props.submission.refusal();
    const name = code && props.fieldFor?.[code];
    const control = name ? form.elements.namedItem(name) : null;
    const message = props.submission.error();
    if (!message || !(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) return;
    control.setCustomValidity(message);
    control.checkValidity();
    props.submission.setError(undefined);
    control.focus();
  }
  const button = () => (
    <button type="submit" class={props.submitClass} disabled={props.submission.busy()} data-testid={props.submitTestid}>
      {props.submission.busy() && props.busyLabel ? props.busyLabel : props.submitLabel}
    </button>
  );

  return (
    <form
      class={props.class}
      noValidate
      ref={(form) => {
        if (typeof props.ref === "function") props.ref(form);
      }}
      data-testid={props.testid}
      onSubmit={onSubmit}
      onInput={() => props.onInput?.()}
    >
      {props.children}
      <Show when={error()}>
        <p class="error" role="alert" data-testid={props.errorTestid}>
          {error()}
        </p>
        {props.errorDetail}
      </Show>
      <Show when={"status" in props}>
        <p class="status ok" role="status">
          {props.status}
        </p>
      </Show>
      <Show when={props.actions} fallback={button()}>
        <div class="row wrap">
          {button()}
          {props.actions}
        </div>
      </Show>
    </form>
  );
}
