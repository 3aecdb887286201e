// Stands in for two of drizzle's PostgreSQL modules in the deployed Worker (`[alias]` in wrangler.toml): drizzle's
// shared query builder (`sql/sql.js`) asks `isPgEnum` of every chunk, and its relational config (`relations.js`)
// compares table extras with the PostgreSQL `PrimaryKeyBuilder`; those two imports alone bring PostgreSQL's
// column, table, foreign key and constraint classes along (6 KB minified), none of which SQLite uses. The two
// names keep drizzle's own answers: the same check of the same symbol, and a class with the same entity kind,
// which is all drizzle's `is()` compares for a SQLite builder (never one of these).
import { entityKind } from "drizzle-orm";

const isPgEnumSym = Symbol.for("drizzle:isPgEnum");

/** drizzle's own test (pg-core/columns/enum.js): a PostgreSQL enum is a function marked with this symbol. */
export function isPgEnum(obj: unknown): boolean {
  return (
    !!obj && typeof obj === "function" && isPgEnumSym in obj && (obj as Record<symbol, unknown>)[isPgEnumSym] === true
  );
}

/** Only compared against (`is(entry, PrimaryKeyBuilder)`), never built: the entity kind is what `is()` reads. */
export class PrimaryKeyBuilder {
  static readonly [entityKind] = "PgPrimaryKeyBuilder";
  constructor(
    readonly columns: unknown[],
    readonly name?: string,
  ) {}
}
