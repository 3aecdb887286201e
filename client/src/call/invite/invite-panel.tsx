// A button in the call's top bar that opens a small panel under it ("Invite someone", "Invite a
// colleague"): Escape or Close folds it and gives the focus back to the button.
import type { JSX } from "solid-js";
import { Show } from "solid-js";
import { t } from "../../shared/i18n.ts";

export interface InvitePanelProps {
  /** The hook of the button; the panel's is `<testid>-panel`, its Close button's `<testid>-close`. */
  testid: string;
  label: string;
  title: string;
  hint: string;
  open: boolean;
  /** The button was pressed while the panel is folded: the owner opens it and moves the focus in. */
  show(): void;
  /** Escape, Close or the button while open: the owner folds it (and resets what it showed). */
  close(): void;
  /** Gets the button, to give the focus back to it. */
  toggleRef(button: HTMLButtonElement): void;
  children: JSX.Element;
}

export function InvitePanel(props: InvitePanelProps) {
  const panelId = () => `${props.testid}-panel`;
  const headingId = () => `${props.testid}-heading`;
  return (
    <div class="call-invite">
      <button
        type="button"
        ref={props.toggleRef}
        data-testid={props.testid}
        aria-expanded={props.open}
        aria-controls={panelId()}
        onClick={() => (props.open ? props.close() : props.show())}
      >
        {props.label}
      </button>
      <Show when={props.open}>
        <section
          id={panelId()}
          class="call-invite-panel"
          data-testid={panelId()}
          aria-labelledby={headingId()}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.stopPropagation();
            props.close();
          }}
        >
          <h2 id={headingId()} tabindex="-1">
            {props.title}
          </h2>
          <p class="muted">{props.hint}</p>
          {props.children}
          <button type="button" class="secondary" data-testid={`${props.testid}-close`} onClick={() => props.close()}>
            {t("callInviteClose")}
          </button>
        </section>
      </Show>
    </div>
  );
}
