// `npm start`: build the client, apply migrations to the local D1, seed the demo provider,
// then run the Worker with wrangler dev. Everything stays on this machine.
//   PORT            port to listen on (default 8787)
//   ANTEROOM_STATE  where local D1 and Durable Object state live (default .wrangler/state)
//   DEMO_EMAIL / DEMO_PASSWORD   the seeded provider's login
//   SIGNUP          "open" (default here), "invite" or "closed"
// Arguments after `--` go to wrangler dev, e.g. `npm start -- --var ICE_PROVIDER:coturn`.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import initializeArgon2 from "@phi-ag/argon2/node";
import { hashPassword } from "../worker/auth/passwords.ts";

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

/** A random secret kept with the local state, so that tickets and the operator token survive a restart. */
function localSecret(name: string): string {
  mkdirSync(state, { recursive: true });
  const file = join(state, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The demo practice and its admin, with a confirmed address; running again resets the password. */
async function seedDemoProvider(): Promise<void> {
  const hash = hashPassword(await initializeArgon2(), demoPassword);
  const now = Date.now();
  const statement = [
    "INSERT INTO practices (id, name, created_at) " +
      `VALUES ('demo-practice', 'Demo Practice', ${now}) ON CONFLICT(id) DO NOTHING`,
    "INSERT INTO providers (id, practice_id, role, email, display_name, password_hash, email_confirmed_at, created_at) " +
      `VALUES (${sql(randomUUID())}, 'demo-practice', 'admin', ${sql(demoEmail)}, 'Dr. Demo', ${sql(hash)}, ${now}, ${now}) ` +
      "ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash",
  ].join("; ");
  run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", state, "--command", statement]);
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
run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
await seedDemoProvider();

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
    "--var",
    `TICKET_SECRET:${localSecret("ticket-secret")}`,
    "--var",
    `OPERATOR_TOKEN:${localSecret("operator-token")}`,
    // Locally anyone may sign up, and mails go to the outbox page instead of the internet.
    "--var",
    `SIGNUP:${process.env.SIGNUP ?? "open"}`,
    "--var",
    "MAILER:outbox",
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

await waitUntilUp(`http://127.0.0.1:${port}/api/health`);
console.log(`
  Anteroom is running at http://localhost:${port}
  Log in as ${demoEmail} with password ${demoPassword}
  Mails (sign-up, reset, invitations) arrive at http://localhost:${port}/dev/outbox
  Operator token (npm run operator): ${state}/operator-token
`);
