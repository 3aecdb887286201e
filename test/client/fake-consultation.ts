import type { SocketConstructor } from "../../client/src/shared/room.ts";
import {
  type ClientMessage,
  CloseCode,
  type Participant,
  type Role,
  type ServerMessage,
} from "../../schema/messages.ts";
import { FakeWebSocket } from "./fake-socket.ts";

interface Member {
  socket: FakeWebSocket;
  participant: Participant;
  /** Whose connection this is: the same ticket is the same person. */
  ticket: string;
}

/**
 * The consultation room, as far as two call sessions can tell: it opens sockets, greets each with a
 * new connection id, sends the roster on every change and relays signaling to the one named peer.
 * Delivery is asynchronous, as over a network, so both sides can act "at the same time".
 */
export class FakeConsultation {
  readonly sockets: FakeWebSocket[] = [];
  /** Tickets each new socket offered, in order. */
  readonly tickets: string[] = [];
  /** While down, new sockets are closed at once, as when the network or the server is away. */
  down = false;
  /** Set to close every new socket at once with this code, as the worker does with a ticket it refuses. */
  refuseWith: number | undefined;
  private members: Member[] = [];
  private nextId = 1;

  /**
   * Pass as the session's `socket`. Tickets look like "provider-ticket" or "patient-ticket": the role
   * comes first, so "patient-a-ticket" and "patient-b-ticket" are two patients.
   */
  readonly Socket: SocketConstructor;

  constructor() {
    const room = this;
    this.Socket = class extends FakeWebSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols);
        room.connected(this);
      }
      override send(data: string): void {
        super.send(data);
        if (data !== "ping") queueMicrotask(() => room.received(this, JSON.parse(data) as ClientMessage));
      }
      override close(code = 1000): void {
        super.close(code);
        // After whatever the page sent before closing, as over a real socket.
        queueMicrotask(() => room.leave(this));
      }
    };
  }

  private connected(socket: FakeWebSocket): void {
    this.sockets.push(socket);
    const ticket = socket.protocols.find((p) => p.startsWith("ticket."))?.slice("ticket.".length) ?? "";
    this.tickets.push(ticket);
    queueMicrotask(() => {
      if (this.down) return socket.serverCloses(1006);
      if (this.refuseWith) return socket.serverCloses(this.refuseWith);
      const role = ticket.split("-")[0] as Role;
      // As the real room: the provider who admitted the patient moderates the call.
      // A provider's name only: a patient's or guest's never reaches the room (issue 25).
      const participant: Participant = {
        id: `${role}-${this.nextId++}`,
        role,
        ...(role === "provider" ? { name: "Dr. Provider" } : {}),
        moderator: role === "provider",
      };
      // The same person connecting again replaces the older connection.
      for (const old of this.members.filter((m) => m.ticket === ticket)) {
        this.members = this.members.filter((m) => m !== old);
        old.socket.serverCloses(CloseCode.replaced);
      }
      this.members.push({ socket, participant, ticket });
      socket.serverOpens();
    });
  }

  private received(socket: FakeWebSocket, message: ClientMessage): void {
    const me = this.members.find((m) => m.socket === socket);
    if (!me) return;
    switch (message.type) {
      case "hello":
        socket.serverSends({ type: "hello", protocol: 2, you: me.participant.id, role: me.participant.role });
        this.broadcastPresence();
        return;
      case "offer":
      case "answer":
      case "ice": {
        const target = this.members.find((m) => m.participant.id === message.to);
        const { to: _to, ...signal } = message;
        target?.socket.serverSends({ ...signal, from: me.participant.id });
        return;
      }
      case "leave":
        this.leave(socket);
        return;
      case "end":
        for (const member of this.members) {
          member.socket.serverSends({ type: "ended", reason: "ended-by-provider" });
          member.socket.serverCloses(CloseCode.ended);
        }
        this.members = [];
        return;
      default:
        return;
    }
  }

  private leave(socket: FakeWebSocket): void {
    if (!this.members.some((m) => m.socket === socket)) return;
    this.members = this.members.filter((m) => m.socket !== socket);
    this.broadcastPresence();
  }

  private broadcastPresence(): void {
    const participants = this.members.map((m) => m.participant);
    for (const member of this.members) member.socket.serverSends({ type: "presence", participants, locked: false });
  }

  /** The network drops this role's socket (no close frame from either side). */
  drop(role: Role): void {
    const member = this.members.find((m) => m.participant.role === role);
    if (!member) throw new Error(`${role} is not connected`);
    this.members = this.members.filter((m) => m !== member);
    member.socket.serverCloses(1006);
    this.broadcastPresence();
  }

  /** The room tells everyone something (a time warning, the end), or sends a raw frame. */
  broadcast(message: ServerMessage | string): void {
    for (const member of this.members) member.socket.serverSends(message);
  }

  /** The connection id of this ticket's current connection. */
  idOf(ticket: string): string {
    const member = this.members.find((m) => m.ticket === ticket);
    if (!member) throw new Error(`${ticket} is not connected`);
    return member.participant.id;
  }

  participants(): Participant[] {
    return this.members.map((m) => m.participant);
  }
}
