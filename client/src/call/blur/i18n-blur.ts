// Background blur's notices, loaded with blur itself (processor.ts): nobody who leaves blur off fetches
// them. The toggle's own label is a core word (messages-en.ts), as the device check shows it first.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  blurUnavailable: "Background blur does not work in this browser. Your picture is shown as it is.",
  blurTooSlow: "This device is too slow for background blur, so it was turned off. Your picture is shown as it is.",
} as const;

export type BlurMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    blur: BlurMessageKey;
  }
}

const de: Record<BlurMessageKey, string> = {
  blurUnavailable: "Hintergrund-Unschärfe funktioniert in diesem Browser nicht. Ihr Bild wird unverändert gezeigt.",
  blurTooSlow:
    "Dieses Gerät ist zu langsam für Hintergrund-Unschärfe, sie wurde ausgeschaltet. Ihr Bild wird unverändert gezeigt.",
};

addMessages({ en, de });
