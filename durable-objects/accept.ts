import type * as z from "zod/mini";
import { errorName, logEvent } from "../common/log.ts";
import { IDENTITY_HEADER } from "../schema/identity.ts";
import { PING, PONG, type ServerMessage } from "../schema/messages.ts";
import { errorMessage } from "./protocol.ts";
import { isWebSocketUpgrade } from "./upgrade.ts";

/** Answer keep-alive pings without waking a hibernating object. */
export function answerPings(ctx: DurableObjectState): void {
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
}

/**
 * Reads the identity the worker put on the request. Anything else is a programming error
 * in the worker, answered with 400 rather than trusted.
 */
export function readIdentity<Schema extends z.ZodMiniType>(
  request: Request,
  schema: Schema,
): z.infer<Schema> | Response {
  if (!isWebSocketUpgrade(request)) return new Response("Expected a WebSocket upgrade.", { status: 426 });
  const raw = request.headers.get(IDENTITY_HEADER);
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return new Response("Missing or invalid identity.", { status: 400 });
  return parsed.data;
}

/** Accepts a hibernatable socket carrying `attachment`, tagged for lookups by role. */
export function acceptSocket<Attachment extends { role: string }>(
  ctx: DurableObjectState,
  attachment: Attachment,
): { client: WebSocket; server: WebSocket } {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  ctx.acceptWebSocket(server, [attachment.role]);
  server.serializeAttachment(attachment);
  return { client, server };
}

/** The close code for "something failed on our side": pages reconnect after it, as after a lost connection. */
export const SERVER_ERROR = 1011;

/**
 * A socket closed at once with `code` (after sending `message`, if any). Browsers cannot read the answer
 * to a failed upgrade, only a close code, so a refusal is an accepted socket that closes straight away.
 */
export function closedSocket(code: number, reason: string, message?: ServerMessage): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  if (message) server.send(JSON.stringify(message));
  server.close(code, reason);
  return new Response(null, { status: 101, webSocket: client });
}

/**
 * 1005 (no status) and 1006 (abnormal) are reported, never sent; 1015 (TLS failure) likewise. After
 * them the transport is already gone, so there is no handshake to complete.
 */
export function isReservedCloseCode(code: number): boolean {
  return code === 1005 || code === 1006 || code === 1015;
}

/** Closes a socket, ignoring that it may already be closed or closing. */
export function closeQuietly(ws: Pick<WebSocket, "close">, code?: number, reason?: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closed: nothing left to do.
  }
}

/** Completes the closing handshake so browsers see a clean close instead of 1006. */
export function reciprocateClose(ws: Pick<WebSocket, "close">, code: number, reason: string): void {
  if (isReservedCloseCode(code)) return;
  closeQuietly(ws, code, reason);
}

/**
 * Runs a socket handler; if it fails, the sender gets an `error` message instead of silence, and the
 * failure is logged by kind only (a message could carry names).
 */
export async function replyOnFailure(ws: Pick<WebSocket, "send">, handle: () => unknown): Promise<void> {
  try {
    await handle();
  } catch (error) {
    logEvent("error", "socket-handler-failed", { name: errorName(error) });
    try {
      ws.send(JSON.stringify(errorMessage("server-error", "Something went wrong on our side; nothing changed.")));
    } catch {
      // The socket is closing as well.
    }
  }
}
