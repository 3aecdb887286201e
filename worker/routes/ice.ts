import { createRoute } from "@hono/zod-openapi";
import { label, logEvent } from "../../common/log.ts";
import { ErrorBody, IceServers } from "../../schema/api.ts";
import { access } from "../auth/access.ts";
import { identifyCaller } from "../auth/credentials.ts";
import { iceServerSource, TurnServiceError } from "../ice/sources.ts";
import { problem } from "../problem.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

/** TURN credentials live about as long as a consultation may, not a day. */
export const ICE_TTL_SECONDS = 2 * 60 * 60;

const iceServers = createRoute({
  method: "get",
  middleware: [access.sessionOrTicket] as const,
  path: "/",
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Short-lived STUN/TURN servers for a logged-in provider or an admitted participant",
      // Either scheme (typed as OpenAPI's security requirements, which the literal alone is not inferred as).
      security: [{ cookie: [] }, { ticket: [] }] as Record<string, string[]>[],
      responses: {
        200: json(IceServers, "ICE servers"),
        401: json(ErrorBody, "No valid session or ticket"),
        502: json(ErrorBody, "The TURN service failed"),
        503: json(ErrorBody, "TURN is misconfigured"),
      },
    },
  ),
});

export const iceRoutes = router().openapi(iceServers, async (c) => {
  const caller = await identifyCaller(c);
  // Patients need relays only once admitted: a waiting ticket, which lives as long as the link, is not enough.
  if (!caller || (caller.kind === "ticket" && caller.ticket.kind !== "consultation")) {
    return c.json(problem("unauthenticated", "Log in or present a consultation ticket."), 401);
  }
  const now = Date.now();
  const ticketSeconds = caller.kind === "ticket" ? Math.floor((caller.ticket.exp - now) / 1000) : ICE_TTL_SECONDS;
  const ttl = Math.max(60, Math.min(ICE_TTL_SECONDS, ticketSeconds));
  const source = iceServerSource(c.env);
  if (typeof source === "string") {
    logEvent("error", "ice-misconfigured", { provider: label(c.env.ICE_PROVIDER) });
    return c.json(problem("misconfigured", "Relay servers are not configured correctly."), 503);
  }
  try {
    const servers = await source.iceServers(ttl);
    c.header("Cache-Control", "no-store");
    return c.json({ iceServers: servers, expiresAt: new Date(now + ttl * 1000).toISOString() }, 200);
  } catch (error) {
    if (!(error instanceof TurnServiceError)) throw error;
    logEvent("error", "turn-service-failed", { reason: error.reason, status: error.status });
    return c.json(problem("relay-unavailable", "The relay service is not available right now."), 502);
  }
});
