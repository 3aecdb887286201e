// The words of /join, where a patient types a code instead of opening a link, and of the login page's
// pointer to it. Loaded with that page only: the patient's first load of /j/ never downloads them.
import { addMessages } from "../shared/i18n.ts";

const en = {
  pageJoinCode: "Join with a code",
  joinCodeTitle: "Join with a code",
  joinCodeIntro:
    "Type the code your practice gave you: its short name and six digits, for example “mueller 482 913”. Spaces and capitals do not matter.",
  joinCodeLabel: "Your code",
  joinCodeSubmit: "Continue",
  joinCodeChecking: "Checking…",
  joinCodeEmpty: "Please type your code.",
  joinCodeWrong:
    "This code does not work. Please check it, or use the link your practice sent you. A code works for at most 7 days.",
  joinCodeThrottled: "Too many attempts. Please try again in a minute.",
  joinCodePaused:
    "Codes for this practice cannot be entered any more today. Please use the link your practice sent you, or call the practice.",
  joinCodeLoginLink: "Have a code from your practice?",
};

export type JoinCodeMessageKey = keyof typeof en;

declare module "../shared/i18n.ts" {
  interface FeatureMessageKeys {
    joinCode: JoinCodeMessageKey;
  }
}

const de: Record<JoinCodeMessageKey, string> = {
  pageJoinCode: "Mit einem Code teilnehmen",
  joinCodeTitle: "Mit einem Code teilnehmen",
  joinCodeIntro:
    "Geben Sie den Code ein, den Sie von Ihrer Praxis erhalten haben: ihren Kurznamen und sechs Ziffern, zum Beispiel „mueller 482 913“. Leerzeichen und Großbuchstaben spielen keine Rolle.",
  joinCodeLabel: "Ihr Code",
  joinCodeSubmit: "Weiter",
  joinCodeChecking: "Wird geprüft …",
  joinCodeEmpty: "Bitte geben Sie Ihren Code ein.",
  joinCodeWrong:
    "Dieser Code funktioniert nicht. Bitte prüfen Sie ihn oder nutzen Sie den Link, den Ihre Praxis Ihnen geschickt hat. Ein Code gilt höchstens 7 Tage.",
  joinCodeThrottled: "Zu viele Versuche. Bitte versuchen Sie es in einer Minute erneut.",
  joinCodePaused:
    "Für diese Praxis können heute keine Codes mehr eingegeben werden. Bitte nutzen Sie den Link, den Ihre Praxis Ihnen geschickt hat, oder rufen Sie dort an.",
  joinCodeLoginLink: "Sie haben einen Code von Ihrer Praxis?",
};

addMessages({ en, de });
