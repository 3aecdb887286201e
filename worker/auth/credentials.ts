// Who is calling: a provider by session cookie, or a patient by a ticket we sealed.
import type { Context } from "hono";
import { openTicket } from "../../durable-objects/tickets.ts";
import type { Ticket } from "../../schema/identity.ts";
import { TICKET_PROTOCOL_PREFIX } from "../../schema/messages.ts";
import type { Provider } from "../../schema/tables.ts";
import type { AppEnv } from "../app-env.ts";
import { database } from "../db.ts";
import { sessionProvider } from "./sessions.ts";

export type Caller = { kind: "provider"; provider: Provider } | { kind: "ticket"; ticket: Ticket };

/** The WebSocket subprotocols a request offers. */
export function offeredProtocols(request: Request): string[] {
  return (request.headers.get("Sec-WebSocket-Protocol") ?? "").split(",").map((p) => p.trim());
}

/**
 * A ticket from the Authorization header; from the offered WebSocket subprotocols, where our
 * pages put it (browsers cannot set headers on WebSockets, and URLs end up in logs); or from the
 * `ticket` query parameter, for scripted clients.
 */
export function presentedTicket(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("Authorization");
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim();
  const inProtocol = offeredProtocols(c.req.raw).find((p) => p.startsWith(TICKET_PROTOCOL_PREFIX));
  if (inProtocol) return inProtocol.slice(TICKET_PROTOCOL_PREFIX.length);
  return c.req.query("ticket") || undefined;
}

export async function identifyCaller(c: Context<AppEnv>): Promise<Caller | undefined> {
  const token = presentedTicket(c);
  if (token) {
    const ticket = await openTicket(c.env.TICKET_SECRET, token);
    return ticket ? { kind: "ticket", ticket } : undefined;
  }
  const provider = await sessionProvider(c, database(c.env.DB));
  return provider ? { kind: "provider", provider } : undefined;
}
