// "Copy", which says "Copied" once it has: for a few seconds, or until the person does something else
// (a click or a key anywhere), so an old "Copied" never claims a copy the person did not just make.
import { createEffect, createSignal, on, onCleanup } from "solid-js";
import { type MessageKey, t } from "../shared/i18n.ts";

/** Long enough to read, short enough not to be mistaken for the state of a later copy. */
const COPIED_SHOWN_MS = 4000;

/**
 * `words`: for a screen that does not load the provider's messages (the call's "Invite someone" panel
 * after a reload of the call page), its own keys for "Copy" and "Copied".
 */
export function CopyButton(props: { text: string; testid?: string; words?: { copy: MessageKey; copied: MessageKey } }) {
  const [copied, setCopied] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  function forget() {
    clearTimeout(timer);
    document.removeEventListener("pointerdown", forget, true);
    document.removeEventListener("keydown", forget, true);
    setCopied(false);
  }
  async function copy() {
    forget();
    await navigator.clipboard?.writeText(props.text).catch(() => undefined);
    setCopied(true);
    timer = setTimeout(forget, COPIED_SHOWN_MS);
    // Added after the click (and the Enter that made it) is over: the next one is another action.
    document.addEventListener("pointerdown", forget, true);
    document.addEventListener("keydown", forget, true);
  }
  // A new text (a new link) was not copied yet.
  createEffect(on(() => props.text, forget, { defer: true }));
  onCleanup(forget);

  return (
    <button type="button" onClick={copy} data-testid={props.testid}>
      {copied() ? t(props.words?.copied ?? "copied") : t(props.words?.copy ?? "copy")}
    </button>
  );
}
