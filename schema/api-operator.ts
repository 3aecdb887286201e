// Bodies of the answers operators and their monitors read: the health check and the configuration
// report (classic zod for @hono/zod-openapi, like api.ts). Neither ever holds a setting's value, only
// whether it is set, and the deployment's choices among fixed options.
import { z } from "@hono/zod-openapi";

export const Health = z.object({ ok: z.literal(true) }).openapi("Health");

/** Whether the relay service hands out credentials: "none" when ICE_PROVIDER=none (no relay configured). */
export const RELAY_STATES = ["ok", "failed", "misconfigured", "none"] as const;

export const OperatorConfiguration = z
  .object({
    /** The settings this deployment's choices require, each set or missing; never their values. */
    settings: z.array(z.object({ name: z.string(), set: z.boolean() })),
    /** The options chosen in wrangler.toml's vars ("other" for a value that is none of the known ones). */
    choices: z.object({
      mailer: z.string(),
      iceProvider: z.string(),
      sms: z.string(),
      signup: z.string(),
      doJurisdiction: z.string(),
    }),
    relay: z.enum(RELAY_STATES),
  })
  .openapi("OperatorConfiguration");
