// The activity log as CSV, for a practice's own records. Every cell is quoted, and one that a
// spreadsheet would read as a formula (=, +, -, @, tab, carriage return) is prefixed with an apostrophe:
// a provider's display name is the only free text in it, but nobody's name may run as a formula.
// The file starts with a UTF-8 byte order mark: without it Excel reads the file as the system's legacy
// code page and garbles umlauts in names ("Müller" becomes "MÃ¼ller").
// Cells stay separated by commas (RFC 4180), not by the semicolons German Excel expects on a double click:
// the file is a record for the practice's files and tools, and one format for every admin, whatever the
// language of their interface, is what LibreOffice, Numbers, scripts and Excel's own import (Data > From
// Text/CSV, which detects the comma and honours the mark) all read. A "sep=," line would fix the double
// click but makes Excel ignore the byte order mark, which brings the umlauts back.
import type { activityEntries } from "../schema/tables.ts";

type Entry = typeof activityEntries.$inferSelect;

/** The byte order mark, as its character: the response encodes it as EF BB BF. */
const BYTE_ORDER_MARK = "\uFEFF";

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
  return `${BYTE_ORDER_MARK}${[HEADER, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
