// Modal dialogs of the call: a native <dialog> gives focus trapping and Escape for free.
import { type JSX, onMount } from "solid-js";

/** Opens as a modal when mounted; Escape or the close event calls onClose. */
export function Modal(props: { labelledBy: string; onClose(): void; children: JSX.Element; class?: string }) {
  let dialog!: HTMLDialogElement;
  onMount(() => {
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
  });
  return (
    <dialog
      ref={dialog}
      class={props.class ?? "call-dialog"}
      aria-labelledby={props.labelledBy}
      onClose={() => props.onClose()}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}
