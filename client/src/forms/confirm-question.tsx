// "Are you sure?" in place, for an action that cannot be taken back (cancel an appointment, withdraw a
// link, revoke a feed, remove a member): the question takes the focus so a screen reader reads it first,
// the danger button does it, the other keeps things as they were and hands the focus back.
import type { JSX } from "solid-js";
import { focusWhenShown } from "../shared/page.ts";

export function ConfirmQuestion(props: {
  question: JSX.Element;
  confirmLabel: string;
  confirmTestid: string;
  keepLabel: string;
  keepTestid?: string;
  busy: boolean;
  confirm(): void;
  keep(): void;
  /** Extra classes for the box ("full" where it spans its row). */
  class?: string;
  /** What follows the buttons, e.g. the refusal of a confirmed action. */
  children?: JSX.Element;
}) {
  return (
    // Escape answers "keep", as a dialog's would: nothing happens and the focus goes back. The key is
    // heard on the box (the question and its buttons, which are the controls), not made a control itself.
    <div
      class={props.class ? `confirm ${props.class}` : "confirm"}
      ref={(box) =>
        box.addEventListener("keydown", (event) => {
          if (event.key === "Escape" && !props.busy) props.keep();
        })
      }
    >
      <p tabindex="-1" ref={focusWhenShown}>
        {props.question}
      </p>
      <div class="row wrap">
        <button
          type="button"
          class="danger"
          disabled={props.busy}
          onClick={() => props.confirm()}
          data-testid={props.confirmTestid}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="secondary" onClick={() => props.keep()} data-testid={props.keepTestid}>
          {props.keepLabel}
        </button>
      </div>
      {props.children}
    </div>
  );
}
