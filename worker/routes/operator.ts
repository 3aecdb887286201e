// The operator's way in: create a practice and its first admin on a deployment whatever its SIGNUP
// setting (`npm run operator`, scripts/operator.ts). The admin gets a mailed link to set their own
// password, so the operator never knows it. And the way back for a provider locked out of their second
// factor with no recovery code left (a sole admin has nobody else to ask): the operator, after checking
// who asks by a channel of their own, resets it; every session ends and the owner is mailed.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ErrorBody } from "../../schema/api.ts";
import {
  OperatorPracticeCreate,
  OperatorPracticeCreated,
  OperatorSecondFactorReset,
} from "../../schema/api-accounts.ts";
import { OperatorConfiguration } from "../../schema/api-operator.ts";
import { providers, recoveryCodes, sessions } from "../../schema/tables.ts";
import { WELCOME_LINK_MS } from "../account-tokens.ts";
import { access } from "../auth/access.ts";
import { argon2 } from "../auth/argon2.ts";
import { hashPassword } from "../auth/passwords.ts";
import { configurationReport } from "../configuration-report.ts";
import { randomToken } from "../crypto.ts";
import { database } from "../db.ts";
import { mailedLink } from "../links.ts";
import { deliver, MAIL_UNAVAILABLE } from "../mail/deliver.ts";
import { mailSetup } from "../mail/select.ts";
import { welcomeAdminMail } from "../mail/templates/account.ts";
import { createPractice, deletePractice } from "../new-practice.ts";
import { problem } from "../problem.ts";
import { closeSessionSockets } from "../room-control.ts";
import { router } from "../router.ts";
import { tellOwnerOfSecondFactor } from "../second-factor-notice.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const createPracticeRoute = createRoute({
  method: "post",
  path: "/practices",
  middleware: [access.operator] as const,
  request: { body: jsonBody(OperatorPracticeCreate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Create a practice and its first admin, who is mailed a link (24 h) to set their password",
      responses: {
        201: json(OperatorPracticeCreated, "Created; the welcome mail is sent"),
        400: json(ErrorBody, "Malformed body"),
        401: json(ErrorBody, "Missing or wrong operator token"),
        404: json(ErrorBody, "No operator token is configured on this deployment"),
        409: json(ErrorBody, "An account with this address exists"),
        503: json(ErrorBody, "E-mail cannot be sent; nothing was saved"),
      },
    },
  ),
});

const resetSecondFactorRoute = createRoute({
  method: "post",
  path: "/second-factor-resets",
  middleware: [access.operator] as const,
  request: { body: jsonBody(OperatorSecondFactorReset) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Switch a provider's 2FA off (locked out, no recovery code): every session ends, the owner is mailed",
      responses: {
        204: { description: "2FA is off, the recovery codes and sessions are gone, the owner is told" },
        400: json(ErrorBody, "Malformed body"),
        401: json(ErrorBody, "Missing or wrong operator token"),
        404: json(ErrorBody, "No account with this address, or no operator token configured"),
      },
    },
  ),
});

const configurationRoute = createRoute({
  method: "get",
  path: "/configuration",
  middleware: [access.operator] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Which settings this deployment's choices require are set (names and booleans, never values), and whether TURN answers",
      responses: {
        200: json(OperatorConfiguration, "The report"),
        401: json(ErrorBody, "Missing or wrong operator token"),
        404: json(ErrorBody, "No operator token is configured on this deployment"),
      },
    },
  ),
});

const emailTaken = "An account with this address exists already.";

/** Mounted before the ticket-secret check (worker/app.ts): the report is how the operator learns it is missing. */
export const operatorConfigurationRoutes = router().openapi(configurationRoute, async (c) =>
  c.json(await configurationReport(c.env), 200),
);

export const operatorRoutes = router()
  .openapi(createPracticeRoute, async (c) => {
    const body = c.req.valid("json");
    const mailing = mailSetup(c.env);
    if (!mailing) return c.json(problem("misconfigured", MAIL_UNAVAILABLE), 503);
    const db = database(c.env.DB);
    const existing = await db.query.providers.findFirst({ where: eq(providers.email, body.adminEmail) });
    if (existing) return c.json(problem("email-taken", emailTaken), 409);
    const language = body.language ?? "en";
    const created = await createPractice(db, {
      practiceName: body.practiceName,
      adminName: body.adminName,
      email: body.adminEmail,
      // The column needs a hash: one of a random password nobody ever sees. The admin sets theirs by the link.
      passwordHash: hashPassword(argon2(), randomToken(32)),
      language,
      link: { purpose: "reset", validMs: WELCOME_LINK_MS },
    });
    if (created === "email-taken") return c.json(problem("email-taken", emailTaken), 409);
    const mail = welcomeAdminMail(
      { to: body.adminEmail, name: body.adminName, language, practiceName: body.practiceName },
      mailedLink(mailing.origin, "reset", created.token),
    );
    // Written first and undone when the mail fails: the operator simply runs the command again.
    if (!(await deliver(mailing.mailer, mail, () => deletePractice(db, created.practiceId), "welcome"))) {
      return c.json(problem("misconfigured", MAIL_UNAVAILABLE), 503);
    }
    return c.json({ practiceId: created.practiceId, providerId: created.providerId }, 201);
  })
  .openapi(resetSecondFactorRoute, async (c) => {
    const { email } = c.req.valid("json");
    const db = database(c.env.DB);
    const [provider] = await db
      .update(providers)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, secondFactorFailures: 0 })
      .where(eq(providers.email, email))
      .returning();
    if (!provider) return c.json(problem("not-found", "No account with this address."), 404);
    await db.batch([
      db.delete(recoveryCodes).where(eq(recoveryCodes.providerId, provider.id)),
      db.delete(sessions).where(eq(sessions.providerId, provider.id)),
    ]);
    await closeSessionSockets(c.env, provider, { everySessionOf: provider.id });
    await tellOwnerOfSecondFactor(c.env, provider, "reset-by-operator");
    return c.body(null, 204);
  });
