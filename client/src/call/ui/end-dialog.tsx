// Ending asks once: the provider ends it for everyone, the patient only leaves.
import type { ConsultationRole } from "../../../../schema/messages.ts";
import { t } from "../../shared/i18n.ts";
import { Modal } from "./dialogs.tsx";

export function EndDialog(props: { role: ConsultationRole | undefined; confirm(): void; cancel(): void }) {
  const provider = () => props.role === "provider";
  return (
    <Modal labelledBy="end-title" onClose={() => props.cancel()}>
      <h2 id="end-title">{provider() ? t("endConfirmProvider") : t("endConfirmPatient")}</h2>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={() => props.cancel()}>
          {t("keepTalking")}
        </button>
        <button type="button" class="danger" data-testid="end-confirm" onClick={() => props.confirm()}>
          {provider() ? t("endForEveryone") : t("leaveNow")}
        </button>
      </div>
    </Modal>
  );
}
