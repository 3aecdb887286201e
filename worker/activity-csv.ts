// The activity log as CSV, for a practice's own records. Every cell is quoted, and one that a
// spreadsheet would read as a formula (=, +, -, @, tab, carriage return) is prefixed with an apostrophe:
// a provider's display name is the only free text in it, but nobody's name may run as a formula.
import type { activityEntries } from "../schema/tables.ts";

type Entry = typeof activityEntries.$inferSelect;

const HEADER = ["started_at_utc", "provider", "duration_seconds", "participants", "relay_used"];

export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function activityCsv(entries: Entry[]): string {
  const rows = entries.map((e) => [
    new Date(e.startedAt).toISOString(),
    e.providerName,
    e.durationSeconds,
    e.participants,
    e.relayed ? "yes" : "no",
  ]);
  return `${[HEADER, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
