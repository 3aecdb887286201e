// What a participant is called on this side's screen (tiles, the participants panel, chat, moderation):
// a provider by the room's word, a patient or guest by what their page told over the data channel
// (issue 25: the server never has their name), else a word for their role. Apart from participant-tile.ts,
// which stays free of the page's words so its mapping is tested without them.
import type { Participant } from "../../../schema/messages.ts";
import { t } from "../shared/i18n.ts";

/** Who a participant is, for naming them: the room's word, and the name they told over the data channel. */
export interface Named {
  readonly participant: Participant;
  /** The name their page told this side (a `name` peer message), once it has. */
  readonly told?: string;
}

/**
 * The name to show for a participant. A provider's is the room's (their account's: a modified page
 * cannot pass for another); a patient's or guest's is what their page told (the server never has it:
 * issue 25); until then, or when they tell none, a word for their role (the label shows beside it).
 */
export function nameOf(named: Named): string {
  const { participant } = named;
  if (participant.name) return participant.name;
  if (named.told) return named.told;
  if (participant.role === "patient") return t("someonePatient");
  if (participant.role === "guest") return t("someoneGuest");
  return t("otherSide");
}
