import { createSignal } from "solid-js";
import type { ApiErrorCode } from "../../../schema/errors.ts";
import { ApiError } from "../shared/api.ts";
import { explainError } from "../shared/errors.ts";
import { formatWait, t, tf } from "../shared/i18n.ts";

/** What went wrong with a request, in the page's language. */
export function describeError(error: unknown): string {
  const explanation = explainError(error);
  if ("serverMessage" in explanation) return explanation.serverMessage;
  if ("waitSeconds" in explanation) return tf("rateLimitedFor", { wait: formatWait(explanation.waitSeconds) });
  return t(explanation.key);
}

/** A form's submit handler with its busy and error states; setError for a refusal of the page's own. */
export interface Submission {
  error(): string | undefined;
  /** The code of the server's last refusal, if it named one: a form may show it on the field it concerns. */
  refusal(): ApiErrorCode | undefined;
  setError(message: string | undefined): void;
  busy(): boolean;
  submit(event: SubmitEvent): Promise<void>;
}

export function createSubmit(action: (form: FormData) => Promise<unknown>): Submission {
  const [error, setError] = createSignal<string>();
  const [refusal, setRefusal] = createSignal<ApiErrorCode>();
  const [busy, setBusy] = createSignal(false);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const submitter = event.submitter ?? document.activeElement;
    setBusy(true);
    setError(undefined);
    setRefusal(undefined);
    try {
      await action(form);
    } catch (e) {
      setError(describeError(e));
      setRefusal(e instanceof ApiError ? e.code : undefined);
    } finally {
      setBusy(false);
      // The busy button was disabled, which drops focus to the page: give it back, so a keyboard or screen
      // reader user keeps their place beside the error. (A form that went away on success is left alone.)
      if (document.activeElement === document.body && submitter instanceof HTMLElement && submitter.isConnected) {
        submitter.focus();
      }
    }
  }
  return { error, refusal, setError, busy, submit };
}
