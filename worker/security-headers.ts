// The headers every answer of the Worker carries (/api/*, /dev/*, the logos), as client/public/_headers
// gives them to the pages and assets: no other site may frame, read or be told about what we answer, and
// only our own pages may ask for camera, microphone or screen. A route that sets its own CSP (a logo's
// sandbox, the outbox page's inline style) keeps it; every other answer is JSON or a plain body, which
// loads nothing, so its policy allows nothing. test/browser/headers.test.ts walks every route for this.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";

/** For answers that are not pages: nothing may load from them, nothing may frame them. */
export const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, subdomains too: the value browsers' preload lists ask for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export const PERMISSIONS_POLICY =
  "camera=(self), microphone=(self), display-capture=(self), geolocation=(), interest-cohort=()";

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", NO_CONTENT_POLICY);
  c.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  c.header("Permissions-Policy", PERMISSIONS_POLICY);
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
});
