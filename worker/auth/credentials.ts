// Who is calling: a provider by session cookie, or a patient by a ticket we sealed.
import type { Context } from "hono";
import { openTicket } from "../../durable-objects/tickets.ts";
import type { Ticket } from "../../schema/identity.ts";
import { TICKET_PROTOCOL_PREFIX } from "../../schema/messages.ts";
import type { AppEnv } from "../app-env.ts";
import { database } from "../db.ts";
import { mustEnrolTotp } from "./access.ts";
import { currentSession, type Session } from "./sessions.ts";

export type Caller = { kind: "provider"; session: Session } | { kind: "ticket"; ticket: Ticket };

/** The WebSocket subprotocols a request offers. */
export function offeredProtocols(request: Request): string[] {
  return (request.headers.get("Sec-WebSocket-Protocol") ?? "").split(",").map((p) => p.trim());
}

/**
 * A ticket from the Authorization header, or from the offered WebSocket subprotocols, where our
 * pages put it (browsers cannot set headers on WebSockets). Never from the URL: URLs end up in logs.
 */
export function presentedTicket(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("Authorization");
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim();
  const inProtocol = offeredProtocols(c.req.raw).find((p) => p.startsWith(TICKET_PROTOCOL_PREFIX));
  return inProtocol?.slice(TICKET_PROTOCOL_PREFIX.length);
}

export async function identifyCaller(c: Context<AppEnv>): Promise<Caller | undefined> {
  const token = presentedTicket(c);
  if (token) {
    const ticket = await openTicket(c.env.TICKET_SECRET, token);
    return ticket ? { kind: "ticket", ticket } : undefined;
  }
  const session = await usableSession(c);
  return session ? { kind: "provider", session } : undefined;
}

/**
 * The request's session, if it may act as a provider: valid, and meeting the practice's 2FA rule. A
 * member who must still enrol reaches only the account routes (auth/access.ts), not sockets or relays.
 */
export async function usableSession(c: Context<AppEnv>): Promise<Session | undefined> {
  const session = await currentSession(c, database(c.env.DB));
  return session && !mustEnrolTotp(session) ? session : undefined;
}
