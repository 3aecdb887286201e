// The text a patient agrees to, as a block of its own above the checkbox. A long text (a practice's own
// form) starts folded to its first lines with a button to read all of it, so that "Enter" stays in view
// on a phone; it is never cut off inside a scroll box. Screen readers get the whole text either way:
// folding only hides lines from view, and the checkbox names the text as its description.
import { createSignal, Show } from "solid-js";
import { t } from "../shared/i18n.ts";

/** Up to about three lines on a phone held upright: shown whole, with nothing to unfold. Longer ones
 *  (Anteroom's own German default among them) show two lines and the button. */
const SHORT_TEXT_CHARS = 160;
const SHORT_TEXT_LINES = 3;

export const isLongConsent = (text: string) =>
  text.length > SHORT_TEXT_CHARS || text.split("\n").length > SHORT_TEXT_LINES;

export function ConsentBlock(props: { id: string; text: string }) {
  const [open, setOpen] = createSignal(false);
  const long = () => isLongConsent(props.text);
  return (
    <div class="consent">
      <div id={props.id} class="consent-text" classList={{ folded: long() && !open() }} data-testid="consent-text">
        {props.text}
      </div>
      <Show when={long()}>
        <button
          type="button"
          class="link consent-toggle"
          aria-expanded={open()}
          aria-controls={props.id}
          data-testid="consent-read-all"
          onClick={() => setOpen(!open())}
        >
          {open() ? t("consentShowLess") : t("consentShowAll")}
        </button>
      </Show>
      {/* A new tab: reading it must not lose the name typed and the camera preview. Screen readers hear
          so from styles.css (.consent-privacy::after), which costs the join page's script nothing. */}
      <a href="/privacy" target="_blank" class="consent-privacy" data-testid="consent-privacy" rel="noopener">
        {t("privacyNotice")}
      </a>
    </div>
  );
}
