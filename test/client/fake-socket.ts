import type { SocketLike } from "../../client/src/shared/room.ts";
import type { ClientMessage, ServerMessage } from "../../schema/messages.ts";

type Listeners = {
  open: (() => void)[];
  message: ((event: { data: unknown }) => void)[];
  close: ((event: { code: number; reason: string }) => void)[];
};

/** A browser WebSocket stand-in: the test opens it, feeds it messages and drops it. */
export class FakeWebSocket implements SocketLike {
  static created: FakeWebSocket[] = [];
  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.created.at(-1);
    if (!socket) throw new Error("no socket was opened");
    return socket;
  }
  static reset(): void {
    FakeWebSocket.created = [];
  }
  /** The newest socket opens and the room greets it with `hello`. */
  static greetLatest(hello: ServerMessage): FakeWebSocket {
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    socket.serverSends(hello);
    return socket;
  }

  readyState = 0;
  readonly sent: string[] = [];
  closedWith: number | undefined;
  private listeners: Listeners = { open: [], message: [], close: [] };

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeWebSocket.created.push(this);
  }

  addEventListener(type: "open", listener: () => void): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(type: "close", listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: keyof Listeners, listener: never): void {
    (this.listeners[type] as unknown[]).push(listener);
  }

  send(data: string): void {
    this.sent.push(data);
  }

  /** The page closed it: like a browser, no close event reaches the page for its own close before the server's echo. */
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  sentMessages(): ClientMessage[] {
    return this.sent.filter((data) => data !== "ping").map((data) => JSON.parse(data) as ClientMessage);
  }

  // ---- the server's side ----

  serverOpens(): void {
    this.readyState = 1;
    for (const listener of this.listeners.open) listener();
  }

  serverSends(message: ServerMessage | string): void {
    const data = typeof message === "string" ? message : JSON.stringify(message);
    for (const listener of this.listeners.message) listener({ data });
  }

  serverCloses(code: number, reason = ""): void {
    this.readyState = 3;
    for (const listener of this.listeners.close) listener({ code, reason });
  }
}
