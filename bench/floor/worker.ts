// The least a waiting room can do per socket: accept it (hibernatable), greet it, and broadcast.
// Beside it, for the admission bench: the least a consultation can do (Relay, at /relay) and a bare
// call page that uses it (/relay.html).
import { DurableObject } from "cloudflare:workers";
import { RELAY_PAGE } from "./relay-page.ts";

interface FloorEnv {
  FLOOR: DurableObjectNamespace<Floor>;
  RELAY: DurableObjectNamespace<Relay>;
}

export class Floor extends DurableObject<FloorEnv> {
  override async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    pair[1].send(JSON.stringify({ type: "hello" }));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override async webSocketMessage(_ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) socket.send(message);
  }
}

/** The least a consultation can do: accept each socket (hibernatable) and pass every message to the others. */
export class Relay extends DurableObject<FloorEnv> {
  override async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override async webSocketMessage(from: WebSocket, message: string | ArrayBuffer): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) if (socket !== from) socket.send(message);
  }
}

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    const url = new URL(request.url);
    const room = url.searchParams.get("room") ?? "floor";
    if (url.pathname === "/relay.html") {
      return new Response(RELAY_PAGE, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    if (url.pathname === "/relay") return env.RELAY.get(env.RELAY.idFromName(room)).fetch(request);
    return env.FLOOR.get(env.FLOOR.idFromName(room)).fetch(request);
  },
};
