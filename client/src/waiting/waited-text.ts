// How long someone has waited, in words of the page's language: the waiting room's, both sides'. Here
// rather than in the i18n core (shared/i18n.ts), which knows no feature of the app.
import { locale, t } from "../shared/i18n.ts";
import { waitedParts } from "./waited.ts";

/** "less than a minute", "5 minutes", "1 Stunde 5 Minuten": how long someone has waited (waited.ts). */
export function formatWaited(totalMinutes: number): string {
  const { hours, minutes } = waitedParts(totalMinutes);
  if (hours === 0 && minutes === 0) return t("lessThanAMinute");
  const unit = (value: number, name: string) =>
    new Intl.NumberFormat(locale(), { style: "unit", unit: name, unitDisplay: "long" }).format(value);
  if (hours === 0) return unit(minutes, "minute");
  return minutes === 0 ? unit(hours, "hour") : `${unit(hours, "hour")} ${unit(minutes, "minute")}`;
}
