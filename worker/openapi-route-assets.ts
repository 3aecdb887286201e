import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";
import { OPENAPI_PATH } from "./openapi-document.ts";
import { problem } from "./problem.ts";

/**
 * Stands in for worker/openapi-route.ts in the deployed Worker and `wrangler dev` (`[alias]` in wrangler.toml):
 * serves the OpenAPI document `npm run build` generated from the same routes into the static assets
 * (scripts/openapi-document.ts), so the Worker carries no OpenAPI generator. `/api/*` runs the Worker first,
 * so the file is reached only through here, behind the same middleware as every API answer.
 */
export function serveOpenAPIDocument(app: OpenAPIHono<AppEnv>): void {
  app.get(OPENAPI_PATH, async (c) => {
    const file = await c.env.ASSETS.fetch(new URL(OPENAPI_PATH, c.req.url));
    // Without a build the assets answer with the app's index.html (single-page fallback) or 404: say what is missing.
    if (!file.ok || !file.headers.get("Content-Type")?.startsWith("application/json")) {
      return c.json(problem("misconfigured", "The API description was not built (npm run build)."), 503);
    }
    // Parsed and written again, so the answer is byte for byte what the run-time route's `c.json` gives.
    return c.json(await file.json());
  });
}
