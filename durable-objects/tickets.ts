// Tickets: short-lived proofs that the worker or a room handed out. A patient's waiting ticket
// proves a valid invite and recorded consent; a consultation ticket proves admission. The worker
// opens them before any socket reaches an object.
// They are sealed with AES-GCM, not just signed: they carry a patient's display name, which must
// not be readable by anyone who sees a ticket on its way.

import { seal, unseal } from "../common/sealed.ts";
import { Ticket } from "../schema/identity.ts";

/** 32 random bytes, written as 64 hex characters by `npm start`; the operator's secret is checked against this. */
export const MIN_TICKET_SECRET_LENGTH = 32;
/** Far longer than any real ticket; refuses absurd input before any crypto runs. */
const MAX_TICKET_LENGTH = 4096;
const PURPOSE = "anteroom ticket v1";

export function sealTicket(secret: string, ticket: Ticket): Promise<string> {
  return seal(secret, PURPOSE, ticket);
}

/** The ticket if it was sealed with this secret, is well-formed and has not expired; otherwise null. */
export async function openTicket(secret: string, token: string, now = Date.now()): Promise<Ticket | null> {
  const parsed = Ticket.safeParse(await unseal(secret, PURPOSE, token, MAX_TICKET_LENGTH));
  if (!parsed.success || parsed.data.exp <= now) return null;
  return parsed.data;
}
