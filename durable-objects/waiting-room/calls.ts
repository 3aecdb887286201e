// The consultations admitted from this room that may still run, one per link: a patient whose link comes
// back while theirs runs goes back into that same call, never into a second place.
import type { AdmissionAnswer } from "../consultation/roster.ts";
import type { ExpiringSet } from "../expiring-set.ts";
import type { PatientAttachment } from "./attachments.ts";

/**
 * Where a patient stands in the consultation their link was admitted to (consultation/roster.ts):
 * removed means its moderator removed them, and the link does not come back to it while it runs.
 */
export type CallState = "present" | "away" | "removed" | "ended";

/** What the practice's calendar learns from a waiting room: invite ids only, no names. */
export interface CallOverview {
  /** Links whose consultation runs now. */
  running: string[];
  /** Links admitted to a consultation (running or ended) while the link is valid. */
  held: string[];
}

/** A consultation admitted from this room that may still run, as the `calls` set remembers it. */
export interface RunningCall {
  key: string;
  inviteId: string;
  consultationId: string;
  providerId: string;
  /** When its tickets expire: the consultation's maximum length. */
  until: number;
}

/**
 * Patients whose link comes back while their consultation runs: back into the same call, never a second
 * place. Tests that do not care leave it out, and such a link simply queues again.
 */
export interface Returns {
  /** "<invite id>><consultation id>><provider id>" per admission, until its tickets expire. */
  calls: ExpiringSet;
  /**
   * Invite ids admitted from here, until their link expires: the practice's calendar shows that a
   * consultation took place (after that, the appointment is over anyway). Tests that do not care leave it out.
   */
  consulted?: ExpiringSet;
  /**
   * "<consultation id>><appointment id>><provider id>" per admission with an appointment, until its tickets
   * expire: others invited to that appointment (an interpreter) wait for that call. Left out by tests that
   * do not add anyone to a call.
   */
  hosting?: ExpiringSet;
  /** Asks the consultation whether the patient (their participant id is their invite id) is in it now. */
  state(consultationId: string, inviteId: string): Promise<CallState>;
  /**
   * A ticket for the running consultation, ending when it ends: a guest's (with the label) when the
   * invitation is labelled as someone other than the patient.
   */
  mintTicket(call: RunningCall, patient: PatientAttachment): Promise<string>;
  /** Asks the consultation to hold a seat for this invite, added by `providerId` (consultation/roster.ts). */
  admission(consultationId: string, providerId: string, inviteId: string): Promise<AdmissionAnswer>;
}

/** The consultation running for an appointment, as the `hosting` set remembers it. */
export interface HostedCall {
  key: string;
  consultationId: string;
  providerId: string;
  until: number;
}

export class RunningCalls {
  constructor(
    readonly returns: Returns,
    private readonly now: () => number,
  ) {}

  /**
   * One running call per link: a new admission replaces the record of an older one. `linkUntil`: when
   * the link expires, undefined for a walk-in (no appointment shows that their consultation took place).
   */
  remember(inviteId: string, consultationId: string, providerId: string, until: number, linkUntil?: number): void {
    const { calls, consulted } = this.returns;
    for (const key of calls.ids()) if (key.startsWith(`${inviteId}>`)) calls.delete(key);
    calls.add(`${inviteId}>${consultationId}>${providerId}`, until);
    if (linkUntil !== undefined) consulted?.add(inviteId, linkUntil);
  }

  /**
   * For the practice's calendar: links whose consultation runs now (the patient in it or away from it),
   * and links whose consultation took place. A consultation that cannot be asked counts as neither.
   */
  async overview(): Promise<CallOverview> {
    const now = this.now();
    const { calls, consulted } = this.returns;
    const recorded = calls.ids().flatMap((key) => {
      const [inviteId, consultationId] = key.split(">");
      return inviteId && consultationId && calls.has(key, now) ? [{ inviteId, consultationId }] : [];
    });
    const states = await Promise.all(
      recorded.map(({ inviteId, consultationId }) =>
        this.returns.state(consultationId, inviteId).catch(() => undefined),
      ),
    );
    const running = recorded.filter((_, i) => states[i] === "present" || states[i] === "away").map((r) => r.inviteId);
    const held = (consulted?.ids() ?? []).filter((id) => consulted?.has(id, now));
    return { running, held };
  }

  /** The consultation this link was last admitted to, while its tickets work. */
  of(inviteId: string): RunningCall | undefined {
    const { calls } = this.returns;
    const now = this.now();
    for (const key of calls.ids()) {
      const [invite, consultationId, providerId] = key.split(">");
      const until = calls.until(key, now);
      if (invite !== inviteId || !consultationId || !providerId || until === undefined) continue;
      return { key, inviteId, consultationId, providerId, until };
    }
    return undefined;
  }

  /** Others invited to this appointment wait for this call now (the newest admission of it counts). */
  host(appointmentId: string, consultationId: string, providerId: string, until: number): void {
    const { hosting } = this.returns;
    if (!hosting) return;
    for (const key of hosting.ids()) if (key.split(">")[1] === appointmentId) hosting.delete(key);
    hosting.add(`${consultationId}>${appointmentId}>${providerId}`, until);
  }

  /** The consultation that runs for this appointment, while its tickets work. */
  hostOf(appointmentId: string): HostedCall | undefined {
    const { hosting } = this.returns;
    if (!hosting) return undefined;
    const now = this.now();
    for (const key of hosting.ids()) {
      const [consultationId, appointment, providerId] = key.split(">");
      const until = hosting.until(key, now);
      if (appointment !== appointmentId || !consultationId || !providerId || until === undefined) continue;
      return { key, consultationId, providerId, until };
    }
    return undefined;
  }

  /** The hosted call has ended: nobody waits for it any more. */
  unhost(call: HostedCall): void {
    this.returns.hosting?.delete(call.key);
  }

  /** This consultation has ended (it said so): nobody waits for it; returns the appointments it hosted. */
  ended(consultationId: string): string[] {
    const { hosting } = this.returns;
    if (!hosting) return [];
    return hosting.ids().flatMap((key) => {
      const [consultation, appointmentId] = key.split(">");
      if (consultation !== consultationId || !appointmentId) return [];
      hosting.delete(key);
      return [appointmentId];
    });
  }

  /** Asks the call for a seat for this invite (an add, or letting them back in). */
  admission(call: HostedCall | RunningCall, providerId: string, inviteId: string): Promise<AdmissionAnswer> {
    return this.returns.admission(call.consultationId, providerId, inviteId);
  }

  /** The call has ended: its link queues like anyone's from now on. */
  forget(call: RunningCall): void {
    this.returns.calls.delete(call.key);
  }

  state(call: RunningCall): Promise<CallState> {
    return this.returns.state(call.consultationId, call.inviteId);
  }

  mintTicket(call: RunningCall, patient: PatientAttachment): Promise<string> {
    return this.returns.mintTicket(call, patient);
  }
}
