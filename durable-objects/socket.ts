import type { ServerMessage } from "../schema/messages.ts";

/**
 * The least a room needs of a connection. The Durable Objects wrap hibernatable
 * WebSockets in it; unit tests use fakes.
 */
export interface RoomSocket<Attachment> {
  /** Who is on the other end, as the worker verified it, plus what the room assigned. */
  readonly attachment: Attachment;
  /** Replaces the attachment; it survives hibernation with the socket. */
  remember(attachment: Attachment): void;
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** Sockets currently open in a room. Rooms derive all their state from these, so hibernation loses nothing. */
export type OpenSockets<Attachment> = () => readonly RoomSocket<Attachment>[];

/**
 * The sockets a room still talks to. The platform may go on listing a socket for a while after
 * the room closed it or its close event arrived; such sockets are left out here, so that nobody
 * is admitted, counted or signaled through a connection that is already going away.
 */
export class LiveSockets<Attachment extends { connectionId: string }> {
  private readonly leaving = new Set<string>();

  constructor(private readonly openSockets: OpenSockets<Attachment>) {}

  list(): RoomSocket<Attachment>[] {
    const open = this.openSockets();
    for (const id of this.leaving) {
      if (!open.some((s) => s.attachment.connectionId === id)) this.leaving.delete(id);
    }
    return open.filter((s) => !this.leaving.has(s.attachment.connectionId));
  }

  /** Whether the room still talks to this socket. */
  has(socket: RoomSocket<Attachment>): boolean {
    return this.list().some((s) => s.attachment.connectionId === socket.attachment.connectionId);
  }

  /** Closes a socket and stops counting it at once. */
  close(socket: RoomSocket<Attachment>, code: number, reason: string): void {
    this.gone(socket);
    socket.close(code, reason);
  }

  /** The socket closed or failed on the other side. */
  gone(socket: RoomSocket<Attachment>): void {
    this.leaving.add(socket.attachment.connectionId);
  }
}

/** A workerd WebSocket; the attachment was written with serializeAttachment at accept time. */
class HibernatableSocket<Attachment> implements RoomSocket<Attachment> {
  attachment: Attachment;

  constructor(private readonly ws: WebSocket) {
    this.attachment = ws.deserializeAttachment() as Attachment;
  }

  remember(attachment: Attachment): void {
    this.attachment = attachment;
    this.ws.serializeAttachment(attachment);
  }

  send(message: ServerMessage): void {
    try {
      this.ws.send(JSON.stringify(message));
    } catch {
      // The socket is closing; its close handler will update the room.
    }
  }

  close(code: number, reason: string): void {
    try {
      this.ws.close(code, reason);
    } catch {
      // Already closed.
    }
  }
}

export function wrapWebSocket<Attachment>(ws: WebSocket): RoomSocket<Attachment> {
  return new HibernatableSocket<Attachment>(ws);
}
