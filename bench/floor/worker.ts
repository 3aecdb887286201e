// The least a waiting room can do per socket: accept it (hibernatable), greet it, and broadcast.
import { DurableObject } from "cloudflare:workers";

interface FloorEnv {
  FLOOR: DurableObjectNamespace<Floor>;
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

export default {
  fetch(request: Request, env: FloorEnv): Promise<Response> {
    const room = new URL(request.url).searchParams.get("room") ?? "floor";
    return env.FLOOR.get(env.FLOOR.idFromName(room)).fetch(request);
  },
};
