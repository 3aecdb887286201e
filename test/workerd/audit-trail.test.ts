// The audit trail: every administrative action of a practice leaves one entry (who, what, on whom,
// when), an action that fails leaves none, its admins read it newest first, and the cron purges entries
// after 90 days.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AuditTrail } from "../../schema/api-types.ts";
import { auditEntries } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { outbox } from "../../worker/mail/outbox.ts";
import { purgeExpired } from "../../worker/purge.ts";
import { api, providerWithSession, TINY_PNG, unique } from "./helpers.ts";

const DAY = 86_400_000;

const send = (path: string, cookie: string, method: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function trail(cookie: string): Promise<AuditTrail["entries"]> {
  const res = await api("/api/practice/audit", { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as AuditTrail).entries;
}

async function practiceOfThree() {
  const admin = await providerWithSession(undefined, { role: "admin" });
  const member = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
  const other = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
  return { admin, member, other };
}

/** The audit entries as [action, detail], oldest first (the trail answers newest first). */
const actions = async (cookie: string) => (await trail(cookie)).reverse().map((e) => [e.action, e.detail]);

/** An admin's invitation of a colleague, and the token of the link mailed to them. */
async function invitedColleague(adminCookie: string, role: "admin" | "provider") {
  const email = `${unique("joiner")}@example.test`;
  expect((await send("/api/practice/invitations", adminCookie, "POST", { email, role })).status).toBe(201);
  const mail = (await outbox(env).list()).find((m) => m.to === email);
  const token = mail?.text.match(/\/join-practice#([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no invitation link mailed to ${email}`);
  return { email, token };
}

const acceptInvitation = (token: string, name: string) =>
  api("/api/member-invitations/accept", {
    method: "POST",
    body: JSON.stringify({ token, name, password: "a long and unusual passphrase" }),
  });

const nameOf = async (id: string) =>
  (await database(env.DB).query.providers.findFirst({ where: (p, { eq }) => eq(p.id, id) }))!.displayName;

describe("the audit trail", () => {
  it("records each administrative action once, newest first, naming who acted and on whom", async () => {
    const { admin, member, other } = await practiceOfThree();
    const adminName = await nameOf(admin.id);
    const memberName = await nameOf(member.id);
    const otherName = await nameOf(other.id);
    const invitee = `${unique("new")}@example.test`;
    const invited = await send("/api/practice/invitations", admin.cookie, "POST", { email: invitee, role: "provider" });
    expect(invited.status).toBe(201);
    const { id: invitationId } = (await invited.json()) as { id: string };
    expect((await send(`/api/practice/invitations/${invitationId}`, admin.cookie, "DELETE")).status).toBe(204);
    expect((await send(`/api/practice/members/${member.id}`, admin.cookie, "PATCH", { role: "admin" })).status).toBe(
      200,
    );
    expect(
      (await send("/api/practice", admin.cookie, "PATCH", { contactLine: "030 1234567", denyPauseMinutes: 9 })).status,
    ).toBe(200);
    const logo = await api("/api/practice/logo", {
      method: "PUT",
      headers: { Cookie: admin.cookie, "Content-Type": "image/png" },
      body: TINY_PNG,
    });
    expect(logo.status).toBe(200);
    expect((await send("/api/practice/logo", admin.cookie, "DELETE")).status).toBe(204);
    const consent = { en: "We record nothing. Agreed?", de: "Wir speichern nichts. Einverstanden?" };
    expect((await send("/api/practice/consent-text", admin.cookie, "PUT", consent)).status).toBe(200);
    expect((await api("/api/account/export", { headers: { Cookie: member.cookie } })).status).toBe(200);
    expect((await send(`/api/practice/members/${other.id}`, admin.cookie, "DELETE")).status).toBe(204);

    const entries = await trail(admin.cookie);
    expect(entries.map((e) => e.action)).toEqual([
      "member-removed",
      "data-exported",
      "consent-text-changed",
      "logo-changed",
      "logo-changed",
      "settings-changed",
      "role-changed",
      "invitation-withdrawn",
      "member-invited",
    ]);
    const [removed, exported, , logoRemoved, , settings, role, , invitation] = entries;
    expect(removed).toMatchObject({ actorName: adminName, targetName: otherName });
    expect(exported).toMatchObject({ actorName: memberName, detail: "account" });
    expect(logoRemoved?.detail).toBe("removed");
    expect(settings?.detail.split(",").sort()).toEqual(["contactLine", "denyPauseMinutes"]);
    expect(role).toMatchObject({ actorName: adminName, targetName: memberName, detail: "admin" });
    // The invitee is nobody of the practice's yet: their address is not kept in the trail.
    expect(JSON.stringify(invitation)).not.toContain(invitee);
    expect(invitation?.detail).toBe("provider");
  });

  it("records the 2FA rule and the activity log under their own actions, and nothing for settings left as they were", async () => {
    const { admin } = await practiceOfThree();
    const practice = (await (await api("/api/practice", { headers: { Cookie: admin.cookie } })).json()) as {
      contactLine: string;
    };
    // The settings form sends every field: unchanged ones are no action.
    expect((await send("/api/practice", admin.cookie, "PATCH", { contactLine: practice.contactLine })).status).toBe(
      200,
    );
    expect(
      (await send("/api/practice", admin.cookie, "PATCH", { activityLogOn: true, activityLogDays: 30 })).status,
    ).toBe(200);
    expect((await send("/api/practice", admin.cookie, "PATCH", { requireTotp: true })).status).toBe(200);
    const rows = await database(env.DB)
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.practiceId, admin.practiceId));
    expect(rows.map((r) => [r.action, r.detail]).sort()).toEqual([
      ["activity-log-changed", "on:30"],
      ["totp-rule-changed", "on"],
    ]);
  });

  it("records a change of the activity log's period alone as that change, never as switching the log on or off", async () => {
    const { admin } = await practiceOfThree();
    const setLog = (body: { activityLogOn?: boolean; activityLogDays?: number }) =>
      send("/api/practice", admin.cookie, "PATCH", body);
    // Off (the default, 90 days): a new period is not a switch, and deletes nothing.
    expect((await setLog({ activityLogDays: 20 })).status).toBe(200);
    // Switching on says so once, with the period it starts with, even when the period changes with it.
    expect((await setLog({ activityLogOn: true, activityLogDays: 30 })).status).toBe(200);
    // On: a new period is a change of the period, not a second switch on.
    expect((await setLog({ activityLogOn: true, activityLogDays: 1 })).status).toBe(200);
    // The form sends both fields: off with the period as it was is one switch off.
    expect((await setLog({ activityLogOn: false, activityLogDays: 1 })).status).toBe(200);
    // Off with a new period: the switch, and the period's change.
    expect((await setLog({ activityLogOn: true })).status).toBe(200);
    expect((await setLog({ activityLogOn: false, activityLogDays: 60 })).status).toBe(200);
    expect(await actions(admin.cookie)).toEqual([
      ["activity-log-period-changed", "90:20"],
      ["activity-log-changed", "on:30"],
      ["activity-log-period-changed", "30:1"],
      ["activity-log-changed", "off"],
      ["activity-log-changed", "on:1"],
      ["activity-log-changed", "off"],
      ["activity-log-period-changed", "1:60"],
    ]);
  });

  it("records a colleague joining through an invitation, under the name they chose then and their role, once", async () => {
    const { admin } = await practiceOfThree();
    const { email, token } = await invitedColleague(admin.cookie, "admin");
    const accepted = await acceptInvitation(token, "Dr. Neu Zugang");
    expect(accepted.status).toBe(201);
    // The same link again creates nobody and records nothing more.
    expect([404, 409]).toContain((await acceptInvitation(token, "Dr. Zweiter Versuch")).status);
    const [joined, ...earlier] = await trail(admin.cookie);
    expect(joined).toMatchObject({
      action: "member-joined",
      actorName: "Dr. Neu Zugang",
      targetName: "",
      detail: "admin",
    });
    expect(earlier.map((e) => e.action)).toEqual(["member-invited"]);
    expect(JSON.stringify(joined)).not.toContain(email);
  });

  it("records no joining for a withdrawn invitation's link", async () => {
    const { admin } = await practiceOfThree();
    const { token } = await invitedColleague(admin.cookie, "provider");
    const members = (await (await api("/api/practice/members", { headers: { Cookie: admin.cookie } })).json()) as {
      invitations: { id: string }[];
    };
    const [invitation] = members.invitations;
    expect((await send(`/api/practice/invitations/${invitation!.id}`, admin.cookie, "DELETE")).status).toBe(204);
    expect((await acceptInvitation(token, "Dr. Zu Spät")).status).toBe(404);
    expect((await trail(admin.cookie)).map((e) => e.action)).toEqual(["invitation-withdrawn", "member-invited"]);
  });

  it("writes no entry for an action that was refused or changed nothing", async () => {
    const { admin, member } = await practiceOfThree();
    // The last admin cannot step down; removing no logo and giving a member the role they have change nothing.
    expect((await send(`/api/practice/members/${admin.id}`, admin.cookie, "PATCH", { role: "provider" })).status).toBe(
      409,
    );
    expect((await send(`/api/practice/members/${member.id}`, admin.cookie, "PATCH", { role: "provider" })).status).toBe(
      200,
    );
    expect((await send("/api/practice/logo", admin.cookie, "DELETE")).status).toBe(204);
    expect((await send(`/api/practice/invitations/${crypto.randomUUID()}`, admin.cookie, "DELETE")).status).toBe(404);
    const taken = await providerWithSession(undefined, { role: "admin" });
    const takenName = (await database(env.DB).query.practices.findFirst({
      where: (p, { eq }) => eq(p.id, taken.practiceId),
    }))!.shortName!;
    expect((await send("/api/practice", admin.cookie, "PATCH", { shortName: takenName })).status).toBe(409);
    expect(await trail(admin.cookie)).toEqual([]);
  });

  it("keeps who deleted their own account after the account is gone", async () => {
    const { admin, member } = await practiceOfThree();
    const memberName = await nameOf(member.id);
    const res = await api("/api/account/delete", {
      method: "POST",
      headers: { Cookie: member.cookie },
      body: JSON.stringify({ password: member.password }),
    });
    expect(res.status).toBe(204);
    const [entry] = await trail(admin.cookie);
    expect(entry).toMatchObject({ action: "account-deleted", actorName: memberName });
  });

  it("is shown to admins only, and only their own practice's", async () => {
    const { admin, member } = await practiceOfThree();
    const stranger = await providerWithSession(undefined, { role: "admin" });
    expect((await send(`/api/practice/members/${member.id}`, admin.cookie, "PATCH", { role: "admin" })).status).toBe(
      200,
    );
    expect((await api("/api/practice/audit", { headers: { Cookie: stranger.cookie } })).status).toBe(200);
    expect(await trail(stranger.cookie)).toEqual([]);
    const plain = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
    expect((await api("/api/practice/audit", { headers: { Cookie: plain.cookie } })).status).toBe(403);
  });

  it("is purged by the cron after 90 days", async () => {
    const { admin } = await practiceOfThree();
    const db = database(env.DB);
    const now = Date.UTC(2030, 0, 1);
    const entry = (id: string, at: number) => ({
      id,
      practiceId: admin.practiceId,
      action: "settings-changed" as const,
      actorName: "Dr. A",
      at,
    });
    await db.insert(auditEntries).values([entry("audit-old", now - 91 * DAY), entry("audit-young", now - 89 * DAY)]);
    await purgeExpired(db, now);
    const left = await db
      .select({ id: auditEntries.id })
      .from(auditEntries)
      .where(eq(auditEntries.practiceId, admin.practiceId));
    expect(left.map((r) => r.id)).toEqual(["audit-young"]);
  });
});
