// The waiting room of one provider: who waits, in which order, and admission.
// Plain logic over open sockets; durable-objects/waiting-room/object.ts adapts it to a Durable Object.
import type { WaitingIdentity } from "../../schema/identity.ts";
import { CloseCode, PROTOCOL_VERSION, type ServerMessage, type WaitingPatient } from "../../schema/messages.ts";
import { errorMessage, parseClientMessage } from "../protocol.ts";
import { LiveSockets, type OpenSockets, type RoomSocket } from "../socket.ts";

export type WaitingAttachment = WaitingIdentity & { connectionId: string };
type PatientAttachment = Extract<WaitingAttachment, { role: "patient" }>;
type ProviderAttachment = Extract<WaitingAttachment, { role: "provider" }>;
type WaitingSocket = RoomSocket<WaitingAttachment>;

export interface Admission {
  consultationId: string;
  provider: ProviderAttachment;
  patient: PatientAttachment;
}

/** Mints the consultation tickets for both sides of an admission. */
export type TicketMinter = (admission: Admission) => Promise<{ provider: string; patient: string }>;

export class WaitingRoomQueue {
  private readonly sockets: LiveSockets<WaitingAttachment>;
  /** Invites whose tickets are being minted: a second admit or a deny must not race the first. */
  private readonly admitting = new Set<string>();

  constructor(
    openSockets: OpenSockets<WaitingAttachment>,
    private readonly mintTickets: TicketMinter,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.sockets = new LiveSockets(openSockets);
  }

  connected(socket: WaitingSocket): void {
    const me = socket.attachment;
    // A patient who reconnects with the same invite replaces the older connection.
    if (me.role === "patient") {
      for (const other of this.patients()) {
        if (other.attachment.connectionId !== me.connectionId && other.attachment.inviteId === me.inviteId) {
          this.sockets.close(other, CloseCode.replaced, "Connected again elsewhere.");
        }
      }
    }
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: me.role });
    this.broadcast();
  }

  disconnected(socket: WaitingSocket): void {
    this.sockets.gone(socket);
    this.broadcast();
  }

  async received(socket: WaitingSocket, raw: string | ArrayBuffer): Promise<void> {
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) return socket.send(parsed.error);
    const message = parsed.message;
    const me = socket.attachment;
    switch (message.type) {
      case "hello":
        return;
      case "leave":
        this.sockets.close(socket, CloseCode.normal, "Left the waiting room.");
        return this.broadcast();
      case "admit":
      case "deny": {
        if (me.role !== "provider")
          return socket.send(errorMessage("forbidden", `Only the provider may ${message.type}.`));
        const patient = this.patients().find((p) => p.attachment.connectionId === message.patientId);
        if (!patient || this.admitting.has(patient.attachment.inviteId)) {
          return socket.send(errorMessage("not-found", "That patient is no longer waiting."));
        }
        if (message.type === "deny") {
          patient.send({ type: "denied" });
          this.sockets.close(patient, CloseCode.denied, "Not admitted.");
          return this.broadcast();
        }
        return this.admit(socket as RoomSocket<ProviderAttachment>, patient);
      }
      case "offer":
      case "answer":
      case "ice":
      case "end":
        return socket.send(errorMessage("unknown-type", `${message.type} is not a waiting-room message.`));
      default:
        message satisfies never;
    }
  }

  private async admit(provider: RoomSocket<ProviderAttachment>, patient: RoomSocket<PatientAttachment>): Promise<void> {
    const consultationId = this.newId();
    const { inviteId } = patient.attachment;
    this.admitting.add(inviteId);
    let tickets: { provider: string; patient: string };
    try {
      tickets = await this.mintTickets({ consultationId, provider: provider.attachment, patient: patient.attachment });
    } finally {
      this.admitting.delete(inviteId);
    }
    // Either side may have gone while the tickets were made. A patient who reconnected in the
    // meantime is admitted on their new connection; nobody goes into a call alone.
    const stillWaiting = this.patients().find((p) => p.attachment.inviteId === inviteId);
    const providerStillHere = this.sockets
      .list()
      .some((s) => s.attachment.connectionId === provider.attachment.connectionId);
    if (!providerStillHere) return;
    if (!stillWaiting) return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    stillWaiting.send({ type: "admitted", consultationId, ticket: tickets.patient });
    this.sockets.close(stillWaiting, CloseCode.admitted, "Admitted.");
    provider.send({ type: "admitted", consultationId, ticket: tickets.provider });
    this.broadcast();
  }

  private patients(): RoomSocket<PatientAttachment>[] {
    return this.sockets.list().filter((s): s is RoomSocket<PatientAttachment> => s.attachment.role === "patient");
  }

  /** Sends everyone their full view of the room. */
  private broadcast(): void {
    const open = this.sockets.list();
    const waiting = open
      .filter((s): s is RoomSocket<PatientAttachment> => s.attachment.role === "patient")
      .sort((a, b) => a.attachment.waitingSince - b.attachment.waitingSince);
    const providerPresent = open.some((s) => s.attachment.role === "provider");
    const queue: ServerMessage = {
      type: "queue",
      patients: waiting.map(
        (s): WaitingPatient => ({
          id: s.attachment.connectionId,
          name: s.attachment.name,
          waitingSince: s.attachment.waitingSince,
        }),
      ),
    };
    for (const socket of open) {
      if (socket.attachment.role === "provider") socket.send(queue);
    }
    for (const [index, socket] of waiting.entries())
      socket.send({ type: "waiting", position: index + 1, providerPresent });
  }
}
