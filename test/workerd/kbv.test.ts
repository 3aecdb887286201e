// The KBV set: one test per point of Anlage 31b BMV-Ä (Anforderungen an die technischen Verfahren zur
// Videosprechstunde), each named after the paragraph it proves. docs/KBV.md maps every point to its tests,
// here and in test/client/kbv.test.ts, test/node/kbv.test.ts and test/browser/kbv.test.ts, and says what
// stays the operator's part.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import headersFile from "../../client/public/_headers?raw";
import type { Consultation, WaitingRoom } from "../../durable-objects/index.ts";
import { MAX_ACTIVITY_LOG_DAYS } from "../../schema/audit.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { MAX_APPOINTMENT_RETENTION_DAYS } from "../../schema/limits.ts";
import type { ServerMessage } from "../../schema/messages.ts";
import {
  accountTokens,
  activityEntries,
  appointments,
  auditEntries,
  consents,
  invites,
  joinCodes,
  memberInvitations,
  practices,
  sessions,
  walkInConsents,
} from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { objects } from "../../worker/jurisdiction.ts";
import { purgeExpired } from "../../worker/purge.ts";
import wranglerToml from "../../wrangler.toml?raw";
import {
  api,
  apiWith,
  appointmentWithInvite,
  connected,
  type openSocket,
  providerWithSession,
  ticketed,
  unique,
} from "./helpers.ts";

const DAY = 86_400_000;
/** "spätestens nach drei Monaten": the shortest three months a calendar has (Feb–Apr) is 89 days; 90 is the bound we hold. */
const THREE_MONTHS_MS = 90 * DAY;

type Socket = Extract<Awaited<ReturnType<typeof openSocket>>, { ws: WebSocket }>;

/** A patient joins through their link alone: no cookie, no account; the answer is a waiting ticket. */
async function joinWithLink(token: string, name: string): Promise<Response> {
  return api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
}

async function ticketFor(token: string, name: string): Promise<string> {
  const res = await joinWithLink(token, name);
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
}

/**
 * A consultation as the pages make it: the provider's dashboard, a patient who joins with their link,
 * waits and is admitted; both open the consultation's socket and learn each other's id.
 */
async function runningConsultation(patientName: string) {
  const provider = await providerWithSession();
  const { token, appointmentId } = await appointmentWithInvite(provider.id);
  const ticket = await ticketFor(token, patientName);
  const desk = await connected("/api/ws/waiting", { Cookie: provider.cookie });
  await desk.next("queue");
  const waiting = await connected("/api/ws/waiting", ticketed(ticket));
  await waiting.next("position");
  const [listed] = await desk.listed(1);
  desk.send({ type: "admit", patientId: listed!.id });
  const forPatient = await waiting.next("admitted");
  const forProvider = await desk.next("admitted");
  const consultationId = forPatient.consultationId;
  const doctor = await connected(`/api/ws/consultation/${consultationId}`, {
    ...ticketed(forProvider.ticket),
    Cookie: provider.cookie,
  });
  const patient = await connected(`/api/ws/consultation/${consultationId}`, ticketed(forPatient.ticket));
  const doctorId = (await doctor.next("hello")).you;
  const patientId = (await patient.next("hello")).you;
  for (const socket of [doctor, patient]) {
    await socket.until(
      (m): m is Extract<ServerMessage, { type: "presence" }> => m.type === "presence" && m.participants.length === 2,
    );
  }
  return { provider, appointmentId, consultationId, desk, doctor, patient, doctorId, patientId };
}

/** A message that gets exactly one answer (an error): once it is back, everything sent before it has arrived. */
async function roundTrip(socket: Socket): Promise<void> {
  const since = socket.received.length;
  socket.send({ type: "no-such-message" });
  await socket.until((m): m is Extract<ServerMessage, { type: "error" }> => m.type === "error", { since });
}

/** Every row of every app table in D1, each as the JSON of all its columns. */
async function everyD1Row(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  expect(results.length).toBeGreaterThan(10);
  const rows: string[] = [];
  for (const { name } of results) {
    const all = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    for (const row of all.results) rows.push(`${name}: ${JSON.stringify(row)}`);
  }
  return rows;
}

/** Everything a Durable Object keeps: its key-value storage and every row of its own SQL tables. */
async function everythingStored(stub: DurableObjectStub<Consultation> | DurableObjectStub<WaitingRoom>) {
  return runInDurableObject(stub, async (_object: unknown, state) => {
    const kept: string[] = [];
    for (const [key, value] of await state.storage.list()) kept.push(`${key}: ${JSON.stringify(value)}`);
    const tables = state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      )
      .toArray();
    for (const { name } of tables) {
      for (const row of state.storage.sql.exec(`SELECT * FROM "${name}"`).toArray()) {
        kept.push(`${name}: ${JSON.stringify(row)}`);
      }
    }
    return kept;
  });
}

type Ids = { providerId: string; practiceId: string; id: string };
/** How many of the planted rows are still there. */
type Remaining = () => Promise<number>;

/** Writes one row into a table, and says how to count it (by `where`) later. */
async function planted<T extends SQLiteTable>(table: T, row: T["$inferInsert"], where: SQL): Promise<Remaining> {
  const db = database(env.DB);
  await db.insert(table).values(row);
  return () => db.$count(table, where);
}

describe("KBV Anlage 31b BMV-Ä", () => {
  it("§ 5 (Registrierung): providers register and log in; patients need no account, only their link, to join and wait", async () => {
    const email = `${unique("kbv")}@example.test`.toLowerCase();
    const signup = await api("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({
        name: "Dr. Anna Kbv",
        email,
        password: "a sturdy passphrase 42",
        practiceName: "Praxis Kbv",
      }),
    });
    expect(signup.status).toBe(202);
    // Where the operator keeps sign-up closed, nobody registers by themselves.
    const closed = await apiWith({ SIGNUP: "closed" }, "/api/auth/signup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        name: "Dr. B",
        email: `b-${email}`,
        password: "a sturdy passphrase 42",
        practiceName: "B",
      }),
    });
    expect(closed.status).toBe(403);
    // A provider's pages need a login.
    expect((await api("/api/appointments")).status).toBe(401);

    // The patient: no cookie, no sign-up; the link alone gives a waiting ticket, and the ticket a place.
    const provider = await providerWithSession();
    const { token } = await appointmentWithInvite(provider.id);
    const joined = await joinWithLink(token, "Paula Ohnekonto");
    expect(joined.status).toBe(200);
    expect(joined.headers.get("Set-Cookie")).toBeNull();
    const { ticket } = (await joined.json()) as { ticket: string };
    const waiting = await connected("/api/ws/waiting", ticketed(ticket));
    expect(await waiting.next("position")).toMatchObject({ position: 1 });
    // Nothing in D1 is a patient's account: only providers have a password.
    const { results } = await env.DB.prepare(
      "SELECT m.name AS tbl FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%password%'",
    ).all<{ tbl: string }>();
    expect(results.map((r) => r.tbl)).toEqual(["providers"]);
  });

  it("§ 5 (ungestörte Videosprechstunde): someone arriving in the waiting room during a consultation is not announced to anyone in it", async () => {
    const call = await runningConsultation("Erika Imgespraech");
    // Whatever the start of the call sent has arrived.
    await roundTrip(call.doctor);
    await roundTrip(call.patient);
    const before = { doctor: call.doctor.received.length, patient: call.patient.received.length };
    // Another patient of the same provider arrives while the consultation runs.
    const { token } = await appointmentWithInvite(call.provider.id);
    const next = await connected("/api/ws/waiting", ticketed(await ticketFor(token, "Otto Nachher")));
    await next.next("position");
    // The provider's waiting room (the call's top bar lists it, on screen only) knows of them ...
    await call.desk.listed(1);
    // ... the consultation's sockets hear nothing of it: after a round trip on each, only its answer arrived.
    await roundTrip(call.doctor);
    await roundTrip(call.patient);
    const since = (socket: Socket, from: number) => socket.received.slice(from).map((m) => m.type);
    expect(since(call.doctor, before.doctor)).toEqual(["error"]);
    expect(since(call.patient, before.patient)).toEqual(["error"]);
    // The waiting patient is told the provider is busy, not let in.
    expect(await next.next("room-status")).toMatchObject({ status: "busy" });
  });

  it("§ 5 (Peer-to-Peer, kein zentraler Medienserver): the consultation only relays offers, answers and candidates between the two browsers, unchanged, and never answers an offer itself", async () => {
    const call = await runningConsultation("Peer Zupeer");
    const sdp = `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=fingerprint:sha-256 ${"AB:".repeat(31)}AB\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n`;
    call.doctor.send({ type: "offer", to: call.patientId, sdp });
    expect(await call.patient.next("offer")).toEqual({ type: "offer", from: call.doctorId, sdp });
    // Nobody but the patient answers: before the patient does, the provider receives no answer.
    await roundTrip(call.doctor);
    expect(call.doctor.received.some((m) => m.type === "answer")).toBe(false);
    const answer = sdp.replace("o=- 1 2", "o=- 3 4");
    call.patient.send({ type: "answer", to: call.doctorId, sdp: answer });
    expect(await call.doctor.next("answer")).toEqual({ type: "answer", from: call.patientId, sdp: answer });
    const candidate = {
      candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host",
      sdpMid: "0",
      sdpMLineIndex: 0,
    };
    call.patient.send({ type: "ice", to: call.doctorId, candidate });
    expect(await call.doctor.next("ice")).toEqual({ type: "ice", from: call.patientId, candidate });
  });

  it("§ 5 (Peer-to-Peer; Relais nur für verschlüsselte Pakete): the ICE route hands out TURN relays only, and no media server, to a logged-in provider", async () => {
    const provider = await providerWithSession();
    const res = await apiWith(
      { ICE_PROVIDER: "coturn", TURN_SECRET: "s3cret", TURN_URLS: "turn:turn.example:3478?transport=udp" },
      "/api/ice-servers",
      { headers: { Cookie: provider.cookie } },
    );
    expect(res.status).toBe(200);
    const { iceServers } = (await res.json()) as { iceServers: { urls: string[] }[] };
    const urls = iceServers.flatMap((s) => s.urls);
    expect(urls.length).toBeGreaterThan(0);
    // TURN (RFC 8656) relays packets it cannot read (DTLS-SRTP); there is no other kind of server here.
    for (const url of urls) expect(url).toMatch(/^turns?:/);
    // Without TURN configured: host candidates only, nothing in between.
    const none = await api("/api/ice-servers", { headers: { Cookie: provider.cookie } });
    expect(await none.json()).toMatchObject({ iceServers: [] });
  });

  it("§ 5 (Ende-zu-Ende-Verschlüsselung): the DTLS fingerprint each browser offers reaches the other byte for byte, so the keys (and the safety code built from them) are the browsers' own", async () => {
    // Browsers always encrypt media with DTLS-SRTP; a server in between could only break it by swapping the
    // fingerprints. The relay passes them on unchanged; the safety code (test/client/safety-code.test.ts)
    // lets both people see that nobody swapped them.
    const call = await runningConsultation("Vera Schluessel");
    const fingerprint = `a=fingerprint:sha-256 ${Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0").toUpperCase()).join(":")}`;
    const sdp = `v=0\r\no=- 5 6 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${fingerprint}\r\na=setup:actpass\r\n`;
    call.doctor.send({ type: "offer", to: call.patientId, sdp });
    const received = await call.patient.next("offer");
    expect(received.sdp.split("\r\n")).toContain(fingerprint);
    expect(received.sdp).toBe(sdp);
  });

  it("§ 5 (keine Einsicht, keine Speicherung von Inhalten): after a whole consultation, neither D1 nor any Durable Object holds the patient's name, the SDP or the candidates", async () => {
    const planted = crypto.randomUUID().replaceAll("-", "");
    const name = `Zebulon Quaxley-${planted.slice(0, 8)}`;
    const call = await runningConsultation(name);
    const sdp = `v=0\r\no=- 7 8 IN IP4 127.0.0.1\r\ns=planted-${planted}\r\nt=0 0\r\n`;
    const address = "192.0.2.177";
    call.doctor.send({ type: "offer", to: call.patientId, sdp });
    await call.patient.next("offer");
    call.patient.send({ type: "answer", to: call.doctorId, sdp: sdp.replace("planted-", "answered-") });
    await call.doctor.next("answer");
    const candidate = { candidate: `candidate:9 1 udp 2122260223 ${address} 54400 typ host ufrag ${planted}` };
    call.patient.send({ type: "ice", to: call.doctorId, candidate });
    await call.doctor.next("ice");
    call.doctor.send({ type: "end" });
    await call.patient.whenClosed();
    await call.doctor.whenClosed();

    const stored = [
      ...(await everyD1Row()),
      ...(await everythingStored(env.CONSULTATION.get(env.CONSULTATION.idFromName(call.consultationId)))),
      ...(await everythingStored(env.WAITING_ROOM.get(env.WAITING_ROOM.idFromName(call.provider.id)))),
    ];
    // The scan reads real rows: the appointment of this consultation is there, by its id.
    expect(stored.some((row) => row.includes(call.appointmentId))).toBe(true);
    for (const secret of [planted, name, "Zebulon", address]) {
      expect(
        stored.filter((row) => row.includes(secret)),
        secret,
      ).toEqual([]);
    }
  });

  it("§ 5 (Server in der EU): the eu environment keeps D1 and every Durable Object in the EU jurisdiction", () => {
    type Section = {
      vars?: Record<string, string>;
      d1_databases?: { binding: string; jurisdiction?: string }[];
      durable_objects?: { bindings: { name: string }[] };
    };
    const config = parse(wranglerToml) as Section & { env: { eu: Section } };
    const eu = config.env.eu;
    expect(eu.d1_databases?.map((d) => [d.binding, d.jurisdiction])).toEqual([["DB", "eu"]]);
    expect(eu.vars?.DO_JURISDICTION).toBe("eu");
    expect(eu.durable_objects?.bindings.map((b) => b.name).sort()).toEqual(["CONSULTATION", "OUTBOX", "WAITING_ROOM"]);
    // With DO_JURISDICTION=eu every namespace the app uses is taken from the EU jurisdiction.
    const asked: string[] = [];
    const namespace = {
      jurisdiction(name: string) {
        asked.push(name);
        return namespace;
      },
    } as unknown as DurableObjectNamespace;
    objects({ DO_JURISDICTION: "eu" }, namespace);
    expect(asked).toEqual(["eu"]);
  });

  describe("§ 5 (Löschung der Metadaten spätestens nach drei Monaten)", () => {
    it("no retention a practice can choose reaches three months", () => {
      expect(MAX_APPOINTMENT_RETENTION_DAYS * DAY).toBeLessThanOrEqual(THREE_MONTHS_MS);
    });

    /**
     * Every table with a retention: a row made now, at the longest life its table allows (the practice's
     * longest retention, the longest link), is gone when the purge runs three months later. A table more
     * (the activity log, the audit trail) is one entry more: its name and a row as it would be written.
     */
    const now = Date.now();
    const retained: { table: string; plant(ids: Ids): Promise<Remaining> }[] = [
      {
        table: "sessions",
        plant: ({ providerId, id }) =>
          planted(
            sessions,
            { tokenHash: id, providerId, expiresAt: now + DAY, lastSeenAt: now, createdAt: now },
            eq(sessions.tokenHash, id),
          ),
      },
      {
        table: "account_tokens",
        plant: ({ providerId, id }) =>
          planted(
            accountTokens,
            { tokenHash: id, providerId, purpose: "confirm", expiresAt: now + DAY, createdAt: now },
            eq(accountTokens.tokenHash, id),
          ),
      },
      {
        table: "member_invitations",
        plant: ({ practiceId, id }) =>
          planted(
            memberInvitations,
            {
              id,
              practiceId,
              email: `${id}@example.test`,
              role: "provider",
              tokenHash: id,
              expiresAt: now + 7 * DAY,
              createdAt: now,
            },
            eq(memberInvitations.id, id),
          ),
      },
      {
        // Always on; kept 90 days whatever the practice sets.
        table: "audit_entries",
        plant: ({ practiceId, id }) =>
          planted(
            auditEntries,
            { id, practiceId, action: "settings-changed", actorName: "Dr. Example", at: now },
            eq(auditEntries.id, id),
          ),
      },
      {
        // The practice's longest period (90 days), the log switched on.
        table: "activity_entries",
        async plant({ practiceId, id }) {
          await database(env.DB)
            .update(practices)
            .set({ activityLogOn: true, activityLogDays: MAX_ACTIVITY_LOG_DAYS })
            .where(eq(practices.id, practiceId));
          return planted(
            activityEntries,
            { id, practiceId, providerName: "Dr. Example", startedAt: now, durationSeconds: 600, participants: 2 },
            eq(activityEntries.id, id),
          );
        },
      },
      {
        table: "walk_in_consents",
        plant: ({ providerId, id }) =>
          planted(
            walkInConsents,
            { id, providerId, textVersion: CONSENT_TEXT_VERSION, language: "de", consentedAt: now },
            eq(walkInConsents.id, id),
          ),
      },
      {
        // An appointment of today whose link works four hours (the longest grace), with a consent record and a
        // join code: its invites, join codes and consent records go with it (ON DELETE CASCADE) or before it.
        table: "appointments, invites, join_codes, consents",
        async plant({ providerId, id }) {
          const { appointmentId, inviteId } = await appointmentWithInvite(providerId, { untilMs: 4 * 3_600_000 });
          const remaining = await Promise.all([
            planted(
              consents,
              { id, appointmentId, inviteId, textVersion: CONSENT_TEXT_VERSION, consentedAt: now },
              eq(consents.id, id),
            ),
            planted(
              joinCodes,
              { inviteId, codeHash: id, createdAt: now, expiresAt: now + 7 * DAY },
              eq(joinCodes.inviteId, inviteId),
            ),
          ]);
          const db = database(env.DB);
          return async () =>
            (await db.$count(appointments, eq(appointments.id, appointmentId))) +
            (await db.$count(invites, eq(invites.id, inviteId))) +
            (await Promise.all(remaining.map((count) => count()))).reduce((a, b) => a + b, 0);
        },
      },
    ];

    it.each(retained)("$table: a row at its longest retention is purged within three months", async ({ plant }) => {
      const provider = await providerWithSession();
      const db = database(env.DB);
      await db
        .update(practices)
        .set({ appointmentRetentionDays: MAX_APPOINTMENT_RETENTION_DAYS })
        .where(eq(practices.id, provider.practiceId));
      const remaining = await plant({
        providerId: provider.id,
        practiceId: provider.practiceId,
        id: crypto.randomUUID(),
      });
      expect(await remaining()).toBeGreaterThan(0);
      // The purge as the cron runs it, its clock three months on.
      await purgeExpired(db, Date.now() + THREE_MONTHS_MS);
      expect(await remaining()).toBe(0);
    });
  });

  it("§ 5 (keine Weitergabe von Daten): every page's Content-Security-Policy allows our own origin only, no third party", () => {
    const policies = headersFile
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("Content-Security-Policy:"))
      .map((line) => line.slice("Content-Security-Policy:".length).trim());
    expect(policies.length).toBeGreaterThan(0);
    const allowed = new Set(["'self'", "'none'", "data:", "blob:", "'wasm-unsafe-eval'"]);
    for (const policy of policies) {
      for (const directive of policy.split(";").map((d) => d.trim().split(/\s+/))) {
        const [name, ...sources] = directive;
        if (name === "sandbox" || name === "" || name === undefined) continue;
        for (const source of sources) expect(allowed, `${name} ${source}`).toContain(source);
      }
    }
    // Nothing from elsewhere could be loaded, framed or sent to: default-src and connect-src are ours.
    expect(policies[0]).toMatch(/default-src 'self'/);
    expect(policies[0]).toMatch(/connect-src 'self'/);
    expect(policies[0]).toMatch(/frame-ancestors 'none'/);
  });
});
