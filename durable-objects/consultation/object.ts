import { DurableObject } from "cloudflare:workers";
import { ConsultationIdentity } from "../../schema/identity.ts";
import { acceptSocket, answerPings, readIdentity, reciprocateClose } from "../accept.ts";
import type { ObjectsEnv } from "../env.ts";
import { wrapWebSocket } from "../socket.ts";
import { type ConsultationAttachment, ConsultationRoster } from "./roster.ts";

/** One per consultation. Relays signaling only; holds the roster in socket attachments; never writes storage. */
export class Consultation extends DurableObject<ObjectsEnv> {
  private readonly roster: ConsultationRoster;

  constructor(ctx: DurableObjectState, env: ObjectsEnv) {
    super(ctx, env);
    answerPings(ctx);
    this.roster = new ConsultationRoster(() =>
      ctx.getWebSockets().map((ws) => wrapWebSocket<ConsultationAttachment>(ws)),
    );
  }

  override async fetch(request: Request): Promise<Response> {
    const identity = readIdentity(request, ConsultationIdentity);
    if (identity instanceof Response) return identity;
    const { client, server } = acceptSocket(this.ctx, { ...identity, connectionId: crypto.randomUUID() });
    this.roster.connected(wrapWebSocket(server));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.roster.received(wrapWebSocket(ws), message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    reciprocateClose(ws, code, reason);
    this.roster.disconnected(wrapWebSocket(ws));
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.roster.disconnected(wrapWebSocket(ws));
  }

  /** For tests and operators: how many sockets are open and whether the call has ended. */
  async snapshot(): Promise<{ sockets: number; ended: boolean }> {
    return { sockets: this.ctx.getWebSockets().length, ended: this.roster.hasEnded };
  }
}
