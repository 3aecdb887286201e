import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";
import { OPENAPI_PATH, openAPIDocument } from "./openapi-document.ts";

/**
 * Serves the OpenAPI document generated at run time from the routes registered on `app`: what the workerd tests
 * (vitest-plugin, no `[alias]`) use. The deployed Worker and `wrangler dev` serve the copy `npm run build` wrote
 * into the static assets instead (worker/openapi-route-assets.ts, `[alias]` in wrangler.toml), so they need no
 * generator; test/workerd/openapi.test.ts checks that both are the same document.
 */
export function serveOpenAPIDocument(app: OpenAPIHono<AppEnv>): void {
  // Generated per request like @hono/zod-openapi's own `doc31`, so routes registered after this line appear too.
  app.get(OPENAPI_PATH, (c) => c.json(openAPIDocument(app)));
}
