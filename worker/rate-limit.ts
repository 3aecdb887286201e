// Throttling of password guesses and consent writes, with Workers rate-limiting bindings: counters
// held in memory by the platform, never stored. Keys are hashes, so no address or e-mail reaches them.
import type { Context } from "hono";
import type { AppEnv } from "./app-env.ts";
import { sha256Hex } from "./crypto.ts";
import { problem } from "./problem.ts";

/** The bindings' period (wrangler.toml `simple.period`): how long a refused client waits at most. */
export const RETRY_AFTER_SECONDS = 60;

type Check = [limiter: RateLimit, key: string];

/**
 * The client's address, hashed with the deployment's secret: a key for counters, never stored or
 * logged, and not reversible by hashing all IPv4 addresses.
 */
export async function clientKey(c: Context<AppEnv>): Promise<string> {
  const address = c.req.header("CF-Connecting-IP") ?? "unknown";
  return sha256Hex(`${c.env.TICKET_SECRET}:client:${address}`);
}

/** The counter of password attempts on one account: a hash, so no address is a key. */
export const loginAccountKey = (email: string) => sha256Hex(`login:${email.toLowerCase()}`);

/** The counter of mails to one address (sign-up, resend, reset, invitations): a hash, never the address. */
export const mailAddressKey = (email: string) => sha256Hex(`mail:${email.toLowerCase()}`);

/**
 * The counter of invitation messages to one address or number, hashed with the deployment's secret: a
 * phone number has few enough digits that a plain hash could be reversed by trying them all.
 */
export const recipientKey = (secret: string, channel: "email" | "sms", to: string) =>
  sha256Hex(`${secret}:recipient:${channel}:${to.toLowerCase()}`);

/** Counts one attempt against every check; a 429 answer when any limit is reached, else undefined. */
export async function throttle(c: Context<AppEnv>, checks: Check[]) {
  const outcomes = await Promise.all(checks.map(([limiter, key]) => limiter.limit({ key })));
  if (outcomes.every((outcome) => outcome.success)) return undefined;
  c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  return c.json(problem("rate-limited", `Too many attempts. Please wait ${RETRY_AFTER_SECONDS} seconds.`), 429);
}
