// Shared set-up for tests in workerd: a provider with a session, appointments, invites, sockets.
import {
  createExecutionContext,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { and, asc, eq, isNull } from "drizzle-orm";
import { expect } from "vitest";
import { openName, sealName } from "../../client/src/shared/name-seal.ts";
import { applyQueueMessage } from "../../client/src/waiting/queue-list.ts";
import type { Consultation } from "../../durable-objects/index.ts";
import type { ServerMessage, WaitingPatient } from "../../schema/messages.ts";
import { sealPurposeOf } from "../../schema/sealed-name.ts";
import { appointments, invites, practices, providers } from "../../schema/tables.ts";
import { app } from "../../worker/app.ts";
import { argon2 } from "../../worker/auth/argon2.ts";
import { hashPassword } from "../../worker/auth/passwords.ts";
import { sha256Hex } from "../../worker/crypto.ts";
import { database } from "../../worker/db.ts";

export const ORIGIN = "http://anteroom.test";
let clients = 0;

/** A request as a browser on ORIGIN (or on `init.url`) would send it. */
function browserRequest(path: string, init: RequestInit & { url?: string }): Request {
  const headers = new Headers(init.headers);
  if (init.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  // Browsers send Origin with every POST; the CSRF check relies on it.
  if (!headers.has("Origin")) headers.set("Origin", ORIGIN);
  // Each request from its own client address, so that throttling per client touches only the
  // tests about throttling, which name an address.
  if (!headers.has("CF-Connecting-IP")) headers.set("CF-Connecting-IP", `198.51.100.${++clients % 250}`);
  return new Request(`${init.url ?? ORIGIN}${path}`, { ...init, headers });
}

/** A request to the app as a browser on ORIGIN (or on `init.url`) would send it. */
export function api(path: string, init: RequestInit & { url?: string } = {}): Promise<Response> {
  return exports.default.fetch(browserRequest(path, init));
}

/** Like api(), then waits for the work the answer left running (waitUntil), such as a mail sent after it. */
export async function apiSettled(path: string, init: RequestInit & { url?: string } = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(browserRequest(path, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** The app as it answers with other configuration: `vars` replace the test environment's. */
export async function apiWith(vars: Record<string, string>, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  const headers = new Headers(init.headers);
  // Browsers send Origin with every POST; the cross-site check relies on it.
  if (!headers.has("Origin")) headers.set("Origin", ORIGIN);
  return app.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }), { ...env, ...vars }, ctx);
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** A confirmed provider in D1, in a practice of their own unless one is given, without logging in. */
export async function confirmedProvider(
  options: { password?: string; practiceId?: string; role?: "admin" | "provider" } = {},
) {
  const password = options.password ?? "correct horse battery";
  const email = `${unique("dr")}@example.test`;
  const id = crypto.randomUUID();
  const now = Date.now();
  const db = database(env.DB);
  const practiceId = options.practiceId ?? crypto.randomUUID();
  if (!options.practiceId)
    await db.insert(practices).values({
      id: practiceId,
      name: `Practice ${email}`,
      // Unique, valid (schema/short-name.ts): join codes start with it.
      shortName: `t${practiceId.replaceAll("-", "").slice(0, 15)}`,
      createdAt: now,
    });
  await db.insert(providers).values({
    id,
    practiceId,
    role: options.role ?? "admin",
    email,
    displayName: `Dr. ${email.slice(0, 6)}`,
    passwordHash: hashPassword(argon2(), password),
    emailConfirmedAt: now,
    createdAt: now,
  });
  return { id, email, password, practiceId };
}

/** A confirmed provider in D1 plus a logged-in session cookie. */
export async function providerWithSession(
  password = "correct horse battery",
  options: { practiceId?: string; role?: "admin" | "provider" } = {},
) {
  const { id, email, practiceId } = await confirmedProvider({ password, ...options });
  const cookie = await logIn({ email, password });
  return { id, email, password, cookie, practiceId };
}

/** Logs a provider in once more (another browser, say): a session of its own, as its cookie. */
export async function logIn(account: { email: string; password: string }): Promise<string> {
  const res = await api("/api/auth/login", { method: "POST", body: JSON.stringify(account) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.headers.get("Set-Cookie")!.split(";")[0]!;
}

/** An appointment with an invite whose validity window is given relative to now. */
export async function appointmentWithInvite(
  providerId: string,
  window: { fromMs?: number; untilMs?: number; revoked?: boolean } = {},
) {
  const now = Date.now();
  const appointmentId = crypto.randomUUID();
  const token = crypto.randomUUID().replaceAll("-", "").slice(0, 22);
  const inviteId = crypto.randomUUID();
  const db = database(env.DB);
  await db.insert(appointments).values({
    id: appointmentId,
    providerId,
    title: "Check-up",
    startsAt: now,
    durationMinutes: 30,
    createdAt: now,
  });
  await db.insert(invites).values({
    id: inviteId,
    appointmentId,
    tokenHash: await sha256Hex(token),
    validFrom: now + (window.fromMs ?? -60_000),
    validUntil: now + (window.untilMs ?? 3_600_000),
    revokedAt: window.revoked ? now : null,
  });
  return { appointmentId, inviteId, token };
}

/**
 * The practice issues a new link for the appointment's first invitation (its newest link), as the
 * dashboard's "New link" does: the old link stops at once.
 */
export async function newLinkFor(cookie: string, appointmentId: string): Promise<Response> {
  const [current] = await database(env.DB)
    .select({ id: invites.id })
    .from(invites)
    .where(and(eq(invites.appointmentId, appointmentId), isNull(invites.replacedBy)))
    .orderBy(asc(invites.createdAt))
    .limit(1);
  if (!current) throw new Error("the appointment has no invitation");
  return api(`/api/invitations/${current.id}/link`, { method: "POST", headers: { Cookie: cookie } });
}

/** Headers that present a ticket the way our pages do: as an offered WebSocket subprotocol. */
export function ticketed(ticket: string): Record<string, string> {
  return { "Sec-WebSocket-Protocol": `anteroom.v1, ticket.${ticket}` };
}

/** A client socket that records every message it receives. */
export async function openSocket(path: string, headers: Record<string, string> = {}) {
  const res = await api(path, { headers: { Upgrade: "websocket", ...headers } });
  const ws = res.webSocket;
  if (!ws) return { status: res.status, res } as const;
  ws.accept();
  const received: ServerMessage[] = [];
  const waiters: Array<() => void> = [];
  let closed: { code: number; reason: string } | undefined;
  ws.addEventListener("message", (event) => {
    received.push(JSON.parse(event.data as string) as ServerMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  ws.addEventListener("close", (event) => {
    closed = { code: event.code, reason: event.reason };
    for (const wake of waiters.splice(0)) wake();
  });
  const socket = {
    status: res.status,
    /** The subprotocol the server chose, if any. */
    protocol: res.headers.get("Sec-WebSocket-Protocol"),
    ws,
    received,
    get closed() {
      return closed;
    },
    send(message: unknown) {
      ws.send(typeof message === "string" ? message : JSON.stringify(message));
    },
    /** Resolves with the first message (after those already seen) matching the predicate. */
    async next<T extends ServerMessage["type"]>(type: T, since = 0): Promise<Extract<ServerMessage, { type: T }>> {
      for (;;) {
        const found = received.slice(since).find((m) => m.type === type);
        if (found) return found as Extract<ServerMessage, { type: T }>;
        if (closed) throw new Error(`socket closed (${closed.code}) before a ${type} message`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    /**
     * Resolves with the first message after the first `since` that satisfies the predicate; fails as
     * soon as the socket closes or `within` further messages came without one.
     */
    async until<T extends ServerMessage>(
      predicate: (m: ServerMessage) => m is T,
      { since = 0, within = 50 }: { since?: number; within?: number } = {},
    ): Promise<T> {
      for (;;) {
        const found = received.slice(since).find(predicate);
        if (found) return found;
        if (closed) throw new Error(`socket closed (${closed.code}) before the expected message`);
        if (received.length - since >= within) throw new Error(`no expected message among ${within}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    /** The waiting patients as a provider's page keeps them from the messages so far. */
    waitingList(): readonly WaitingPatient[] {
      return received.reduce<readonly WaitingPatient[]>(applyQueueMessage, []);
    },
    /** Resolves with the provider's list of waiting patients once it holds exactly `count`. */
    async listed(count: number): Promise<readonly WaitingPatient[]> {
      for (;;) {
        const list = socket.waitingList();
        if (list.length === count) return list;
        if (closed) throw new Error(`socket closed (${closed.code}) before ${count} were waiting`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    /**
     * The names a dashboard shows once it lists exactly `count` patients and each has sent a sealed name,
     * opened with the tests' device key (the server never has them: issue 25).
     */
    async named(count: number): Promise<Array<string | undefined>> {
      for (;;) {
        const list = socket.waitingList();
        if (list.length === count && list.every((p) => p.sealedName)) return Promise.all(list.map(nameOf));
        if (closed) throw new Error(`socket closed (${closed.code}) before ${count} were waiting with names`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    /** Resolves once the socket has closed. */
    async whenClosed() {
      while (!closed) await new Promise<void>((resolve) => waiters.push(resolve));
      return closed;
    },
    /** Resolves once `count` messages in total have arrived. */
    async messages(count: number) {
      while (received.length < count && !closed) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
  };
  return socket;
}

/** A socket the server accepted; a refusal fails the test, naming its status. */
export async function connected(path: string, headers: Record<string, string> = {}) {
  const socket = await openSocket(path, headers);
  if (!("ws" in socket)) throw new Error(`socket refused: ${socket.status}`);
  return socket;
}

/**
 * How an upgrade was refused: the close code of a socket closed at once (what a browser can see),
 * or the HTTP status when there was no socket at all.
 */
export async function refusal(path: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = await openSocket(path, headers);
  if (!("ws" in socket)) return socket.status;
  const closed = await socket.whenClosed();
  expect(socket.received).toEqual([]);
  return closed.code;
}

/**
 * Rate limits count in one-minute windows aligned to the wall clock: a window rolling over in the middle
 * of a test about throttling would reset its count. Called first in such tests, this waits (at most
 * 15 s) for a fresh window when the current one is about to end; it asserts nothing about time.
 */
export async function freshRateWindow(room = 15_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < room) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** A 1×1 PNG: the smallest real logo. */
export const TINY_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
  (c) => c.charCodeAt(0),
);

/** How many rows each of the app's D1 tables holds: "writes nothing" compares two of these. */
export async function rowCounts(): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of results) {
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>();
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

/**
 * A consultation reaches its maximum length without the test waiting for it: the end the object keeps and
 * the tickets' expiry in its sockets' attachments move into the past, and the object hibernates and wakes
 * to its alarm, as it would when the time comes.
 */
export async function reachTimeLimit(stub: DurableObjectStub<Consultation>): Promise<void> {
  const passed = Date.now() - 1;
  await runInDurableObject(stub, async (_object: Consultation, state) => {
    await state.storage.put("ends-at", passed);
    for (const ws of state.getWebSockets()) {
      const attachment = ws.deserializeAttachment() as Record<string, unknown>;
      ws.serializeAttachment({ ...attachment, ticketExpiresAt: passed });
    }
  });
  await evictDurableObject(stub);
  await runDurableObjectAlarm(stub);
}

/**
 * A provider's device as the tests play it: the patients' pages in these tests seal names to its key,
 * and dashboards open them with it (the room's `seal-to` keys are those registered in D1, if any).
 */
const testDevice = (async () => {
  const keyPair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, [
    "deriveBits",
  ])) as CryptoKeyPair;
  return { kid: "tests-device-key-00000", publicKey: keyPair.publicKey, privateKey: keyPair.privateKey };
})();

/** As a patient's page does: waits for the room's `seal-to`, seals `name` to the tests' device, sends it. */
export async function tellName(socket: Awaited<ReturnType<typeof openSocket>>, name: string): Promise<void> {
  if (!("next" in socket)) throw new Error("not a socket");
  const asked = await socket.next("seal-to");
  const device = await testDevice;
  const sealed = await sealName(name, [{ kid: device.kid, publicKey: device.publicKey }], {
    invitation: asked.for,
    purpose: asked.purpose,
  });
  socket.send({ type: "name", sealed });
}

/** A waiting patient's name as a dashboard with the tests' device key opens it; undefined if it does not. */
export async function nameOf(patient: WaitingPatient): Promise<string | undefined> {
  const device = await testDevice;
  return openName(patient.sealedName, device, { invitation: patient.sealedFor, purpose: sealPurposeOf(patient.label) });
}
