import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments, consents, invites, sessions } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { purgeExpired } from "../../worker/purge.ts";
import { appointmentWithInvite, providerWithSession } from "./helpers.ts";

const DAY = 86_400_000;

describe("the scheduled purge", () => {
  it("deletes expired sessions, invites a day past validity, and appointments 30 days after they end, with their consents", async () => {
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
