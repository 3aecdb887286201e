// The moderator's words (ask to mute, remove, hand over, lock), loaded with the moderation chunk, which
// only a moderator's panel loads: nothing here weighs on a patient's or guest's page.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  moderationAskMute: "Ask to mute",
  moderationAskMuteLabel: "Ask {name} to mute",
  moderationRemove: "Remove",
  moderationRemoveLabel: "Remove {name} from the call",
  moderationRemoveQuestion: "Remove {name} from the consultation? Their link will no longer open it.",
  moderationRemoveConfirm: "Remove",
  moderationKeep: "Cancel",
  moderationMakeModerator: "Make moderator",
  moderationMakeModeratorLabel: "Hand moderation to {name}",
  moderationMakeModeratorQuestion:
    "Hand moderation to {name}? They can then mute requests, remove, lock and end for everyone; you no longer can.",
  moderationMakeModeratorConfirm: "Hand over",
  moderationLock: "Lock the consultation",
  moderationLockedHint: "Locked: nobody more can be added.",
  moderationUnlockedHint: "Unlocked: you can add people waiting for this call.",
} as const;

export type ModerationMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    moderation: ModerationMessageKey;
  }
}

const de: Record<ModerationMessageKey, string> = {
  moderationAskMute: "Stummschalten bitten",
  moderationAskMuteLabel: "{name} bitten, sich stummzuschalten",
  moderationRemove: "Entfernen",
  moderationRemoveLabel: "{name} aus dem Gespräch entfernen",
  moderationRemoveQuestion: "{name} aus der Sprechstunde entfernen? Der Link öffnet sie dann nicht mehr.",
  moderationRemoveConfirm: "Entfernen",
  moderationKeep: "Abbrechen",
  moderationMakeModerator: "Moderation übergeben",
  moderationMakeModeratorLabel: "Moderation an {name} übergeben",
  moderationMakeModeratorQuestion:
    "Moderation an {name} übergeben? Dann kann diese Person um Stummschalten bitten, entfernen, sperren und für alle beenden; Sie nicht mehr.",
  moderationMakeModeratorConfirm: "Übergeben",
  moderationLock: "Sprechstunde sperren",
  moderationLockedHint: "Gesperrt: Niemand kann mehr hinzukommen.",
  moderationUnlockedHint: "Offen: Sie können Wartende zu diesem Gespräch hinzufügen.",
};

addMessages({ en, de });
