// The holder of a member invitation link (/join-practice#<token>): what the invitation is, and accepting it.
// The token proves the link; its holder chooses a name and a password, never the address: the account
// gets the address the admin invited, which the mailed link has just proved.
import { createRoute } from "@hono/zod-openapi";
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { ErrorBody } from "../../schema/api.ts";
import { InvitationAccept, InvitationDetails, ProviderView, TokenBody } from "../../schema/api-accounts.ts";
import { memberInvitations, type Provider, practices, providers } from "../../schema/tables.ts";
import type { AppEnv } from "../app-env.ts";
import { recordedIfChanged } from "../audit.ts";
import { access } from "../auth/access.ts";
import { argon2 } from "../auth/argon2.ts";
import { hashPassword } from "../auth/passwords.ts";
import { providerView } from "../auth/provider-view.ts";
import { startSession } from "../auth/sessions.ts";
import { sha256Hex } from "../crypto.ts";
import { type Database, database } from "../db.ts";
import { weakPassword } from "../password-rule.ts";
import { problem } from "../problem.ts";
import { router } from "../router.ts";
import { signupMode } from "../signup-mode.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const lookup = createRoute({
  method: "post",
  path: "/lookup",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(TokenBody) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "What a member invitation link invites to: the practice, the address and the role",
      responses: {
        200: json(InvitationDetails, "The invitation"),
        400: json(ErrorBody, "Not a link token"),
        404: json(ErrorBody, "Unknown, withdrawn or used link"),
        410: json(ErrorBody, "Expired link"),
      },
    },
  ),
});

const accept = createRoute({
  method: "post",
  path: "/accept",
  middleware: [access.anonymous] as const,
  request: { body: jsonBody(InvitationAccept) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Accept a member invitation: creates the account (address confirmed), logs in, and the practice's audit trail records the new member",
      responses: {
        201: json(ProviderView, "Account created; the session cookie is set"),
        400: json(ErrorBody, "Malformed body or weak password"),
        403: json(ErrorBody, "This deployment allows no new accounts"),
        404: json(ErrorBody, "Unknown, withdrawn or used link"),
        409: json(ErrorBody, "An account with the invited address exists"),
        410: json(ErrorBody, "Expired link"),
      },
    },
  ),
});

/** The invitation behind a link token with its practice, or the answer for a link that cannot be used. */
async function findInvitation(c: Context<AppEnv>, db: Database, token: string, now = Date.now()) {
  const [row] = await db
    .select({ invitation: memberInvitations, practice: practices })
    .from(memberInvitations)
    .innerJoin(practices, eq(practices.id, memberInvitations.practiceId))
    .where(eq(memberInvitations.tokenHash, await sha256Hex(token)))
    .limit(1);
  if (!row) return { refused: c.json(problem("link-invalid", "This invitation link is not valid."), 404) } as const;
  if (row.invitation.expiresAt <= now) {
    return { refused: c.json(problem("link-expired", "This invitation link has expired."), 410) } as const;
  }
  return { found: row } as const;
}

const emailTaken = problem("email-taken", "An account with this address exists already.");

export const memberInvitationRoutes = router()
  .openapi(lookup, async (c) => {
    const result = await findInvitation(c, database(c.env.DB), c.req.valid("json").token);
    if (result.refused) return result.refused;
    const { invitation, practice } = result.found;
    return c.json({ practiceName: practice.name, email: invitation.email, role: invitation.role }, 200);
  })
  .openapi(accept, async (c) => {
    const body = c.req.valid("json");
    // "open" and "invite" both let an admin's invitation create an account; "closed" allows none.
    if (signupMode(c.env) === "closed") {
      return c.json(problem("signup-closed", "This server does not accept new accounts."), 403);
    }
    const weak = weakPassword(c, body.password);
    if (weak) return weak;
    const db = database(c.env.DB);
    const result = await findInvitation(c, db, body.token);
    if (result.refused) return result.refused;
    const { invitation, practice } = result.found;
    const taken = () =>
      db.query.providers.findFirst({ columns: { id: true }, where: eq(providers.email, invitation.email) });
    if (await taken()) return c.json(emailTaken, 409);
    const now = Date.now();
    const provider: Provider = {
      id: crypto.randomUUID(),
      practiceId: practice.id,
      role: invitation.role,
      email: invitation.email,
      displayName: body.name,
      passwordHash: hashPassword(argon2(), body.password),
      // The link reached this address: it is confirmed.
      emailConfirmedAt: now,
      language: body.language ?? "en",
      timeZone: "Europe/Berlin",
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      secondFactorFailures: 0,
      personalRoomName: null,
      personalRoomOn: false,
      createdAt: now,
    };
    const stillOpen = () =>
      db.query.memberInvitations.findFirst({ columns: { id: true }, where: eq(memberInvitations.id, invitation.id) });
    let used: { id: string }[];
    try {
      // One batch: the account exists and the link is used up, or neither. The practice's audit trail
      // says who gained access, written only when the link was really used up by this accept (a withdrawn
      // link undoes the account below, and then there was no joining to record).
      [, used] = await db.batch([
        db.insert(providers).values(provider),
        db
          .delete(memberInvitations)
          .where(and(eq(memberInvitations.id, invitation.id), gt(memberInvitations.expiresAt, now)))
          .returning({ id: memberInvitations.id }),
        recordedIfChanged(db, {
          practiceId: practice.id,
          action: "member-joined",
          actorName: provider.displayName,
          detail: provider.role,
          at: now,
        }),
      ]);
    } catch (error) {
      // Two accepts of one link (or an account created meanwhile) meet the address's unique index:
      // the later one is told the address is taken. A practice deleted meanwhile took its invitations
      // along: the link is gone. Anything else is a real failure.
      if (await taken()) return c.json(emailTaken, 409);
      if (!(await stillOpen())) return c.json(problem("link-invalid", "This invitation is no longer valid."), 404);
      throw error;
    }
    if (used.length === 0) {
      // The admin withdrew the invitation (or it lapsed) while this was being accepted: withdrawal wins.
      await db.delete(providers).where(eq(providers.id, provider.id));
      return c.json(problem("link-invalid", "This invitation is no longer valid."), 404);
    }
    await startSession(c, db, provider.id);
    return c.json(providerView(provider, practice), 201);
  });
