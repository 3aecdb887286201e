// The one connection to a room (waiting room or consultation) that every screen uses: JSON in and
// out, and reconnection with backoff. Each connection speaks one room and role's contract
// (schema/messages.ts): it reads frames with that role's schema, so anything else (another role's or
// another room's message, a newer protocol's) is unreadable here, and it sends only that role's
// messages. Sockets and timers are injected so the reconnect rules can be tested with fakes instead
// of real time.
import {
  CloseCode,
  type PatientToWaitingRoom,
  PING,
  PONG,
  PROTOCOL_VERSION,
  SOCKET_PROTOCOL,
  TICKET_PROTOCOL_PREFIX,
} from "../../../schema/messages.ts";
import { browserClock, type Clock } from "./clock.ts";

/** The part of a WebSocket this module uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open", listener: () => void): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(type: "close", listener: (event: { code: number; reason: string }) => void): void;
}
export type SocketConstructor = new (url: string, protocols: string[]) => SocketLike;

const OPEN = 1;
const KEEPALIVE_MS = 25_000;

/** Close codes after which coming back makes no sense: the room is done with this page. */
export const FINAL_CLOSE_CODES: readonly number[] = [
  CloseCode.admitted,
  CloseCode.denied,
  CloseCode.ended,
  CloseCode.replaced,
  CloseCode.full,
  CloseCode.revoked,
  CloseCode.cancelled,
  CloseCode.alreadyAdmitted,
  CloseCode.idle,
  CloseCode.flooded,
  CloseCode.transferred,
  CloseCode.reopened,
  CloseCode.removed,
  // Trying again before the opening is refused the same way: the page shows its countdown instead.
  CloseCode.notOpen,
];
/** The session or ticket does not (or no longer) open this room. */
export const REFUSED_CLOSE_CODES: readonly number[] = [CloseCode.unauthorized, CloseCode.forbidden];

/** Why a room connection stopped for good; the screen decides what to say. */
export type RoomStop =
  | { reason: "final"; code: number }
  | { reason: "refused"; code: number }
  /** Too many drops in a row; `everOpened` tells a connection that never worked from one that was lost. */
  | { reason: "exhausted"; code: number; everOpened: boolean };

/** connecting: the first try; open: the room said hello; reconnecting: lost, trying again. */
export type RoomState = "connecting" | "open" | "reconnecting";

/**
 * What a connection reads frames with: the schema of what its room sends its role (a zod/mini
 * schema from schema/messages.ts, such as `WaitingRoomToPatient`). Only its `safeParse` is used.
 */
export interface ReceiveSchema<Receive> {
  safeParse(data: unknown): { success: true; data: Receive } | { success: false };
}

/** Every contract's first word from the page, whatever the room and role: its protocol version. */
type Hello = Extract<PatientToWaitingRoom, { type: "hello" }>;

export interface RoomHandlers<Receive> {
  message(message: Receive): void;
  /**
   * A frame that is not a message of this role's contract (malformed, another role's or room's, or from
   * a newer protocol): it is not passed on, but a session counts it, so that nothing the room says
   * vanishes without a trace.
   */
  unreadable?(): void;
  state?(state: RoomState): void;
  stopped(stop: RoomStop): void;
}

export interface RoomOptions<Receive = unknown> {
  /** What the room sends this role; every frame is read with it. */
  receive: ReceiveSchema<Receive>;
  /** For example /api/ws/waiting; resolved against `base`. */
  path: string;
  ticket?: string;
  /** The page's address, for the socket's origin. */
  base?: string;
  /** Tries after a drop before giving up (with backoff, about half a minute in all). */
  maxReconnects?: number;
  /** Tries for the very first connection: a ticket that does not open should say so soon. */
  maxFirstConnects?: number;
  capMs?: number;
  socket?: SocketConstructor;
  clock?: Clock;
  random?: () => number;
}

/** `Send`: what this role may say to its room (for example `PatientToWaitingRoom`). */
export interface RoomConnection<Send> {
  send(message: Send): void;
  /** Drops the current socket and connects again now, with the same ticket and a fresh attempt count. */
  reconnect(): void;
  close(): void;
}

/**
 * How long to wait before reconnection attempt `attempt` (0, 1, …): anywhere between nothing and a ceiling
 * doubling from 0.5 s up to `capMs` ("full jitter"), so that a thousand pages that lost their connection
 * together (a deploy, a network blip) come back spread out instead of together.
 */
export function reconnectDelay(attempt: number, capMs: number, random: () => number = Math.random): number {
  return Math.min(capMs, 500 * 2 ** attempt) * random();
}

export function socketUrl(path: string, base: string): string {
  const url = new URL(path, base);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

/** A pong needs nothing; anything else that is not a message of the contract is unreadable. */
function parse<Receive>(data: unknown, schema: ReceiveSchema<Receive>): Receive | "pong" | "unreadable" {
  if (data === PONG) return "pong";
  if (typeof data !== "string") return "unreadable";
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return "unreadable";
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.warn("anteroom: ignored a message this page does not read here");
  return "unreadable";
}

/**
 * Opens a connection that speaks one room and role's contract: `Receive` is what the room sends this
 * role (and `options.receive` its schema), `Send` what the role may send. Name both, for example
 * `connectRoom<WaitingRoomToPatient, PatientToWaitingRoom>`: `Send` left to inference is `never`, and
 * such a connection cannot send anything.
 */
export function connectRoom<Receive extends { type: string }, Send extends { type: string } = never>(
  options: RoomOptions<Receive>,
  handlers: RoomHandlers<Receive>,
): RoomConnection<Send> {
  const Socket = options.socket ?? (WebSocket as unknown as SocketConstructor);
  const clock = options.clock ?? browserClock;
  const url = socketUrl(options.path, options.base ?? location.href);
  const protocols = options.ticket
    ? [SOCKET_PROTOCOL, `${TICKET_PROTOCOL_PREFIX}${options.ticket}`]
    : [SOCKET_PROTOCOL];
  const maxReconnects = options.maxReconnects ?? 6;
  const maxFirstConnects = options.maxFirstConnects ?? 2;
  const capMs = options.capMs ?? 8_000;

  let ws: SocketLike | undefined;
  let attempts = 0;
  let everOpened = false;
  let stopped = false;
  let retry: unknown;
  let keepalive: unknown;

  function keepAlive(socket: SocketLike) {
    keepalive = clock.setTimeout(() => {
      if (socket !== ws || socket.readyState !== OPEN) return;
      socket.send(PING);
      keepAlive(socket);
    }, KEEPALIVE_MS);
  }

  function stop(result: RoomStop) {
    stopped = true;
    handlers.stopped(result);
  }

  function closed(socket: SocketLike, code: number) {
    // A socket we replaced or closed ourselves says nothing about the room.
    if (socket !== ws || stopped) return;
    clock.clearTimeout(keepalive);
    ws = undefined;
    if (FINAL_CLOSE_CODES.includes(code)) return stop({ reason: "final", code });
    if (REFUSED_CLOSE_CODES.includes(code)) return stop({ reason: "refused", code });
    if (attempts >= (everOpened ? maxReconnects : maxFirstConnects)) {
      return stop({ reason: "exhausted", code, everOpened });
    }
    handlers.state?.(everOpened ? "reconnecting" : "connecting");
    retry = clock.setTimeout(open, reconnectDelay(attempts++, capMs, options.random));
  }

  function open() {
    const socket = new Socket(url, protocols);
    ws = socket;
    // The room answers an outdated page with an "incompatible" error instead of misreading it.
    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION } satisfies Hello));
      keepAlive(socket);
    });
    socket.addEventListener("message", (event) => {
      if (socket !== ws || stopped) return;
      const message = parse(event.data, options.receive);
      if (message === "pong") return;
      if (message === "unreadable") return handlers.unreadable?.();
      if (message.type === "hello") {
        attempts = 0;
        everOpened = true;
        handlers.state?.("open");
      }
      handlers.message(message);
    });
    socket.addEventListener("close", (event) => closed(socket, event.code));
  }

  function dropSocket() {
    clock.clearTimeout(retry);
    clock.clearTimeout(keepalive);
    const socket = ws;
    ws = undefined;
    socket?.close(CloseCode.normal);
  }

  handlers.state?.("connecting");
  open();

  return {
    send(message) {
      if (ws?.readyState === OPEN) ws.send(JSON.stringify(message));
    },
    reconnect() {
      dropSocket();
      stopped = false;
      attempts = 0;
      handlers.state?.(everOpened ? "reconnecting" : "connecting");
      open();
    },
    close() {
      stopped = true;
      dropSocket();
    },
  };
}
