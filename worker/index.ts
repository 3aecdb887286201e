import { app } from "./app.ts";
import { database } from "./db.ts";
import type { Env } from "./env.ts";
import { purgeExpired } from "./purge.ts";
import { sendDueReminders } from "./reminders.ts";

export { Consultation, Outbox, WaitingRoom } from "../durable-objects/index.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(purgeExpired(database(env.DB)));
    // The trigger's own time, not the clock when the run starts: the tests drive it with a chosen one.
    ctx.waitUntil(sendDueReminders(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
