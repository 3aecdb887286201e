// A WebSocket to one of our rooms: JSON in and out, server messages validated with the shared schema.
import {
  type ClientMessage,
  PING,
  PROTOCOL_VERSION,
  ServerMessage,
  SOCKET_PROTOCOL,
  TICKET_PROTOCOL_PREFIX,
} from "../../schema/messages.ts";

const KEEPALIVE_MS = 25_000;

export interface RoomConnection {
  send(message: ClientMessage): void;
  close(): void;
}

/** How long to wait before reconnection attempt `attempt` (0, 1, …): doubling from 0.5 s up to `capMs`, with jitter. */
export function reconnectDelay(attempt: number, capMs: number): number {
  return Math.min(capMs, 500 * 2 ** attempt) + Math.random() * 500;
}

/** Opens a room's socket; a ticket, if given, travels as an offered subprotocol rather than in the URL. */
export function connectRoom(
  path: string,
  handlers: { message(message: ServerMessage): void; closed(code: number, reason: string): unknown },
  ticket?: string,
): RoomConnection {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(url, ticket ? [SOCKET_PROTOCOL, `${TICKET_PROTOCOL_PREFIX}${ticket}`] : [SOCKET_PROTOCOL]);
  let closedByUs = false;
  // The room answers an outdated page with an "incompatible" error instead of misreading it.
  ws.addEventListener("open", () =>
    ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION } satisfies ClientMessage)),
  );
  const keepalive = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(PING), KEEPALIVE_MS);
  ws.addEventListener("message", (event) => {
    if (typeof event.data !== "string" || event.data === "pong") return;
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      return;
    }
    const parsed = ServerMessage.safeParse(json);
    if (parsed.success) handlers.message(parsed.data);
    else console.warn("anteroom: ignored a malformed server message");
  });
  ws.addEventListener("close", (event) => {
    clearInterval(keepalive);
    if (!closedByUs) void handlers.closed(event.code, event.reason);
  });
  return {
    send(message) {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
    close() {
      closedByUs = true;
      clearInterval(keepalive);
      ws.close(1000);
    },
  };
}
