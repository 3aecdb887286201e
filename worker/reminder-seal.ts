// What a reminder needs to be sent later, sealed for its row in invitation_reminders: the address or
// number and the link's token are readable only with the deployment's TICKET_SECRET (HKDF with a purpose
// of its own: common/sealed.ts), never by whoever reads D1 or a backup of it. The row's id is sealed
// inside, so a box copied into another row does not open there.
import { seal, unseal } from "../common/sealed.ts";
import { KEY_COMMITMENT_PATTERN } from "../schema/sealed-name.ts";
import type { Language } from "../schema/tables.ts";

const PURPOSE = "anteroom invitation reminder v1";
/** Far longer than any real box (an address of 320 characters, a token, a zone); refuses absurd input. */
const MAX_BOX_LENGTH = 2048;

/** Whom a message goes to and what it needs: never stored in the clear. */
export interface Recipient {
  channel: "email" | "sms";
  /** The address (checked) or the number in E.164. */
  to: string;
  /** The link's token: the link is rebuilt from the configured origin and it. */
  token: string;
  language: Language;
  timeZone: string;
  /** The practice's key commitment for the link's fragment (`#k=`), when the provider's page sent one. */
  commitment?: string;
}

export function sealRecipient(secret: string, reminderId: string, recipient: Recipient): Promise<string> {
  return seal(secret, PURPOSE, { ...recipient, reminderId });
}

const isLanguage = (value: unknown): value is Language => value === "de" || value === "en";

/** The recipient sealed for this row, or undefined (another secret, another row, a damaged box). */
export async function openRecipient(secret: string, reminderId: string, box: string): Promise<Recipient | undefined> {
  const opened = await unseal(secret, PURPOSE, box, MAX_BOX_LENGTH);
  if (typeof opened !== "object" || opened === null) return undefined;
  const value = opened as Partial<Recipient & { reminderId: string }>;
  if (value.reminderId !== reminderId) return undefined;
  const { channel, to, token, language, timeZone, commitment } = value;
  if (channel !== "email" && channel !== "sms") return undefined;
  if (typeof to !== "string" || typeof token !== "string" || typeof timeZone !== "string") return undefined;
  if (!isLanguage(language)) return undefined;
  const committed = typeof commitment === "string" && KEY_COMMITMENT_PATTERN.test(commitment);
  return { channel, to, token, language, timeZone, ...(committed ? { commitment } : {}) };
}
