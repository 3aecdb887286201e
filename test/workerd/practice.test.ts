import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../schema/messages.ts";
import { memberInvitations, practices, providers } from "../../schema/tables.ts";
import { app } from "../../worker/app.ts";
import { access } from "../../worker/auth/access.ts";
import { database } from "../../worker/db.ts";
import { MAX_INVITATIONS_PER_DAY } from "../../worker/invitation-quota.ts";
import { outbox } from "../../worker/mail/outbox.ts";
import {
  api,
  apiWith,
  appointmentWithInvite,
  freshRateWindow,
  ORIGIN,
  openSocket,
  providerWithSession,
  refusal,
  unique,
} from "./helpers.ts";

const PASSWORD = "a long and unusual passphrase";

const as = (cookie: string, init: RequestInit = {}) => ({
  ...init,
  headers: { Cookie: cookie, ...(init.headers as Record<string, string> | undefined) },
});
const post = (cookie: string, body: unknown) => as(cookie, { method: "POST", body: JSON.stringify(body) });
const patch = (cookie: string, body: unknown) => as(cookie, { method: "PATCH", body: JSON.stringify(body) });
const del = (cookie: string) => as(cookie, { method: "DELETE" });

const newAddress = () => `${unique("colleague")}@example.test`;

/** The mails to an address in the local outbox, newest first. */
async function mailsTo(address: string) {
  return (await outbox(env).list()).filter((mail) => mail.to === address);
}

/** The token of the newest invitation link mailed to the address. */
async function invitationToken(address: string): Promise<string> {
  const [mail] = await mailsTo(address);
  const token = mail?.text.match(/\/join-practice#([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no invitation link mailed to ${address}`);
  return token;
}

async function invite(adminCookie: string, email = newAddress(), role: "admin" | "provider" = "provider") {
  const res = await api("/api/practice/invitations", post(adminCookie, { email, role }));
  expect(res.status).toBe(201);
  const invitation = (await res.json()) as { id: string; email: string; role: string; expiresAt: string };
  return { ...invitation, token: await invitationToken(email) };
}

const accept = (token: string, password = PASSWORD) =>
  api("/api/member-invitations/accept", {
    method: "POST",
    body: JSON.stringify({ token, name: "Dr. Colleague", password, language: "de" }),
  });

const lookup = (token: string) =>
  api("/api/member-invitations/lookup", { method: "POST", body: JSON.stringify({ token }) });

/** An admin with a provider colleague in the same practice, both logged in. */
async function practiceWithMember() {
  const admin = await providerWithSession();
  const member = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
  return { admin, member };
}

const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

describe("inviting a colleague", () => {
  it("mails a /join-practice link; the colleague looks it up, accepts, logs in and is listed as a provider", async () => {
    const admin = await providerWithSession();
    const email = newAddress();
    const invitation = await invite(admin.cookie, email);
    expect(invitation).toMatchObject({ email, role: "provider" });
    const [mail] = await mailsTo(email);
    expect(mail?.html).toMatch(/<a href="http:\/\/anteroom\.test\/join-practice#[A-Za-z0-9_-]{43}"/);
    expect(mail?.text).toContain(`Practice ${admin.email}`);

    const details = await lookup(invitation.token);
    expect(details.status).toBe(200);
    expect(await details.json()).toEqual({ practiceName: `Practice ${admin.email}`, email, role: "provider" });

    const accepted = await accept(invitation.token);
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({
      email,
      displayName: "Dr. Colleague",
      role: "provider",
      language: "de",
      practice: { id: admin.practiceId },
    });
    const acceptCookie = (accepted.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    expect((await api("/api/auth/me", { headers: { Cookie: acceptCookie } })).status).toBe(200);

    const login = await api("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password: PASSWORD }) });
    expect(login.status).toBe(200);

    const list = (await (await api("/api/practice/members", as(admin.cookie))).json()) as {
      members: Array<{ email: string; role: string; you: boolean }>;
      invitations: unknown[];
    };
    expect(list.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: admin.email, role: "admin", you: true }),
        expect.objectContaining({ email, role: "provider", you: false }),
      ]),
    );
    expect(list.invitations).toEqual([]);
  });

  it("lists a pending invitation among the practice's invitations until it is withdrawn, which ends its link", async () => {
    const admin = await providerWithSession();
    const invitation = await invite(admin.cookie, newAddress(), "admin");
    const before = (await (await api("/api/practice/members", as(admin.cookie))).json()) as { invitations: unknown[] };
    expect(before.invitations).toEqual([
      { id: invitation.id, email: invitation.email, role: "admin", expiresAt: invitation.expiresAt },
    ]);
    expect((await api(`/api/practice/invitations/${invitation.id}`, del(admin.cookie))).status).toBe(204);
    const after = (await (await api("/api/practice/members", as(admin.cookie))).json()) as { invitations: unknown[] };
    expect(after.invitations).toEqual([]);
    expect(await codeOf(await lookup(invitation.token))).toBe("link-invalid");
  });

  it("the invitation link works once", async () => {
    const admin = await providerWithSession();
    const { token } = await invite(admin.cookie);
    expect((await accept(token)).status).toBe(201);
    const again = await accept(token);
    expect(again.status).toBe(404);
    expect(await codeOf(again)).toBe("link-invalid");
    expect((await lookup(token)).status).toBe(404);
  });

  it("an expired invitation link answers 410 link-expired and creates no account", async () => {
    const admin = await providerWithSession();
    const { id, email, token } = await invite(admin.cookie);
    const db = database(env.DB);
    await db
      .update(memberInvitations)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(memberInvitations.id, id));
    const looked = await lookup(token);
    expect(looked.status).toBe(410);
    expect(await codeOf(looked)).toBe("link-expired");
    const accepted = await accept(token);
    expect(accepted.status).toBe(410);
    expect(await db.select().from(providers).where(eq(providers.email, email))).toEqual([]);
  });

  it("refuses a member's address, or one with a pending invitation in this practice, with 409 email-taken", async () => {
    const { admin, member } = await practiceWithMember();
    const taken = await api("/api/practice/invitations", post(admin.cookie, { email: member.email, role: "provider" }));
    expect(taken.status).toBe(409);
    expect(await codeOf(taken)).toBe("email-taken");
    const { email } = await invite(admin.cookie);
    const twice = await api("/api/practice/invitations", post(admin.cookie, { email, role: "admin" }));
    expect(twice.status).toBe(409);
    expect(await codeOf(twice)).toBe("email-taken");
  });

  it("does not tell an admin that an address has an account with another practice: the holder learns it on accepting", async () => {
    const admin = await providerWithSession();
    const elsewhere = await providerWithSession();
    const { token } = await invite(admin.cookie, elsewhere.email);
    const accepted = await accept(token);
    expect(accepted.status).toBe(409);
    expect(await codeOf(accepted)).toBe("email-taken");
    const [account] = await database(env.DB).select().from(providers).where(eq(providers.email, elsewhere.email));
    expect(account!.practiceId).toBe(elsewhere.practiceId);
  });

  it("accepting refuses a weak password with its reason, and creates nothing", async () => {
    const admin = await providerWithSession();
    const { email, token } = await invite(admin.cookie);
    const res = await accept(token, "short");
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe("password-too-short");
    expect(await database(env.DB).select().from(providers).where(eq(providers.email, email))).toEqual([]);
    expect((await lookup(token)).status).toBe(200);
  });

  it("accepting is refused with 403 signup-closed when the deployment allows no new accounts, and allowed in invite mode", async () => {
    const admin = await providerWithSession();
    const { token } = await invite(admin.cookie);
    const body = JSON.stringify({ token, name: "Dr. Colleague", password: PASSWORD });
    const init = () => ({ method: "POST", body, headers: { "Content-Type": "application/json", Origin: ORIGIN } });
    const closed = await apiWith({ SIGNUP: "closed" }, "/api/member-invitations/accept", init());
    expect(closed.status).toBe(403);
    expect(await codeOf(closed)).toBe("signup-closed");
    expect((await apiWith({ SIGNUP: "invite" }, "/api/member-invitations/accept", init())).status).toBe(201);
  });

  it("a failed invitation mail answers 503 misconfigured and leaves no invitation", async () => {
    const admin = await providerWithSession();
    const email = newAddress();
    const res = await apiWith(
      { MAILER: "http", MAIL_API_URL: "http://127.0.0.1:9/none", MAIL_API_KEY: "k" },
      "/api/practice/invitations",
      {
        method: "POST",
        body: JSON.stringify({ email, role: "provider" }),
        headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: admin.cookie },
      },
    );
    expect(res.status).toBe(503);
    expect(await codeOf(res)).toBe("misconfigured");
    const rows = await database(env.DB).select().from(memberInvitations).where(eq(memberInvitations.email, email));
    expect(rows).toEqual([]);
  });
});

describe("who may manage a practice", () => {
  it("a provider who is not an admin sees the practice but gets 403 forbidden on every admin route", async () => {
    const { admin, member } = await practiceWithMember();
    const { id: invitationId } = await invite(admin.cookie);
    expect((await api("/api/practice", as(member.cookie))).status).toBe(200);
    // Every route guarded by the admin access level, as the app declares it, and each one in the API document.
    const adminRoutes = app.routes.filter((route) => route.handler === access.admin);
    const documented = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, object> };
    expect(adminRoutes.length).toBeGreaterThanOrEqual(9);
    for (const { method, path } of adminRoutes) {
      expect(documented.paths[path.replace(/:(\w+)/g, "{$1}")], `${method} ${path}`).toHaveProperty(
        method.toLowerCase(),
      );
      const url = path.replace(":id", path.includes("invitations") ? invitationId : admin.id);
      const res = await api(url, {
        method,
        headers: { Cookie: member.cookie },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await codeOf(res), `${method} ${path}`).toBe("forbidden");
    }
    // Nothing changed: the admin is still an admin, the invitation still pending.
    const members = (await (await api("/api/practice/members", as(admin.cookie))).json()) as {
      members: Array<{ id: string; role: string }>;
      invitations: Array<{ id: string }>;
    };
    expect(members.members.find((m) => m.id === admin.id)?.role).toBe("admin");
    expect(members.invitations.map((i) => i.id)).toContain(invitationId);
  });

  it("an admin of another practice gets 404 for this practice's member and invitation ids, and changes nothing", async () => {
    const { admin, member } = await practiceWithMember();
    const { id: invitationId, token } = await invite(admin.cookie);
    const stranger = await providerWithSession();
    const attempts = [
      api(`/api/practice/invitations/${invitationId}`, del(stranger.cookie)),
      api(`/api/practice/members/${member.id}`, patch(stranger.cookie, { role: "admin" })),
      api(`/api/practice/members/${member.id}`, del(stranger.cookie)),
      api(`/api/practice/members/${admin.id}`, patch(stranger.cookie, { role: "provider" })),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(await codeOf(res)).toBe("not-found");
    }
    const list = (await (await api("/api/practice/members", as(stranger.cookie))).json()) as {
      members: Array<{ id: string }>;
      invitations: unknown[];
    };
    expect(list.members.map((m) => m.id)).toEqual([stranger.id]);
    expect(list.invitations).toEqual([]);
    expect((await lookup(token)).status).toBe(200);
    expect((await api("/api/auth/me", as(member.cookie))).status).toBe(200);
  });
});

describe("roles", () => {
  it("the last admin cannot be demoted or removed, not even by themself (409 last-admin)", async () => {
    const { admin } = await practiceWithMember();
    const demote = await api(`/api/practice/members/${admin.id}`, patch(admin.cookie, { role: "provider" }));
    expect(demote.status).toBe(409);
    expect(await codeOf(demote)).toBe("last-admin");
    const remove = await api(`/api/practice/members/${admin.id}`, del(admin.cookie));
    expect(remove.status).toBe(409);
    expect(await codeOf(remove)).toBe("last-admin");
    expect((await api("/api/auth/me", as(admin.cookie))).status).toBe(200);
  });

  it("an admin can make a colleague admin and then step down, or remove themself", async () => {
    const { admin, member } = await practiceWithMember();
    const promoted = await api(`/api/practice/members/${member.id}`, patch(admin.cookie, { role: "admin" }));
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ id: member.id, role: "admin", you: false });
    const stepDown = await api(`/api/practice/members/${admin.id}`, patch(admin.cookie, { role: "provider" }));
    expect(stepDown.status).toBe(200);
    expect(await stepDown.json()).toMatchObject({ id: admin.id, role: "provider", you: true });
    expect((await api("/api/practice/members", as(admin.cookie))).status).toBe(403);
    expect((await api(`/api/practice/members/${member.id}`, del(member.cookie))).status).toBe(409);
    await api(`/api/practice/members/${admin.id}`, patch(member.cookie, { role: "admin" }));
    expect((await api(`/api/practice/members/${admin.id}`, del(admin.cookie))).status).toBe(204);
    expect((await api("/api/auth/me", as(admin.cookie))).status).toBe(401);
  });
});

describe("removing a member", () => {
  it("deletes their account, ends their sessions, closes their dashboard socket and mails them a notice", async () => {
    const { admin, member } = await practiceWithMember();
    const { appointmentId } = await appointmentWithInvite(member.id);
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: member.cookie });
    if (!("ws" in dashboard)) throw new Error("no socket");
    await dashboard.next("queue");

    expect((await api(`/api/practice/members/${member.id}`, del(admin.cookie))).status).toBe(204);

    expect((await dashboard.whenClosed()).code).toBe(CloseCode.unauthorized);
    expect((await api("/api/auth/me", as(member.cookie))).status).toBe(401);
    const login = await api("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    expect(login.status).toBe(401);
    const db = database(env.DB);
    expect(await db.query.appointments.findFirst({ where: (a, { eq }) => eq(a.id, appointmentId) })).toBeUndefined();
    const [notice] = await mailsTo(member.email);
    expect(notice?.subject).toContain(`Practice ${admin.email}`);
    const list = (await (await api("/api/practice/members", as(admin.cookie))).json()) as {
      members: Array<{ id: string }>;
    };
    expect(list.members.map((m) => m.id)).toEqual([admin.id]);
  });
});

describe("practice settings", () => {
  it("after the admin requires 2FA, a member without it gets 403 totp-required on appointments, their open dashboard closes, and they can reach their account", async () => {
    const { admin, member } = await practiceWithMember();
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: member.cookie });
    if (!("ws" in dashboard)) throw new Error("no socket");
    await dashboard.next("queue");
    const res = await api("/api/practice", patch(admin.cookie, { requireTotp: true }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ requireTotp: true });
    // The dashboard already open stops listing and admitting patients too, at once.
    expect(await dashboard.whenClosed()).toMatchObject({ code: CloseCode.unauthorized });
    const appointments = await api("/api/appointments", as(member.cookie));
    expect(appointments.status).toBe(403);
    expect(await codeOf(appointments)).toBe("totp-required");
    const me = await api("/api/auth/me", as(member.cookie));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ mustEnrolTotp: true, totpEnabled: false });
    // Nor through the waiting room's socket or the relay credentials: only the account page is open.
    expect(await refusal("/api/ws/waiting", { Cookie: member.cookie })).toBe(CloseCode.unauthorized);
    expect((await api("/api/ice-servers", as(member.cookie))).status).toBe(401);
  });

  it("keeps appointments between 1 and 30 days: 0 and 31 are refused with 400, 7 is stored", async () => {
    const admin = await providerWithSession();
    for (const days of [0, 31]) {
      const res = await api("/api/practice", patch(admin.cookie, { appointmentRetentionDays: days }));
      expect(res.status).toBe(400);
      expect(await codeOf(res)).toBe("invalid-input");
    }
    const ok = await api("/api/practice", patch(admin.cookie, { appointmentRetentionDays: 7, name: "Praxis Nord" }));
    expect(ok.status).toBe(200);
    expect(await (await api("/api/practice", as(admin.cookie))).json()).toMatchObject({
      name: "Praxis Nord",
      appointmentRetentionDays: 7,
    });
  });

  it("a patient's invite link shows the practice's name and contact line", async () => {
    const admin = await providerWithSession();
    await api("/api/practice", patch(admin.cookie, { name: "Praxis Süd", contactLine: "Questions? 030 1234567" }));
    const { token } = await appointmentWithInvite(admin.id);
    const res = await api(`/api/invites/${token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ practiceName: "Praxis Süd", contactLine: "Questions? 030 1234567" });
  });
});

describe("invitation floods", () => {
  it("one client cannot mail many addresses at once: 429 with Retry-After after thirty invitations in a minute", async () => {
    await freshRateWindow();
    // Two practices, so that neither reaches its daily quota: the throttle is per client, across practices.
    const admins = [await providerWithSession(), await providerWithSession()];
    const fromOneClient = (cookie: string, email: string) =>
      api("/api/practice/invitations", {
        ...post(cookie, { email, role: "provider" }),
        headers: { Cookie: cookie, "CF-Connecting-IP": "203.0.113.77" },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await fromOneClient(admins[i % 2]!.cookie, newAddress())).status);
    expect(statuses.every((status) => status === 201)).toBe(true);
    const refused = await fromOneClient(admins[0]!.cookie, newAddress());
    expect(refused.status).toBe(429);
    expect(await codeOf(refused)).toBe("rate-limited");
    expect(refused.headers.get("Retry-After")).toBeTruthy();
  });
});

describe("a closed deployment", () => {
  it("refuses to invite colleagues with 403 signup-closed, since their invitations could never be accepted", async () => {
    const admin = await providerWithSession();
    const email = newAddress();
    const res = await apiWith({ SIGNUP: "closed" }, "/api/practice/invitations", {
      method: "POST",
      headers: { Cookie: admin.cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ email, role: "provider" }),
    });
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe("signup-closed");
    expect(await database(env.DB).select().from(memberInvitations).where(eq(memberInvitations.email, email))).toEqual(
      [],
    );
  });
});

describe("accepting while the admin withdraws", () => {
  it("an invitation withdrawn before it is accepted creates no account", async () => {
    const admin = await providerWithSession();
    const { id, email, token } = await invite(admin.cookie);
    expect((await api(`/api/practice/invitations/${id}`, del(admin.cookie))).status).toBe(204);
    const accepted = await accept(token);
    expect(accepted.status).toBe(404);
    expect(await codeOf(accepted)).toBe("link-invalid");
    expect(await database(env.DB).select().from(providers).where(eq(providers.email, email))).toEqual([]);
  });

  it("a withdrawal and an acceptance at the same moment: exactly one takes effect, never both", async () => {
    for (let round = 0; round < 5; round++) {
      const admin = await providerWithSession();
      const { id, email, token } = await invite(admin.cookie);
      const [withdrawn, accepted] = await Promise.all([
        api(`/api/practice/invitations/${id}`, del(admin.cookie)),
        accept(token),
      ]);
      const account = await database(env.DB).select().from(providers).where(eq(providers.email, email));
      const pending = await database(env.DB).select().from(memberInvitations).where(eq(memberInvitations.id, id));
      expect(pending).toEqual([]);
      if (withdrawn.status === 204) {
        // The withdrawal won: the link no longer works and nobody joined.
        expect(accepted.status).toBe(404);
        expect(account).toEqual([]);
      } else {
        // The acceptance won: the colleague is a member, and there was nothing left to withdraw.
        expect(withdrawn.status).toBe(404);
        expect(accepted.status).toBeLessThan(300);
        expect(account).toHaveLength(1);
        expect(account[0]?.practiceId).toBe(admin.practiceId);
      }
    }
  });
});

describe("what a practice can make Anteroom mail", () => {
  it(`at most ${MAX_INVITATIONS_PER_DAY} invitations a day per practice; the next is refused and nothing is mailed`, async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    const today = Math.floor(Date.now() / 86_400_000);
    await database(env.DB)
      .update(practices)
      .set({ invitationsDay: today, invitationsThatDay: MAX_INVITATIONS_PER_DAY - 1 })
      .where(eq(practices.id, admin.practiceId));
    await invite(admin.cookie);
    const email = newAddress();
    const refused = await api("/api/practice/invitations", post(admin.cookie, { email, role: "provider" }));
    expect(refused.status).toBe(429);
    expect(await codeOf(refused)).toBe("invitation-quota");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await mailsTo(email)).toEqual([]);
    const pending = await database(env.DB).select().from(memberInvitations).where(eq(memberInvitations.email, email));
    expect(pending).toEqual([]);
    // A new day, a new quota.
    await database(env.DB)
      .update(practices)
      .set({ invitationsDay: today - 1 })
      .where(eq(practices.id, admin.practiceId));
    await invite(admin.cookie, email);
  });

  it("no web or e-mail address in a practice's name, its brand name or a provider's name", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    for (const name of [
      "Praxis evil.example",
      "Log in at https://evil.example",
      "www.evil",
      "Praxis (billing@evil.example)",
    ]) {
      const renamed = await api("/api/practice", patch(admin.cookie, { name }));
      expect(renamed.status, name).toBe(400);
      // Its own code, so the page says what to change.
      expect(await codeOf(renamed), name).toBe("name-holds-address");
      const branded = await api("/api/practice", patch(admin.cookie, { brandName: name }));
      expect(branded.status, name).toBe(400);
      const profile = await api("/api/account/profile", patch(admin.cookie, { displayName: name }));
      expect(profile.status, name).toBe(400);
    }
    // Titles with dots are names, not addresses.
    const fine = await api(
      "/api/practice",
      patch(admin.cookie, { name: "Praxis Dr. med. A. Berg, Dr.med. C. Ott e.V." }),
    );
    expect(fine.status).toBe(200);
  });
});
