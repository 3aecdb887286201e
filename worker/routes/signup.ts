// Sign-up with double opt-in, confirming the address, and resetting a forgotten password. None of the
// answers tells whether an address has an account: sign-up, resend and forgot answer 202 alike, and
// the owner of an address learns what happened from a mail.
import { createRoute, type z } from "@hono/zod-openapi";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { errorName, label, logEvent } from "../../common/log.ts";
import { ErrorBody } from "../../schema/api.ts";
import { Accepted, EmailBody, ResetBody, SignupBody, SignupSettings, TokenBody } from "../../schema/api-accounts.ts";
import { accountTokens, type Provider, providers, sessions } from "../../schema/tables.ts";
import {
  CONFIRM_LINK_MS,
  deleteAccountTokens,
  deleteOtherAccountTokens,
  type LinkState,
  newAccountToken,
  peekAccountToken,
  RESET_LINK_MS,
  redeemAccountToken,
} from "../account-tokens.ts";
import type { AppEnv } from "../app-env.ts";
import { access } from "../auth/access.ts";
import { argon2 } from "../auth/argon2.ts";
import { hashPassword } from "../auth/passwords.ts";
import { type Database, database } from "../db.ts";
import { mailedLink, mailedPage } from "../links.ts";
import { deliver, MAIL_UNAVAILABLE } from "../mail/deliver.ts";
import { type MailSetup, mailSetup } from "../mail/select.ts";
import {
  confirmAddressMail,
  resetPasswordMail,
  signupAgainMail,
  signupAttemptMail,
} from "../mail/templates/account.ts";
import { createPractice, deletePractice } from "../new-practice.ts";
import { weakPassword } from "../password-rule.ts";
import { problem } from "../problem.ts";
import { clientKey, mailAddressKey, throttle } from "../rate-limit.ts";
import { closeSessionSockets } from "../room-control.ts";
import { router } from "../router.ts";
import { signupMode } from "../signup-mode.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const ACCEPTED = { ok: true } as const;

const signup = createRoute({
  method: "post",
  path: "/signup",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(SignupBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Create a practice and its admin; a confirmation link is mailed (the answer is the same for a known address)",
      responses: {
        202: json(Accepted, "Accepted: a mail is on its way to the address"),
        400: json(ErrorBody, "Malformed body, or a password that is too short or too common"),
        403: json(ErrorBody, "Sign-up is not open on this deployment"),
        429: json(ErrorBody, "Too many sign-ups for this address or from this client; see Retry-After"),
        503: json(ErrorBody, "E-mail cannot be sent; nothing was saved"),
      },
    },
  ),
});

const settings = createRoute({
  method: "get",
  path: "/signup",
  middleware: [access.anonymous] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Whether anyone may sign up here (open), only invited colleagues (invite), or only the operator (closed)",
      responses: { 200: json(SignupSettings, "This deployment's sign-up mode") },
    },
  ),
});

const confirm = createRoute({
  method: "post",
  path: "/confirm",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(TokenBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Confirm the address with the mailed link's token",
      responses: {
        204: { description: "Confirmed: the account can log in" },
        400: json(ErrorBody, "Malformed token"),
        404: json(ErrorBody, "Unknown, forged or used link"),
        410: json(ErrorBody, "Expired link"),
      },
    },
  ),
});

const resend = createRoute({
  method: "post",
  path: "/resend-confirmation",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(EmailBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Mail a new confirmation link, if the address has an unconfirmed account (the answer is always the same)",
      responses: {
        202: json(Accepted, "Accepted"),
        400: json(ErrorBody, "Malformed address"),
        429: json(ErrorBody, "Too many mails for this address or requests from this client; see Retry-After"),
        503: json(ErrorBody, "E-mail is not configured"),
      },
    },
  ),
});

const forgot = createRoute({
  method: "post",
  path: "/forgot-password",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(EmailBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Mail a password reset link (1 h), if the address has an account (the answer is always the same)",
      responses: {
        202: json(Accepted, "Accepted"),
        400: json(ErrorBody, "Malformed address"),
        429: json(ErrorBody, "Too many mails for this address or requests from this client; see Retry-After"),
        503: json(ErrorBody, "E-mail is not configured"),
      },
    },
  ),
});

const reset = createRoute({
  method: "post",
  path: "/reset-password",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(ResetBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Set a new password with the mailed link's token; confirms the address and ends every session",
      responses: {
        204: { description: "Password set; every session ended, their sockets closed" },
        400: json(ErrorBody, "Malformed body, or a password that is too short or too common"),
        404: json(ErrorBody, "Unknown, forged or used link"),
        410: json(ErrorBody, "Expired link"),
      },
    },
  ),
});

type Ctx = Context<AppEnv>;

/** No mailer configured (or the mail failed): the answer names it as the server's configuration. */
const mailUnavailable = (c: Ctx) => c.json(problem("misconfigured", MAIL_UNAVAILABLE), 503);

/**
 * Mails per address (shared by sign-up, resend and forgot, so a mailbox cannot be flooded through any
 * of them) and requests per client. The key holds a hash, never the address.
 */
async function throttleMails(c: Ctx, action: string, email: string) {
  return throttle(c, [
    [c.env.ACCOUNT_MAIL_LIMIT, await mailAddressKey(email)],
    [c.env.CLIENT_LIMIT, `${action}:${await clientKey(c)}`],
  ]);
}

function linkProblem(c: Ctx, link: Exclude<LinkState, { state: "valid" }>) {
  return link.state === "expired"
    ? c.json(problem("link-expired", "This link has expired. Ask for a new one."), 410)
    : c.json(problem("link-invalid", "This link is not valid (or was used already)."), 404);
}

const recipient = (provider: Provider) => ({
  to: provider.email,
  name: provider.displayName,
  language: provider.language,
});

/** The mailed links: which token purpose each uses, how long it works, which page and mail carry it. */
const LINKS = {
  confirm: { purpose: "confirm", validMs: CONFIRM_LINK_MS, page: "confirm", mail: confirmAddressMail },
  reset: { purpose: "reset", validMs: RESET_LINK_MS, page: "reset", mail: resetPasswordMail },
  // A second sign-up for an unconfirmed account: the mailbox owner chooses the password (and so
  // confirms), instead of confirming a password someone else may have typed first.
  "signup-again": { purpose: "reset", validMs: CONFIRM_LINK_MS, page: "reset", mail: signupAgainMail },
} as const;

/**
 * Replaces the provider's links of that purpose with a new one and mails it; when the mail fails, the
 * new link is deleted again (the older ones are gone either way: a new request starts over).
 */
async function mailNewLink(
  db: Database,
  { mailer, origin }: MailSetup,
  provider: Provider,
  kind: keyof typeof LINKS,
): Promise<boolean> {
  const link = LINKS[kind];
  const { token, row } = await newAccountToken(provider.id, link.purpose, link.validMs);
  await db.batch([deleteAccountTokens(db, provider.id, link.purpose), db.insert(accountTokens).values(row)]);
  const mail = link.mail(recipient(provider), mailedLink(origin, link.page, token));
  return deliver(mailer, mail, () => db.delete(accountTokens).where(eq(accountTokens.tokenHash, row.tokenHash)), kind);
}

/** Sign-up with an address that has an account: nothing new is written but, for an unconfirmed one, a fresh link. */
async function signupWithKnownAddress(db: Database, mail: MailSetup, existing: Provider) {
  if (existing.emailConfirmedAt === null) return mailNewLink(db, mail, existing, "signup-again");
  const attempt = signupAttemptMail(recipient(existing), mailedPage(mail.origin, "/login"));
  return deliver(mail.mailer, attempt, async () => undefined, "signup-attempt");
}

async function signupWithNewAddress(db: Database, { mailer, origin }: MailSetup, body: z.infer<typeof SignupBody>) {
  const language = body.language ?? "en";
  // Hashed after the throttle (a refused request costs no argon2 time).
  const created = await createPractice(db, {
    practiceName: body.practiceName,
    adminName: body.name,
    email: body.email,
    passwordHash: hashPassword(argon2(), body.password),
    language,
    link: { purpose: "confirm", validMs: CONFIRM_LINK_MS },
  });
  // Someone else signed up with this address a moment ago: their sign-up mails the owner.
  if (created === "email-taken") return true;
  const url = mailedLink(origin, "confirm", created.token);
  const mail = confirmAddressMail({ to: body.email, name: body.name, language }, url);
  // Written first and undone when the mail fails: the link in the mail must exist when it arrives.
  return deliver(mailer, mail, () => deletePractice(db, created.practiceId), "confirm");
}

/**
 * "Resend confirmation" and "forgot password": a link goes to the address if it has an account that
 * needs one; the answer is 202 either way. The link is made and mailed after the answer (waitUntil), so
 * that both answers take the same time: waiting for the mail only when there is an account would tell
 * a stopwatch which addresses have one. A failed mail is logged, never answered, for the same reason.
 */
async function linkOnRequest(
  c: Ctx,
  email: string,
  action: "resend" | "forgot",
  linkFor: (provider: Provider) => "confirm" | "reset" | undefined,
) {
  const mail = mailSetup(c.env);
  if (!mail) return mailUnavailable(c);
  const limited = await throttleMails(c, action, email);
  if (limited) return limited;
  const db = database(c.env.DB);
  const provider = await db.query.providers.findFirst({ where: eq(providers.email, email) });
  const kind = provider && linkFor(provider);
  if (provider && kind) c.executionCtx.waitUntil(inBackground(mailNewLink(db, mail, provider, kind), action));
  return c.json(ACCEPTED, 202);
}

/** Work after the answer: a failure (the undo's D1 write, say) is logged by kind, never thrown into the void. */
const inBackground = (work: Promise<unknown>, purpose: string) =>
  work.catch((error: unknown) =>
    logEvent("error", "background-failed", { purpose: label(purpose), name: errorName(error) }),
  );

export const signupRoutes = router()
  .openapi(settings, (c) => c.json({ mode: signupMode(c.env) }, 200))
  .openapi(signup, async (c) => {
    if (signupMode(c.env) !== "open") {
      return c.json(
        problem("signup-closed", "Sign-up is closed on this server. Ask a practice for an invitation."),
        403,
      );
    }
    const body = c.req.valid("json");
    const weak = weakPassword(c, body.password);
    if (weak) return weak;
    const mail = mailSetup(c.env);
    if (!mail) return mailUnavailable(c);
    const limited = await throttleMails(c, "signup", body.email);
    if (limited) return limited;
    const db = database(c.env.DB);
    const existing = await db.query.providers.findFirst({ where: eq(providers.email, body.email) });
    if (existing) {
      // Spend the same argon2 time as a new sign-up, so that the answer's timing tells nothing either.
      hashPassword(argon2(), body.password);
      if (!(await signupWithKnownAddress(db, mail, existing))) return mailUnavailable(c);
    } else if (!(await signupWithNewAddress(db, mail, body))) {
      return mailUnavailable(c);
    }
    return c.json(ACCEPTED, 202);
  })
  .openapi(confirm, async (c) => {
    const { token } = c.req.valid("json");
    const db = database(c.env.DB);
    const now = Date.now();
    const link = await redeemAccountToken(
      db,
      token,
      "confirm",
      (redeeming) => [
        db
          .update(providers)
          .set({ emailConfirmedAt: now })
          .where(and(inArray(providers.id, redeeming.owner), isNull(providers.emailConfirmedAt))),
        deleteOtherAccountTokens(db, redeeming, "confirm"),
      ],
      now,
    );
    if (link.state !== "valid") return linkProblem(c, link);
    return c.body(null, 204);
  })
  .openapi(resend, (c) =>
    linkOnRequest(c, c.req.valid("json").email, "resend", (provider) =>
      provider.emailConfirmedAt === null ? "confirm" : undefined,
    ),
  )
  .openapi(forgot, (c) => linkOnRequest(c, c.req.valid("json").email, "forgot", () => "reset"))
  .openapi(reset, async (c) => {
    const { token, password } = c.req.valid("json");
    const weak = weakPassword(c, password);
    if (weak) return weak;
    const db = database(c.env.DB);
    // A dead link is refused before argon2 runs: forged tokens cost no hashing time.
    const seen = await peekAccountToken(db, token, "reset");
    if (seen.state !== "valid") return linkProblem(c, seen);
    const passwordHash = hashPassword(argon2(), password);
    const now = Date.now();
    // One batch: the new password, the confirmed address, no sessions and no other reset links, or
    // (when the link was used meanwhile) none of it.
    const link = await redeemAccountToken(
      db,
      token,
      "reset",
      (redeeming) => [
        db
          .update(providers)
          .set({
            passwordHash,
            emailConfirmedAt: sql`coalesce(${providers.emailConfirmedAt}, ${now})`,
            // A new password proves the mailbox: the second step opens again.
            secondFactorFailures: 0,
          })
          .where(inArray(providers.id, redeeming.owner)),
        db.delete(sessions).where(inArray(sessions.providerId, redeeming.owner)),
        deleteOtherAccountTokens(db, redeeming, "reset"),
        // The address is confirmed now: any confirmation link left is spent too.
        deleteOtherAccountTokens(db, redeeming, "confirm"),
      ],
      now,
    );
    if (link.state !== "valid") return linkProblem(c, link);
    // Whoever had the old password may still have a dashboard or a consultation open: close them.
    const [owner] = await db
      .select({ id: providers.id, practiceId: providers.practiceId })
      .from(providers)
      .where(eq(providers.id, link.providerId));
    if (owner) await closeSessionSockets(c.env, owner, { everySessionOf: owner.id });
    return c.body(null, 204);
  });
