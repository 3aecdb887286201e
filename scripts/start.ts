// `npm start`: build the client, apply migrations to the local D1, seed the demo provider,
// then run the Worker with wrangler dev. Everything stays on this machine.
//   PORT            port to listen on (default 8787)
//   ANTEROOM_STATE  where local D1 and Durable Object state live (default .wrangler/state)
//   DEMO_EMAIL / DEMO_PASSWORD   the seeded provider's login
//   SIGNUP          "open" (default here), "invite" or "closed"
// Arguments after `--` go to wrangler dev, e.g. `npm start -- --var ICE_PROVIDER:coturn`.
// The scheduled purge and reminders run at start and every 5 minutes (scripts/local-purge.ts).
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import initializeArgon2 from "@phi-ag/argon2/node";
import { hashPassword } from "../worker/auth/passwords.ts";
import { purgeOnSchedule } from "./local-purge.ts";
import { writeSecretsFile } from "./local-secrets.ts";
import { migrationsSummary } from "./migrations-summary.ts";

const port = Number(process.env.PORT ?? 8787);
const state = process.env.ANTEROOM_STATE ?? ".wrangler/state";
const demoEmail = (process.env.DEMO_EMAIL ?? "demo@anteroom.test").toLowerCase();
const demoPassword = process.env.DEMO_PASSWORD ?? "anteroom-demo";
// Run the tools' scripts with this Node (22, from node_modules), whatever `node` is first on PATH.
const tools = { wrangler: "node_modules/wrangler/bin/wrangler.js", vite: "node_modules/vite/bin/vite.js" };
// No telemetry, and no attempt to download the Request.cf placeholder: nothing leaves this machine.
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" };

function run(tool: keyof typeof tools, args: string[]): void {
  const result = spawnSync(process.execPath, [tools[tool], ...args], { stdio: ["ignore", "inherit", "inherit"], env });
  if (result.status !== 0) {
    console.error(`\n${tool} ${args.join(" ")} failed.`);
    process.exit(result.status ?? 1);
  }
}

/** Runs wrangler with its output held back: returned on success, printed in full on failure. */
function runQuietly(args: string[]): string {
  const result = spawnSync(process.execPath, [tools.wrangler, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    console.error(`${output}\nwrangler ${args.join(" ")} failed.`);
    process.exit(result.status ?? 1);
  }
  return output;
}

const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The demo practice and its admin, with a confirmed address; running again resets the password. */
async function seedDemoProvider(): Promise<void> {
  const hash = hashPassword(await initializeArgon2(), demoPassword);
  const now = Date.now();
  const statement = [
    // A short name as sign-up gives every practice: without one the demo cannot hand out join codes or
    // switch on a personal room. A state made before it was seeded gets it too, unless it is taken.
    "INSERT INTO practices (id, name, short_name, created_at) " +
      "SELECT 'demo-practice', 'Demo Practice', " +
      "CASE WHEN EXISTS (SELECT 1 FROM practices WHERE short_name = 'demo') THEN NULL ELSE 'demo' END, " +
      `${now} WHERE true ` +
      "ON CONFLICT(id) DO UPDATE SET short_name = excluded.short_name WHERE practices.short_name IS NULL",
    "INSERT INTO providers (id, practice_id, role, email, display_name, password_hash, email_confirmed_at, created_at) " +
      `VALUES (${sql(randomUUID())}, 'demo-practice', 'admin', ${sql(demoEmail)}, 'Dr. Demo', ${sql(hash)}, ${now}, ${now}) ` +
      "ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash",
  ].join("; ");
  // From a file, not `--command`: the command line, password hash included, is visible to `ps`.
  mkdirSync(state, { recursive: true });
  const file = join(state, "seed.sql");
  writeFileSync(file, statement, { mode: 0o600 });
  try {
    runQuietly(["d1", "execute", "DB", "--local", "--persist-to", state, "--file", file]);
  } finally {
    rmSync(file, { force: true });
  }
}

async function waitUntilUp(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

if (process.env.ANTEROOM_SKIP_BUILD !== "1") run("vite", ["build", "--logLevel", "warn"]);
console.log(migrationsSummary(runQuietly(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state])));
await seedDemoProvider();
// A .dev.vars of your own (e.g. TURN_SECRET) still counts; wrangler reads no .dev.vars once --env-file is given.
const envFiles = [...(existsSync(".dev.vars") ? [".dev.vars"] : []), writeSecretsFile(state)];

const passthrough = process.argv.slice(2).filter((arg) => arg !== "--");
const dev = spawn(
  process.execPath,
  [
    tools.wrangler,
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    "0",
    "--persist-to",
    state,
    // Secrets from files: on the command line, `ps` would show them to every user of the machine.
    ...envFiles.flatMap((file) => ["--env-file", file]),
    // Locally anyone may sign up, and mails and SMS go to the outbox page instead of the internet.
    "--var",
    `SIGNUP:${process.env.SIGNUP ?? "open"}`,
    "--var",
    "MAILER:outbox",
    "--var",
    "SMS:outbox",
    // Links in mails point here (never at a request's Host header).
    "--var",
    `PUBLIC_ORIGIN:http://127.0.0.1:${port}`,
    "--show-interactive-dev-session=false",
    ...passthrough,
  ],
  { stdio: ["ignore", "inherit", "inherit"], env },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

// wrangler dev listens on 127.0.0.1 only, so that is the address to open (localhost may mean ::1).
const origin = `http://127.0.0.1:${port}`;
await waitUntilUp(`${origin}/api/health`);
await purgeOnSchedule(origin);
console.log(`
  Anteroom is running at ${origin}
  Log in as ${demoEmail} with password ${demoPassword}
  Mails (sign-up, reset, invitations) arrive at ${origin}/dev/outbox
  Operator token (npm run operator): ${state}/operator-token
  The purge of expired data and due reminders run now and every 5 minutes; by hand: curl '${origin}/cdn-cgi/local/scheduled'
`);
