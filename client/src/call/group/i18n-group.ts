// The group call's words (grid, participants panel, labels, the group's safety code), loaded with the
// group chunk, which the call screen prefetches: nothing here weighs on the first load or the call chunk.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  participantsTitle: "Participants",
  participantsClose: "Close participants",
  participantsCount: "{n} in this consultation",
  participantYou: "{name} (you)",
  groupRoleProvider: "Provider",
  groupRolePatient: "Patient",
  groupRoleGuest: "Guest",
  groupModerator: "Moderator",
  groupMuted: "Muted",
  groupCameraOff: "Camera off",
  groupStateConnecting: "Connecting…",
  groupStateConnected: "Connected",
  groupStateReconnecting: "Reconnecting…",
  groupLabelPatient: "patient",
  groupLabelRelative: "relative",
  groupLabelInterpreter: "interpreter",
  groupLabelColleague: "colleague",
  groupCodeCovers: "This code covers {n} people: you and everyone your device is connected to.",
  groupCodeHelpProvider:
    "Read it out once for everyone. If anyone's code is different, or covers a different number of people, someone may be listening in: end the call.",
  groupCodeHelpPatient:
    "Your provider reads out a code for everyone. If it is different from this one, someone may be listening in: leave the call.",
  layoutTitle: "Layout",
  layoutSpeaker: "Speaker",
  layoutGrid: "Everyone",
  pinPerson: "Show {name} large",
} as const;

export type GroupMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    group: GroupMessageKey;
  }
}

const de: Record<GroupMessageKey, string> = {
  participantsTitle: "Teilnehmende",
  participantsClose: "Teilnehmende schließen",
  participantsCount: "{n} in dieser Sprechstunde",
  participantYou: "{name} (Sie)",
  groupRoleProvider: "Praxis",
  groupRolePatient: "Patient:in",
  groupRoleGuest: "Gast",
  groupModerator: "Moderation",
  groupMuted: "Stummgeschaltet",
  groupCameraOff: "Kamera aus",
  groupStateConnecting: "Verbindet…",
  groupStateConnected: "Verbunden",
  groupStateReconnecting: "Verbindung wird wiederhergestellt…",
  groupLabelPatient: "Patient:in",
  groupLabelRelative: "Angehörige:r",
  groupLabelInterpreter: "Dolmetscher:in",
  groupLabelColleague: "Kolleg:in",
  groupCodeCovers: "Dieser Code gilt für {n} Personen: Sie und alle, mit denen Ihr Gerät verbunden ist.",
  groupCodeHelpProvider:
    "Lesen Sie ihn einmal für alle vor. Ist der Code bei jemandem anders oder gilt er für eine andere Anzahl Personen, hört vielleicht jemand mit: Beenden Sie das Gespräch.",
  groupCodeHelpPatient:
    "Ihre Praxis liest einen Code für alle vor. Ist er anders als dieser, hört vielleicht jemand mit: Verlassen Sie das Gespräch.",
  layoutTitle: "Ansicht",
  layoutSpeaker: "Sprechende Person",
  layoutGrid: "Alle",
  pinPerson: "{name} groß zeigen",
};

addMessages({ en, de });
