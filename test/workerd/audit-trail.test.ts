// The audit trail: every administrative action of a practice leaves one entry (who, what, on whom,
// when), an action that fails leaves none, its admins read it newest first, and the cron purges entries
// after 90 days.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AuditTrail } from "../../schema/api-types.ts";
import { auditEntries } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
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
