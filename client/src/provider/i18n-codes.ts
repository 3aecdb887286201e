// The provider's words for join codes (in an invitation's row) and the practice's short name. Their own
// dictionary, loaded with those parts: a provider screen, never the patient's path.
import { addMessages } from "../shared/i18n.ts";

const en = {
  inviteCodeMake: "Make a code to type in",
  inviteCodeRenew: "New code",
  inviteCodeLabel: "Code",
  inviteCodeHint:
    "The patient types it at {url} (also linked from the login page). Works until {until}, at most 7 days. Shown only now: a new code replaces this one.",
  errJoinCodeUnavailable:
    "No code can be made now: the practice has 100 working codes, the most it may have at once. Please send the link instead.",
  shortNameHeading: "Short name",
  shortNameLabel: "The practice's short name",
  shortNameHint:
    "3 to 16 lowercase letters or digits, a letter first. Join codes start with it (“{example}”). Changing it stops every join code already given out, and your members' personal-room links.",
  shortNamePattern:
    "Use 3 to 16 lowercase letters (a–z) or digits, starting with a letter; no spaces, hyphens or umlauts.",
  errShortNameTaken: "Another practice already has this short name. Please choose another.",
};

export type CodesMessageKey = keyof typeof en;

declare module "../shared/i18n.ts" {
  interface FeatureMessageKeys {
    codes: CodesMessageKey;
  }
}

const de: Record<CodesMessageKey, string> = {
  inviteCodeMake: "Code zum Eintippen erstellen",
  inviteCodeRenew: "Neuer Code",
  inviteCodeLabel: "Code",
  inviteCodeHint:
    "Die Patientin oder der Patient gibt ihn unter {url} ein (auch von der Anmeldeseite verlinkt). Gültig bis {until}, höchstens 7 Tage. Wird nur jetzt angezeigt: Ein neuer Code ersetzt diesen.",
  errJoinCodeUnavailable:
    "Gerade kann kein Code erstellt werden: Die Praxis hat 100 gültige Codes, mehr sind gleichzeitig nicht möglich. Bitte senden Sie stattdessen den Link.",
  shortNameHeading: "Kurzname",
  shortNameLabel: "Kurzname der Praxis",
  shortNameHint:
    "3 bis 16 Kleinbuchstaben oder Ziffern, zuerst ein Buchstabe. Zugangscodes beginnen damit („{example}“). Eine Änderung macht alle schon ausgegebenen Zugangscodes ungültig, ebenso die Links der persönlichen Räume Ihrer Mitglieder.",
  shortNamePattern:
    "Bitte 3 bis 16 Kleinbuchstaben (a–z) oder Ziffern, zuerst ein Buchstabe; keine Leerzeichen, Bindestriche oder Umlaute.",
  errShortNameTaken: "Eine andere Praxis hat diesen Kurznamen schon. Bitte wählen Sie einen anderen.",
};

addMessages({ en, de });
