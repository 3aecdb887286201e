// An invitation's label in the page's language: the preset keys each page says in its own words (as
// the provider's invitation list does), anything else as the practice typed it.
import { type MessageKey, t } from "../../shared/i18n.ts";
import "./i18n-group.ts";

const PRESETS: Record<string, MessageKey> = {
  patient: "groupLabelPatient",
  relative: "groupLabelRelative",
  interpreter: "groupLabelInterpreter",
  colleague: "groupLabelColleague",
};

export function labelText(label: string): string {
  const key = Object.hasOwn(PRESETS, label) ? PRESETS[label] : undefined;
  return key ? t(key) : label;
}
