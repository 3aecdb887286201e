// A practice mails invitations to addresses it types in: without a ceiling, anyone who can sign up could
// use Anteroom to mail strangers. Each practice may send MAX_INVITATIONS_PER_DAY a day (UTC), counted in
// its own row, in one statement, so two admins inviting at once cannot both take the last one.
import { sql } from "drizzle-orm";
import type { Database } from "./db.ts";

export const MAX_INVITATIONS_PER_DAY = 20;
const DAY_MS = 86_400_000;

/** Takes one invitation from today's quota; false when it is used up. Also the seconds until it renews. */
export async function takeInvitation(
  db: Database,
  practiceId: string,
  now = Date.now(),
): Promise<{ taken: true } | { taken: false; retryAfterSeconds: number }> {
  const today = Math.floor(now / DAY_MS);
  const taken = await db.all<{ id: string }>(sql`
    UPDATE practices
    SET invitations_that_day = CASE WHEN invitations_day = ${today} THEN invitations_that_day + 1 ELSE 1 END,
        invitations_day = ${today}
    WHERE id = ${practiceId}
      AND (invitations_day <> ${today} OR invitations_that_day < ${MAX_INVITATIONS_PER_DAY})
    RETURNING id`);
  if (taken.length > 0) return { taken: true };
  return { taken: false, retryAfterSeconds: Math.ceil(((today + 1) * DAY_MS - now) / 1000) };
}
