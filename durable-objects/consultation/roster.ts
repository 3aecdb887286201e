// One consultation: who is in the call, and relaying their WebRTC signaling to one named peer.
// Media and chat never pass through here. Plain logic over open sockets;
// durable-objects/consultation/object.ts adapts it to a Durable Object.
import type { ConsultationIdentity } from "../../schema/identity.ts";
import { CloseCode, PROTOCOL_VERSION, type Participant } from "../../schema/messages.ts";
import { errorMessage, parseClientMessage } from "../protocol.ts";
import type { OpenSockets, RoomSocket } from "../socket.ts";

export type ConsultationAttachment = ConsultationIdentity & { connectionId: string };
type ConsultationSocket = RoomSocket<ConsultationAttachment>;

/** A 1:1 call for now: the provider and one patient. */
export const MAX_PARTICIPANTS = 2;

export class ConsultationRoster {
  /** Set once the provider ends the call: later connections are turned away. Memory only. */
  private ended = false;

  constructor(private readonly openSockets: OpenSockets<ConsultationAttachment>) {}

  get hasEnded(): boolean {
    return this.ended;
  }

  connected(socket: ConsultationSocket): void {
    const me = socket.attachment;
    if (this.ended) {
      socket.send({ type: "ended", reason: "ended-by-provider" });
      return socket.close(CloseCode.ended, "The consultation has ended.");
    }
    const others = this.openSockets().filter((s) => s.attachment.connectionId !== me.connectionId);
    // The same participant connecting again (a reload) replaces the older connection.
    const replaced = others.filter((s) => s.attachment.participantId === me.participantId);
    for (const old of replaced) {
      old.send({ type: "ended", reason: "replaced" });
      old.close(CloseCode.replaced, "Connected again elsewhere.");
    }
    const participants = new Set(others.map((s) => s.attachment.participantId).concat(me.participantId));
    if (participants.size > MAX_PARTICIPANTS) {
      socket.send(errorMessage("forbidden", "This consultation is full."));
      return socket.close(CloseCode.full, "The consultation is full.");
    }
    socket.send({ type: "hello", protocol: PROTOCOL_VERSION, you: me.connectionId, role: me.role });
    this.broadcastPresence(...replaced.map((s) => s.attachment.connectionId));
  }

  disconnected(socket: ConsultationSocket): void {
    this.broadcastPresence(socket.attachment.connectionId);
  }

  received(socket: ConsultationSocket, raw: string | ArrayBuffer): void {
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) return socket.send(parsed.error);
    const message = parsed.message;
    const me = socket.attachment;
    switch (message.type) {
      case "hello":
        return;
      case "offer":
      case "answer":
      case "ice": {
        const peer = this.openSockets().find((s) => s.attachment.connectionId === message.to);
        if (!peer || peer.attachment.connectionId === me.connectionId) return socket.send(errorMessage("not-found", "That participant is not here."));
        const { to: _to, ...payload } = message;
        return peer.send({ ...payload, from: me.connectionId });
      }
      case "leave":
        socket.close(CloseCode.normal, "Left the consultation.");
        return this.broadcastPresence(me.connectionId);
      case "end":
        if (me.role !== "provider") return socket.send(errorMessage("forbidden", "Only the provider may end the consultation."));
        return this.end();
      case "admit":
      case "deny":
        return socket.send(errorMessage("unknown-type", `${message.type} is not a consultation message.`));
      default:
        message satisfies never;
    }
  }

  /** Ends the call for everyone and closes every socket: nothing of it remains. */
  end(): void {
    this.ended = true;
    for (const socket of this.openSockets()) {
      socket.send({ type: "ended", reason: "ended-by-provider" });
      socket.close(CloseCode.ended, "The consultation has ended.");
    }
  }

  private broadcastPresence(...gone: string[]): void {
    const open = this.openSockets().filter((s) => !gone.includes(s.attachment.connectionId));
    const participants = open.map(
      (s): Participant => ({ id: s.attachment.connectionId, role: s.attachment.role, name: s.attachment.name }),
    );
    for (const socket of open) socket.send({ type: "presence", participants });
  }
}
