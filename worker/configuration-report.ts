// What `npm run operator -- check` asks the deployment (GET /api/operator/configuration): which of the
// settings its own choices require are set, and whether the relay service hands out credentials. Names
// and booleans only: a setting's value never leaves the Worker, not even to the operator's token.
import type { z } from "@hono/zod-openapi";
import { MIN_TICKET_SECRET_LENGTH } from "../durable-objects/tickets.ts";
import type { OperatorConfiguration } from "../schema/api-operator.ts";
import type { Env } from "./env.ts";
import { iceServerSource } from "./ice/sources.ts";
import { OPERATOR_VARS } from "./legal.ts";
import { publicOrigin } from "./links.ts";
import type { Fetcher } from "./outbound.ts";

type Report = z.infer<typeof OperatorConfiguration>;

// EMAIL exists only where the operator added the send_email binding: read as optional. The operator's
// vars may be absent from an older wrangler.toml: `filled` takes undefined.
type ReportEnv = Env & { EMAIL?: unknown };

/** One of the known options, or "other": an unknown value is not echoed back. */
const choice = <T extends string>(value: string | undefined, options: readonly T[]): T | "other" | "" =>
  value === undefined || value === "" ? "" : (options as readonly string[]).includes(value) ? (value as T) : "other";

const filled = (value: string | undefined) => (value ?? "").trim().length > 0;

function requiredSettings(env: ReportEnv): Report["settings"] {
  const settings: Report["settings"] = [
    { name: "TICKET_SECRET", set: (env.TICKET_SECRET ?? "").length >= MIN_TICKET_SECRET_LENGTH },
    { name: "PUBLIC_ORIGIN", set: publicOrigin(env.PUBLIC_ORIGIN) !== undefined },
    // "outbox" keeps mails on the server: for local runs only, so it does not count as set.
    { name: "MAILER", set: env.MAILER === "http" || env.MAILER === "cloudflare" },
  ];
  if (env.MAILER === "http") {
    settings.push(
      { name: "MAIL_API_URL", set: filled(env.MAIL_API_URL) },
      { name: "MAIL_API_KEY", set: filled(env.MAIL_API_KEY) },
    );
  }
  if (env.MAILER === "cloudflare") settings.push({ name: "EMAIL (send_email binding)", set: env.EMAIL !== undefined });
  settings.push({ name: "ICE_PROVIDER", set: ["none", "coturn", "cloudflare"].includes(env.ICE_PROVIDER) });
  if (env.ICE_PROVIDER === "coturn") {
    settings.push(
      { name: "TURN_SECRET", set: filled(env.TURN_SECRET) },
      { name: "TURN_URLS", set: filled(env.TURN_URLS) },
    );
  }
  if (env.ICE_PROVIDER === "cloudflare") {
    settings.push(
      { name: "TURN_KEY_ID", set: filled(env.TURN_KEY_ID) },
      { name: "TURN_KEY_API_TOKEN", set: filled(env.TURN_KEY_API_TOKEN) },
    );
  }
  // SMS are optional ("none"); once chosen, the API needs all three. "outbox" is for local runs only.
  settings.push({ name: "SMS", set: env.SMS === "none" || env.SMS === "http" });
  if (env.SMS === "http") {
    settings.push(
      { name: "SMS_API_URL", set: filled(env.SMS_API_URL) },
      { name: "SMS_API_KEY", set: filled(env.SMS_API_KEY) },
      { name: "SMS_FROM", set: filled(env.SMS_FROM) },
    );
  }
  for (const name of OPERATOR_VARS) settings.push({ name, set: filled(env[name]) });
  return settings;
}

/** Asks the configured relay service for short-lived credentials, as a consultation would. */
async function relayState(env: ReportEnv, fetcher?: Fetcher): Promise<Report["relay"]> {
  if (env.ICE_PROVIDER === "none") return "none";
  const source = iceServerSource(env, fetcher);
  if (typeof source === "string") return "misconfigured";
  try {
    return (await source.iceServers(60)).length > 0 ? "ok" : "failed";
  } catch {
    return "failed";
  }
}

export async function configurationReport(env: ReportEnv, fetcher?: Fetcher): Promise<Report> {
  return {
    settings: requiredSettings(env),
    choices: {
      mailer: choice(env.MAILER, ["http", "cloudflare", "outbox"]),
      iceProvider: choice(env.ICE_PROVIDER, ["none", "coturn", "cloudflare"]),
      sms: choice(env.SMS, ["none", "http", "outbox"]),
      signup: choice(env.SIGNUP, ["open", "invite", "closed"]),
      doJurisdiction: choice(env.DO_JURISDICTION, ["eu", "fedramp"]),
    },
    relay: await relayState(env, fetcher),
  };
}
