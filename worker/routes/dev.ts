import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

/** /dev/outbox and /dev/outbox.json: only when MAILER=outbox; 404 otherwise. Not part of the API document. */
export const devRoutes = new Hono<AppEnv>();
