// What a patient's join page shows of the practice before they enter, the same for an invite link and
// a personal room: its name and contact line always, its look and consent text where the page may go on.
import { nameForPatients, practiceLogoUrl } from "./branding.ts";
import { currentConsentText } from "./consent-texts.ts";
import type { Database } from "./db.ts";
import { problem } from "./problem.ts";

/** Shown on every answer about a known link or room, also an unusable link: whom the patient can ask. */
export const practiceOf = (found: { practice: { name: string; brandName: string; contactLine: string } }) => ({
  practiceName: nameForPatients(found.practice),
  contactLine: found.practice.contactLine,
});

/** The practice's look and the consent text, for a page the patient may go on from. */
export async function patientPage(db: Database, practice: { id: string; brandColour: string }) {
  const [logoUrl, consent] = await Promise.all([practiceLogoUrl(db, practice.id), currentConsentText(db, practice.id)]);
  return {
    ...(practice.brandColour ? { brandColour: practice.brandColour } : {}),
    ...(logoUrl ? { logoUrl } : {}),
    consent: { version: consent.version, en: consent.en, de: consent.de },
  };
}

/** The patient read a consent text the practice has replaced since: they read the new one first. */
export const consentOutdated = problem(
  "consent-outdated",
  "The consent text has changed; please reload the page and read it again.",
);
