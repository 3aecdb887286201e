// Cross-site request forgery: a state-changing request must come from our own pages. Hono's csrf()
// checks only form-encoded bodies (a JSON post from another site needs a CORS preflight, which we never
// grant); this check does not rely on that. Any unsafe request whose Origin is another site is refused,
// and so is one that carries a cookie without saying where it comes from (browsers always send Origin
// with such requests). Without a cookie and without an Origin, a request holds no ambient authority:
// the operator's command and scripts authenticate with a bearer token, or not at all.
import { createMiddleware } from "hono/factory";
import { problem } from "./problem.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const sameOriginWrites = createMiddleware(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header("Origin");
  const foreign = origin === undefined ? c.req.header("Cookie") !== undefined : origin !== new URL(c.req.url).origin;
  if (foreign) return c.json(problem("cross-site", "Requests from other sites are not allowed."), 403);
  await next();
});
