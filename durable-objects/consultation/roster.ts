// One consultation: who is in the call, and relaying their WebRTC signaling to one named peer.
// Media and chat never pass through here. Plain logic over open sockets;
// durable-objects/consultation/object.ts adapts it to a Durable Object.
import type { ConsultationIdentity } from "../../schema/identity.ts";
import { CloseCode, type Participant, PROTOCOL_VERSION } from "../../schema/messages.ts";
import { type ExpiringSet, earliest } from "../expiring-set.ts";
import { errorMessage, parseClientMessage } from "../protocol.ts";
import {
  closeProviderSockets,
  LOGGED_OUT,
  matchesSession,
  SESSION_EXPIRED,
  type SessionMatch,
  sessionDeadlines,
  sessionExpiredBy,
} from "../sessions.ts";
import { LiveSockets, type OpenSockets, type RoomSocket } from "../socket.ts";

export type ConsultationAttachment = ConsultationIdentity & { connectionId: string };
type ConsultationSocket = RoomSocket<ConsultationAttachment>;

/** A 1:1 call for now: the provider and one patient. */
export const MAX_PARTICIPANTS = 2;

/** The one id in the roster's record: that this consultation has ended. */
const ENDED = "ended";

export class ConsultationRoster {
  private readonly sockets: LiveSockets<ConsultationAttachment>;

  /**
   * @param record remembers that the call ended until its last ticket expires, past eviction and
   *   restarts, so that no ticket can open it again.
   */
  constructor(
    openSockets: OpenSockets<ConsultationAttachment>,
    private readonly record: ExpiringSet,
    private readonly now: () => number = Date.now,
  ) {
    this.sockets = new LiveSockets(openSockets);
  }

  get hasEnded(): boolean {
    return this.record.has(ENDED, this.now());
  }

  connected(socket: ConsultationSocket): void {
    const me = socket.attachment;
    if (this.hasEnded) {
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
    this.dropExpiredSessions();
    if (!this.sockets.has(socket)) return;
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

  /**
   * Ends the call for everyone and closes every socket. What remains is the record that it ended,
   * until the last ticket for it expires.
   */
  end(): void {
    const open = this.sockets.list();
    const lastTicketExpiry = Math.max(this.now(), ...open.map((s) => s.attachment.ticketExpiresAt));
    this.record.add(ENDED, lastTicketExpiry);
    for (const socket of open) {
      socket.send({ type: "ended", reason: "ended-by-provider" });
      this.sockets.close(socket, CloseCode.ended, "The consultation has ended.");
    }
  }

  /** Closes the provider's sockets whose session ended (logout, "log out everywhere"). */
  endSessions(match: SessionMatch): void {
    if (closeProviderSockets(this.sockets, (a) => matchesSession(a, match), LOGGED_OUT) > 0) this.broadcastPresence();
  }

  /** Runs at the object's alarm: forgets an expired record, closes expired sessions; returns the next deadline. */
  expire(): number | undefined {
    this.record.expire(this.now());
    this.dropExpiredSessions();
    return earliest(this.record.nextDeadline(), ...sessionDeadlines(this.sockets));
  }

  /** The provider's socket lives no longer than the session their ticket is bound to. */
  private dropExpiredSessions(): void {
    if (closeProviderSockets(this.sockets, sessionExpiredBy(this.now()), SESSION_EXPIRED) > 0) {
      this.broadcastPresence();
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
