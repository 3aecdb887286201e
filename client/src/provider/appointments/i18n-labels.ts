// The preset invitation labels' words, with the code that says them (invitation-label.ts): the practice's
// pages and the provider's call screen (who waits to join it) both show labels, and neither must load
// the other's messages for four words.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  invitationLabelPatient: "patient",
  invitationLabelRelative: "relative",
  invitationLabelInterpreter: "interpreter",
  invitationLabelColleague: "colleague",
} as const;

export type InvitationLabelMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    invitationLabels: InvitationLabelMessageKey;
  }
}

const de: Record<InvitationLabelMessageKey, string> = {
  invitationLabelPatient: "Patient:in",
  invitationLabelRelative: "Angehörige:r",
  invitationLabelInterpreter: "Dolmetscher:in",
  invitationLabelColleague: "Kolleg:in",
};

addMessages({ en, de });
