// A practice sends invitation mails and SMS to addresses and numbers it types in: without a ceiling,
// anyone who can sign up could use Anteroom to message strangers (and spend the operator's SMS budget).
// Each practice may send MAX_MESSAGES_PER_DAY a day (UTC), reminders included, counted in its own row in
// one statement, so two members sending at once cannot both take the last one. Separate from the member
// invitation quota (invitation-quota.ts): a busy practice sends far more patient invitations than it
// invites colleagues.
import { sql } from "drizzle-orm";
import type { Database } from "./db.ts";

export const MAX_MESSAGES_PER_DAY = 300;
const DAY_MS = 86_400_000;

/** Takes `count` messages from today's quota; false when they do not fit. Also the seconds until it renews. */
export async function takeMessages(
  db: Database,
  practiceId: string,
  count: number,
  now = Date.now(),
): Promise<{ taken: true } | { taken: false; retryAfterSeconds: number }> {
  const today = Math.floor(now / DAY_MS);
  const taken = await db.all<{ id: string }>(sql`
    UPDATE practices
    SET messages_that_day = CASE WHEN messages_day = ${today} THEN messages_that_day + ${count} ELSE ${count} END,
        messages_day = ${today}
    WHERE id = ${practiceId}
      AND (messages_day <> ${today} OR messages_that_day + ${count} <= ${MAX_MESSAGES_PER_DAY})
    RETURNING id`);
  if (taken.length > 0) return { taken: true };
  return { taken: false, retryAfterSeconds: Math.ceil(((today + 1) * DAY_MS - now) / 1000) };
}
