// What the room has minted and sealed for it; the object does both with the ticket secret.
import type { WaitingTicket } from "../../schema/identity.ts";
import type { PatientAttachment, ProviderAttachment } from "./attachments.ts";

export interface Admission {
  consultationId: string;
  provider: ProviderAttachment;
  patient: PatientAttachment;
}

/** Mints the consultation tickets for both sides of an admission, and says when they expire. */
export type TicketMinter = (admission: Admission) => Promise<{ provider: string; patient: string; expiresAt: number }>;
/** Seals a waiting ticket: for a patient given a new place, or moved to a colleague. */
export type WaitingTicketSealer = (ticket: WaitingTicket) => Promise<string>;
