// `npm run operator -- check --url https://…`: checks a deployment from outside, one line per check
// (✓ right, ✗ wrong with what to do, ! a warning, – skipped for want of the operator token). The exit
// code is 1 when any check failed; skipped checks do not fail, but the last line says what was not checked.
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { type AnswerKind, headerProblems } from "./header-rules.ts";

export interface CheckOptions {
  url: string;
  token?: string;
  /** "eu": the EU environment, whose bindings must use the EU jurisdiction. */
  env?: string;
  /** The local wrangler.toml the EU environment is read from. */
  config: string;
}

type Outcome = "pass" | "fail" | "warn" | "skip";
const MARK: Record<Outcome, string> = { pass: "✓", fail: "✗", warn: "!", skip: "–" };

interface Report {
  settings: { name: string; set: boolean }[];
  choices: { doJurisdiction: string; iceProvider: string };
  relay: "ok" | "failed" | "misconfigured" | "none";
}

interface Legal {
  complete: boolean;
}

/** What to do when a setting is missing: secrets are put with wrangler, vars are set in wrangler.toml. */
const SECRETS = new Set([
  "TICKET_SECRET",
  "MAIL_API_KEY",
  "TURN_SECRET",
  "TURN_URLS",
  "TURN_KEY_ID",
  "TURN_KEY_API_TOKEN",
  "SMS_API_KEY",
]);
/** Settings that are a choice among options rather than a value to fill in. */
const CHOICES = new Set(["MAILER", "SMS", "ICE_PROVIDER"]);
function remedy(name: string, env: string | undefined): string {
  const flag = env ? ` --env ${env}` : "";
  if (SECRETS.has(name)) return `run \`wrangler secret put ${name}${flag}\``;
  if (name === "MAILER") return "set MAILER to http or cloudflare in wrangler.toml (outbox is for local runs only)";
  if (name === "SMS") return "set SMS to none or http in wrangler.toml (outbox is for local runs only)";
  if (name.startsWith("EMAIL")) return "add the [[send_email]] binding named EMAIL to wrangler.toml (README)";
  if (name === "ICE_PROVIDER") return "set ICE_PROVIDER to none, coturn or cloudflare in wrangler.toml";
  return `set ${name} in wrangler.toml's ${env ? `[env.${env}.vars]` : "[vars]"} and deploy again`;
}

export async function runCheck(options: CheckOptions, print: (line: string) => void): Promise<number> {
  const outcomes: Outcome[] = [];
  const line = (outcome: Outcome, text: string) => {
    outcomes.push(outcome);
    print(`${MARK[outcome]} ${text}`);
  };
  const at = (path: string) => new URL(path, options.url);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    try {
      return await fetch(at(path), { headers, redirect: "manual" });
    } catch {
      return undefined;
    }
  };

  const health = await get("/api/health");
  if (!health) {
    line("fail", `${at("/").origin} does not answer: check the URL and that the Worker is deployed`);
    return 1;
  }
  const healthBody = (await health.json().catch(() => undefined)) as { ok?: boolean } | undefined;
  if (health.status === 200 && healthBody?.ok === true) line("pass", "/api/health answers 200 { ok: true }");
  else if (health.status === 503)
    line("fail", "/api/health: configuration incomplete: set TICKET_SECRET (at least 32 characters)");
  else line("fail", `/api/health answers ${health.status}: see the Worker's logs (wrangler tail)`);

  // The headers of a page, an API answer and a static asset (the first script the page loads).
  const page = await get("/");
  const html = page ? await page.text() : "";
  const asset = /(?:src|href)="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  const answers: [string, AnswerKind, Response | undefined][] = [
    ["/", "page", page],
    ["/api/health", "api", health],
  ];
  if (asset) answers.push([asset, "asset", await get(asset)]);
  else line("fail", "/ loads no script from /assets/: is the client built and deployed (npm run deploy)?");
  for (const [path, kind, res] of answers) {
    const problems = res ? headerProblems(res.headers, kind) : ["no answer"];
    if (problems.length === 0) line("pass", `security headers on ${path}`);
    else
      line(
        "fail",
        `security headers on ${path}: ${problems.join("; ")} (client/public/_headers, worker/security-headers.ts)`,
      );
  }

  for (const path of ["/terms", "/privacy"]) {
    const res = await get(path);
    const served = res?.status === 200 && (res.headers.get("Content-Type") ?? "").includes("text/html");
    line(
      served ? "pass" : "fail",
      served ? `${path} is served` : `${path} is not served (${res?.status ?? "no answer"})`,
    );
  }
  const legalRes = await get("/api/legal");
  const legal = legalRes?.ok ? ((await legalRes.json().catch(() => undefined)) as Legal | undefined) : undefined;
  if (legal?.complete === true) line("pass", "the operator's details for /terms and /privacy are complete");
  else if (legal)
    line("fail", "the operator's details are incomplete: set the five OPERATOR_* vars in wrangler.toml (README)");
  else line("fail", `/api/legal answers ${legalRes?.status ?? "nothing"}: deploy a version with /terms and /privacy`);

  await checkConfiguration(options, get, line);
  if (options.env === "eu") checkEuConfig(options.config, line);

  const skipped = outcomes.filter((o) => o === "skip").length;
  const failed = outcomes.filter((o) => o === "fail").length;
  if (skipped > 0)
    print(`${skipped} check(s) skipped: give the operator token (--token-file, --token or OPERATOR_TOKEN).`);
  print(failed === 0 ? "All checks passed." : `${failed} check(s) failed.`);
  return failed === 0 ? 0 : 1;
}

async function checkConfiguration(
  options: CheckOptions,
  get: (path: string, headers?: Record<string, string>) => Promise<Response | undefined>,
  line: (outcome: Outcome, text: string) => void,
) {
  const needsToken = ["secrets and vars", "TURN"].concat(
    options.env === "eu" ? ["DO_JURISDICTION of the deployment"] : [],
  );
  if (!options.token) {
    for (const name of needsToken) line("skip", `${name}: skipped (no operator token)`);
    return;
  }
  const res = await get("/api/operator/configuration", { Authorization: `Bearer ${options.token}` });
  if (res?.status !== 200) {
    const why =
      res?.status === 401
        ? "the operator token is wrong"
        : res?.status === 404
          ? "OPERATOR_TOKEN is not set on the deployment (or the version is older)"
          : `it answers ${res?.status ?? "nothing"}`;
    line("fail", `the configuration report: ${why}`);
    return;
  }
  const report = (await res.json()) as Report;
  for (const setting of report.settings) {
    if (setting.set) line("pass", `${setting.name} is set`);
    else if (CHOICES.has(setting.name))
      line("fail", `${setting.name} is not a choice for a public deployment: ${remedy(setting.name, options.env)}`);
    else line("fail", `${setting.name} is missing: ${remedy(setting.name, options.env)}`);
  }
  if (report.relay === "ok") line("pass", `TURN: ${report.choices.iceProvider} hands out relay credentials`);
  else if (report.relay === "none")
    line("warn", "TURN: no relay configured (ICE_PROVIDER=none): patients behind strict firewalls cannot connect");
  else if (report.relay === "misconfigured") line("fail", "TURN: the relay's settings are incomplete (see above)");
  else
    line("fail", `TURN: ${report.choices.iceProvider} gave no credentials: check its key and that the service is up`);
  if (options.env === "eu") {
    if (report.choices.doJurisdiction === "eu")
      line("pass", "the deployment takes Durable Objects from the EU jurisdiction");
    else line("fail", "the deployment's DO_JURISDICTION is not eu: deploy with `npm run deploy:eu`");
  }
}

type Table = Record<string, unknown>;
const table = (value: unknown): Table => (value && typeof value === "object" ? (value as Table) : {});

/** The local wrangler.toml's [env.eu]: D1 in the EU jurisdiction and DO_JURISDICTION = "eu". */
function checkEuConfig(path: string, line: (outcome: Outcome, text: string) => void) {
  let eu: Table;
  try {
    eu = table(table(parse(readFileSync(path, "utf8")).env).eu);
  } catch {
    line("fail", `${path} cannot be read: run the check from the project's folder`);
    return;
  }
  const databases = Array.isArray(eu.d1_databases) ? eu.d1_databases.map(table) : [];
  if (databases.length > 0 && databases.every((db) => db.jurisdiction === "eu")) {
    line("pass", `${path}: [env.eu]'s D1 database is in the EU jurisdiction`);
  } else line("fail", `${path}: set jurisdiction = "eu" on [[env.eu.d1_databases]] (a new database is needed)`);
  if (table(eu.vars).DO_JURISDICTION === "eu") line("pass", `${path}: [env.eu.vars] DO_JURISDICTION = "eu"`);
  else line("fail", `${path}: set DO_JURISDICTION = "eu" in [env.eu.vars]`);
}
