import type { Env } from "../env.ts";
import { type Fetcher, runtimeFetch } from "../outbound.ts";
import { HttpSmsSender } from "./http.ts";
import { OutboxSmsSender } from "./outbox.ts";
import { E164, type SmsSender } from "./sms.ts";

type SmsEnv = Pick<Env, "SMS" | "SMS_API_URL" | "SMS_API_KEY" | "SMS_FROM" | "OUTBOX">;

/** An alphanumeric sender ID (at most 11 characters, as networks allow) or a number in E.164. */
const SENDER_ID = /^[A-Za-z0-9][A-Za-z0-9 ]{0,10}$/;

/**
 * The SMS sender this deployment is configured for; undefined (routes answer 503 `misconfigured`,
 * problem.ts) for SMS=none, the default, and for SMS=http without its endpoint, key or a usable sender ID.
 */
export function smsSenderFor(env: SmsEnv, fetcher: Fetcher = runtimeFetch): SmsSender | undefined {
  if (env.SMS === "outbox") return new OutboxSmsSender(env);
  if (env.SMS !== "http" || !env.SMS_API_URL || !env.SMS_API_KEY) return undefined;
  if (!E164.test(env.SMS_FROM) && !SENDER_ID.test(env.SMS_FROM)) return undefined;
  return new HttpSmsSender({ endpoint: env.SMS_API_URL, apiKey: env.SMS_API_KEY, from: env.SMS_FROM }, fetcher);
}
