// A GET that leaves a trace (a download the audit trail records as "data-exported") is an action, not a
// read: sameOriginWrites lets every GET through, and the session cookie is SameSite=Lax, so a link on
// another site, clicked by a logged-in admin, would download the file and record an export nobody meant.
// Such a route refuses a request the browser says came from another site (Sec-Fetch-Site other than
// same-origin, or none for an address typed or bookmarked); a browser that sends no Sec-Fetch-Site cannot
// be told apart and is let through. A HEAD takes no copy: it is answered without the body and without
// running the route, so it records nothing. Placed after the route's access check, so that a HEAD answers
// 401 or 403 exactly where a GET would.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";
import { problem } from "./problem.ts";

const OWN_PAGES = new Set(["same-origin", "none"]);

export const recordedRead = createMiddleware<AppEnv>(async (c, next) => {
  const site = c.req.header("Sec-Fetch-Site");
  if (site !== undefined && !OWN_PAGES.has(site)) {
    return c.json(problem("cross-site", "Downloads must be started from this site's own pages."), 403);
  }
  if (c.req.method === "HEAD") return c.body(null, 200);
  await next();
});
