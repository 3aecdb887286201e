// The waiting room of one provider: who waits, in which order, and admission.
// Plain logic over open sockets; durable-objects/waiting-room/object.ts adapts it to a Durable Object.
import type { WaitingIdentity } from "../../schema/identity.ts";
import { CloseCode, PROTOCOL_VERSION, type ServerMessage, type WaitingPatient } from "../../schema/messages.ts";
import { errorMessage, parseClientMessage } from "../protocol.ts";
import type { OpenSockets, RoomSocket } from "../socket.ts";

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
  /** Patients whose tickets are being minted: a second admit or a deny must not race the first. */
  private readonly admitting = new Set<string>();

  constructor(
    private readonly openSockets: OpenSockets<WaitingAttachment>,
    private readonly mintTickets: TicketMinter,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  connected(socket: WaitingSocket): void {
    const me = socket.attachment;
    const replaced: string[] = [];
    // A patient who reconnects with the same invite replaces the older connection.
    if (me.role === "patient") {
      for (const other of this.patients()) {
        if (other.attachment.connectionId !== me.connectionId && other.attachment.inviteId === me.inviteId) {
          other.close(CloseCode.replaced, "Connected again elsewhere.");
          replaced.push(other.attachment.connectionId);
        }
      }
    }
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: me.role });
    this.broadcast(...replaced);
  }

  disconnected(socket: WaitingSocket): void {
    this.broadcast(socket.attachment.connectionId);
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
        socket.close(CloseCode.normal, "Left the waiting room.");
        return this.broadcast(me.connectionId);
      case "admit":
      case "deny": {
        if (me.role !== "provider") return socket.send(errorMessage("forbidden", `Only the provider may ${message.type}.`));
        const patient = this.patients().find((p) => p.attachment.connectionId === message.patientId);
        if (!patient || this.admitting.has(message.patientId)) {
          return socket.send(errorMessage("not-found", "That patient is no longer waiting."));
        }
        if (message.type === "deny") {
          patient.send({ type: "denied" });
          patient.close(CloseCode.denied, "Not admitted.");
          return this.broadcast(patient.attachment.connectionId);
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
    const patientId = patient.attachment.connectionId;
    this.admitting.add(patientId);
    let tickets: { provider: string; patient: string };
    try {
      tickets = await this.mintTickets({ consultationId, provider: provider.attachment, patient: patient.attachment });
    } finally {
      this.admitting.delete(patientId);
    }
    // The patient may have left while the tickets were being made: then nobody would join the provider.
    if (!this.openSockets().some((s) => s.attachment.connectionId === patientId)) {
      return provider.send(errorMessage("not-found", "That patient is no longer waiting."));
    }
    patient.send({ type: "admitted", consultationId, ticket: tickets.patient });
    patient.close(CloseCode.admitted, "Admitted.");
    provider.send({ type: "admitted", consultationId, ticket: tickets.provider });
    this.broadcast(patient.attachment.connectionId);
  }

  private patients(): RoomSocket<PatientAttachment>[] {
    return this.openSockets().filter((s): s is RoomSocket<PatientAttachment> => s.attachment.role === "patient");
  }

  /** Sends everyone their full view of the room; `gone` are sockets that are closing but may still be listed. */
  private broadcast(...gone: string[]): void {
    const open = this.openSockets().filter((s) => !gone.includes(s.attachment.connectionId));
    const waiting = open
      .filter((s): s is RoomSocket<PatientAttachment> => s.attachment.role === "patient")
      .sort((a, b) => a.attachment.waitingSince - b.attachment.waitingSince);
    const providerPresent = open.some((s) => s.attachment.role === "provider");
    const queue: ServerMessage = {
      type: "queue",
      patients: waiting.map((s): WaitingPatient => ({
        id: s.attachment.connectionId,
        name: s.attachment.name,
        waitingSince: s.attachment.waitingSince,
      })),
    };
    for (const socket of open) {
      if (socket.attachment.role === "provider") socket.send(queue);
    }
    waiting.forEach((socket, index) => socket.send({ type: "waiting", position: index + 1, providerPresent }));
  }
}
