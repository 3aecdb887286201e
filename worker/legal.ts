// The operator's details for /terms and /privacy, read from wrangler vars (README: operator details and
// legal pages). Nothing here is about a user: only what the operator configured.
import type { LegalInfo } from "../schema/api-types.ts";
import type { Env } from "./env.ts";

/** The operator's details, each required for complete legal pages; the configuration report names them too. */
export const OPERATOR_VARS = [
  "OPERATOR_NAME",
  "OPERATOR_ADDRESS",
  "OPERATOR_CONTACT",
  "OPERATOR_DPO",
  "OPERATOR_SUPERVISORY_AUTHORITY",
] as const;

type LegalVars = Pick<Env, (typeof OPERATOR_VARS)[number] | "D1_RECOVERY_DAYS">;

/** D1 Time Travel's window on Workers Paid; an unreadable setting falls back to it rather than to 0. */
export const DEFAULT_RECOVERY_DAYS = 30;

const clean = (value: string | undefined) => (value ?? "").trim();

function recoveryDays(value: string | undefined): number {
  const days = Number(clean(value));
  return clean(value) !== "" && Number.isInteger(days) && days >= 0 ? days : DEFAULT_RECOVERY_DAYS;
}

export function legalInfo(env: Partial<LegalVars>): LegalInfo {
  const operator = {
    name: clean(env.OPERATOR_NAME),
    address: clean(env.OPERATOR_ADDRESS),
    contact: clean(env.OPERATOR_CONTACT),
    dataProtectionOfficer: clean(env.OPERATOR_DPO),
    supervisoryAuthority: clean(env.OPERATOR_SUPERVISORY_AUTHORITY),
  };
  return {
    operator,
    complete: Object.values(operator).every((value) => value !== ""),
    recoveryDays: recoveryDays(env.D1_RECOVERY_DAYS),
  };
}
