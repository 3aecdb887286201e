// The start of an appointment as a patient reads it in a message: in their time zone and language,
// with the zone named, since the practice and the patient may be in different ones.
import type { Language } from "../schema/tables.ts";

const LOCALE: Record<Language, string> = { de: "de-DE", en: "en-GB" };

/** "Thursday, 3 December 2026 at 15:00 (Europe/Berlin)"; `short` for an SMS: "3 Dec 2026, 15:00 (…)". */
export function appointmentWhen(start: number, language: Language, timeZone: string, short = false): string {
  const format = new Intl.DateTimeFormat(LOCALE[language], {
    dateStyle: short ? "medium" : "full",
    timeStyle: "short",
    timeZone,
  });
  return `${format.format(new Date(start))} (${timeZone})`;
}
