// The practice's settings as the waiting room reads them. Every read of them goes through here, so that
// where they come from (today the sockets' attachments, later a room configuration) changes in one place.
import { DEFAULT_CONSULTATION_LIMIT_MINUTES } from "../../schema/limits.ts";
import type { PatientAttachment, ProviderAttachment } from "./attachments.ts";

/** Used when no patient's socket carries the practice's idle limit. */
const DEFAULT_IDLE_LIMIT_MS = 3 * 60 * 60 * 1000;

/**
 * How long a consultation lasts at most when the provider's socket does not say (one opened before the
 * practice setting existed): the setting's default. Its tickets work until then, reconnects included.
 */
export const CONSULTATION_TICKET_TTL_MS = DEFAULT_CONSULTATION_LIMIT_MINUTES * 60 * 1000;

export type Colleague = NonNullable<ProviderAttachment["colleagues"]>[number];

export class PracticeSettings {
  private idleLimit = DEFAULT_IDLE_LIMIT_MS;

  /** A patient placed in line: their socket carries the practice's idle limit as it is now. */
  heardFrom(patient: PatientAttachment): void {
    if (patient.idleLimitMs) this.idleLimit = patient.idleLimitMs;
  }

  /** How long a patient may wait, as the newest patient's socket carries it. */
  idleLimitMs(): number {
    return this.idleLimit;
  }

  /** How long a denied link must wait before it may ask again; 0: at once. */
  denyPauseMs(patient: PatientAttachment): number {
    return patient.denyPauseMs ?? 0;
  }

  /** The colleagues a provider may move patients to, as their dashboard's socket was opened with. */
  colleagues(provider: ProviderAttachment): Colleague[] {
    return provider.colleagues ?? [];
  }

  /** How long the consultations this provider admits may last. */
  consultationLimitMs(provider: ProviderAttachment): number {
    return provider.consultationLimitMs ?? CONSULTATION_TICKET_TTL_MS;
  }
}
