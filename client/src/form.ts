import { createSignal } from "solid-js";
import { ApiError } from "./api.ts";
import { t } from "./i18n.ts";

/** The server's message for a refused request; a generic one for anything else. */
export function describeError(error: unknown): string {
  return error instanceof ApiError && error.status < 500 ? error.message : t("errorGeneric");
}

/** A form's submit handler with its busy and error states. */
export function createSubmit(action: (form: FormData) => Promise<unknown>) {
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      await action(form);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, submit };
}
