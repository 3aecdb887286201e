// The practice's side of the join-code throttle: at most MAX_WRONG_JOIN_CODES_PER_DAY wrong codes a day
// (UTC) per practice, whichever clients type them, counted in the practice's own row. Every attempt takes
// a guess first, in one statement, so a thousand attempts at once cannot all slip under the limit; a
// correct code gives it back. An unknown short name runs the same statements (they match no row), so
// the answer and its time do not say whether the name exists.
import { sql } from "drizzle-orm";
import { MAX_WRONG_JOIN_CODES_PER_DAY } from "../schema/limits.ts";
import type { Database } from "./db.ts";

const DAY_MS = 86_400_000;

export type Guess =
  | { practiceId: string; taken: true }
  | { practiceId: string; taken: false; retryAfterSeconds: number }
  | { practiceId: undefined; taken: false };

/** Takes one guess from the practice's day; which practice, and whether a guess was left. */
export async function takeGuess(db: Database, shortName: string, now = Date.now()): Promise<Guess> {
  const today = Math.floor(now / DAY_MS);
  // Raw D1: drizzle's batch cannot carry raw statements.
  const d1 = db.$client;
  const [taken, practice] = await d1.batch<{ id: string }>([
    d1
      .prepare(
        "UPDATE practices SET join_code_wrong_that_day=CASE WHEN join_code_day=?1 THEN join_code_wrong_that_day+1 ELSE 1 END," +
          "join_code_day=?1 WHERE short_name=?2 AND(join_code_day<>?1 OR join_code_wrong_that_day<?3) RETURNING id",
      )
      .bind(today, shortName, MAX_WRONG_JOIN_CODES_PER_DAY),
    d1.prepare("SELECT id FROM practices WHERE short_name=?1").bind(shortName),
  ]);
  const practiceId = practice?.results[0]?.id;
  if (practiceId === undefined) return { practiceId, taken: false };
  if ((taken?.results.length ?? 0) > 0) return { practiceId, taken: true };
  return { practiceId, taken: false, retryAfterSeconds: Math.ceil(((today + 1) * DAY_MS - now) / 1000) };
}

/** Gives back the guess a correct code took: only wrong codes count against the practice. */
export function returnGuess(db: Database, practiceId: string, now = Date.now()) {
  const today = Math.floor(now / DAY_MS);
  return db.run(
    sql`UPDATE practices SET join_code_wrong_that_day=join_code_wrong_that_day-1 WHERE id=${practiceId} AND join_code_day=${today} AND join_code_wrong_that_day>0`,
  );
}
