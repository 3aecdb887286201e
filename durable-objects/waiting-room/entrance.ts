// The entrance of a waiting room: a patient's socket that just connected is let into the line, or turned
// away (admitted already, denied and still in the pause, or in their running consultation right now).
import { CloseCode, PROTOCOL_VERSION } from "../../schema/messages.ts";
import { type SealKey, sealPurposeOf } from "../../schema/sealed-name.ts";
import type { ExpiringSet } from "../expiring-set.ts";
import { type PatientAttachment, type PatientSocket, waitingTicket } from "./attachments.ts";
import type { RunningCall, RunningCalls } from "./calls.ts";
import type { WaitingDesk } from "./desk.ts";
import type { WaitingLine } from "./line.ts";
import type { WaitingTicketSealer } from "./minting.ts";

export interface EntranceOptions {
  /** Waiting tickets already admitted, until their consultation's tickets expire. */
  admitted: ExpiringSet;
  /** Invites whose patient was denied, until they may ask again. */
  denied: ExpiringSet;
  calls: RunningCalls | undefined;
  sealWaitingTicket: WaitingTicketSealer;
  /** Closes the socket of a patient already in the room, which a new connection of theirs replaces. */
  sendAway: (socket: PatientSocket, code: number, reason: string) => void;
  now: () => number;
  newId: () => string;
  /**
   * The device keys of whoever may see this patient here (issue 25), which their page seals their name
   * to; left out in tests that do not care, and the page is then told nothing.
   */
  sealKeys?: (patient: PatientAttachment) => Promise<SealKey[]>;
}

export class Entrance {
  /** Patients whose link is being checked against their running consultation: not in the room yet. */
  private readonly pending = new Map<string, PatientSocket>();

  constructor(
    private readonly line: WaitingLine,
    private readonly desk: WaitingDesk,
    private readonly options: EntranceOptions,
  ) {}

  /** Settles at once, except for a patient whose link may be in a running consultation (asked first). */
  arrive(socket: PatientSocket): void | Promise<void> {
    const { calls } = this.options;
    const call = calls?.of(socket.attachment.inviteId);
    if (calls && call) return this.comingBack(socket, call, calls);
    this.letIn(socket);
  }

  /** The socket went before it was let in: it is not let in later. */
  left(connectionId: string): void {
    this.pending.delete(connectionId);
  }

  /**
   * The link of a patient admitted to a consultation that may still run came back (another tab, or back
   * after closing the call). In the call now: they are handed a ticket for it, never a second place. Away
   * from it: they wait, and its provider sees them coming back. Removed from it by its moderator: turned
   * away while it runs (no way back in through the waiting room). Ended: they wait like anyone.
   */
  private async comingBack(socket: PatientSocket, call: RunningCall, calls: RunningCalls): Promise<void> {
    const { connectionId } = socket.attachment;
    this.pending.set(connectionId, socket);
    const state = await calls.state(call).catch(() => undefined);
    if (state === "present") {
      const ticket = await calls.mintTicket(call, socket.attachment).catch(() => undefined);
      // Closed meanwhile: nothing to tell. Without a ticket the old refusal says enough.
      if (!this.pending.delete(connectionId)) return;
      if (ticket) socket.send({ type: "in-call", consultationId: call.consultationId, ticket });
      socket.close(CloseCode.alreadyAdmitted, "Already in a running consultation.");
      return;
    }
    if (!this.pending.delete(connectionId)) return;
    if (state === "removed") {
      socket.close(CloseCode.removed, "Removed from the consultation.");
      return;
    }
    if (state === "ended") calls.forget(call);
    // Unknown (the consultation could not be asked): they wait, as before the room knew of calls.
    this.letIn(socket, state === "away" ? call : undefined);
  }

  /** Puts a patient in line, or turns them away; `returning`: the running call their link comes back to. */
  private letIn(socket: PatientSocket, returning?: RunningCall): void {
    const now = this.options.now();
    const me = socket.attachment;
    if (this.options.admitted.has(me.ticketId, now)) {
      socket.close(CloseCode.alreadyAdmitted, "Already admitted to a running consultation.");
      return;
    }
    const retryAt = this.options.denied.until(me.inviteId, now);
    if (retryAt !== undefined) {
      socket.send({ type: "denied", message: null, retryAt });
      socket.close(CloseCode.denied, "Not admitted.");
      return;
    }
    // A patient who reconnects with the same invite replaces the older connection, keeping its state.
    let replaced: PatientAttachment | undefined;
    for (const other of this.line.sockets()) {
      if (other.attachment.inviteId !== me.inviteId) continue;
      replaced = other.attachment;
      this.options.sendAway(other, CloseCode.replaced, "Connected again elsewhere.");
    }
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: "patient" });
    const { placed, keptPlace, hold } = this.line.place(socket, { replaced, returningTo: returning?.consultationId });
    socket.send(this.desk.statusFor(placed));
    if (hold) socket.send({ type: "on-hold", message: hold.message });
    this.desk.patientArrived(placed);
    if (!keptPlace) void this.handOut(socket);
    void this.askForName(socket);
  }

  /**
   * Tells the patient's page whose device keys to seal their name to, and what to bind it to (their
   * invitation, or a walk-in's visit; a guest's name is sealed as one). Not told when the keys cannot be
   * read: the page then sends no name, and the dashboard shows it as unavailable.
   */
  private async askForName(socket: PatientSocket): Promise<void> {
    const { sealKeys } = this.options;
    if (!sealKeys) return;
    const keys = await sealKeys(socket.attachment).catch(() => undefined);
    if (!keys || this.line.connection(socket.attachment.connectionId) !== socket) return;
    const { inviteId, label } = socket.attachment;
    socket.send({ type: "seal-to", for: inviteId, purpose: sealPurposeOf(label), keys });
  }

  /** Sends a patient a ticket for their new place, so that a reload keeps it. */
  private async handOut(socket: PatientSocket): Promise<void> {
    const { sealWaitingTicket, newId, now } = this.options;
    const ticket = await sealWaitingTicket(waitingTicket(socket.attachment, newId(), now()));
    if (this.line.connection(socket.attachment.connectionId) === socket) socket.send({ type: "ticket", ticket });
  }
}
