// `wrangler d1 migrations apply` prints its table of migrations once per migration it applies, with a
// confirmation prompt it then answers itself. `npm start` shows one line instead (the full output only
// when it fails).

/** "migrations: 8 applied" or "migrations: up to date", read from wrangler's output. */
export function migrationsSummary(output: string): string {
  if (output.includes("No migrations to apply")) return "migrations: up to date";
  const count = /About to apply (\d+) migration/.exec(output)?.[1];
  return count === undefined ? "migrations: applied" : `migrations: ${count} applied`;
}
