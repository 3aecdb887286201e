import { type Hook, OpenAPIHono } from "@hono/zod-openapi";
import { TrieRouter } from "hono/router/trie-router";
import type { ZodError } from "zod";
import { NO_ADDRESS_MESSAGE } from "../schema/text.ts";
import type { AppEnv } from "./app-env.ts";
import { problem } from "./problem.ts";

/** One readable line for a failed validation: which field, and what is wrong with it. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/**
 * Every route's validation failure becomes a 400 with a message, never a 500. A name refused for holding an
 * address gets its own code, so the page can say what to change instead of "check your entries".
 */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const code = result.error.issues.some((issue) => issue.message === NO_ADDRESS_MESSAGE)
    ? "name-holds-address"
    : "invalid-input";
  return c.json(problem(code, describeZodError(result.error)), 400);
};

/**
 * A router whose routes are documented in /api/openapi.json and validated by their schemas. It matches paths with
 * hono's TrieRouter, which handles every pattern, rather than hono's default (a RegExpRouter that falls back to
 * the TrieRouter): the deployed Worker then carries one router (worker/hono-trie-router.ts), and the tests route
 * with the same one.
 */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook, router: new TrieRouter() });
