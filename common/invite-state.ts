// Whether an invite opens the waiting room now. The worker asks it when a patient opens their link; the
// waiting room asks it again each time a patient's socket arrives (the link may be withdrawn meanwhile).

export type InviteState = "valid" | "not-yet-valid" | "expired" | "revoked";

export interface InviteValidity {
  validFrom: number;
  validUntil: number;
  revokedAt: number | null;
}

export function inviteState(invite: InviteValidity, now: number): InviteState {
  if (invite.revokedAt !== null) return "revoked";
  if (now < invite.validFrom) return "not-yet-valid";
  if (now >= invite.validUntil) return "expired";
  return "valid";
}
