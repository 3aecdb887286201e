// WebSocket upgrades. The worker authenticates, then forwards a request it builds from scratch
// carrying only the verified identity: nothing the client sent reaches the object.
import { createRoute } from "@hono/zod-openapi";
import { waitingRoomName } from "../../common/waiting-rooms.ts";
import { openTicket } from "../../durable-objects/tickets.ts";
import { isWebSocketUpgrade } from "../../durable-objects/upgrade.ts";
import { ConsultationSocketParams, ErrorBody } from "../../schema/api.ts";
import {
  type ConsultationIdentity,
  IDENTITY_HEADER,
  identityHeaderValue,
  type WaitingIdentity,
} from "../../schema/identity.ts";
import { CloseCode, SOCKET_PROTOCOL } from "../../schema/messages.ts";
import { type WaitingRoomSettings, waitingRoomSettings } from "../../schema/room-settings.ts";
import { access } from "../auth/access.ts";
import { identifyCaller, offeredProtocols, presentedTicket, usableSession } from "../auth/credentials.ts";
import { objects } from "../jurisdiction.ts";
import { problem } from "../problem.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

/** A 101 answer carrying `socket`, naming our subprotocol when the page offered it (browsers insist). */
function switching(request: Request, socket: WebSocket | null): Response {
  const headers: HeadersInit = offeredProtocols(request).includes(SOCKET_PROTOCOL)
    ? { "Sec-WebSocket-Protocol": SOCKET_PROTOCOL }
    : {};
  return new Response(null, { status: 101, webSocket: socket, headers });
}

async function forward(
  request: Request,
  stub: { fetch(request: Request): Promise<Response> },
  identity: WaitingIdentity | ConsultationIdentity,
): Promise<Response> {
  const answer = await stub.fetch(
    new Request("https://object.internal/socket", {
      headers: { Upgrade: "websocket", [IDENTITY_HEADER]: identityHeaderValue(identity) },
    }),
  );
  return answer.webSocket ? switching(request, answer.webSocket) : answer;
}

/**
 * Browsers cannot read the answer to a failed upgrade; they only see close code 1006. So a refused
 * socket is accepted and closed at once, with a close code and reason the page can act on.
 */
function refuse(request: Request, code: number, reason: string): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  server.close(code, reason);
  return switching(request, client);
}

const upgradeResponses = {
  101: {
    description: `Switching to the WebSocket protocol. Without a valid session or ticket the socket is closed at once with ${CloseCode.unauthorized}; with one that does not open this room, with ${CloseCode.forbidden}.`,
  },
  400: json(ErrorBody, "Malformed parameters"),
  403: json(ErrorBody, "Upgrade from another site"),
  426: json(ErrorBody, "Not a WebSocket upgrade"),
};

const waitingSocket = createRoute({
  method: "get",
  middleware: [access.sessionOrTicket] as const,
  path: "/waiting",
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The waiting room: providers with their session cookie, patients with a waiting ticket",
      responses: upgradeResponses,
    },
  ),
});

const consultationSocket = createRoute({
  method: "get",
  middleware: [access.sessionOrTicket] as const,
  path: "/consultation/{id}",
  request: { params: ConsultationSocketParams },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "A consultation's signaling, with the ticket handed out at admission",
      responses: upgradeResponses,
    },
  ),
});

/** Browsers send Origin with every WebSocket; a foreign one would ride on the provider's cookie. */
const foreignOrigin = (request: Request) => {
  const origin = request.headers.get("Origin");
  return origin !== null && origin !== new URL(request.url).origin;
};

export const socketRoutes = router()
  .openapi(waitingSocket, async (c) => {
    if (!isWebSocketUpgrade(c.req.raw)) return c.json(problem("not-websocket", "Expected a WebSocket upgrade."), 426);
    if (foreignOrigin(c.req.raw))
      return c.json(problem("cross-site", "Connections from other sites are not allowed."), 403);
    const caller = await identifyCaller(c);
    if (!caller) return refuse(c.req.raw, CloseCode.unauthorized, "Log in or present a valid ticket.");
    let identity: WaitingIdentity;
    let room: string;
    let settings: WaitingRoomSettings | undefined;
    if (caller.kind === "provider") {
      // The session was read together with its practice: the room is told its settings before the
      // dashboard arrives (the first use of a room, or one that forgot them).
      const { provider, practice, tokenHash, absoluteExpiresAt } = caller.session;
      identity = {
        role: "provider",
        providerId: provider.id,
        name: provider.displayName,
        sessionHash: tokenHash,
        sessionExpiresAt: absoluteExpiresAt,
      };
      room = waitingRoomName(practice, provider.id);
      settings = waitingRoomSettings(practice);
    } else {
      const ticket = caller.ticket;
      if (ticket.kind !== "waiting")
        return refuse(c.req.raw, CloseCode.forbidden, "This ticket is not for the waiting room.");
      // Routed by the sealed ticket alone: the room checks the link against D1 itself, for everyone
      // arriving together at once (durable-objects/waiting-room/arrivals.ts).
      const { kind: _kind, exp, id: ticketId, room: named, ...patient } = ticket;
      // Tickets sealed before rooms were named go to their provider's own room, which sends them on.
      room = named ?? patient.providerId;
      identity = { role: "patient", ticketId, ticketExpiresAt: exp, ...patient, room };
    }
    const namespace = objects(c.env, c.env.WAITING_ROOM);
    const stub = namespace.get(namespace.idFromName(room));
    if (settings) await stub.configure(settings);
    return forward(c.req.raw, stub, identity);
  })
  .openapi(consultationSocket, async (c) => {
    if (!isWebSocketUpgrade(c.req.raw)) return c.json(problem("not-websocket", "Expected a WebSocket upgrade."), 426);
    if (foreignOrigin(c.req.raw))
      return c.json(problem("cross-site", "Connections from other sites are not allowed."), 403);
    const { id } = c.req.valid("param");
    const presented = presentedTicket(c);
    const ticket = presented ? await openTicket(c.env.TICKET_SECRET, presented) : null;
    if (!ticket) return refuse(c.req.raw, CloseCode.unauthorized, "This ticket is not valid.");
    if (ticket.kind !== "consultation" || ticket.consultationId !== id) {
      return refuse(c.req.raw, CloseCode.forbidden, "This ticket is not for this consultation.");
    }
    const identity: ConsultationIdentity = {
      consultationId: id,
      participantId: ticket.participantId,
      role: ticket.role,
      name: ticket.name,
      ticketExpiresAt: ticket.exp,
    };
    if (ticket.label !== undefined) identity.label = ticket.label;
    if (ticket.role === "provider") {
      // A provider's ticket is bound to their session too: a leaked ticket alone is not enough,
      // and the socket closes when that session ends.
      const session = await usableSession(c);
      if (session?.provider.id !== ticket.providerId) {
        return refuse(c.req.raw, CloseCode.unauthorized, "Log in as the provider of this consultation.");
      }
      identity.sessionHash = session.tokenHash;
      identity.sessionExpiresAt = session.absoluteExpiresAt;
    }
    const namespace = objects(c.env, c.env.CONSULTATION);
    return forward(c.req.raw, namespace.get(namespace.idFromName(id)), identity);
  });
