import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ErrorBody, LoginBody } from "../../schema/api.ts";
import { LoginChallenge, ProviderView, SecondFactorBody } from "../../schema/api-accounts.ts";
import { practices, providers } from "../../schema/tables.ts";
import { access } from "../auth/access.ts";
import { argon2 } from "../auth/argon2.ts";
import { openChallenge, sealChallenge } from "../auth/challenge.ts";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../auth/passwords.ts";
import { providerView } from "../auth/provider-view.ts";
import { checkSecondFactor, secondFactorLocked } from "../auth/second-factor.ts";
import { clearSessionCookie, endAllSessions, endSession, startSession } from "../auth/sessions.ts";
import { secondFactorKey } from "../auth/totp.ts";
import { database } from "../db.ts";
import { problem } from "../problem.ts";
import { clientKey, loginAccountKey, throttle } from "../rate-limit.ts";
import { closeSessionSockets } from "../room-control.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const login = createRoute({
  method: "post",
  path: "/login",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(LoginBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Log in with e-mail and password; sets the session cookie, or asks for the second factor",
      responses: {
        200: json(ProviderView, "Logged in"),
        202: json(LoginChallenge, "Password correct; the account has 2FA: send a code with this challenge"),
        400: json(ErrorBody, "Malformed body"),
        401: json(ErrorBody, "Wrong e-mail or password"),
        403: json(ErrorBody, "Password correct, but the address is not confirmed yet (email-unconfirmed)"),
        429: json(ErrorBody, "Too many attempts for this account or from this client; see Retry-After"),
      },
    },
  ),
});

const secondFactor = createRoute({
  method: "post",
  path: "/login/second-factor",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(SecondFactorBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The login's second step: a TOTP code or a recovery code with the challenge; sets the session cookie",
      responses: {
        200: json(ProviderView, "Logged in"),
        400: json(ErrorBody, "Malformed body"),
        401: json(ErrorBody, "Expired or forged challenge (challenge-expired), or a wrong or used code (totp-invalid)"),
        403: json(ErrorBody, "Too many wrong codes in a row: locked until a password reset (second-factor-locked)"),
        429: json(ErrorBody, "Too many codes for this account or from this client; see Retry-After"),
      },
    },
  ),
});

const logout = createRoute({
  method: "post",
  path: "/logout",
  middleware: [access.anonymous] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "End the current session",
      responses: { 204: { description: "Logged out" } },
    },
  ),
});

const logoutEverywhere = createRoute({
  method: "post",
  path: "/logout-everywhere",
  middleware: [access.account] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "End every session of the logged-in provider, on every device; their open sockets close",
      responses: { 204: { description: "Logged out everywhere" }, 401: json(ErrorBody, "Not logged in") },
    },
  ),
});

const me = createRoute({
  method: "get",
  path: "/me",
  middleware: [access.account] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The logged-in provider",
      responses: { 200: json(ProviderView, "The provider"), 401: json(ErrorBody, "Not logged in") },
    },
  ),
});

export const authRoutes = router()
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    // Counted before the hash is computed: a refused guess costs no argon2 time.
    const limited = await throttle(c, [
      [c.env.LOGIN_ACCOUNT_LIMIT, await loginAccountKey(email)],
      [c.env.CLIENT_LIMIT, `login:${await clientKey(c)}`],
    ]);
    if (limited) return limited;
    const db = database(c.env.DB);
    const provider = await db.query.providers.findFirst({ where: eq(providers.email, email.toLowerCase()) });
    // Unknown e-mails verify against a dummy hash, so both failures take the same time.
    const passwordMatches = verifyPassword(argon2(), provider?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
    if (!provider || !passwordMatches) return c.json(problem("wrong-credentials", "Wrong e-mail or password."), 401);
    // Only now, after the right password: the answer must not tell a guesser which addresses exist.
    if (provider.emailConfirmedAt === null) {
      return c.json(problem("email-unconfirmed", "Please confirm your address with the link we e-mailed you."), 403);
    }
    const practice = await db.query.practices.findFirst({ where: eq(practices.id, provider.practiceId) });
    if (!practice) return c.json(problem("wrong-credentials", "Wrong e-mail or password."), 401);
    if (provider.totpEnabledAt !== null) {
      const challenge = await sealChallenge(c.env.TICKET_SECRET, provider.id);
      return c.json({ secondFactor: "totp" as const, challenge }, 202);
    }
    await startSession(c, db, provider.id);
    return c.json(providerView(provider, practice), 200);
  })
  .openapi(secondFactor, async (c) => {
    const body = c.req.valid("json");
    const expired = () =>
      c.json(problem("challenge-expired", "This login took too long or is not valid. Please log in again."), 401);
    const providerId = await openChallenge(c.env.TICKET_SECRET, body.challenge);
    const client: [RateLimit, string] = [c.env.CLIENT_LIMIT, `second-factor:${await clientKey(c)}`];
    // Counted before any code is checked: six digits must not be guessable by trying.
    const limited = await throttle(
      c,
      providerId ? [[c.env.SECOND_FACTOR_LIMIT, secondFactorKey(providerId)], client] : [client],
    );
    if (limited) return limited;
    if (!providerId) return expired();
    const db = database(c.env.DB);
    const provider = await db.query.providers.findFirst({ where: eq(providers.id, providerId) });
    // 2FA switched off (or the account deleted) since the password step: start again.
    if (!provider || provider.totpEnabledAt === null) return expired();
    const practice = await db.query.practices.findFirst({ where: eq(practices.id, provider.practiceId) });
    if (!practice) return expired();
    const proof = body.code !== undefined ? { code: body.code } : { recoveryCode: body.recoveryCode ?? "" };
    const outcome = await checkSecondFactor(c, db, provider, proof);
    if (outcome === "locked") return secondFactorLocked(c);
    if (outcome === "wrong") return c.json(problem("totp-invalid", "That code is wrong or was used already."), 401);
    await startSession(c, db, provider.id);
    return c.json(providerView(provider, practice), 200);
  })
  .openapi(logout, async (c) => {
    const session = await endSession(c, database(c.env.DB));
    if (session) await closeSessionSockets(c.env, session.provider, { sessionHash: session.tokenHash });
    return c.body(null, 204);
  })
  .openapi(logoutEverywhere, async (c) => {
    const provider = c.get("provider");
    await endAllSessions(database(c.env.DB), provider.id);
    clearSessionCookie(c);
    await closeSessionSockets(c.env, provider, { everySessionOf: provider.id });
    return c.body(null, 204);
  })
  .openapi(me, (c) => c.json(providerView(c.get("provider"), c.get("practice")), 200));
