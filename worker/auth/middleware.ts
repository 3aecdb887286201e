import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { database } from "../db.ts";
import { problem } from "../problem.ts";
import { sessionProvider } from "./sessions.ts";

/** Lets the request through only with a valid session cookie; the provider is then in c.get("provider"). */
export const requireProvider = createMiddleware<AppEnv>(async (c, next) => {
  const provider = await sessionProvider(c, database(c.env.DB));
  if (!provider) return c.json(problem("unauthenticated", "Please log in."), 401);
  c.set("provider", provider);
  await next();
});
