// The authorisation matrix: every operation in /api/openapi.json, called by each kind of caller, gets
// exactly the expected answer. An operation missing here (or listed here but gone) fails the test, so a
// new route cannot ship without someone deciding who may call it.
// Each operation runs against a fresh world (two practices, their people, an appointment, an invitation),
// so that one caller's success (a deletion, say) cannot change what the next caller sees.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { base64url } from "../../common/encoding.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { app } from "../../worker/app.ts";
import { access } from "../../worker/auth/access.ts";
import { api, appointmentWithInvite, openSocket, providerWithSession, TINY_PNG, ticketed, unique } from "./helpers.ts";

const CALLERS = ["anonymous", "providerOfA", "adminOfA", "providerOfB", "inviteHolder"] as const;
type Caller = (typeof CALLERS)[number];
/** An HTTP status, or for socket routes the outcome: 101 for a socket that opens, else its close code. */
type Expected = Record<Caller, number>;

const STRONG_PASSWORD = "a sturdy passphrase 42";
const FORGED_LINK_TOKEN = "A".repeat(43);
/** P-256's generator point, raw: a public key any test may register. */
const KNOWN_POINT = "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU";

/** A fresh P-256 public key, raw and base64url, as a provider's browser makes it. */
async function newPublicKey(): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ])) as CryptoKeyPair;
  return base64url(new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer));
}

async function world() {
  const adminOfA = await providerWithSession(STRONG_PASSWORD, { role: "admin" });
  const providerOfA = await providerWithSession(STRONG_PASSWORD, { practiceId: adminOfA.practiceId, role: "provider" });
  // A third member of A, the target of role changes and removals.
  const colleague = await providerWithSession(STRONG_PASSWORD, { practiceId: adminOfA.practiceId, role: "provider" });
  // B is the admin of their own practice: even an admin elsewhere sees nothing of A.
  const providerOfB = await providerWithSession(STRONG_PASSWORD, { role: "admin" });
  const link = await appointmentWithInvite(providerOfA.id);
  // A new link replaces its invitation (a new id): the second caller who may do it needs one of its own.
  const spare = await appointmentWithInvite(providerOfA.id);
  const joined = await api(`/api/invites/${link.token}/join`, {
    method: "POST",
    body: JSON.stringify({ name: "Ada Patient", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  const { ticket } = (await joined.json()) as { ticket: string };
  const invited = await api("/api/practice/invitations", {
    method: "POST",
    headers: { Cookie: adminOfA.cookie },
    body: JSON.stringify({ email: `${unique("invitee")}@example.test`, role: "provider" }),
  });
  const invitation = (await invited.json()) as { id: string };
  // A's practice has a short name and providerOfA's personal room is on: walk-ins may enter it.
  const shortName = unique("praxis").toLowerCase();
  await env.DB.prepare("update practices set short_name = ? where id = ?").bind(shortName, adminOfA.practiceId).run();
  await env.DB.prepare("update providers set personal_room_name = 'room-a', personal_room_on = 1 where id = ?")
    .bind(providerOfA.id)
    .run();
  // A's provider has a calendar feed; its address is the anonymous route's credential.
  const feed = await api("/api/account/calendar-feed", { method: "POST", headers: { Cookie: providerOfA.cookie } });
  const { feedUrl } = (await feed.json()) as { feedUrl: string };
  // A's provider has a device key; only they may name it.
  const deviceKey = await api("/api/account/device-keys", {
    method: "POST",
    headers: { Cookie: providerOfA.cookie },
    body: JSON.stringify({ publicKey: await newPublicKey(), label: "Firefox on Linux" }),
  });
  const { id: deviceKeyId } = (await deviceKey.json()) as { id: string };
  return {
    deviceKeyId,
    roomPath: `${shortName}/room-a`,
    feedPath: new URL(feedUrl).pathname,
    adminOfA,
    providerOfA,
    colleague,
    providerOfB,
    link,
    spareInviteId: spare.inviteId,
    ticket,
    invitationId: invitation.id,
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** What each caller presents: a session cookie, a patient's waiting ticket, or nothing. */
function credentials(w: World, caller: Caller): Record<string, string> {
  switch (caller) {
    case "anonymous":
      return {};
    case "inviteHolder":
      return { Authorization: `Bearer ${w.ticket}` };
    default:
      return { Cookie: w[caller].cookie };
  }
}

interface Operation {
  /** Path with parameters filled in from the world (and, where a success uses something up, the caller). */
  path(w: World, caller: Caller): string;
  body?(w: World, caller: Caller): unknown;
  /** A body that is not JSON (an image), with its type. */
  rawBody?(): { bytes: Uint8Array<ArrayBuffer>; type: string };
  /** Socket routes: the outcome of an upgrade, not an HTTP status. */
  socket?: boolean;
  expected: Expected;
}

const all = (status: number): Expected => Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Expected;
/** Anyone logged in (any role, any practice) gets `status`; the others 401. */
const loggedIn = (status: number): Expected => ({
  anonymous: 401,
  inviteHolder: 401,
  providerOfA: status,
  adminOfA: status,
  providerOfB: status,
});
/** Admins of their own practice get `status`; a provider 403; the others 401. */
const admins = (ownPractice: number, otherPractice = ownPractice): Expected => ({
  anonymous: 401,
  inviteHolder: 401,
  providerOfA: 403,
  adminOfA: ownPractice,
  providerOfB: otherPractice,
});

const MATRIX: Record<string, Operation> = {
  // Anyone: forms before login and mailed links. Sessions neither help nor hurt.
  "POST /api/auth/signup": {
    path: () => "/api/auth/signup",
    body: () => ({
      name: "Dr. New",
      email: `${unique("new")}@example.test`,
      password: STRONG_PASSWORD,
      practiceName: "New Practice",
    }),
    expected: all(202),
  },
  "GET /api/health": { path: () => "/api/health", expected: all(200) },
  "GET /api/auth/signup": { path: () => "/api/auth/signup", expected: all(200) },
  // The operator's details for the terms and the privacy notice: public, nothing about any user.
  "GET /api/legal": { path: () => "/api/legal", expected: all(200) },
  "POST /api/auth/confirm": {
    path: () => "/api/auth/confirm",
    body: () => ({ token: FORGED_LINK_TOKEN }),
    expected: all(404),
  },
  "POST /api/auth/resend-confirmation": {
    path: () => "/api/auth/resend-confirmation",
    body: () => ({ email: `${unique("resend")}@example.test` }),
    expected: all(202),
  },
  "POST /api/auth/forgot-password": {
    path: () => "/api/auth/forgot-password",
    body: () => ({ email: `${unique("forgot")}@example.test` }),
    expected: all(202),
  },
  "POST /api/auth/reset-password": {
    path: () => "/api/auth/reset-password",
    body: () => ({ token: FORGED_LINK_TOKEN, password: STRONG_PASSWORD }),
    expected: all(404),
  },
  "POST /api/auth/login": {
    path: () => "/api/auth/login",
    body: (w) => ({ email: w.colleague.email, password: STRONG_PASSWORD }),
    expected: all(200),
  },
  "POST /api/auth/login/second-factor": {
    path: () => "/api/auth/login/second-factor",
    body: () => ({ challenge: "forged", code: "123456" }),
    expected: all(401),
  },
  "POST /api/auth/logout": { path: () => "/api/auth/logout", expected: all(204) },
  "POST /api/member-invitations/lookup": {
    path: () => "/api/member-invitations/lookup",
    body: () => ({ token: FORGED_LINK_TOKEN }),
    expected: all(404),
  },
  "POST /api/member-invitations/accept": {
    path: () => "/api/member-invitations/accept",
    body: () => ({ token: FORGED_LINK_TOKEN, name: "Dr. Joiner", password: STRONG_PASSWORD }),
    expected: all(404),
  },
  // Patients' invite links: public status, joining with consent.
  "GET /api/invites/{token}": { path: (w) => `/api/invites/${w.link.token}`, expected: all(200) },
  "POST /api/invites/{token}/join": {
    path: (w) => `/api/invites/${w.link.token}/join`,
    body: () => ({ name: "Ada Patient", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    expected: all(200),
  },
  // A personal room is public while on: anyone may look and enter as a walk-in.
  "GET /api/rooms/{practice}/{room}": { path: (w) => `/api/rooms/${w.roomPath}`, expected: all(200) },
  "POST /api/rooms/{practice}/{room}/join": {
    path: (w) => `/api/rooms/${w.roomPath}/join`,
    body: () => ({ name: "Walk In", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    expected: all(200),
  },
  // Join codes typed by patients: anyone may try, and an unknown code says so to everyone alike.
  "POST /api/join-code": {
    path: () => "/api/join-code",
    body: () => ({ code: "nosuchpractice 123456" }),
    expected: all(404),
  },
  // Relay credentials: a provider's session, or a consultation ticket; a patient still waiting has neither.
  "GET /api/ice-servers": { path: () => "/api/ice-servers", expected: loggedIn(200) },
  // Sockets: the waiting room opens for providers (their own room) and ticket holders; a consultation
  // only with a consultation ticket, which none of these callers has: a waiting ticket is a valid
  // credential of the wrong kind (4403), a session none at all (4401).
  "GET /api/ws/waiting": {
    path: () => "/api/ws/waiting",
    socket: true,
    expected: { ...loggedIn(101), anonymous: 4401, inviteHolder: 101 },
  },
  "GET /api/ws/consultation/{id}": {
    path: () => `/api/ws/consultation/${crypto.randomUUID()}`,
    socket: true,
    expected: { ...all(4401), inviteHolder: 4403 },
  },
  // The logged-in provider's own account.
  "POST /api/auth/logout-everywhere": { path: () => "/api/auth/logout-everywhere", expected: loggedIn(204) },
  "GET /api/auth/me": { path: () => "/api/auth/me", expected: loggedIn(200) },
  "GET /api/account/sessions": { path: () => "/api/account/sessions", expected: loggedIn(200) },
  // Each member their own room only: there is no way to name another's.
  "GET /api/account/personal-room": { path: () => "/api/account/personal-room", expected: loggedIn(200) },
  "PUT /api/account/personal-room": {
    path: () => "/api/account/personal-room",
    body: (_w, caller) => ({ on: false, name: `room-${caller.toLowerCase()}` }),
    expected: loggedIn(200),
  },
  "PATCH /api/account/profile": {
    path: () => "/api/account/profile",
    body: () => ({ displayName: "Dr. Renamed" }),
    expected: loggedIn(200),
  },
  "POST /api/account/totp": { path: () => "/api/account/totp", expected: loggedIn(200) },
  "POST /api/account/totp/confirm": {
    path: () => "/api/account/totp/confirm",
    body: () => ({ code: "123456", password: STRONG_PASSWORD }),
    expected: loggedIn(409),
  },
  "POST /api/account/totp/disable": {
    path: () => "/api/account/totp/disable",
    body: () => ({ password: STRONG_PASSWORD, code: "123456" }),
    expected: loggedIn(409),
  },
  "GET /api/account/export": { path: () => "/api/account/export", expected: loggedIn(200) },
  "POST /api/account/delete": {
    path: () => "/api/account/delete",
    body: () => ({ password: STRONG_PASSWORD }),
    // A's admin is the only admin of a practice with members: they must hand over first.
    // B is alone in their practice, so their account (and practice) goes.
    expected: { ...loggedIn(204), adminOfA: 409 },
  },
  // The provider's own calendar feed: each manages their own; its address alone opens it, for anyone.
  "GET /api/account/calendar-feed": { path: () => "/api/account/calendar-feed", expected: loggedIn(200) },
  "POST /api/account/calendar-feed": { path: () => "/api/account/calendar-feed", expected: loggedIn(201) },
  "PATCH /api/account/calendar-feed": {
    path: () => "/api/account/calendar-feed",
    body: () => ({ includeDetails: true }),
    // Only A's provider has a feed to switch; the others have none.
    expected: { ...loggedIn(404), providerOfA: 200 },
  },
  "DELETE /api/account/calendar-feed": { path: () => "/api/account/calendar-feed", expected: loggedIn(204) },
  // Device keys (issue 25): each provider their own; another's key id answers as an unknown one.
  "GET /api/account/device-keys": { path: () => "/api/account/device-keys", expected: loggedIn(200) },
  "POST /api/account/device-keys": {
    path: () => "/api/account/device-keys",
    body: () => ({ publicKey: KNOWN_POINT, label: "Chrome on Android" }),
    // The same point is a new key of each caller's own: keys are per provider.
    expected: loggedIn(201),
  },
  "DELETE /api/account/device-keys/{id}": {
    path: (w) => `/api/account/device-keys/${w.deviceKeyId}`,
    expected: { ...loggedIn(404), providerOfA: 204 },
  },
  "POST /api/account/device-keys/{id}/seen": {
    path: (w) => `/api/account/device-keys/${w.deviceKeyId}/seen`,
    expected: { ...loggedIn(404), providerOfA: 204 },
  },
  "GET /api/calendar/{feed}": { path: (w) => w.feedPath, expected: all(200) },
  // Appointments: a provider's own, and every member's for the practice's admin; nobody else's.
  "GET /api/appointments": { path: () => "/api/appointments", expected: loggedIn(200) },
  "POST /api/appointments": {
    path: () => "/api/appointments",
    body: () => ({ title: "Follow-up", startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 30 }),
    expected: loggedIn(201),
  },
  "PATCH /api/appointments/{id}": {
    path: (w) => `/api/appointments/${w.link.appointmentId}`,
    body: () => ({ title: "Renamed" }),
    expected: { ...loggedIn(404), providerOfA: 200, adminOfA: 200 },
  },
  "POST /api/appointments/{id}/cancel": {
    path: (w) => `/api/appointments/${w.link.appointmentId}/cancel`,
    expected: { ...loggedIn(404), providerOfA: 200, adminOfA: 200 },
  },
  // An appointment's invitations: as their appointment.
  "GET /api/appointments/{id}/invitations": {
    path: (w) => `/api/appointments/${w.link.appointmentId}/invitations`,
    expected: { ...loggedIn(404), providerOfA: 200, adminOfA: 200 },
  },
  "POST /api/appointments/{id}/invitations": {
    path: (w) => `/api/appointments/${w.link.appointmentId}/invitations`,
    body: () => ({ label: "interpreter" }),
    expected: { ...loggedIn(404), providerOfA: 201, adminOfA: 201 },
  },
  "POST /api/invitations/{id}/withdraw": {
    path: (w) => `/api/invitations/${w.link.inviteId}/withdraw`,
    expected: { ...loggedIn(404), providerOfA: 200, adminOfA: 200 },
  },
  "POST /api/invitations/{id}/code": {
    path: (w) => `/api/invitations/${w.link.inviteId}/code`,
    expected: { ...loggedIn(404), providerOfA: 201, adminOfA: 201 },
  },
  "POST /api/invitations/{id}/link": {
    path: (w, caller) => `/api/invitations/${caller === "adminOfA" ? w.spareInviteId : w.link.inviteId}/link`,
    expected: { ...loggedIn(404), providerOfA: 201, adminOfA: 201 },
  },
  "POST /api/invitations/{id}/send": {
    path: (w) => `/api/invitations/${w.link.inviteId}/send`,
    body: (w) => ({ channel: "email", to: `${unique("patient")}@example.test`, token: w.link.token, language: "en" }),
    expected: { ...loggedIn(404), providerOfA: 200, adminOfA: 200 },
  },
  // A link from inside a call: only its moderator gets one (call-invitations.test.ts runs a real call for
  // that, a colleague's 403 and the rest); a consultation nobody runs is over for everyone who may ask.
  "POST /api/consultations/{id}/invitations": {
    path: () => `/api/consultations/${crypto.randomUUID()}/invitations`,
    body: () => ({ label: "interpreter" }),
    expected: loggedIn(410),
  },
  // "Invite a colleague" (consultation-colleagues.test.ts runs a real call: the moderator's 201, a
  // colleague's 403, the join): every member may list their practice; a stranger's id is nobody's
  // colleague; a consultation nobody runs is over for everyone.
  "GET /api/consultations/{id}/colleagues": {
    path: () => `/api/consultations/${crypto.randomUUID()}/colleagues`,
    expected: loggedIn(200),
  },
  "POST /api/consultations/{id}/colleagues": {
    path: () => `/api/consultations/${crypto.randomUUID()}/colleagues`,
    body: () => ({ colleagueId: crypto.randomUUID() }),
    expected: loggedIn(404),
  },
  "POST /api/consultations/{id}/join": {
    path: () => `/api/consultations/${crypto.randomUUID()}/join`,
    expected: loggedIn(410),
  },
  // The practice: members read it, admins manage it, and only their own.
  "GET /api/practice": { path: () => "/api/practice", expected: loggedIn(200) },
  // Public keys: any member reads the practice's, for the commitment in the links they make.
  "GET /api/practice/device-keys": { path: () => "/api/practice/device-keys", expected: loggedIn(200) },
  "PATCH /api/practice": {
    path: () => "/api/practice",
    body: () => ({ contactLine: "Questions? 030 1234567" }),
    expected: admins(200),
  },
  "GET /api/practice/members": { path: () => "/api/practice/members", expected: admins(200) },
  // The audit trail: each admin reads their own practice's.
  "GET /api/practice/audit": { path: () => "/api/practice/audit", expected: admins(200) },
  // The activity log (opt-in): each admin reads and exports their own practice's.
  "GET /api/practice/activity": { path: () => "/api/practice/activity", expected: admins(200) },
  "GET /api/practice/activity.csv": { path: () => "/api/practice/activity.csv", expected: admins(200) },
  // What patients see: members read the consent text, admins change it and the logo; anyone loads a logo.
  "GET /api/practice/consent-text": { path: () => "/api/practice/consent-text", expected: loggedIn(200) },
  "PUT /api/practice/consent-text": {
    path: () => "/api/practice/consent-text",
    body: () => ({ en: "I agree to a video consultation.", de: "Ich willige in eine Videosprechstunde ein." }),
    expected: admins(200),
  },
  "PUT /api/practice/logo": {
    path: () => "/api/practice/logo",
    rawBody: () => ({ bytes: TINY_PNG, type: "image/png" }),
    expected: admins(200),
  },
  "DELETE /api/practice/logo": { path: () => "/api/practice/logo", expected: admins(204) },
  "GET /api/logos/{hash}": { path: () => `/api/logos/${"0".repeat(64)}`, expected: all(404) },
  "POST /api/practice/invitations": {
    path: () => "/api/practice/invitations",
    body: () => ({ email: `${unique("colleague")}@example.test`, role: "provider" }),
    expected: admins(201),
  },
  "DELETE /api/practice/invitations/{id}": {
    path: (w) => `/api/practice/invitations/${w.invitationId}`,
    expected: admins(204, 404),
  },
  "PATCH /api/practice/members/{id}": {
    path: (w) => `/api/practice/members/${w.colleague.id}`,
    body: () => ({ role: "admin" }),
    expected: admins(200, 404),
  },
  "DELETE /api/practice/members/{id}": {
    path: (w) => `/api/practice/members/${w.colleague.id}`,
    expected: admins(204, 404),
  },
  // The operator's token is none of these callers'.
  "POST /api/operator/practices": {
    path: () => "/api/operator/practices",
    body: () => ({ practiceName: "Op Practice", adminName: "Dr. Op", adminEmail: `${unique("op")}@example.test` }),
    expected: all(401),
  },
  "GET /api/operator/configuration": { path: () => "/api/operator/configuration", expected: all(401) },
  "POST /api/operator/second-factor-resets": {
    path: () => "/api/operator/second-factor-resets",
    body: () => ({ email: `${unique("op")}@example.test` }),
    expected: all(401),
  },
};

/** Admins act last, so that a caller who may not do something meets the resource still in place. */
const ORDER: Caller[] = ["anonymous", "inviteHolder", "providerOfB", "providerOfA", "adminOfA"];

async function outcome(w: World, key: string, operation: Operation, caller: Caller): Promise<number> {
  const method = key.split(" ")[0]!;
  const headers = credentials(w, caller);
  if (operation.socket) {
    const ticketHeaders = caller === "inviteHolder" ? ticketed(w.ticket) : headers;
    const socket = await openSocket(operation.path(w, caller), ticketHeaders);
    if (!("ws" in socket)) return socket.status;
    // Opened: either a first message arrives, or the server closes it at once with a reason.
    await Promise.race([socket.messages(1), socket.whenClosed()]);
    const closed = socket.closed;
    socket.ws.close(1000);
    return closed ? closed.code : 101;
  }
  const body = operation.body?.(w, caller);
  const raw = operation.rawBody?.();
  const res = await api(operation.path(w, caller), {
    method,
    headers: raw ? { ...headers, "Content-Type": raw.type } : headers,
    body: raw ? raw.bytes : body === undefined ? undefined : JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

async function documentedOperations(): Promise<string[]> {
  const res = await api("/api/openapi.json");
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe("the authorisation matrix", () => {
  it("covers exactly the operations in the OpenAPI document", async () => {
    expect(Object.keys(MATRIX).sort()).toEqual(await documentedOperations());
  });

  for (const [key, operation] of Object.entries(MATRIX)) {
    it(`${key}: each caller gets exactly the expected answer`, async () => {
      const w = await world();
      const actual: Partial<Expected> = {};
      for (const caller of ORDER) actual[caller] = await outcome(w, key, operation, caller);
      expect(actual).toEqual(operation.expected);
    });
  }
});

describe("practices are walled off from each other", () => {
  it("an admin of one practice lists only their own members", async () => {
    const w = await world();
    const res = await api("/api/practice/members", { headers: { Cookie: w.providerOfB.cookie } });
    const { members } = (await res.json()) as { members: { id: string }[] };
    expect(members.map((m) => m.id)).toEqual([w.providerOfB.id]);
  });
});

describe("every route names who may call it", () => {
  it("each operation in the API document has exactly one access level among its middleware", async () => {
    const documented = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const levels = new Set<unknown>(Object.values(access));
    const operations = Object.entries(documented.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ":$1") })),
    );
    expect(operations.length).toBeGreaterThan(40);
    for (const { method, path } of operations) {
      const named = app.routes.filter(
        (route) => route.method === method && route.path === path && levels.has(route.handler),
      );
      expect(named.length, `${method} ${path}`).toBe(1);
    }
  });
});
