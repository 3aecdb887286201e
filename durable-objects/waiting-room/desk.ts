// The desk of a waiting room: the providers' side. What their dashboards see of the line, their status
// as patients hear it, and what they do with a waiting patient: admit, deny, hold, release, notice,
// transfer, let back in, add to a running call. Providers get one small message per change, never the whole list again.
import {
  CloseCode,
  type ErrorReply,
  PROTOCOL_VERSION,
  type ProviderToWaitingRoom,
  type WaitingRoomToPatient,
  type WaitingRoomToProvider,
} from "../../schema/messages.ts";
import type { AdmissionAnswer } from "../consultation/roster.ts";
import type { ExpiringSet } from "../expiring-set.ts";
import { errorMessage } from "../protocol.ts";
import { type PatientAttachment, type PatientSocket, type ProviderSocket, view, waitingTicket } from "./attachments.ts";
import { BusyInvites } from "./busy.ts";
import type { HostedCall, RunningCall, RunningCalls } from "./calls.ts";
import type { Colleague, ColleagueDirectory } from "./colleagues.ts";
import type { WaitingLine } from "./line.ts";
import type { TicketMinter, WaitingTicketSealer } from "./minting.ts";
import { type RoomStatusView, roomStatus, sameStatus } from "./room-status.ts";
import type { RoomSettings } from "./settings.ts";

/** What a provider adding someone to a call hears when its consultation says no: stable codes for the page. */
const ADD_REFUSED: Record<Exclude<AdmissionAnswer, "ok">, ErrorReply> = {
  ended: errorMessage("not-found", "That consultation has ended."),
  full: errorMessage("full", "That consultation is full."),
  locked: errorMessage("locked", "That consultation is locked."),
  "not-moderator": errorMessage("forbidden", "Only the moderator of that consultation can add someone to it."),
  removed: errorMessage("forbidden", "That person was removed from the consultation."),
};

/** What a provider letting someone back in hears when its consultation says no: as for an add. */
const LET_BACK_REFUSED: Record<Exclude<AdmissionAnswer, "ok">, ErrorReply> = {
  ...ADD_REFUSED,
  "not-moderator": errorMessage("forbidden", "Only the moderator of that consultation can let someone back in."),
};

/** A ticket for someone added to a running call, or why its consultation said no. */
type Added = { ticket: string } | { refused: Exclude<AdmissionAnswer, "ok"> };

/** Everything a provider's dashboard asks of the desk: their contract, less greeting, leaving and call requests (room.ts). */
export type DeskMessage = Exclude<ProviderToWaitingRoom, { type: "hello" | "leave" | "decline-call" }>;
/** What a provider does with one waiting patient. */
type PatientAction = Extract<DeskMessage, { patientId: string }>;

export interface DeskOptions {
  /** Waiting tickets already admitted, until their consultation's tickets expire. */
  admitted: ExpiringSet;
  /** Consultations admitted from this room and still running, by id: logout reaches them too. */
  consultations: ExpiringSet;
  /** Invites whose patient was denied, until they may ask again. */
  denied: ExpiringSet;
  /**
   * "<appointmentId>><colleagueId>" for patients moved to a colleague, until their ticket expires: a
   * withdrawn link reaches them there too. Tests that do not transfer leave it out.
   */
  moved: ExpiringSet;
  /** The practice's other members, asked when a dashboard opens and at the moment of a transfer. */
  colleagues: ColleagueDirectory;
  /** Only with patients whose link may come back during their consultation. */
  calls: RunningCalls | undefined;
  settings: RoomSettings;
  mintTickets: TicketMinter;
  sealWaitingTicket: WaitingTicketSealer;
  /** Closes the socket of a patient the desk is done with; they leave the line (the close code tells them). */
  sendAway: (socket: PatientSocket, code: number, reason: string) => void;
  now: () => number;
  newId: () => string;
}

export class WaitingDesk {
  private readonly providers = new Map<string, ProviderSocket>();
  /** Invites being admitted or transferred: a second admit, deny or transfer must not race the first. */
  private readonly busy = new BusyInvites();
  /** The room's status as patients were last told it. */
  private status: RoomStatusView;

  constructor(
    providers: readonly ProviderSocket[],
    private readonly line: WaitingLine,
    private readonly options: DeskOptions,
  ) {
    for (const socket of providers) this.providers.set(socket.attachment.connectionId, socket);
    this.status = this.currentStatus();
  }

  /** The room's status as patients were last told it (statusFor adds what one of them waits for). */
  get roomStatus(): RoomStatusView {
    return this.status;
  }

  provider(connectionId: string): ProviderSocket | undefined {
    return this.providers.get(connectionId);
  }

  sockets(): ProviderSocket[] {
    return [...this.providers.values()];
  }

  /**
   * A provider's dashboard connected: it gets its colleagues (when known) and everyone waiting once,
   * then one message per change.
   */
  open(socket: ProviderSocket, colleagues: Colleague[] | undefined): void {
    this.providers.set(socket.attachment.connectionId, socket);
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: socket.attachment.connectionId, role: "provider" });
    if (colleagues) socket.send({ type: "colleagues", colleagues });
    const present = this.line.present();
    socket.send({ type: "queue", patients: present.map((p) => this.shown(p)) });
    for (const patient of present) this.tellReturning(patient, [socket]);
    this.tellStatus();
  }

  /**
   * Whom a provider may move patients to: nobody in a shared room, where everyone sees everyone.
   * Undefined when D1 cannot say: the dashboard then offers no transfer until it reconnects.
   */
  colleaguesOf(socket: ProviderSocket): Colleague[] | Promise<Colleague[] | undefined> {
    if (this.options.settings.current.shared) return [];
    const colleagues = this.options.colleagues.of(socket.attachment.providerId);
    return Array.isArray(colleagues) ? colleagues : colleagues.catch(() => undefined);
  }

  /** A provider's dashboard is gone: patients may see the room's status change. */
  providerLeft(connectionId: string): void {
    if (!this.providers.delete(connectionId)) return;
    this.tellStatus();
  }

  patientArrived(patient: PatientAttachment): void {
    this.toProviders({ type: "arrived", patient: this.shown(patient) });
    this.tellReturning(patient, this.sockets());
  }

  patientLeft(connectionId: string): void {
    this.toProviders({ type: "departed", id: connectionId });
  }

  /** Changes what the room knows of a waiting patient, and tells the providers. */
  change(socket: PatientSocket, change: Partial<PatientAttachment>): void {
    this.toProviders({ type: "updated", patient: this.shown(this.line.change(socket, change)) });
  }

  /**
   * The running call of their appointment this patient waits to be added to, if any. Someone coming back
   * to that call is let back in (`returning`), not added; a link made in another call waits for that one
   * only (nobody is added through it to a later call of the appointment).
   */
  private waitsFor(patient: PatientAttachment): HostedCall | undefined {
    const call = patient.walkIn ? undefined : this.options.calls?.hostOf(patient.appointmentId);
    if (!call || call.consultationId === patient.returningTo) return undefined;
    if (patient.madeInCall !== undefined && patient.madeInCall !== call.consultationId) return undefined;
    return call;
  }

  /** What providers see of a waiting patient: with the running call of their appointment they wait for. */
  private shown(patient: PatientAttachment): ReturnType<typeof view> {
    const shown = view(patient);
    const call = this.waitsFor(patient);
    if (call) shown.forCall = call.consultationId;
    return shown;
  }

  /**
   * The room's status as this patient is told it: someone waiting for a running call hears that they
   * will be added to it, not that the provider is in another consultation.
   */
  statusFor(patient: PatientAttachment): WaitingRoomToPatient {
    return { type: "room-status", ...this.status, ...(this.waitsFor(patient) ? { forCall: true } : {}) };
  }

  /**
   * Whether someone waiting for a call of this appointment changed: the providers see them anew, and
   * they hear what they wait for.
   */
  private tellWaitingFor(appointmentId: string): void {
    for (const patient of this.line.present()) {
      if (patient.appointmentId !== appointmentId) continue;
      this.toProviders({ type: "updated", patient: this.shown(patient) });
      this.line.connection(patient.connectionId)?.send(this.statusFor(patient));
    }
  }

  /** A consultation has ended (it said so): nobody waits for it any more, and the lists lose the mark. */
  callEnded(consultationId: string): void {
    for (const appointmentId of this.options.calls?.ended(consultationId) ?? []) this.tellWaitingFor(appointmentId);
  }

  async handle(me: ProviderSocket, message: DeskMessage): Promise<void> {
    switch (message.type) {
      case "status":
        me.remember({
          ...me.attachment,
          status: message.status,
          statusMessage: message.message || undefined,
          statusAt: this.options.now(),
        });
        return this.tellStatus();
      case "admit-next": {
        // A link made in a call is added to that call, never admitted into a new one.
        const next = this.line.first((p) => !p.onHold && p.madeInCall === undefined && !this.busy.has(p.inviteId));
        if (!next) return me.send(errorMessage("not-found", "Nobody is waiting."));
        return this.admit(me, next);
      }
      case "admit":
      case "deny":
      case "hold":
      case "release":
      case "notify":
      case "transfer":
      case "let-back-in":
      case "add-to-call":
        return this.act(me, message);
      default:
        message satisfies never;
    }
  }

  /** Tells every patient the room's status, when it changed. */
  tellStatus(): void {
    const status = this.currentStatus();
    if (sameStatus(this.status, status)) return;
    this.status = status;
    for (const patient of this.line.sockets()) patient.send(this.statusFor(patient.attachment));
  }

  private async act(me: ProviderSocket, message: PatientAction): Promise<void> {
    const patient = this.line.connection(message.patientId);
    if (!patient) return me.send(errorMessage("not-found", "That patient is no longer waiting."));
    if (this.busy.has(patient.attachment.inviteId)) {
      return me.send(errorMessage("conflict", "Someone is already admitting or moving this patient."));
    }
    switch (message.type) {
      case "admit":
        return this.admit(me, patient);
      case "deny": {
        const pauseMs = this.options.settings.denyPauseMs();
        const retryAt = this.options.now() + pauseMs;
        if (pauseMs > 0) this.options.denied.add(patient.attachment.inviteId, retryAt);
        patient.send({ type: "denied", message: message.message || null, retryAt });
        return this.options.sendAway(patient, CloseCode.denied, "Not admitted.");
      }
      case "hold":
        patient.send({ type: "on-hold", message: message.message || null });
        return this.change(patient, { onHold: true, holdMessage: message.message || null });
      case "release":
        // Released twice (two providers at once): the second changes nothing and tells nobody.
        if (!patient.attachment.onHold) return;
        patient.send({ type: "hold-released" });
        return this.change(patient, { onHold: false, holdMessage: null });
      case "notify":
        patient.send({ type: "notice", text: message.text });
        return;
      case "transfer":
        return this.transfer(me, patient, message.to);
      case "let-back-in":
        return this.letBackIn(me, patient);
      case "add-to-call":
        return this.addToCall(me, patient, message.consultationId);
      default:
        message satisfies never;
    }
  }

  private async admit(provider: ProviderSocket, patient: PatientSocket): Promise<void> {
    // "The link works once, until this call ends": into that call (an add), never into a new one.
    if (patient.attachment.madeInCall !== undefined) {
      return provider.send(
        errorMessage("forbidden", "This person's link was made in a consultation: they can only be added to it."),
      );
    }
    const { admitted, consultations, calls, now } = this.options;
    const consultationId = this.options.newId();
    const { inviteId } = patient.attachment;
    const tickets = await this.busy.during(inviteId, provider, () =>
      this.options.mintTickets({ consultationId, provider: provider.attachment, patient: patient.attachment }),
    );
    if (!tickets) return;
    // Either side may have gone while the tickets were made. A patient who reconnected in the
    // meantime is admitted on their new connection; nobody goes into a call alone.
    const stillWaiting = this.line.withInvite(inviteId);
    if (!this.providers.has(provider.attachment.connectionId)) return;
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    admitted.add(stillWaiting.attachment.ticketId, tickets.expiresAt);
    consultations.add(consultationId, tickets.expiresAt);
    const { walkIn, ticketExpiresAt } = stillWaiting.attachment;
    const linkUntil = walkIn ? undefined : ticketExpiresAt;
    calls?.remember(inviteId, consultationId, provider.attachment.providerId, tickets.expiresAt, linkUntil);
    if (!walkIn) {
      calls?.host(
        stillWaiting.attachment.appointmentId,
        consultationId,
        provider.attachment.providerId,
        tickets.expiresAt,
      );
    }
    stillWaiting.send({ type: "admitted", consultationId, ticket: tickets.patient });
    this.options.sendAway(stillWaiting, CloseCode.admitted, "Admitted.");
    // Others invited to the appointment (an interpreter) who wait already: they wait for this call now.
    if (!walkIn) this.tellWaitingFor(stillWaiting.attachment.appointmentId);
    provider.send({ type: "admitted", consultationId, ticket: tickets.provider });
    // In a consultation now: patients see that at once; the provider's page sets it back afterwards.
    provider.remember({ ...provider.attachment, status: "busy", statusAt: now() });
    this.tellStatus();
  }

  /**
   * Lets a patient who came back through their link into the consultation they left, which still runs:
   * a fresh ticket for the same consultation id, never a new call. Only that consultation's provider may,
   * and its consultation decides as for an add (moderator, removed, lock, room: it holds their seat), so
   * no ticket is made that the call would refuse.
   */
  private async letBackIn(provider: ProviderSocket, patient: PatientSocket): Promise<void> {
    const { calls } = this.options;
    const { inviteId, returningTo } = patient.attachment;
    const call = calls?.of(inviteId);
    if (!calls || !call || call.consultationId !== returningTo || call.providerId !== provider.attachment.providerId) {
      return provider.send(errorMessage("forbidden", "That patient is not coming back to a consultation of yours."));
    }
    const minted = await this.busy.during<Added>(inviteId, provider, async () => {
      const answer = await calls.admission(call, provider.attachment.providerId, inviteId);
      if (answer !== "ok") return { refused: answer };
      return { ticket: await calls.mintTicket(call, patient.attachment) };
    });
    if (minted === undefined) return;
    if ("refused" in minted) {
      // Ended since they came back (the provider ended it elsewhere): their link queues like anyone's.
      if (minted.refused === "ended") calls.forget(call);
      return provider.send(LET_BACK_REFUSED[minted.refused]);
    }
    const { ticket } = minted;
    const stillWaiting = this.line.withInvite(inviteId);
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    this.options.admitted.add(stillWaiting.attachment.ticketId, call.until);
    stillWaiting.send({ type: "admitted", consultationId: call.consultationId, ticket });
    this.options.sendAway(stillWaiting, CloseCode.admitted, "Let back in.");
  }

  /**
   * Adds someone waiting for a running call of their appointment (an interpreter, a relative) to that
   * same consultation: a fresh ticket for its id, never a new call. The consultation says whether this
   * provider moderates it and whether there is room (it holds their seat); a refusal changes nothing.
   */
  private async addToCall(provider: ProviderSocket, patient: PatientSocket, consultationId: string): Promise<void> {
    const { calls } = this.options;
    const { inviteId, appointmentId, ticketExpiresAt } = patient.attachment;
    const hosted = this.waitsFor(patient.attachment);
    if (!calls || !hosted || hosted.consultationId !== consultationId) {
      return provider.send(errorMessage("forbidden", "That person is not waiting for this consultation."));
    }
    // The ticket is for the hosted call, ending when it ends.
    const call: RunningCall = { ...hosted, inviteId };
    const minted = await this.busy.during<Added>(inviteId, provider, async () => {
      const answer = await calls.admission(hosted, provider.attachment.providerId, inviteId);
      if (answer !== "ok") return { refused: answer };
      return { ticket: await calls.mintTicket(call, patient.attachment) };
    });
    if (minted === undefined) return;
    if ("refused" in minted) return this.refuseAdding(provider, hosted, appointmentId, minted.refused);
    // Gone meanwhile: their held seat lapses by itself (consultation/seats.ts).
    const stillWaiting = this.line.withInvite(inviteId);
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That person is no longer waiting."));
    this.options.admitted.add(stillWaiting.attachment.ticketId, hosted.until);
    // Their link coming back while the call runs goes back into it (or is let back in), as the patient's does.
    calls.remember(inviteId, consultationId, hosted.providerId, hosted.until, ticketExpiresAt);
    stillWaiting.send({ type: "admitted", consultationId, ticket: minted.ticket });
    this.options.sendAway(stillWaiting, CloseCode.admitted, "Added to the consultation.");
  }

  /** The consultation refused to add someone: the provider is told why with a stable code; nothing changed. */
  private refuseAdding(
    provider: ProviderSocket,
    hosted: HostedCall,
    appointmentId: string,
    answer: Exclude<AdmissionAnswer, "ok">,
  ): void {
    if (answer === "ended") {
      // Nobody waits for it any more: the providers' lists lose the mark.
      this.options.calls?.unhost(hosted);
      this.tellWaitingFor(appointmentId);
    }
    provider.send(ADD_REFUSED[answer]);
  }

  /** Tells the consultation's provider (among `to`) that this waiting patient is coming back to it. */
  private tellReturning(patient: PatientAttachment, to: readonly ProviderSocket[]): void {
    if (!patient.returningTo) return;
    const call = this.options.calls?.of(patient.inviteId);
    if (call?.consultationId !== patient.returningTo) return;
    const message: WaitingRoomToProvider = {
      type: "returning",
      id: patient.connectionId,
      consultationId: call.consultationId,
    };
    for (const provider of to) if (provider.attachment.providerId === call.providerId) provider.send(message);
  }

  private async transfer(provider: ProviderSocket, patient: PatientSocket, to: string): Promise<void> {
    const { settings, now, newId } = this.options;
    const colleague = settings.current.shared
      ? "stranger"
      : await this.options.colleagues.find(provider.attachment.providerId, to);
    if (colleague === "stranger") return provider.send(errorMessage("forbidden", "Patients move only to colleagues."));
    if (colleague === "gone") {
      // Removed since the dashboard opened: the patient stays here, and the list loses them.
      const colleagues = await this.colleaguesOf(provider);
      if (colleagues) provider.send({ type: "colleagues", colleagues });
      return provider.send(errorMessage("not-found", "That colleague is no longer in your practice."));
    }
    const { inviteId } = patient.attachment;
    const ticket = await this.busy.during(inviteId, provider, () =>
      // A colleague's own room: patients move only between rooms of one each (a shared room needs no move).
      this.options.sealWaitingTicket({
        ...waitingTicket(patient.attachment, newId(), now()),
        providerId: to,
        room: to,
      }),
    );
    if (!ticket) return;
    const stillWaiting = this.line.withInvite(inviteId);
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    this.options.moved.add(`${stillWaiting.attachment.appointmentId}>${to}`, stillWaiting.attachment.ticketExpiresAt);
    stillWaiting.send({ type: "transferred", ticket, to: colleague.name });
    this.options.sendAway(stillWaiting, CloseCode.transferred, "Moved to a colleague's waiting room.");
  }

  private toProviders(message: WaitingRoomToProvider): void {
    for (const provider of this.providers.values()) provider.send(message);
  }

  private currentStatus(): RoomStatusView {
    return roomStatus([...this.providers.values()].map((p) => p.attachment));
  }
}
