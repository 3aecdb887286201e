// The logged-in provider's own account: sessions, profile, two-factor authentication, their data and
// deleting it. "account" access: open even to a provider whose practice requires 2FA they have not
// set up yet, since this is where they set it up.
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { ErrorBody } from "../../schema/api.ts";
import {
  AccountDelete,
  DataExport,
  ProfileUpdate,
  ProviderView,
  RecoveryCodes,
  SessionList,
  TotpConfirm,
  TotpDisable,
  TotpEnrolment,
} from "../../schema/api-accounts.ts";
import { type Provider, providers, recoveryCodes, sessions } from "../../schema/tables.ts";
import { deleteAccount, mustHandOver } from "../account-deletion.ts";
import { accountExport } from "../account-export.ts";
import type { AppEnv } from "../app-env.ts";
import { recorded } from "../audit.ts";
import { access } from "../auth/access.ts";
import { argon2 } from "../auth/argon2.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { providerView } from "../auth/provider-view.ts";
import { newRecoveryCodes } from "../auth/recovery-codes.ts";
import { checkSecondFactor, secondFactorLocked } from "../auth/second-factor.ts";
import { clearSessionCookie, liveSessions } from "../auth/sessions.ts";
import { newTotpSecret, sealTotpSecret, secondFactorKey, totpUri, useTotpCode } from "../auth/totp.ts";
import { database } from "../db.ts";
import type { SecondFactorChange } from "../mail/templates/account.ts";
import { problem } from "../problem.ts";
import { loginAccountKey, throttle } from "../rate-limit.ts";
import { recordedRead } from "../recorded-read.ts";
import { router } from "../router.ts";
import { tellOwnerOfSecondFactor } from "../second-factor-notice.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const unauthenticated = json(ErrorBody, "Not logged in");
const rateLimited = json(ErrorBody, "Too many attempts; see Retry-After");

const sessionList = createRoute({
  method: "get",
  path: "/sessions",
  middleware: [access.account] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The provider's live sessions, newest first: browser family and times, never an address",
      responses: { 200: json(SessionList, "Sessions"), 401: unauthenticated },
    },
  ),
});

const profile = createRoute({
  method: "patch",
  path: "/profile",
  middleware: [access.account] as const,
  request: { body: jsonBody(ProfileUpdate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Change the display name, the language of e-mails or the time zone",
      responses: {
        200: json(ProviderView, "The provider"),
        400: json(ErrorBody, "Invalid profile"),
        401: unauthenticated,
      },
    },
  ),
});

const enrolTotp = createRoute({
  method: "post",
  path: "/totp",
  middleware: [access.account] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Start 2FA enrolment: a fresh secret, active once a code from it is confirmed",
      responses: {
        200: json(TotpEnrolment, "The secret and its otpauth:// URI, shown only now"),
        401: unauthenticated,
        409: json(ErrorBody, "2FA is on already (totp-already-enabled)"),
      },
    },
  ),
});

const confirmTotp = createRoute({
  method: "post",
  path: "/totp/confirm",
  middleware: [access.account] as const,
  request: { body: jsonBody(TotpConfirm) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Switch 2FA on with the password and a code from the enrolled secret; answers ten new recovery codes",
      responses: {
        200: json(RecoveryCodes, "2FA is on; the recovery codes are shown only now"),
        400: json(ErrorBody, "Malformed code"),
        401: json(ErrorBody, "Not logged in, wrong password (wrong-password) or a wrong code (totp-invalid)"),
        409: json(ErrorBody, "No enrolment started (totp-not-enrolled) or 2FA is on already (totp-already-enabled)"),
        429: rateLimited,
      },
    },
  ),
});

const disableTotp = createRoute({
  method: "post",
  path: "/totp/disable",
  middleware: [access.account] as const,
  request: { body: jsonBody(TotpDisable) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Switch 2FA off with the password and a current code; the recovery codes go too",
      responses: {
        204: { description: "2FA is off" },
        400: json(ErrorBody, "Malformed body"),
        401: json(ErrorBody, "Not logged in, wrong password (wrong-password) or wrong code (totp-invalid)"),
        403: json(ErrorBody, "Too many wrong codes: locked until a password reset (second-factor-locked)"),
        409: json(ErrorBody, "2FA is not on (totp-not-enrolled), or the practice requires it (totp-mandatory)"),
        429: rateLimited,
      },
    },
  ),
});

const exportData = createRoute({
  method: "get",
  path: "/export",
  middleware: [access.account, recordedRead] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Download every stored field about the provider, as a JSON file; the export is in the audit trail. Only from this site's own pages; a HEAD records nothing",
      responses: {
        200: json(DataExport, "The provider's data (Content-Disposition: attachment)"),
        401: unauthenticated,
        403: json(ErrorBody, "Asked from another site's page (cross-site)"),
      },
    },
  ),
});

const deleteOwnAccount = createRoute({
  method: "post",
  path: "/delete",
  middleware: [access.account] as const,
  request: { body: jsonBody(AccountDelete) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Delete the account, its sessions, appointments and recovery codes (and the practice if it is left empty)",
      responses: {
        204: { description: "Deleted; the session cookie is cleared" },
        400: json(ErrorBody, "Malformed body"),
        401: json(ErrorBody, "Not logged in, wrong password (wrong-password) or wrong code (totp-invalid)"),
        403: json(ErrorBody, "Too many wrong codes: locked until a password reset (second-factor-locked)"),
        409: json(ErrorBody, "The sole admin of a practice with other members must hand over first (hand-over-first)"),
        429: rateLimited,
      },
    },
  ),
});

const wrongPassword = (c: Context<AppEnv>) => c.json(problem("wrong-password", "Wrong password."), 401);
const handOverFirst = (c: Context<AppEnv>) =>
  c.json(
    problem(
      "hand-over-first",
      "You are the only admin of a practice with other members: make someone else admin first.",
    ),
    409,
  );
const wrongCode = (c: Context<AppEnv>) =>
  c.json(problem("totp-invalid", "That code is wrong or was used already."), 401);

/**
 * Counts a password attempt (on the login's counter for this address, so these forms are no way
 * around its limit) and, when a code is checked too, a second-factor attempt.
 */
async function throttleProof(c: Context<AppEnv>, email: string, withCode: boolean) {
  const checks: [RateLimit, string][] = [[c.env.LOGIN_ACCOUNT_LIMIT, await loginAccountKey(email)]];
  if (withCode) checks.push([c.env.SECOND_FACTOR_LIMIT, secondFactorKey(c.get("provider").id)]);
  return throttle(c, checks);
}

/** The owner's notice goes after the answer: the change is made, and a slow mail API must not hold it. */
const tellOwner = (c: Context<AppEnv>, provider: Provider, change: SecondFactorChange) =>
  c.executionCtx.waitUntil(tellOwnerOfSecondFactor(c.env, provider, change));

export const accountRoutes = router()
  .openapi(sessionList, async (c) => {
    const now = Date.now();
    const rows = await database(c.env.DB)
      .select()
      .from(sessions)
      .where(and(eq(sessions.providerId, c.get("provider").id), liveSessions(now)))
      .orderBy(desc(sessions.createdAt));
    const current = c.get("session").tokenHash;
    return c.json(
      {
        sessions: rows.map((row) => ({
          // A prefix of the hash names the session without giving away the hash.
          id: row.tokenHash.slice(0, 16),
          browser: row.browser,
          createdAt: new Date(row.createdAt).toISOString(),
          lastSeenAt: new Date(row.lastSeenAt).toISOString(),
          current: row.tokenHash === current,
        })),
      },
      200,
    );
  })
  .openapi(profile, async (c) => {
    const { displayName, language, timeZone } = c.req.valid("json");
    const changes = { displayName, language, timeZone };
    let provider = c.get("provider");
    if (Object.values(changes).some((value) => value !== undefined)) {
      const [updated] = await database(c.env.DB)
        .update(providers)
        .set(changes)
        .where(eq(providers.id, provider.id))
        .returning();
      if (updated) provider = updated;
    }
    return c.json(providerView(provider, c.get("practice")), 200);
  })
  .openapi(enrolTotp, async (c) => {
    const provider = c.get("provider");
    if (provider.totpEnabledAt !== null) {
      return c.json(problem("totp-already-enabled", "Two-factor authentication is on already."), 409);
    }
    const secret = newTotpSecret();
    // A new enrolment replaces an unconfirmed one; only the latest secret can be confirmed.
    const stored = await database(c.env.DB)
      .update(providers)
      .set({ totpSecret: await sealTotpSecret(c.env.TICKET_SECRET, secret), totpLastStep: null })
      .where(and(eq(providers.id, provider.id), isNull(providers.totpEnabledAt)))
      .returning({ id: providers.id });
    if (stored.length === 0) {
      return c.json(problem("totp-already-enabled", "Two-factor authentication is on already."), 409);
    }
    return c.json({ secret, uri: totpUri(secret, provider.email) }, 200);
  })
  .openapi(confirmTotp, async (c) => {
    const { code, password } = c.req.valid("json");
    const provider = c.get("provider");
    if (provider.totpEnabledAt !== null) {
      return c.json(problem("totp-already-enabled", "Two-factor authentication is on already."), 409);
    }
    if (provider.totpSecret === null) {
      return c.json(problem("totp-not-enrolled", "Start the set-up first: no secret is waiting for a code."), 409);
    }
    const limited = await throttleProof(c, provider.email, true);
    if (limited) return limited;
    if (!verifyPassword(argon2(), provider.passwordHash, password)) return wrongPassword(c);
    const db = database(c.env.DB);
    // A wrong code here is a typo while setting up, with a secret not yet in force: it is throttled, but
    // not counted toward the lock of the second step, which guards codes of a secret in force.
    // Records the code's step, so the code that switched 2FA on cannot also log in.
    if (!(await useTotpCode(db, c.env.TICKET_SECRET, provider, code))) return wrongCode(c);
    const now = Date.now();
    const { codes, statements } = await newRecoveryCodes(db, provider.id, now);
    // One batch: 2FA is never on without its recovery codes, nor are there codes of an older set. It is
    // switched on only for the secret the code was checked against: an enrolment started meanwhile (in
    // another tab) would otherwise leave 2FA on with a secret this person never saw.
    const [switchedOn] = await db.batch([
      db
        .update(providers)
        .set({ totpEnabledAt: now })
        .where(
          and(
            eq(providers.id, provider.id),
            isNull(providers.totpEnabledAt),
            eq(providers.totpSecret, provider.totpSecret),
          ),
        )
        .returning({ id: providers.id }),
      ...statements,
    ]);
    if (switchedOn.length === 0) {
      return c.json(problem("totp-not-enrolled", "The set-up was started again meanwhile: use the newest code."), 409);
    }
    tellOwner(c, provider, "switched-on");
    return c.json({ codes }, 200);
  })
  .openapi(disableTotp, async (c) => {
    const { password, code } = c.req.valid("json");
    const provider = c.get("provider");
    if (provider.totpEnabledAt === null) {
      return c.json(problem("totp-not-enrolled", "Two-factor authentication is not on."), 409);
    }
    if (c.get("practice").requireTotp) {
      return c.json(problem("totp-mandatory", "Your practice requires two-factor authentication."), 409);
    }
    const limited = await throttleProof(c, provider.email, true);
    if (limited) return limited;
    if (!verifyPassword(argon2(), provider.passwordHash, password)) return wrongPassword(c);
    const db = database(c.env.DB);
    const outcome = await checkSecondFactor(c, db, provider, { code });
    if (outcome === "locked") return secondFactorLocked(c);
    if (outcome === "wrong") return wrongCode(c);
    await db.batch([
      db
        .update(providers)
        .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
        .where(eq(providers.id, provider.id)),
      db.delete(recoveryCodes).where(eq(recoveryCodes.providerId, provider.id)),
    ]);
    tellOwner(c, provider, "switched-off");
    return c.body(null, 204);
  })
  .openapi(exportData, async (c) => {
    const db = database(c.env.DB);
    const provider = c.get("provider");
    const data = await accountExport(db, provider);
    // A copy of personal data left the service: the practice's admins can account for it.
    await recorded(db, {
      practiceId: provider.practiceId,
      action: "data-exported",
      actorName: provider.displayName,
      detail: "account",
    });
    const date = data.exportedAt.slice(0, 10);
    c.header("Content-Disposition", `attachment; filename="anteroom-data-${date}.json"`);
    return c.json(data, 200);
  })
  .openapi(deleteOwnAccount, async (c) => {
    const { password, code } = c.req.valid("json");
    const provider = c.get("provider");
    const db = database(c.env.DB);
    // Asked before the password and code, so that a code is not used up for an answer that is no.
    if (await mustHandOver(db, provider)) return handOverFirst(c);
    const totpOn = provider.totpEnabledAt !== null;
    const limited = await throttleProof(c, provider.email, totpOn);
    if (limited) return limited;
    if (!verifyPassword(argon2(), provider.passwordHash, password)) return wrongPassword(c);
    if (totpOn) {
      // No code at all is no guess: refused without counting toward the lock.
      if (code === undefined) return wrongCode(c);
      const outcome = await checkSecondFactor(c, db, provider, { code });
      if (outcome === "locked") return secondFactorLocked(c);
      if (outcome === "wrong") return wrongCode(c);
    }
    const outcome = await deleteAccount(c.env, db, provider, {
      practiceId: provider.practiceId,
      action: "account-deleted",
      actorName: provider.displayName,
    });
    if (outcome === "hand-over-first") return handOverFirst(c);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
