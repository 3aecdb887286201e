import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";

/** Where the API describes itself; also the document's file in the static assets (`dist/client`). */
export const OPENAPI_PATH = "/api/openapi.json";

const OPENAPI_OBJECT = {
  openapi: "3.1.0",
  info: { title: "Anteroom API", version: "0.1.0", description: "Privacy-first video consultations." },
};

/**
 * The OpenAPI document of every route registered on `app` with `app.openapi(...)`. It is the same for every
 * request of a build, so `npm run build` writes it into the static assets (scripts/openapi-document.ts) and the
 * deployed Worker serves that file instead of carrying the generator (worker/openapi-route-assets.ts).
 */
export function openAPIDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document(OPENAPI_OBJECT);
}

/** The security schemes routes name in their `security`: documentation only, nothing here checks them. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
    type: "apiKey",
    in: "cookie",
    // `__Host-anteroom_session` over https.
    name: "anteroom_session",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "ticket", { type: "http", scheme: "bearer" });
}
