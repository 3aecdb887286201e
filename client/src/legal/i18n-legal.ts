// The legal pages' titles, for the tab (usePageTitle takes a message key). Everything else they say is in
// their own texts (texts-*.ts, labels.ts).
import { addMessages } from "../shared/i18n.ts";

const en = { pageTerms: "Terms of use", pagePrivacy: "Privacy notice" };

export type LegalMessageKey = keyof typeof en;

declare module "../shared/i18n.ts" {
  interface FeatureMessageKeys {
    legal: LegalMessageKey;
  }
}

const de: Record<LegalMessageKey, string> = { pageTerms: "Nutzungsbedingungen", pagePrivacy: "Datenschutzhinweise" };

addMessages({ en, de });
