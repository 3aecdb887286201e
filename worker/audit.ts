// Writing the audit trail. Each entry is a statement meant for the same D1 batch as the action it
// records, so that an action is never done without its entry nor an entry written for an action that
// failed: `recorded` writes unconditionally, `recordedIfChanged` only when the statement just before it in
// the batch changed a row (SQLite's changes(), read inside the same transaction).
import { sql } from "drizzle-orm";
import type { AuditAction } from "../schema/audit.ts";
import { auditEntries } from "../schema/tables.ts";
import type { Database } from "./db.ts";

export interface AuditFacts {
  practiceId: string;
  action: AuditAction;
  /** The acting member's display name, as it is now. */
  actorName: string;
  /** The member acted upon, where there is one. */
  targetName?: string;
  detail?: string;
  at?: number;
  /** Chosen by the caller when it may have to delete the entry again (a mail that failed). */
  id?: string;
}

const row = (facts: AuditFacts) => ({
  id: facts.id ?? crypto.randomUUID(),
  practiceId: facts.practiceId,
  action: facts.action,
  actorName: facts.actorName,
  targetName: facts.targetName ?? "",
  detail: facts.detail ?? "",
  at: facts.at ?? Date.now(),
});

/** An entry, written whatever else happens in its batch (the batch fails as a whole or not at all). */
export function recorded(db: Database, facts: AuditFacts) {
  return db.insert(auditEntries).values(row(facts));
}

/** An entry written only when the statement just before it in the same batch changed at least one row. */
export function recordedIfChanged(db: Database, facts: AuditFacts) {
  const r = row(facts);
  // Every column, in the table's order: drizzle names them all in the INSERT.
  return db
    .insert(auditEntries)
    .select(
      sql`SELECT ${r.id}, ${r.practiceId}, ${r.action}, ${r.actorName}, ${r.targetName}, ${r.detail}, ${r.at} WHERE changes() > 0`,
    );
}
