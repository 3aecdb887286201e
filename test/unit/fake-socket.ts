import type { RoomSocket } from "../../durable-objects/socket.ts";
import type { ServerMessage } from "../../schema/messages.ts";

/**
 * A socket that records what the room sends it. Like the platform's, a socket the room closed stays
 * in the room's list until it is removed (its close event), so rooms must not rely on it vanishing.
 */
export class FakeSocket<Attachment> implements RoomSocket<Attachment> {
  readonly sent: ServerMessage[] = [];
  closed: { code: number; reason: string } | undefined;

  constructor(public attachment: Attachment) {}

  remember(attachment: Attachment): void {
    this.attachment = attachment;
  }

  send(message: ServerMessage): void {
    if (!this.closed) this.sent.push(message);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  last<T extends ServerMessage["type"]>(type: T): Extract<ServerMessage, { type: T }> | undefined {
    return this.sent.findLast((m) => m.type === type) as Extract<ServerMessage, { type: T }> | undefined;
  }
}

export class FakeSockets<Attachment> {
  private open: FakeSocket<Attachment>[] = [];
  readonly list = () => this.open;

  add(attachment: Attachment): FakeSocket<Attachment> {
    const socket = new FakeSocket(attachment);
    this.open.push(socket);
    return socket;
  }

  remove(socket: FakeSocket<Attachment>): void {
    this.open = this.open.filter((s) => s !== socket);
  }
}
