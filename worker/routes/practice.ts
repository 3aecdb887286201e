// The caller's practice: its settings, its members and their roles, and invitations of colleagues.
// Every query is bound to the caller's own practice (c.get("practice").id): another practice's member
// or invitation ids answer 404, exactly like unknown ones.
import { createRoute, type z } from "@hono/zod-openapi";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { logEvent } from "../../common/log.ts";
import { practiceSealKeys } from "../../common/seal-keys.ts";
import { ErrorBody } from "../../schema/api.ts";
import {
  IdParam,
  InvitationCreate,
  InvitationView,
  MemberList,
  MemberView,
  PracticeUpdate,
  PracticeView,
  RoleUpdate,
} from "../../schema/api-accounts.ts";
import { SealKeyList } from "../../schema/api-device-keys.ts";
import { sameSettings, waitingRoomSettings } from "../../schema/room-settings.ts";
import {
  activityEntries,
  appointments,
  auditEntries,
  invites,
  joinCodes,
  memberInvitations,
  type Practice,
  type Provider,
  practices,
  providers,
} from "../../schema/tables.ts";
import { deleteAccount } from "../account-deletion.ts";
import { type AuditFacts, recorded, recordedIfChanged } from "../audit.ts";
import { access } from "../auth/access.ts";
import { practiceLogoUrl } from "../branding.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import { type Database, database, uniqueViolation } from "../db.ts";
import { MAX_INVITATIONS_PER_DAY, takeInvitation } from "../invitation-quota.ts";
import { mailedLink } from "../links.ts";
import { deliver, MAIL_UNAVAILABLE } from "../mail/deliver.ts";
import { mailerFor, mailSetup } from "../mail/select.ts";
import { memberInvitationMail, removedFromPracticeMail } from "../mail/templates/practice.ts";
import { problem } from "../problem.ts";
import { clientKey, mailAddressKey, throttle } from "../rate-limit.ts";
import { configureWaitingRooms, refuseMembersWithoutSecondFactor, reopenWaitingRooms } from "../room-control.ts";
import { router } from "../router.ts";
import { signupMode } from "../signup-mode.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

/** How long a colleague's invitation link works. */
export const MEMBER_INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const practiceView = (p: Practice, logoUrl: string | null): z.infer<typeof PracticeView> => ({
  id: p.id,
  name: p.name,
  shortName: p.shortName,
  contactLine: p.contactLine,
  requireTotp: p.requireTotp,
  appointmentRetentionDays: p.appointmentRetentionDays,
  consultationLimitMinutes: p.consultationLimitMinutes,
  waitingIdleLimitMinutes: p.waitingIdleLimitMinutes,
  denyPauseMinutes: p.denyPauseMinutes,
  inviteGraceMinutes: p.inviteGraceMinutes,
  waitingRoomOpensMinutes: p.waitingRoomOpensMinutes,
  sharedWaitingRoom: p.sharedWaitingRoom,
  brandName: p.brandName,
  brandColour: p.brandColour,
  logoUrl,
  activityLogOn: p.activityLogOn,
  activityLogDays: p.activityLogDays,
});

const memberView = (member: Provider, callerId: string): z.infer<typeof MemberView> => ({
  id: member.id,
  email: member.email,
  displayName: member.displayName,
  role: member.role,
  totpEnabled: member.totpEnabledAt !== null,
  you: member.id === callerId,
});

const invitationView = (i: typeof memberInvitations.$inferSelect): z.infer<typeof InvitationView> => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expiresAt: new Date(i.expiresAt).toISOString(),
});

/** The practice's join codes, when `shortName` is not the one it has now (a statement for a batch). */
const codesOfRenamed = (db: Database, practiceId: string, shortName: string) =>
  db
    .delete(joinCodes)
    .where(
      and(
        sql`(select short_name from ${practices} where id = ${practiceId}) is not ${shortName}`,
        inArray(
          joinCodes.inviteId,
          db
            .select({ id: invites.id })
            .from(invites)
            .innerJoin(appointments, eq(appointments.id, invites.appointmentId))
            .innerJoin(providers, eq(providers.id, appointments.providerId))
            .where(eq(providers.practiceId, practiceId)),
        ),
      ),
    );

type PracticeChanges = z.infer<typeof PracticeUpdate>;
type Actor = Pick<Provider, "displayName">;

/** The settings that changed for real (the form sends them all), each with its value before. */
function changedKeys(before: Practice, changes: PracticeChanges): (keyof PracticeChanges)[] {
  return (Object.keys(changes) as (keyof PracticeChanges)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== before[key],
  );
}

/**
 * The audit entries a change of settings makes: the 2FA rule and the activity log (switched, or its
 * period) have their own actions (an auditor looks for them), every other changed setting is named in one
 * "settings-changed".
 */
function settingsAudit(before: Practice, changes: PracticeChanges, actor: Actor): AuditFacts[] {
  const keys = changedKeys(before, changes);
  const base = { practiceId: before.id, actorName: actor.displayName };
  const facts: AuditFacts[] = [];
  if (keys.includes("requireTotp")) {
    facts.push({ ...base, action: "totp-rule-changed", detail: changes.requireTotp ? "on" : "off" });
  }
  // Switched on or off: the entry says so (with the period it starts with); switching off deleted the
  // entries. A new period alone is a change of the period, never a switch that did not happen.
  const switched = keys.includes("activityLogOn");
  const days = changes.activityLogDays ?? before.activityLogDays;
  if (switched) {
    facts.push({ ...base, action: "activity-log-changed", detail: changes.activityLogOn ? `on:${days}` : "off" });
  }
  if (keys.includes("activityLogDays") && !(switched && changes.activityLogOn)) {
    const detail = `${before.activityLogDays}:${days}`;
    facts.push({ ...base, action: "activity-log-period-changed", detail });
  }
  const rest = keys.filter((key) => !["requireTotp", "activityLogOn", "activityLogDays"].includes(key));
  if (rest.length > 0) facts.push({ ...base, action: "settings-changed", detail: rest.join(",") });
  return facts;
}

/**
 * Writes the changes (if any) with their audit entries in one batch and reads the practice back; a short
 * name another practice has is refused by its unique index, and then nothing is written.
 */
async function changePractice(db: Database, before: Practice, changes: PracticeChanges, actor: Actor) {
  const practiceId = before.id;
  if (changedKeys(before, changes).length === 0) {
    return db.select().from(practices).where(eq(practices.id, practiceId));
  }
  const update = db.update(practices).set(changes).where(eq(practices.id, practiceId)).returning();
  // Each entry only when the statement before it wrote: none for a practice deleted meanwhile.
  const entries = settingsAudit(before, changes, actor).map((facts) => recordedIfChanged(db, facts));
  // Switching the activity log off deletes its entries at once (privacy first; the page says so).
  const erase =
    changes.activityLogOn === false
      ? [db.delete(activityEntries).where(eq(activityEntries.practiceId, practiceId))]
      : [];
  try {
    if (changes.shortName === undefined) {
      const [updated] = await db.batch([update, ...entries, ...erase]);
      return updated;
    }
    // A new short name stops the practice's join codes at once (README: join codes): their rows go in
    // the same transaction, so a pass handed out for one stops too and their places count free again.
    // Written before the update, to compare with the name still saved: the same name keeps them.
    const [, updated] = await db.batch([
      codesOfRenamed(db, practiceId, changes.shortName),
      update,
      ...entries,
      ...erase,
    ]);
    return updated;
  } catch (error) {
    if (uniqueViolation(error, "practices.short_name")) return "short-name-taken" as const;
    throw error;
  }
}

const notLoggedIn = json(ErrorBody, "Not logged in");
const notAdmin = json(ErrorBody, "Not an admin of the practice, or 2FA required and not set up");

const show = createRoute({
  method: "get",
  path: "/",
  middleware: [access.provider] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The caller's practice and its settings",
      responses: {
        200: json(PracticeView, "The practice"),
        401: notLoggedIn,
        403: json(ErrorBody, "2FA required and not set up"),
      },
    },
  ),
});

const update = createRoute({
  method: "patch",
  path: "/",
  middleware: [access.admin] as const,
  request: { body: jsonBody(PracticeUpdate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Change the practice's name, short name, contact line, 2FA rule, retention period, consultation length, links' grace or the waiting room's opening",
      responses: {
        200: json(PracticeView, "The changed practice"),
        400: json(ErrorBody, "Invalid settings"),
        401: notLoggedIn,
        403: notAdmin,
        404: json(ErrorBody, "The practice was deleted meanwhile"),
        409: json(ErrorBody, "Another practice has this short name (short-name-taken)"),
      },
    },
  ),
});

const members = createRoute({
  method: "get",
  path: "/members",
  middleware: [access.admin] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The practice's members and its pending invitations",
      responses: { 200: json(MemberList, "Members and invitations"), 401: notLoggedIn, 403: notAdmin },
    },
  ),
});

// Public keys only: any member may read them, even one who still has to enrol in 2FA.
const keys = createRoute({
  method: "get",
  path: "/device-keys",
  middleware: [access.account] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The members' device keys in force, for a link's commitment",
      responses: { 200: json(SealKeyList, "Keys"), 401: notLoggedIn },
    },
  ),
});

const invite = createRoute({
  method: "post",
  path: "/invitations",
  middleware: [access.admin] as const,
  request: { body: jsonBody(InvitationCreate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Invite a colleague by e-mail (link valid 7 days)",
      responses: {
        201: json(InvitationView, "Invited; the link went out by mail"),
        400: json(ErrorBody, "Invalid address or role"),
        401: notLoggedIn,
        403: json(ErrorBody, "Not an admin, 2FA required and not set up, or SIGNUP=closed (signup-closed)"),
        409: json(ErrorBody, "A member or a pending invitation with this address exists"),
        429: json(
          ErrorBody,
          "Too many mails to this address or invitations from this client (rate-limited), or the practice's daily quota is used (invitation-quota); see Retry-After",
        ),
        503: json(ErrorBody, "The mail could not be sent; nothing was stored"),
      },
    },
  ),
});

const withdraw = createRoute({
  method: "delete",
  path: "/invitations/{id}",
  middleware: [access.admin] as const,
  request: { params: IdParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Withdraw a pending invitation; its link stops working",
      responses: {
        204: { description: "Withdrawn" },
        400: json(ErrorBody, "Malformed id"),
        401: notLoggedIn,
        403: notAdmin,
        404: json(ErrorBody, "No such invitation of this practice"),
      },
    },
  ),
});

const changeRole = createRoute({
  method: "patch",
  path: "/members/{id}",
  middleware: [access.admin] as const,
  request: { params: IdParam, body: jsonBody(RoleUpdate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Change a member's role",
      responses: {
        200: json(MemberView, "The member with the new role"),
        400: json(ErrorBody, "Malformed id or role"),
        401: notLoggedIn,
        403: notAdmin,
        404: json(ErrorBody, "No such member of this practice"),
        409: json(ErrorBody, "The practice would have no admin left"),
      },
    },
  ),
});

const remove = createRoute({
  method: "delete",
  path: "/members/{id}",
  middleware: [access.admin] as const,
  request: { params: IdParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Remove a member: their account, sessions, sockets and appointments end",
      responses: {
        204: { description: "Removed" },
        400: json(ErrorBody, "Malformed id"),
        401: notLoggedIn,
        403: notAdmin,
        404: json(ErrorBody, "No such member of this practice"),
        409: json(ErrorBody, "The practice would have no admin left"),
      },
    },
  ),
});

/**
 * SQL condition true when the practice keeps an admin other than `memberId`. Part of the same UPDATE or
 * DELETE as the change it guards: two admins demoting each other at once cannot both succeed.
 */
const anotherAdmin = (practiceId: string, memberId: string) =>
  sql`exists (select 1 from ${providers} as others where others.practice_id = ${practiceId} and others.role = 'admin' and others.id <> ${memberId})`;

const lastAdmin = problem("last-admin", "The practice must keep at least one admin.");
const noMember = problem("not-found", "No such member.");

export const practiceRoutes = router()
  .openapi(show, async (c) => {
    const practice = c.get("practice");
    return c.json(practiceView(practice, await practiceLogoUrl(database(c.env.DB), practice.id)), 200);
  })
  .openapi(update, async (c) => {
    const changes = c.req.valid("json");
    const db = database(c.env.DB);
    const practiceId = c.get("practice").id;
    const written = await changePractice(db, c.get("practice"), changes, c.get("provider"));
    if (written === "short-name-taken") {
      return c.json(problem("short-name-taken", "Another practice has this short name. Please choose another."), 409);
    }
    const [updated] = written;
    if (!updated) return c.json(problem("not-found", "No such practice."), 404);
    if (updated.requireTotp && !c.get("practice").requireTotp) {
      const without = await db
        .select({ id: providers.id, practiceId: providers.practiceId })
        .from(providers)
        .where(and(eq(providers.practiceId, practiceId), isNull(providers.totpEnabledAt)));
      await refuseMembersWithoutSecondFactor(c.env, without);
    }
    const before = waitingRoomSettings(c.get("practice"));
    const after = waitingRoomSettings(updated);
    if (!sameSettings(before, after)) {
      const members = await db.select({ id: providers.id }).from(providers).where(eq(providers.practiceId, practiceId));
      const memberIds = members.map((member) => member.id);
      await configureWaitingRooms(c.env, practiceId, memberIds, after);
      // Everyone waiting, and every member's dashboard, reconnects to the room the setting now names.
      if (before.shared !== after.shared) await reopenWaitingRooms(c.env, practiceId, memberIds);
    }
    return c.json(practiceView(updated, await practiceLogoUrl(db, practiceId)), 200);
  })
  .openapi(members, async (c) => {
    const db = database(c.env.DB);
    const practiceId = c.get("practice").id;
    const [people, pending] = await Promise.all([
      db.select().from(providers).where(eq(providers.practiceId, practiceId)).orderBy(asc(providers.createdAt)),
      db
        .select()
        .from(memberInvitations)
        .where(and(eq(memberInvitations.practiceId, practiceId), gt(memberInvitations.expiresAt, Date.now())))
        .orderBy(asc(memberInvitations.createdAt)),
    ]);
    const callerId = c.get("provider").id;
    return c.json(
      { members: people.map((m) => memberView(m, callerId)), invitations: pending.map(invitationView) },
      200,
    );
  })
  .openapi(keys, async (c) => {
    return c.json({ keys: await practiceSealKeys(database(c.env.DB), c.get("provider").id) }, 200);
  })
  .openapi(invite, async (c) => {
    const { email, role } = c.req.valid("json");
    // On a closed deployment only the operator creates accounts: an invitation could never be accepted.
    if (signupMode(c.env) === "closed") {
      return c.json(problem("signup-closed", "This server does not accept new accounts, not even invited ones."), 403);
    }
    // Per address (its hash, shared with the other account mails: nobody is flooded with mails) and per
    // client (an admin's account cannot be used to mail many addresses at once).
    const limited = await throttle(c, [
      [c.env.ACCOUNT_MAIL_LIMIT, await mailAddressKey(email)],
      [c.env.CLIENT_LIMIT, `invite-member:${await clientKey(c)}`],
    ]);
    if (limited) return limited;
    const mailing = mailSetup(c.env);
    if (!mailing) return c.json(problem("misconfigured", MAIL_UNAVAILABLE), 503);
    const db = database(c.env.DB);
    const practice = c.get("practice");
    const now = Date.now();
    // Only this practice's own members and invitations are checked: whether the address has an account
    // with another practice is none of this admin's business (it would let anyone who signs up probe
    // addresses). Such an invitation is sent; its holder learns at acceptance that the address is taken.
    const [member, pending] = await Promise.all([
      db.query.providers.findFirst({
        columns: { id: true },
        where: and(eq(providers.email, email), eq(providers.practiceId, practice.id)),
      }),
      db.query.memberInvitations.findFirst({
        columns: { id: true },
        where: and(
          eq(memberInvitations.practiceId, practice.id),
          eq(memberInvitations.email, email),
          gt(memberInvitations.expiresAt, now),
        ),
      }),
    ]);
    if (member || pending) {
      return c.json(problem("email-taken", "A member or a pending invitation with this address exists."), 409);
    }
    const quota = await takeInvitation(db, practice.id, now);
    if (!quota.taken) {
      c.header("Retry-After", String(quota.retryAfterSeconds));
      return c.json(
        problem(
          "invitation-quota",
          `A practice may send ${MAX_INVITATIONS_PER_DAY} invitations a day. Try again tomorrow.`,
        ),
        429,
      );
    }
    const token = randomToken(32);
    const invitation = {
      id: crypto.randomUUID(),
      practiceId: practice.id,
      email,
      role,
      tokenHash: await sha256Hex(token),
      expiresAt: now + MEMBER_INVITATION_TTL_MS,
      createdAt: now,
    };
    // Stored before the mail goes out, so that the link works the moment it arrives; a failed mail
    // deletes it again: no invitation is left that nobody received.
    const admin = c.get("provider");
    // The entry names the role, not the address: an invitee is nobody of the practice's yet.
    const entryId = crypto.randomUUID();
    const entry = recorded(db, {
      id: entryId,
      practiceId: practice.id,
      action: "member-invited",
      actorName: admin.displayName,
      detail: role,
      at: now,
    });
    await db.batch([db.insert(memberInvitations).values(invitation), entry]);
    const mail = memberInvitationMail({
      to: email,
      language: admin.language,
      practiceName: practice.name,
      inviterName: admin.displayName,
      url: mailedLink(mailing.origin, "join-practice", token),
    });
    const undo = () =>
      db.batch([
        db.delete(memberInvitations).where(eq(memberInvitations.id, invitation.id)),
        db.delete(auditEntries).where(eq(auditEntries.id, entryId)),
      ]);
    if (!(await deliver(mailing.mailer, mail, undo, "member-invitation"))) {
      return c.json(problem("misconfigured", MAIL_UNAVAILABLE), 503);
    }
    return c.json(invitationView(invitation), 201);
  })
  .openapi(withdraw, async (c) => {
    const { id } = c.req.valid("param");
    const db = database(c.env.DB);
    const practiceId = c.get("practice").id;
    const [deleted] = await db.batch([
      db
        .delete(memberInvitations)
        .where(and(eq(memberInvitations.id, id), eq(memberInvitations.practiceId, practiceId)))
        .returning({ id: memberInvitations.id }),
      recordedIfChanged(db, {
        practiceId,
        action: "invitation-withdrawn",
        actorName: c.get("provider").displayName,
      }),
    ]);
    if (deleted.length === 0) return c.json(problem("not-found", "No such invitation."), 404);
    return c.body(null, 204);
  })
  .openapi(changeRole, async (c) => {
    const { id } = c.req.valid("param");
    const { role } = c.req.valid("json");
    const practiceId = c.get("practice").id;
    const db = database(c.env.DB);
    const ofPractice = and(eq(providers.id, id), eq(providers.practiceId, practiceId));
    const member = await db.query.providers.findFirst({ where: ofPractice });
    if (!member) return c.json(noMember, 404);
    // The same role again changes nothing, and is no action for the trail.
    if (member.role === role) return c.json(memberView(member, c.get("provider").id), 200);
    // Making someone admin never removes an admin; taking the role away only while another admin remains.
    const [rows] = await db.batch([
      db
        .update(providers)
        .set({ role })
        .where(role === "admin" ? ofPractice : and(ofPractice, anotherAdmin(practiceId, id)))
        .returning(),
      recordedIfChanged(db, {
        practiceId,
        action: "role-changed",
        actorName: c.get("provider").displayName,
        targetName: member.displayName,
        detail: role,
      }),
    ]);
    const [updated] = rows;
    if (updated) return c.json(memberView(updated, c.get("provider").id), 200);
    const exists = await db.query.providers.findFirst({ columns: { id: true }, where: ofPractice });
    return exists ? c.json(lastAdmin, 409) : c.json(noMember, 404);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    const practice = c.get("practice");
    const db = database(c.env.DB);
    const member = await db.query.providers.findFirst({
      where: and(eq(providers.id, id), eq(providers.practiceId, practice.id)),
    });
    if (!member) return c.json(noMember, 404);
    // Accounts of a practice belong to the practice (organisation accounts): removing a member deletes
    // their account, as deleting it themself would (worker/account-deletion.ts): their sockets close,
    // patients waiting on their links are told, and their sessions, codes, appointments, invites and
    // consent records go. An admin may remove themself while another admin remains.
    const outcome = await deleteAccount(
      c.env,
      db,
      { id: member.id, practiceId: practice.id },
      {
        practiceId: practice.id,
        action: "member-removed",
        actorName: c.get("provider").displayName,
        targetName: member.displayName,
      },
    );
    if (outcome === "hand-over-first") return c.json(lastAdmin, 409);
    await sendRemovalNotice(c.env, member, practice.name);
    return c.body(null, 204);
  });

/**
 * The notice is a courtesy: the removal has happened and must not depend on mail working (an admin may
 * have to lock someone out at once), so a missing or failing mailer is logged, not answered with an error.
 */
async function sendRemovalNotice(
  env: Parameters<typeof mailerFor>[0],
  member: Pick<Provider, "email" | "language">,
  practiceName: string,
): Promise<void> {
  const mailer = mailerFor(env);
  const mail = removedFromPracticeMail({ to: member.email, language: member.language, practiceName });
  if (!mailer) {
    logEvent("error", "mail-failed", { purpose: "member-removed", reason: "no-mailer" });
    return;
  }
  await deliver(mailer, mail, async () => undefined, "member-removed");
}
