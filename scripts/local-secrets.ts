// The local Worker's secrets, kept in the state folder: made once, so that tickets and the operator token
// survive a restart, and handed to wrangler dev in a file (`--env-file`) rather than on its command line,
// where `ps` would show them to every user of the machine.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A random secret in its own file (bench and `npm run operator --token-file` read these). */
export function localSecret(state: string, name: string): string {
  mkdirSync(state, { recursive: true });
  const file = join(state, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** Writes the Worker's secrets as an env file readable by this user only, and returns its path. */
export function writeSecretsFile(state: string): string {
  const file = join(state, "secrets.env");
  const lines = [
    `TICKET_SECRET=${localSecret(state, "ticket-secret")}`,
    `OPERATOR_TOKEN=${localSecret(state, "operator-token")}`,
  ];
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  // The mode above applies only when the file is created; an older copy is tightened here.
  chmodSync(file, 0o600);
  return file;
}
