// Who may call a route, in one place. Every route in worker/routes names exactly one of these in its
// `middleware`; test/workerd/authorization.test.ts holds each route's answers to each kind of caller.
//   anonymous      anyone (the login and sign-up forms, patients' invite links, mailed links)
//   account        a logged-in provider, even one who still has to enrol in 2FA (account routes)
//   provider       a logged-in provider who meets the practice's 2FA rule
//   admin          a provider who is an admin of their practice
//   operator       whoever holds the deployment's OPERATOR_TOKEN
//   sessionOrTicket a provider's session or a patient's ticket (the sockets, the ICE servers): the
//                  handler tells them apart, since each gets a different answer, and refuses the rest
//                  (a socket by closing it at once: browsers cannot read a refused upgrade)
// Holders of a mailed link or an invite link prove it with the token in the body: those routes are
// "anonymous" here and check the token themselves. Handlers only ever query by the caller's own ids,
// so a provider sees nothing of another practice.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { database } from "../db.ts";
import { problem } from "../problem.ts";
import { currentSession, type Session } from "./sessions.ts";

/** The practice requires 2FA and the provider has not enrolled: only the account routes are open to them. */
export const mustEnrolTotp = (session: Pick<Session, "provider" | "practice">) =>
  session.practice.requireTotp && session.provider.totpEnabledAt === null;

async function loggedIn(c: Context<AppEnv>): Promise<Session | undefined> {
  const session = await currentSession(c, database(c.env.DB));
  if (!session) return undefined;
  c.set("session", session);
  c.set("provider", session.provider);
  c.set("practice", session.practice);
  return session;
}

const unauthenticated = (c: Context<AppEnv>) => c.json(problem("unauthenticated", "Please log in."), 401);

const account = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await loggedIn(c))) return unauthenticated(c);
  await next();
});

/** A provider who meets the practice's 2FA rule and, when `adminOnly`, is an admin of it. */
const member = (adminOnly: boolean) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const session = await loggedIn(c);
    if (!session) return unauthenticated(c);
    if (mustEnrolTotp(session)) {
      return c.json(
        problem("totp-required", "Your practice requires two-factor authentication. Set it up first."),
        403,
      );
    }
    if (adminOnly && session.provider.role !== "admin") {
      return c.json(problem("forbidden", "Only an admin of the practice may do this."), 403);
    }
    await next();
  });

const provider = member(false);
const admin = member(true);

/** Compares in time independent of where the strings differ. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (text: string) =>
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

const operator = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.OPERATOR_TOKEN ?? "";
  // Without a configured token (or with a short one) the operator routes do not exist.
  if (expected.length < 32) return c.json(problem("not-found", "Not found."), 404);
  const header = c.req.header("Authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
  if (!given || !(await sameSecret(given, expected))) {
    return c.json(problem("unauthenticated", "A valid operator token is required."), 401);
  }
  await next();
});

const anonymous = createMiddleware<AppEnv>(async (_c, next) => {
  await next();
});

/** Passes everyone on to the handler, which identifies the caller itself (see sessionOrTicket above). */
const sessionOrTicket = createMiddleware<AppEnv>(async (_c, next) => {
  await next();
});

export const access = { anonymous, account, provider, admin, operator, sessionOrTicket } as const;
