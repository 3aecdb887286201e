// Ending asks once: the moderator ends it for everyone (`end-confirm`) or leaves it to go on without
// them (`end-leave`: the room hands moderation on); anyone else only leaves (`end-confirm`).
import { Show } from "solid-js";
import { t } from "../../shared/i18n.ts";
import { Modal } from "./dialogs.tsx";

export function EndDialog(props: { moderator: boolean; confirm(): void; leave(): void; cancel(): void }) {
  return (
    <Modal labelledBy="end-title" onClose={() => props.cancel()}>
      <h2 id="end-title">{props.moderator ? t("endConfirmProvider") : t("endConfirmPatient")}</h2>
      <Show when={props.moderator}>
        <p id="end-leave-help">{t("endLeaveModeratorHelp")}</p>
      </Show>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={() => props.cancel()}>
          {t("keepTalking")}
        </button>
        <Show when={props.moderator}>
          <button
            type="button"
            class="secondary"
            data-testid="end-leave"
            aria-describedby="end-leave-help"
            onClick={() => props.leave()}
          >
            {t("leaveNow")}
          </button>
        </Show>
        <button type="button" class="danger" data-testid="end-confirm" onClick={() => props.confirm()}>
          {props.moderator ? t("endForEveryone") : t("leaveNow")}
        </button>
      </div>
    </Modal>
  );
}
