import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEVICE_KEY_LAPSE_DAYS } from "../../schema/api-device-keys.ts";
import {
  accountTokens,
  appointments,
  consents,
  deviceKeys,
  invites,
  joinCodes,
  memberInvitations,
  practices,
  providers,
  sessions,
  walkInConsents,
} from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { purgeExpired } from "../../worker/purge.ts";
import { appointmentWithInvite, confirmedProvider, providerWithSession } from "./helpers.ts";

const DAY = 86_400_000;

describe("the scheduled purge", () => {
  it("deletes expired sessions, invites a day past validity, and appointments 30 days after they end (the default), with their consents", async () => {
    const db = database(env.DB);
    const provider = await providerWithSession();
    const recent = await appointmentWithInvite(provider.id);
    const old = await appointmentWithInvite(provider.id, { untilMs: -2 * DAY });
    await db
      .update(appointments)
      .set({ startsAt: Date.now() - 31 * DAY })
      .where(eq(appointments.id, old.appointmentId));
    await db.insert(consents).values({
      id: crypto.randomUUID(),
      appointmentId: old.appointmentId,
      inviteId: old.inviteId,
      textVersion: "v",
      consentedAt: 0,
    });
    const lapsed = await appointmentWithInvite(provider.id, { untilMs: -2 * DAY });
    await db.insert(sessions).values({
      tokenHash: `expired-${crypto.randomUUID()}`,
      providerId: provider.id,
      expiresAt: Date.now() - 1,
      lastSeenAt: Date.now() - DAY,
      createdAt: Date.now() - DAY,
    });

    await purgeExpired(db);

    expect(await db.select().from(appointments).where(eq(appointments.id, old.appointmentId))).toEqual([]);
    expect(await db.select().from(consents).where(eq(consents.appointmentId, old.appointmentId))).toEqual([]);
    expect(await db.select().from(invites).where(eq(invites.id, lapsed.inviteId))).toEqual([]);
    expect(await db.select().from(invites).where(eq(invites.id, recent.inviteId))).toHaveLength(1);
    expect(await db.select().from(appointments).where(eq(appointments.id, lapsed.appointmentId))).toHaveLength(1);
    const live = await db.select().from(sessions).where(eq(sessions.providerId, provider.id));
    expect(live.every((s) => s.expiresAt > Date.now())).toBe(true);
    expect(live).toHaveLength(1);
  });
});

describe("the scheduled purge per practice", () => {
  it("keeps appointments as many days after they end as their practice's retention setting says", async () => {
    const db = database(env.DB);
    const brief = await providerWithSession();
    const full = await providerWithSession();
    await db.update(practices).set({ appointmentRetentionDays: 3 }).where(eq(practices.id, brief.practiceId));
    const endedDaysAgo = async (providerId: string, days: number) => {
      const { appointmentId } = await appointmentWithInvite(providerId);
      // Starts (and with 30 minutes' duration, ends) `days` days ago, give or take the half hour.
      await db
        .update(appointments)
        .set({ startsAt: Date.now() - days * DAY - 30 * 60_000 })
        .where(eq(appointments.id, appointmentId));
      return appointmentId;
    };
    const briefOld = await endedDaysAgo(brief.id, 4);
    const briefRecent = await endedDaysAgo(brief.id, 2);
    const fullOld = await endedDaysAgo(full.id, 4);

    await purgeExpired(db);

    const exists = async (id: string) => (await db.select().from(appointments).where(eq(appointments.id, id))).length;
    expect(await exists(briefOld)).toBe(0);
    expect(await exists(briefRecent)).toBe(1);
    expect(await exists(fullOld)).toBe(1);
  });

  it("keeps a walk-in's consent record as many days as the practice's retention setting says", async () => {
    const db = database(env.DB);
    const provider = await providerWithSession();
    await db.update(practices).set({ appointmentRetentionDays: 3 }).where(eq(practices.id, provider.practiceId));
    const given = async (daysAgo: number) => {
      const id = crypto.randomUUID();
      await db.insert(walkInConsents).values({
        id,
        providerId: provider.id,
        textVersion: "2024-01-01",
        language: "en",
        consentedAt: Date.now() - daysAgo * DAY,
      });
      return id;
    };
    const old = await given(4);
    const recent = await given(2);

    await purgeExpired(db);

    const kept = await db
      .select({ id: walkInConsents.id })
      .from(walkInConsents)
      .where(inArray(walkInConsents.id, [old, recent]));
    expect(kept).toEqual([{ id: recent }]);
  });

  it("deletes expired mailed-link tokens and member invitations, and keeps valid ones", async () => {
    const db = database(env.DB);
    const provider = await providerWithSession();
    const now = Date.now();
    const token = (expiresAt: number) => ({
      tokenHash: crypto.randomUUID(),
      providerId: provider.id,
      purpose: "reset" as const,
      expiresAt,
      createdAt: now - DAY,
    });
    const invitation = (expiresAt: number) => ({
      id: crypto.randomUUID(),
      practiceId: provider.practiceId,
      email: `${crypto.randomUUID()}@example.test`,
      role: "provider" as const,
      tokenHash: crypto.randomUUID(),
      expiresAt,
      createdAt: now - DAY,
    });
    const [expiredToken, validToken] = [token(now - 1), token(now + DAY)];
    const [expiredInvitation, validInvitation] = [invitation(now - 1), invitation(now + DAY)];
    await db.insert(accountTokens).values([expiredToken, validToken]);
    await db.insert(memberInvitations).values([expiredInvitation, validInvitation]);

    await purgeExpired(db);

    const tokens = await db.select().from(accountTokens).where(eq(accountTokens.providerId, provider.id));
    expect(tokens.map((t) => t.tokenHash)).toEqual([validToken.tokenHash]);
    const invitations = await db
      .select()
      .from(memberInvitations)
      .where(eq(memberInvitations.practiceId, provider.practiceId));
    expect(invitations.map((i) => i.id)).toEqual([validInvitation.id]);
  });
});

describe("the purge of unconfirmed sign-ups", () => {
  it("deletes an account never confirmed once its last link has lapsed, with its practice, and keeps one whose link still works", async () => {
    const db = database(env.DB);
    const lapsed = await confirmedProvider();
    const pending = await confirmedProvider();
    await db
      .update(providers)
      .set({ emailConfirmedAt: null, createdAt: Date.now() - 2 * DAY })
      .where(inArray(providers.id, [lapsed.id, pending.id]));
    await db.insert(accountTokens).values({
      tokenHash: `live-${crypto.randomUUID()}`,
      providerId: pending.id,
      purpose: "confirm",
      expiresAt: Date.now() + DAY,
      createdAt: Date.now(),
    });

    await purgeExpired(db);

    expect(await db.select().from(providers).where(eq(providers.id, lapsed.id))).toEqual([]);
    expect(await db.select().from(practices).where(eq(practices.id, lapsed.practiceId))).toEqual([]);
    expect(await db.select().from(providers).where(eq(providers.id, pending.id))).toHaveLength(1);
    expect(await db.select().from(practices).where(eq(practices.id, pending.practiceId))).toHaveLength(1);
  });
});

describe("the purge of join codes", () => {
  it("deletes a code a day after its week ended, while its link still works, and keeps younger ones", async () => {
    const db = database(env.DB);
    const provider = await providerWithSession();
    const now = Date.now();
    const codes = { lapsed: now - 2 * DAY, recent: now - 60_000, live: now + DAY };
    for (const [name, expiresAt] of Object.entries(codes)) {
      const { inviteId } = await appointmentWithInvite(provider.id, { untilMs: 10 * DAY });
      await db
        .insert(joinCodes)
        .values({ inviteId, codeHash: `${name}-${crypto.randomUUID()}`, createdAt: 0, expiresAt });
    }
    const left = async () =>
      (
        await db
          .select()
          .from(joinCodes)
          .where(inArray(joinCodes.expiresAt, Object.values(codes)))
      ).map((code) => code.expiresAt);
    expect(await left()).toHaveLength(3);

    await purgeExpired(db, now);

    expect((await left()).sort((a, b) => a - b)).toEqual([codes.recent, codes.live]);
  });
});

describe("the purge of device keys", () => {
  it(`deletes device keys unused for ${DEVICE_KEY_LAPSE_DAYS} days and keeps those used since`, async () => {
    const db = database(env.DB);
    const provider = await confirmedProvider();
    const key = (id: string, daysAgo: number) => ({
      id,
      providerId: provider.id,
      publicKey: id.padEnd(87, "A"),
      label: "Firefox on Linux",
      fingerprint: "0000 0000 0000 0000 0000 0000 0000 0000",
      createdAt: Date.now() - 200 * DAY,
      lastUsedAt: Date.now() - daysAgo * DAY,
    });
    const [lapsed, inUse] = [crypto.randomUUID().slice(0, 22), crypto.randomUUID().slice(0, 22)];
    await db.insert(deviceKeys).values([key(lapsed, DEVICE_KEY_LAPSE_DAYS + 1), key(inUse, DEVICE_KEY_LAPSE_DAYS - 1)]);

    await purgeExpired(db);

    const left = await db.select().from(deviceKeys).where(eq(deviceKeys.providerId, provider.id));
    expect(left.map((row) => row.id)).toEqual([inUse]);
  });
});
