// An invitation's label as stored: one of a few neutral keys, which each member's page says in its own
// language (in a shared waiting room an English-speaking colleague reads "interpreter" where a German
// one reads "Dolmetscher:in"), or the practice's own words, shown as typed.
import { type MessageKey, t } from "../../shared/i18n.ts";
import "./i18n-labels.ts";

const PRESETS = {
  patient: "invitationLabelPatient",
  relative: "invitationLabelRelative",
  interpreter: "invitationLabelInterpreter",
  colleague: "invitationLabelColleague",
} as const satisfies Record<string, MessageKey>;

export const PRESET_LABELS = Object.keys(PRESETS) as (keyof typeof PRESETS)[];

const isPreset = (label: string): label is keyof typeof PRESETS => Object.hasOwn(PRESETS, label);

/** The label in the page's language. */
export function labelText(label: string): string {
  return isPreset(label) ? t(PRESETS[label]) : label;
}

/** What to store for what was typed: a preset's key when it is a preset's word in the page's language. */
export function labelToStore(typed: string): string {
  const text = typed.trim();
  const preset = PRESET_LABELS.find((key) => t(PRESETS[key]).toLowerCase() === text.toLowerCase());
  return preset ?? text;
}
