// What the room has minted and sealed for it; the object does both with the ticket secret.
import type { ConsultationTicket, WaitingTicket } from "../../schema/identity.ts";
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

/**
 * Who someone from the waiting room is in the call, as their consultation ticket says: the patient is the
 * appointment's own invitation (labelled "patient", or unlabelled from before labels); whoever came through
 * another labelled invitation (an interpreter, a relative) is a guest, shown with the label. The same
 * whether they are admitted first, added to a running call or let back into it.
 */
export function callRole(patient: PatientAttachment): Pick<ConsultationTicket, "role" | "label"> {
  const { label } = patient;
  return label === undefined || label === "patient" ? { role: "patient" } : { role: "guest", label };
}
