import type { Env } from "../env.ts";
import { HttpMailer } from "./http.ts";
import type { Mailer } from "./mailer.ts";
import { OutboxMailer } from "./outbox.ts";

type MailEnv = Pick<Env, "MAILER" | "MAIL_API_URL" | "MAIL_API_KEY" | "MAIL_FROM" | "OUTBOX">;

/** The mailer this deployment is configured for; undefined when MAILER=http lacks its endpoint or key. */
export function mailerFor(env: MailEnv, fetcher: typeof fetch = fetch): Mailer | undefined {
  if (env.MAILER === "outbox") return new OutboxMailer(env);
  if (env.MAILER !== "http" || !env.MAIL_API_URL || !env.MAIL_API_KEY) return undefined;
  return new HttpMailer({ endpoint: env.MAIL_API_URL, apiKey: env.MAIL_API_KEY, from: env.MAIL_FROM }, fetcher);
}

/** Whether the outbox (and with it /dev/outbox) is switched on. */
export const outboxEnabled = (env: Pick<Env, "MAILER">) => env.MAILER === "outbox";
