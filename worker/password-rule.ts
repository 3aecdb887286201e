import type { Context } from "hono";
import { PASSWORD_WEAKNESS_MESSAGES, passwordWeakness } from "../schema/passwords.ts";
import { problem } from "./problem.ts";

/** The 400 answer for a password the rule refuses (schema/passwords.ts), or undefined when it passes. */
export function weakPassword(c: Context, password: string) {
  const weakness = passwordWeakness(password);
  return weakness ? c.json(problem(weakness, PASSWORD_WEAKNESS_MESSAGES[weakness]), 400) : undefined;
}
