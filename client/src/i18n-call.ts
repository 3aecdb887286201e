// The call screen's messages (controls, layout, safety code, time limit), loaded with the call screen,
// so the join page's first load does not carry them.
import { addMessages } from "./i18n.ts";

const en = {
  callControls: "Call controls",
} as const;

export type CallMessageKey = keyof typeof en;

const de: Record<CallMessageKey, string> = {
  callControls: "Steuerung der Sprechstunde",
};

addMessages({ en, de });
