import type * as z from "zod/mini";
import { IDENTITY_HEADER } from "../schema/identity.ts";
import { PING, PONG } from "../schema/messages.ts";
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

/** Completes the closing handshake so browsers see a clean close instead of 1006. */
export function reciprocateClose(ws: WebSocket, code: number, reason: string): void {
  try {
    // 1005 and 1006 are reserved and may not be sent.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  } catch {
    // Already closed.
  }
}
