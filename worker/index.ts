import { app } from "./app.ts";
import { database } from "./db.ts";
import type { Env } from "./env.ts";
import { purgeExpired } from "./purge.ts";

export { Consultation, Outbox, WaitingRoom } from "../durable-objects/index.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(purgeExpired(database(env.DB)));
  },
} satisfies ExportedHandler<Env>;
