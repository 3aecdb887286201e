import type { Env } from "../env.ts";
import { publicOrigin } from "../links.ts";
import { type Fetcher, runtimeFetch } from "../outbound.ts";
import { CloudflareEmailMailer, type EmailBinding } from "./cloudflare.ts";
import { HttpMailer } from "./http.ts";
import type { Mailer } from "./mailer.ts";
import { OutboxMailer } from "./outbox.ts";

// EMAIL, the `send_email` binding, exists only where the operator added it to wrangler.toml (README):
// a binding in the shipped file would make every deployment depend on Email Service.
type MailEnv = Pick<Env, "MAILER" | "MAIL_API_URL" | "MAIL_API_KEY" | "MAIL_FROM" | "OUTBOX" | "PUBLIC_ORIGIN"> & {
  EMAIL?: EmailBinding;
};

/** What a route needs to mail someone a link: the mailer, and the origin the links point at. */
export interface MailSetup {
  mailer: Mailer;
  origin: string;
}

/**
 * The mailer this deployment is configured for; undefined when MAILER=http lacks its endpoint or key,
 * or MAILER=cloudflare its EMAIL binding.
 */
export function mailerFor(env: MailEnv, fetcher: Fetcher = runtimeFetch): Mailer | undefined {
  if (env.MAILER === "outbox") return new OutboxMailer(env);
  if (env.MAILER === "cloudflare") return env.EMAIL ? new CloudflareEmailMailer(env.EMAIL, env.MAIL_FROM) : undefined;
  if (env.MAILER !== "http" || !env.MAIL_API_URL || !env.MAIL_API_KEY) return undefined;
  return new HttpMailer({ endpoint: env.MAIL_API_URL, apiKey: env.MAIL_API_KEY, from: env.MAIL_FROM }, fetcher);
}

/** Mailer and link origin together; undefined (the routes answer 503 `misconfigured`) when either is missing. */
export function mailSetup(env: MailEnv, fetcher: Fetcher = runtimeFetch): MailSetup | undefined {
  const mailer = mailerFor(env, fetcher);
  const origin = publicOrigin(env.PUBLIC_ORIGIN);
  return mailer && origin ? { mailer, origin } : undefined;
}
