import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { consents } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, appointmentWithInvite, newLinkFor, providerWithSession } from "./helpers.ts";

const joinBody = (name = "Ada Patient") =>
  JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION });

describe("invite links", () => {
  it("a valid link names the provider and the time, not the appointment's title", async () => {
    const provider = await providerWithSession();
    const { token } = await appointmentWithInvite(provider.id);
    const res = await api(`/api/invites/${token}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "valid", providerName: expect.stringMatching(/^Dr\./) });
    expect(JSON.stringify(body)).not.toContain("Check-up");
  });

  it.each([
    ["unknown", "AAAAAAAAAAAAAAAAAAAAAA", 404],
    ["not a token at all", "short", 400],
  ])("an %s link is refused (%s)", async (_label, token, status) => {
    const res = await api(`/api/invites/${token}`);
    expect(res.status).toBe(status);
  });

  it("tells expired, revoked and not-yet-valid links apart", async () => {
    const provider = await providerWithSession();
    const expired = await appointmentWithInvite(provider.id, { fromMs: -7_200_000, untilMs: -1 });
    const revoked = await appointmentWithInvite(provider.id, { revoked: true });
    const early = await appointmentWithInvite(provider.id, { fromMs: 3_600_000 });
    const answers = await Promise.all(
      [expired, revoked, early].map(async ({ token }) => {
        const res = await api(`/api/invites/${token}`);
        return [res.status, ((await res.json()) as { status: string }).status];
      }),
    );
    expect(answers).toEqual([
      [410, "expired"],
      [410, "revoked"],
      [403, "not-yet-valid"],
    ]);
  });

  it("joining records consent with the text version and time only, and hands out a ticket", async () => {
    const provider = await providerWithSession();
    const { token, appointmentId } = await appointmentWithInvite(provider.id);
    const res = await api(`/api/invites/${token}/join`, {
      method: "POST",
      body: joinBody(),
      headers: { "CF-Connecting-IP": "203.0.113.9" },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ticket: string }).ticket).toMatch(/^[\w-]{40,}$/);
    const rows = await database(env.DB).select().from(consents).where(eq(consents.appointmentId, appointmentId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textVersion).toBe(CONSENT_TEXT_VERSION);
    expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113\.9|Ada/);
  });

  it("refuses to join without consent, with an outdated consent text, or through an unusable link, writing nothing", async () => {
    const provider = await providerWithSession();
    const { token, appointmentId } = await appointmentWithInvite(provider.id);
    const revoked = await appointmentWithInvite(provider.id, { revoked: true });
    const attempts = [
      api(`/api/invites/${token}/join`, {
        method: "POST",
        body: JSON.stringify({ name: "Ada", consent: false, consentVersion: CONSENT_TEXT_VERSION }),
      }),
      api(`/api/invites/${token}/join`, {
        method: "POST",
        body: JSON.stringify({ name: "Ada", consent: true, consentVersion: "1999-01-01" }),
      }),
      api(`/api/invites/${token}/join`, { method: "POST", body: "not json" }),
      api(`/api/invites/${revoked.token}/join`, { method: "POST", body: joinBody() }),
    ];
    const statuses = await Promise.all(attempts.map(async (p) => (await p).status));
    expect(statuses).toEqual([400, 400, 400, 410]);
    const db = database(env.DB);
    expect(await db.select().from(consents).where(eq(consents.appointmentId, appointmentId))).toEqual([]);
    expect(await db.select().from(consents).where(eq(consents.appointmentId, revoked.appointmentId))).toEqual([]);
  });
});

describe("appointments", () => {
  it("creates an appointment with a link valid until its end plus 30 minutes", async () => {
    const { cookie } = await providerWithSession();
    const startsAt = new Date(Date.now() + 3_600_000);
    const res = await api("/api/appointments", {
      method: "POST",
      headers: { Cookie: cookie },
      body: JSON.stringify({ title: "Therapy", startsAt: startsAt.toISOString(), durationMinutes: 50 }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { invite: { inviteUrl: string; validUntil: string } };
    expect(Date.parse(body.invite.validUntil)).toBe(startsAt.getTime() + 80 * 60_000);
    const token = body.invite.inviteUrl.split("/j/")[1]!;
    expect((await api(`/api/invites/${token}`)).status).toBe(200);
    const list = (await (await api("/api/appointments", { headers: { Cookie: cookie } })).json()) as {
      appointments: { title: string }[];
    };
    expect(list.appointments.map((a) => a.title)).toContain("Therapy");
  });

  it("a new link revokes the old one", async () => {
    const { cookie } = await providerWithSession();
    const created = (await (
      await api("/api/appointments", {
        method: "POST",
        headers: { Cookie: cookie },
        body: JSON.stringify({ title: "X", startsAt: new Date().toISOString(), durationMinutes: 30 }),
      })
    ).json()) as { appointment: { id: string }; invite: { inviteUrl: string } };
    const again = await newLinkFor(cookie, created.appointment.id);
    expect(again.status).toBe(201);
    const oldToken = created.invite.inviteUrl.split("/j/")[1]!;
    const newToken = ((await again.json()) as { invite: { inviteUrl: string } }).invite.inviteUrl.split("/j/")[1]!;
    expect(((await (await api(`/api/invites/${oldToken}`)).json()) as { status: string }).status).toBe("revoked");
    expect((await api(`/api/invites/${newToken}`)).status).toBe(200);
  });

  it("has no route that adds a link past the invitation cap: the old appointment-wide reissue is gone", async () => {
    const { cookie } = await providerWithSession();
    const created = (await (
      await api("/api/appointments", {
        method: "POST",
        headers: { Cookie: cookie },
        body: JSON.stringify({ title: "X", startsAt: new Date().toISOString(), durationMinutes: 30 }),
      })
    ).json()) as { appointment: { id: string }; invite: { inviteUrl: string } };
    const old = await api(`/api/appointments/${created.appointment.id}/invite`, {
      method: "POST",
      headers: { Cookie: cookie },
    });
    expect(old.status).toBe(404);
    const token = created.invite.inviteUrl.split("/j/")[1]!;
    expect((await api(`/api/invites/${token}`)).status).toBe(200);
  });

  it("refuses bad appointments with a message, and other providers' appointments with 404", async () => {
    const { cookie } = await providerWithSession();
    const other = await providerWithSession();
    const { inviteId } = await appointmentWithInvite(other.id);
    const post = (body: unknown) =>
      api("/api/appointments", { method: "POST", headers: { Cookie: cookie }, body: JSON.stringify(body) });
    const now = Date.now();
    const bad = await Promise.all([
      post({ title: "", startsAt: new Date(now).toISOString(), durationMinutes: 30 }),
      post({ title: "x", startsAt: "tomorrow", durationMinutes: 30 }),
      post({ title: "x", startsAt: new Date(now).toISOString(), durationMinutes: 0 }),
      post({ title: "x", startsAt: new Date(now).toISOString(), durationMinutes: 481 }),
      post({ title: "x", startsAt: new Date(now - 86_400_000).toISOString(), durationMinutes: 30 }),
    ]);
    for (const res of bad) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(0);
    }
    const foreign = await api(`/api/invitations/${inviteId}/link`, { method: "POST", headers: { Cookie: cookie } });
    expect(foreign.status).toBe(404);
    expect((await api("/api/appointments")).status).toBe(401);
  });
});
