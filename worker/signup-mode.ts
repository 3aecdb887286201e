import type { SignupMode } from "../schema/api-accounts.ts";
import type { Env } from "./env.ts";

/**
 * Who may create accounts on this deployment (README, "Accounts, sign-up and mail"). A missing or
 * misspelt SIGNUP counts as "closed": an unknown setting must not open the door.
 */
export function signupMode(env: Pick<Env, "SIGNUP">): SignupMode {
  return env.SIGNUP === "open" || env.SIGNUP === "invite" ? env.SIGNUP : "closed";
}
