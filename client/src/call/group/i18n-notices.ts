// Moderation's words that everyone in the call may see (asked to mute, the no-moderator countdown, the
// role handed to this side),
// loaded with the group chunk; the moderator's own controls have theirs in i18n-moderation.ts.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  askedToMute: "{name} asked you to mute. Your microphone is off; you can switch it on again when you want to speak.",
  askedToMuteOk: "OK",
  graceNotice: "The provider has left. Unless a provider comes back, the consultation ends in",
  nowModerator:
    "You now moderate this consultation: you can ask people to mute, remove them, lock the call and end it for everyone (Participants).",
} as const;

export type NoticeMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    moderationNotices: NoticeMessageKey;
  }
}

const de: Record<NoticeMessageKey, string> = {
  askedToMute:
    "{name} hat Sie gebeten, sich stummzuschalten. Ihr Mikrofon ist aus; Sie können es wieder einschalten, wenn Sie sprechen möchten.",
  askedToMuteOk: "OK",
  graceNotice: "Die Praxis hat das Gespräch verlassen. Kommt niemand aus der Praxis zurück, endet die Sprechstunde in",
  nowModerator:
    "Sie leiten jetzt diese Sprechstunde: Sie können Personen bitten, sich stummzuschalten, sie entfernen, das Gespräch sperren und es für alle beenden (Teilnehmende).",
};

addMessages({ en, de });
