import { DurableObject } from "cloudflare:workers";
import { WaitingIdentity } from "../../schema/identity.ts";
import { acceptSocket, answerPings, readIdentity, reciprocateClose } from "../accept.ts";
import type { ObjectsEnv } from "../env.ts";
import { wrapWebSocket } from "../socket.ts";
import { sealTicket } from "../tickets.ts";
import { type Admission, type WaitingAttachment, WaitingRoomQueue } from "./queue.ts";

/** How long a consultation ticket admits its holder, reconnects included. */
export const CONSULTATION_TICKET_TTL_MS = 2 * 60 * 60 * 1000;

/** One per provider. Holds presence in socket attachments only; never writes storage. */
export class WaitingRoom extends DurableObject<ObjectsEnv> {
  private readonly queue: WaitingRoomQueue;

  constructor(ctx: DurableObjectState, env: ObjectsEnv) {
    super(ctx, env);
    answerPings(ctx);
    this.queue = new WaitingRoomQueue(
      () => ctx.getWebSockets().map((ws) => wrapWebSocket<WaitingAttachment>(ws)),
      (admission) => this.mintTickets(admission),
    );
  }

  override async fetch(request: Request): Promise<Response> {
    const identity = readIdentity(request, WaitingIdentity);
    if (identity instanceof Response) return identity;
    const attachment: WaitingAttachment = { ...identity, connectionId: crypto.randomUUID() };
    const { client, server } = acceptSocket(this.ctx, attachment);
    this.queue.connected(wrapWebSocket(server));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.queue.received(wrapWebSocket(ws), message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    reciprocateClose(ws, code, reason);
    this.queue.disconnected(wrapWebSocket(ws));
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.queue.disconnected(wrapWebSocket(ws));
  }

  private async mintTickets({ consultationId, provider, patient }: Admission) {
    const exp = Date.now() + CONSULTATION_TICKET_TTL_MS;
    const secret = this.env.TICKET_SECRET;
    const [providerTicket, patientTicket] = await Promise.all([
      sealTicket(secret, {
        kind: "consultation",
        consultationId,
        participantId: provider.providerId,
        providerId: provider.providerId,
        role: "provider",
        name: provider.name,
        exp,
      }),
      sealTicket(secret, {
        kind: "consultation",
        consultationId,
        participantId: patient.inviteId,
        providerId: patient.providerId,
        role: "patient",
        name: patient.name,
        exp,
      }),
    ]);
    return { provider: providerTicket, patient: patientTicket };
  }
}
