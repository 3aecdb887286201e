// Practices' short names (schema/short-name.ts): a free one for a new practice, made from its name.
import { like } from "drizzle-orm";
import { MAX_SHORT_NAME_LENGTH, shortNameFrom, shortNameVariant } from "../schema/short-name.ts";
import { practices } from "../schema/tables.ts";
import type { Database } from "./db.ts";

/** Variants tried by number before falling back to random digits. */
const NUMBERED_VARIANTS = 99;

/**
 * The first free short name for a practice of this name: "drmueller", else "drmueller2", "drmueller3"…
 * One query reads every name that could clash (base is a–z and 0–9 only: no LIKE wildcards). Two practices created at the same instant may still
 * pick the same one: the unique index refuses the second, and the caller asks again (createPractice).
 */
export async function freeShortName(db: Database, practiceName: string): Promise<string> {
  const base = shortNameFrom(practiceName);
  const rows = await db
    .select({ shortName: practices.shortName })
    .from(practices)
    // Every numbered variant (at most two digits) starts with the base's first 14 characters.
    .where(like(practices.shortName, `${base.slice(0, MAX_SHORT_NAME_LENGTH - 2)}%`));
  const taken = new Set(rows.map((row) => row.shortName));
  if (!taken.has(base)) return base;
  for (let n = 2; n <= NUMBERED_VARIANTS; n++) {
    const candidate = shortNameVariant(base, n);
    if (!taken.has(candidate)) return candidate;
  }
  return randomVariant(base);
}

/** A variant with four random digits: for a name taken a hundred times, or lost to a race. */
export function randomVariant(base: string): string {
  const digits = (crypto.getRandomValues(new Uint16Array(1))[0] ?? 0) % 9000;
  return shortNameVariant(base, 1000 + digits);
}
