import { drizzle } from "drizzle-orm/d1";
import * as tables from "../schema/tables.ts";

function connect(d1: D1Database) {
  return drizzle(d1, { schema: tables });
}
export type Database = ReturnType<typeof connect>;

/**
 * One drizzle instance per D1 binding, kept for the isolate's life: building one reads the whole schema
 * (its relations), which cost more CPU than the query itself on every request. It holds no request state.
 */
const connections = new WeakMap<D1Database, Database>();

export function database(d1: D1Database): Database {
  let db = connections.get(d1);
  if (!db) {
    db = connect(d1);
    connections.set(d1, db);
  }
  return db;
}

/** Whether a D1 error (or its cause) is a unique index refusing a row; `column` ("table.column") narrows it. */
export function uniqueViolation(error: unknown, column = ""): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes(`UNIQUE constraint failed: ${column}`)) return true;
  }
  return false;
}
