/**
 * The least a room needs of a connection. The Durable Objects wrap hibernatable
 * WebSockets in it; unit tests use fakes. `Out`: what the room may send on it (the role's contract,
 * schema/messages.ts); code that only closes sockets leaves it out, and can send nothing.
 */
export interface RoomSocket<Attachment, Out = never> {
  /** Who is on the other end, as the worker verified it, plus what the room assigned. */
  readonly attachment: Attachment;
  /** Replaces the attachment; it survives hibernation with the socket. */
  remember(attachment: Attachment): void;
  send(message: Out): void;
  close(code: number, reason: string): void;
}

/** Sockets currently open in a room. Rooms derive all their state from these, so hibernation loses nothing. */
export type OpenSockets<Attachment, Out> = () => readonly RoomSocket<Attachment, Out>[];

/**
 * The sockets a room still talks to. The platform may go on listing a socket for a while after
 * the room closed it or its close event arrived; such sockets are left out here, so that nobody
 * is admitted, counted or signaled through a connection that is already going away.
 */
export class LiveSockets<Attachment extends { connectionId: string }, Out> {
  private readonly leaving = new Set<string>();

  constructor(private readonly openSockets: OpenSockets<Attachment, Out>) {}

  list(): RoomSocket<Attachment, Out>[] {
    const open = this.openSockets();
    for (const id of this.leaving) {
      if (!open.some((s) => s.attachment.connectionId === id)) this.leaving.delete(id);
    }
    return open.filter((s) => !this.leaving.has(s.attachment.connectionId));
  }

  /** Whether the room still talks to this socket. */
  has(socket: RoomSocket<Attachment, Out>): boolean {
    return this.list().some((s) => s.attachment.connectionId === socket.attachment.connectionId);
  }

  /** Closes a socket and stops counting it at once. */
  close(socket: RoomSocket<Attachment, Out>, code: number, reason: string): void {
    this.gone(socket);
    socket.close(code, reason);
  }

  /** The socket closed or failed on the other side. */
  gone(socket: RoomSocket<Attachment, Out>): void {
    this.leaving.add(socket.attachment.connectionId);
  }
}

/** A workerd WebSocket; the attachment was written with serializeAttachment at accept time. */
class HibernatableSocket<Attachment, Out> implements RoomSocket<Attachment, Out> {
  attachment: Attachment;

  constructor(private readonly ws: WebSocket) {
    // What acceptSocket wrote; the platform hands it back untyped.
    this.attachment = ws.deserializeAttachment();
  }

  remember(attachment: Attachment): void {
    this.attachment = attachment;
    this.ws.serializeAttachment(attachment);
  }

  send(message: Out): void {
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

export function wrapWebSocket<Attachment, Out>(ws: WebSocket): RoomSocket<Attachment, Out> {
  return new HibernatableSocket<Attachment, Out>(ws);
}
