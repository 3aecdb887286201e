import { errorName, logEvent } from "../common/log.ts";
import { app } from "./app.ts";
import { database } from "./db.ts";
import type { Env } from "./env.ts";
import { purgeExpired } from "./purge.ts";
import { sendDueReminders } from "./reminders.ts";

export { Consultation, Outbox, WaitingRoom } from "../durable-objects/index.ts";

/**
 * One of the cron's jobs, started on its own: whatever it throws (also before its first await) is
 * logged by the job's name and the error's name, and never keeps the other job from running.
 */
const cronJob = (job: "purge" | "reminders", run: () => Promise<void>): Promise<void> =>
  Promise.resolve()
    .then(run)
    .catch((error: unknown) => logEvent("error", "cron-job-failed", { job, name: errorName(error) }));

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(cronJob("purge", () => purgeExpired(database(env.DB))));
    // The trigger's own time, not the clock when the run starts: the tests drive it with a chosen one.
    ctx.waitUntil(cronJob("reminders", () => sendDueReminders(env, controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
