import { Show } from "solid-js";
import { focusWhenShown } from "../../shared/page.ts";

/**
 * What an action on a list did ("Invitation sent", "Removed"): announced by the live region, and
 * focused, since the row the person acted on may be gone.
 */
export function ActionNotice(props: { text: string | undefined }) {
  return (
    <p class="status ok" role="status">
      <Show when={props.text}>
        <span tabindex="-1" ref={focusWhenShown}>
          {props.text}
        </span>
      </Show>
    </p>
  );
}
