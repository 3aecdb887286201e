// `npm run operator -- create-practice …`: the operator creates a practice and its first admin on a
// running Anteroom, local or deployed, through POST /api/operator/practices. The admin is mailed a
// link to set their own password (locally: http://127.0.0.1:8787/dev/outbox).
// `npm run operator -- reset-second-factor --email …`: switches off the two-step login of a provider
// locked out of it with no recovery code left (POST /api/operator/second-factor-resets), after the
// operator has made sure, by a channel of their own, that the owner asks. Every session ends; the owner is mailed.
//   --url         the deployment, e.g. https://anteroom.example.org (default http://127.0.0.1:8787)
//   --practice    the practice's name
//   --name        the admin's display name
//   --email       the admin's address
//   --language    de or en: the language of their mails (default en)
//   --token-file  a file holding the operator token (`npm start` keeps one in .wrangler/state/operator-token)
//   --token       the token itself; or the environment variable OPERATOR_TOKEN
// `npm run operator -- check --url https://… [--env eu]`: checks a deployment from outside (scripts/operator/check.ts).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runCheck } from "./operator/check.ts";

const USAGE = `Usage:
  npm run operator -- create-practice --practice "Praxis X" --name "Dr. X" --email x@example.org \\
    [--language de|en] [--url http://127.0.0.1:8787] [--token-file .wrangler/state/operator-token | --token …]
  npm run operator -- reset-second-factor --email x@example.org [--url …] [--token-file … | --token …]
  npm run operator -- check --url https://anteroom.example.org [--env eu] [--config wrangler.toml] [--token-file … | --token …]
The token may also come from the environment variable OPERATOR_TOKEN.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string", default: "http://127.0.0.1:8787" },
    practice: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    language: { type: "string" },
    "token-file": { type: "string" },
    token: { type: "string" },
    env: { type: "string" },
    config: { type: "string", default: "wrangler.toml" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const command = positionals[0];
if (command === "check") {
  if (values.env !== undefined && values.env !== "eu") fail("--env must be eu (or left out).");
  const token =
    values.token ?? (values["token-file"] ? tokenFromFile(values["token-file"]) : process.env.OPERATOR_TOKEN);
  process.exit(await runCheck({ url: values.url, token, env: values.env, config: values.config }, console.log));
}
if (command !== "create-practice" && command !== "reset-second-factor") fail(`Unknown command: ${command ?? "(none)"}`);
const { practice, name, email, language } = values;
if (command === "create-practice" && (!practice || !name || !email))
  fail("--practice, --name and --email are required.");
if (command === "reset-second-factor" && !email) fail("--email is required.");
if (language !== undefined && language !== "de" && language !== "en") fail("--language must be de or en.");

function tokenFromFile(path: string): string {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    fail(`Cannot read the token file ${path}.`);
  }
}

function operatorToken(): string {
  if (values.token) return values.token;
  if (values["token-file"]) return tokenFromFile(values["token-file"]);
  if (process.env.OPERATOR_TOKEN) return process.env.OPERATOR_TOKEN;
  fail("No operator token: give --token-file, --token or OPERATOR_TOKEN.");
}

const request =
  command === "create-practice"
    ? {
        path: "/api/operator/practices",
        body: { practiceName: practice, adminName: name, adminEmail: email, language },
      }
    : { path: "/api/operator/second-factor-resets", body: { email } };
const endpoint = new URL(request.path, values.url);
let res: Response;
try {
  res = await fetch(endpoint, {
    method: "POST",
    headers: { Authorization: `Bearer ${operatorToken()}`, "Content-Type": "application/json" },
    body: JSON.stringify(request.body),
  });
} catch (error) {
  console.error(`${endpoint.origin} is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const answer: unknown = await res.json().catch(() => undefined);
if (res.status === 201) {
  const { practiceId, providerId } = answer as { practiceId: string; providerId: string };
  console.log(`Created practice ${practiceId} with admin ${providerId} (${email}).`);
  console.log(`${email} has been mailed a link (valid 24 h) to set their password.`);
} else if (res.status === 204) {
  console.log(`Two-step login is off for ${email}; every session ended, and the owner has been mailed.`);
} else {
  const detail = answer as { code?: string; error?: string } | undefined;
  console.error(`Refused (${res.status} ${detail?.code ?? ""}): ${detail?.error ?? res.statusText}`);
  if (res.status === 404) console.error("No such account, or OPERATOR_TOKEN is not set on this deployment.");
  process.exit(1);
}
