import type { ApiErrorCode } from "../schema/errors.ts";

/** The body of every error answer: a stable code for the client to translate, and an English message. */
export function problem(code: ApiErrorCode, error: string): { code: ApiErrorCode; error: string } {
  return { code, error };
}
