// The call screen's messages (controls, layout, safety code, time limit), loaded with the call screen,
// so the join page's first load does not carry them.
import { addMessages } from "./i18n.ts";

const en = {
  callControls: "Call controls",
  timeLimitReached: "The consultation reached its maximum length and was ended automatically.",
} as const;

export type CallMessageKey = keyof typeof en;

const de: Record<CallMessageKey, string> = {
  callControls: "Steuerung der Sprechstunde",
  timeLimitReached: "Die Sprechstunde hat ihre Höchstdauer erreicht und wurde automatisch beendet.",
};

addMessages({ en, de });
