// GET /api/health, for uptime monitors: 200 `{ ok: true }` when the deployment can let patients in, 503
// `misconfigured` when its ticket secret is missing (nothing else works then, so a monitor should page
// someone). It says nothing else: no version, no build, no binding, nothing about a caller. It is
// registered before the ticket-secret check in worker/app.ts, so it answers either way.
import { createRoute } from "@hono/zod-openapi";
import { MIN_TICKET_SECRET_LENGTH } from "../../durable-objects/tickets.ts";
import { ErrorBody } from "../../schema/api.ts";
import { Health } from "../../schema/api-operator.ts";
import { access } from "../auth/access.ts";
import { problem } from "../problem.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const health = createRoute({
  method: "get",
  path: "/",
  middleware: [access.anonymous] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "For uptime monitors: 200 when the deployment is up and configured, 503 when its configuration is incomplete",
      responses: {
        200: json(Health, "Up"),
        503: json(ErrorBody, "The configuration is incomplete (which setting is for the operator's check)"),
      },
    },
  ),
});

export const healthRoutes = router().openapi(health, (c) =>
  (c.env.TICKET_SECRET ?? "").length < MIN_TICKET_SECRET_LENGTH
    ? c.json(problem("misconfigured", "The server's configuration is incomplete."), 503)
    : c.json({ ok: true as const }, 200),
);
