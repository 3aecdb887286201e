import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ErrorBody, LoginBody } from "../../schema/api.ts";
import { ProviderView } from "../../schema/api-accounts.ts";
import { practices, providers } from "../../schema/tables.ts";
import { access } from "../auth/access.ts";
import { argon2 } from "../auth/argon2.ts";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../auth/passwords.ts";
import { providerView } from "../auth/provider-view.ts";
import { clearSessionCookie, endAllSessions, endSession, startSession } from "../auth/sessions.ts";
import { sha256Hex } from "../crypto.ts";
import { database } from "../db.ts";
import { problem } from "../problem.ts";
import { clientKey, throttle } from "../rate-limit.ts";
import { closeSessionSockets } from "../room-control.ts";
import { router } from "../router.ts";
import { jsonResponse as json, jsonBody } from "./describe.ts";

const login = createRoute({
  method: "post",
  path: "/login",
  summary: "Log in with e-mail and password; sets the session cookie",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: json(ProviderView, "Logged in"),
    400: json(ErrorBody, "Malformed body"),
    401: json(ErrorBody, "Wrong e-mail or password"),
    429: json(ErrorBody, "Too many attempts for this account or from this client; see Retry-After"),
  },
});

const logout = createRoute({
  method: "post",
  path: "/logout",
  summary: "End the current session",
  middleware: [access.anonymous] as const,
  responses: { 204: { description: "Logged out" } },
});

const logoutEverywhere = createRoute({
  method: "post",
  path: "/logout-everywhere",
  summary: "End every session of the logged-in provider, on every device; their open sockets close",
  middleware: [access.account] as const,
  responses: { 204: { description: "Logged out everywhere" }, 401: json(ErrorBody, "Not logged in") },
});

const me = createRoute({
  method: "get",
  path: "/me",
  summary: "The logged-in provider",
  middleware: [access.account] as const,
  responses: { 200: json(ProviderView, "The provider"), 401: json(ErrorBody, "Not logged in") },
});

export const authRoutes = router()
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    // Counted before the hash is computed: a refused guess costs no argon2 time.
    const limited = await throttle(c, [
      [c.env.LOGIN_ACCOUNT_LIMIT, await sha256Hex(`login:${email.toLowerCase()}`)],
      [c.env.CLIENT_LIMIT, `login:${await clientKey(c)}`],
    ]);
    if (limited) return limited;
    const db = database(c.env.DB);
    const provider = await db.query.providers.findFirst({ where: eq(providers.email, email.toLowerCase()) });
    // Unknown e-mails verify against a dummy hash, so both failures take the same time.
    const passwordMatches = verifyPassword(argon2(), provider?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
    if (!provider || !passwordMatches) return c.json(problem("wrong-credentials", "Wrong e-mail or password."), 401);
    const practice = await db.query.practices.findFirst({ where: eq(practices.id, provider.practiceId) });
    if (!practice) return c.json(problem("wrong-credentials", "Wrong e-mail or password."), 401);
    await startSession(c, db, provider.id);
    return c.json(providerView(provider, practice), 200);
  })
  .openapi(logout, async (c) => {
    const session = await endSession(c, database(c.env.DB));
    if (session) await closeSessionSockets(c.env, session.provider.id, { sessionHash: session.tokenHash });
    return c.body(null, 204);
  })
  .openapi(logoutEverywhere, async (c) => {
    const provider = c.get("provider");
    await endAllSessions(database(c.env.DB), provider.id);
    clearSessionCookie(c);
    await closeSessionSockets(c.env, provider.id, { everySession: true });
    return c.body(null, 204);
  })
  .openapi(me, (c) => c.json(providerView(c.get("provider"), c.get("practice")), 200));
