// The one way the Worker and the Durable Objects write to their logs (`wrangler tail`, Workers Logs):
// one JSON object per line, an event name from the list below and a few fields that are numbers,
// booleans or short labels. A label is a literal written in the code (checked by the type) or a value
// that went through `label()` (an error's class name, a configured provider's name), never free text:
// so no name, e-mail, address, user agent, token, ticket or SDP can reach a log line, not even by an
// error message that quotes its query's parameters. test/unit/log.test.ts holds this, and
// test/node/no-console.test.ts that nothing else under worker/, durable-objects/, common/ calls console.

/** Every event the server logs (README: "Logs"). */
export type LogEventName =
  | "activity-unlogged"
  | "appointment-message-failed"
  | "background-failed"
  | "call-end-untold"
  | "call-overview-failed"
  | "cron-job-failed"
  | "ice-misconfigured"
  | "mail-failed"
  | "misconfigured"
  | "reminder-failed"
  | "reminder-skipped"
  | "room-control-failed"
  | "socket-handler-failed"
  | "turn-service-failed"
  | "unhandled";

export type LogLevel = "info" | "warn" | "error";

/** The only field names a log line may carry. */
export type LogFieldName =
  | "action"
  | "cause"
  | "channel"
  | "job"
  | "kind"
  | "missing"
  | "name"
  | "provider"
  | "purpose"
  | "reason"
  | "status";

declare const checked: unique symbol;
/** A string known to be a short identifier (see `label`). */
export type Label = string & { readonly [checked]: true };

type FieldValue = number | boolean | string | undefined;
type Fields = Partial<Record<LogFieldName, FieldValue>>;

/**
 * Refuses, at compile time, any string field whose type is plain `string` (a value computed at run time,
 * which could be free text): it must be a literal (or a union of literals) or a `Label`.
 */
type OnlyLabels<F> = {
  [K in keyof F]: F[K] extends Label ? F[K] : F[K] extends string ? (string extends F[K] ? Label : F[K]) : F[K];
};

// A backstop against free text, addresses (no `@`, `.`, `:`, `+`, spaces) and numbers; opaque ids are kept
// out by the types: `label()` is called only on error class names and on strings the code itself chose.
const SHORT = /^[A-Za-z][A-Za-z0-9-]{0,47}$/;

/** A short identifier (a letter, then letters, digits or `-`, at most 48), or "other" for anything else. */
export const label = (value: string): Label => (SHORT.test(value) ? value : "other") as Label;

/** The class name of what was thrown (TypeError, MailerError…): never its message. */
export const errorName = (error: unknown): Label => label(error instanceof Error ? error.name : typeof error);

/** Writes one log line. Strings are checked again here: a literal that is not a short label is dropped. */
export function logEvent<const F extends Fields>(
  level: LogLevel,
  event: LogEventName,
  fields?: F & OnlyLabels<F>,
): void {
  const line: Record<string, number | boolean | string> = { event };
  for (const [key, value] of Object.entries(fields ?? {}) as [string, FieldValue][]) {
    if (typeof value === "number" && Number.isFinite(value)) line[key] = value;
    else if (typeof value === "boolean") line[key] = value;
    else if (typeof value === "string") line[key] = label(value);
  }
  const text = JSON.stringify(line);
  if (level === "error") console.error(text);
  else if (level === "warn") console.warn(text);
  else console.log(text);
}
