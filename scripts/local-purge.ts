// Deployed, Cloudflare runs the Worker's scheduled purge and reminders by the cron in wrangler.toml; wrangler dev never
// does. `npm start` triggers it itself through wrangler dev's scheduled-event endpoint: once at start (a
// machine that was off catches up) and then as often as the cron says.
const CRON = "*/5 * * * *";
const EVERY_MS = 5 * 60 * 1000;

/** The URL that runs the scheduled handler once. Miniflare serves it ahead of the static assets. */
export const purgeUrl = (origin: string) => `${origin}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(CRON)}`;

async function purgeOnce(origin: string): Promise<void> {
  try {
    const response = await fetch(purgeUrl(origin));
    if (!response.ok) console.error(`purge: the scheduled event answered ${response.status}`);
  } catch (error) {
    console.error(`purge: could not trigger the scheduled event (${String(error)})`);
  }
}

/** Runs the purge (and due reminders) now and every 5 minutes while the process lives. */
export async function purgeOnSchedule(origin: string): Promise<void> {
  // unref: the timer alone does not keep `npm start` running once wrangler dev has exited.
  setInterval(() => void purgeOnce(origin), EVERY_MS).unref();
  await purgeOnce(origin);
}
