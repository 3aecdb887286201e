// One consultation: who is in the call, and relaying their WebRTC signaling to one named peer.
// Media and chat never pass through here. Plain logic over open sockets;
// durable-objects/consultation/object.ts adapts it to a Durable Object.
import type { ConsultationIdentity } from "../../schema/identity.ts";
import { CloseCode, type Participant, PROTOCOL_VERSION } from "../../schema/messages.ts";
import { errorMessage, parseClientMessage } from "../protocol.ts";
import { LiveSockets, type OpenSockets, type RoomSocket } from "../socket.ts";

export type ConsultationAttachment = ConsultationIdentity & { connectionId: string };
type ConsultationSocket = RoomSocket<ConsultationAttachment>;

/** A 1:1 call for now: the provider and one patient. */
export const MAX_PARTICIPANTS = 2;

export class ConsultationRoster {
  /** Set once the provider ends the call: later connections are turned away. Memory only. */
  private ended = false;

  private readonly sockets: LiveSockets<ConsultationAttachment>;

  constructor(openSockets: OpenSockets<ConsultationAttachment>) {
    this.sockets = new LiveSockets(openSockets);
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  connected(socket: ConsultationSocket): void {
    const me = socket.attachment;
    if (this.ended) {
      socket.send({ type: "ended", reason: "ended-by-provider" });
      this.sockets.close(socket, CloseCode.ended, "The consultation has ended.");
      return;
    }
    const others = this.sockets.list().filter((s) => s.attachment.connectionId !== me.connectionId);
    const participants = new Set(others.map((s) => s.attachment.participantId).concat(me.participantId));
    if (participants.size > MAX_PARTICIPANTS) {
      socket.send(errorMessage("forbidden", "This consultation is full."));
      this.sockets.close(socket, CloseCode.full, "The consultation is full.");
      return;
    }
    // The same participant connecting again (a reload) replaces the older connection.
    for (const old of others.filter((s) => s.attachment.participantId === me.participantId)) {
      old.send({ type: "ended", reason: "replaced" });
      this.sockets.close(old, CloseCode.replaced, "Connected again elsewhere.");
    }
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: me.role });
    this.broadcastPresence();
  }

  disconnected(socket: ConsultationSocket): void {
    this.sockets.gone(socket);
    this.broadcastPresence();
  }

  received(socket: ConsultationSocket, raw: string | ArrayBuffer): void {
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      socket.send(parsed.error);
      return;
    }
    const message = parsed.message;
    const me = socket.attachment;
    switch (message.type) {
      case "hello":
        return;
      case "offer":
      case "answer":
      case "ice": {
        const peer = this.sockets.list().find((s) => s.attachment.connectionId === message.to);
        if (!peer || peer.attachment.connectionId === me.connectionId) {
          socket.send(errorMessage("not-found", "That participant is not here."));
          return;
        }
        const { to: _to, ...payload } = message;
        peer.send({ ...payload, from: me.connectionId });
        return;
      }
      case "leave":
        this.sockets.close(socket, CloseCode.normal, "Left the consultation.");
        this.broadcastPresence();
        return;
      case "end":
        if (me.role !== "provider") {
          socket.send(errorMessage("forbidden", "Only the provider may end the consultation."));
          return;
        }
        this.end();
        return;
      case "admit":
      case "deny":
        socket.send(errorMessage("unknown-type", `${message.type} is not a consultation message.`));
        return;
      default:
        message satisfies never;
    }
  }

  /** Ends the call for everyone and closes every socket: nothing of it remains. */
  end(): void {
    this.ended = true;
    for (const socket of this.sockets.list()) {
      socket.send({ type: "ended", reason: "ended-by-provider" });
      this.sockets.close(socket, CloseCode.ended, "The consultation has ended.");
    }
  }

  private broadcastPresence(): void {
    const open = this.sockets.list();
    const participants = open.map(
      (s): Participant => ({ id: s.attachment.connectionId, role: s.attachment.role, name: s.attachment.name }),
    );
    for (const socket of open) socket.send({ type: "presence", participants });
  }
}
