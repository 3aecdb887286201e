// What the practice reads above a link just made for an invitation: whom it is for. The appointment's
// own invitation is the patient's; any other says its label (an interpreter, a relative, the practice's
// own words), never "for the patient".
import { t, tf } from "../../shared/i18n.ts";
import "./i18n-send.ts";
import { labelText } from "./invitation-label.ts";

/** The label of every appointment's first invitation (worker/invites.ts FIRST_INVITATION_LABEL). */
const PATIENT_LABEL = "patient";

export function issuedLinkNote(label: string): string {
  return label === PATIENT_LABEL ? t("inviteReady") : tf("inviteReadyFor", { label: labelText(label) });
}
