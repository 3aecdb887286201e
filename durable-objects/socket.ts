import type { ServerMessage } from "../schema/messages.ts";

/**
 * The least a room needs of a connection. The Durable Objects wrap hibernatable
 * WebSockets in it; unit tests use fakes.
 */
export interface RoomSocket<Attachment> {
  /** Who is on the other end, as the worker verified it, plus what the room assigned. */
  readonly attachment: Attachment;
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** Sockets currently open in a room. Rooms derive all their state from these, so hibernation loses nothing. */
export type OpenSockets<Attachment> = () => readonly RoomSocket<Attachment>[];

/** Wraps a workerd WebSocket; the attachment was written with serializeAttachment at accept time. */
export function wrapWebSocket<Attachment>(ws: WebSocket): RoomSocket<Attachment> {
  return {
    attachment: ws.deserializeAttachment() as Attachment,
    send(message) {
      try {
        ws.send(JSON.stringify(message));
      } catch {
        // The socket is closing; its close handler will update the room.
      }
    },
    close(code, reason) {
      try {
        ws.close(code, reason);
      } catch {
        // Already closed.
      }
    },
  };
}
