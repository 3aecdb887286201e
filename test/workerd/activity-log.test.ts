// The activity log, opt-in per practice: with it on, each consultation's end writes one entry (the leading
// provider, start, duration, the most people at once, whether a relay carried media), never a patient's
// name; with it off nothing is written. Its admins read it and export it as CSV (the export is in the
// audit trail); switching it off deletes it at once, and the cron keeps it no longer than the practice's
// period (at most 90 days).
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Consultation } from "../../durable-objects/index.ts";
import { sealTicket } from "../../durable-objects/tickets.ts";
import type { ActivityLog } from "../../schema/api-types.ts";
import { activityEntries, auditEntries } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { purgeExpired } from "../../worker/purge.ts";
import { api, connected, providerWithSession, reachTimeLimit, ticketed } from "./helpers.ts";

const DAY = 86_400_000;
const PATIENT_NAME = "Ada Lovelace-Patient";

const setLog = (cookie: string, body: { activityLogOn?: boolean; activityLogDays?: number }) =>
  api("/api/practice", { method: "PATCH", headers: { Cookie: cookie }, body: JSON.stringify(body) });

type Provider = Awaited<ReturnType<typeof providerWithSession>>;
type Socket = Awaited<ReturnType<typeof connected>>;

/**
 * A consultation as admission opens it, with the provider, a patient and `guests` more; `during` runs
 * while everyone is in; then it reaches its limit (the alarm ends it, as time-limit.test.ts does).
 */
async function consultation(provider: Provider, guests: number, during: (people: Socket[]) => Promise<void>) {
  const consultationId = crypto.randomUUID();
  const endsAt = Date.now() + 3_600_000;
  const ticket = (participantId: string, role: "provider" | "patient" | "guest", name: string) =>
    sealTicket(env.TICKET_SECRET, {
      kind: "consultation",
      consultationId,
      participantId,
      providerId: provider.id,
      role,
      name,
      exp: endsAt,
    });
  const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId));
  await stub.open(endsAt, provider.id);
  const path = `/api/ws/consultation/${consultationId}`;
  const doctor = await connected(path, {
    ...ticketed(await ticket(provider.id, "provider", "Dr. Who")),
    Cookie: provider.cookie,
  });
  const people = [doctor, await connected(path, ticketed(await ticket(crypto.randomUUID(), "patient", PATIENT_NAME)))];
  for (let i = 0; i < guests; i++) {
    people.push(await connected(path, ticketed(await ticket(crypto.randomUUID(), "guest", `Guest ${i}`))));
  }
  for (const person of people) await person.next("hello");
  await during(people);
  await reachTimeLimit(stub);
  for (const person of people) await person.whenClosed();
  const stored = await runInDurableObject(stub, async (_o: Consultation, state) => [
    ...(await state.storage.list()).keys(),
  ]);
  // What the log needed is gone from the object with the call.
  expect(stored).not.toContain("activity");
}

/** Resolves once the room has handled what `socket` sent so far: it answers a message it cannot read, in order. */
async function handled(socket: Socket) {
  const since = socket.received.length;
  socket.send({ type: "no-such-message" });
  await socket.next("error", since);
}

const entriesOf = (practiceId: string) =>
  database(env.DB).select().from(activityEntries).where(eq(activityEntries.practiceId, practiceId));

describe("the activity log", () => {
  it("is off by default, and then a consultation's end writes nothing", async () => {
    const provider = await providerWithSession();
    const practice = (await (await api("/api/practice", { headers: { Cookie: provider.cookie } })).json()) as {
      activityLogOn: boolean;
      activityLogDays: number;
    };
    expect(practice).toMatchObject({ activityLogOn: false, activityLogDays: 90 });
    await consultation(provider, 0, async () => {});
    expect(await entriesOf(provider.practiceId)).toEqual([]);
  });

  it("when on, writes one entry at a consultation's end: the leading provider, start, duration, the most people at once and the relay, never a patient's name", async () => {
    const provider = await providerWithSession();
    expect((await setLog(provider.cookie, { activityLogOn: true })).status).toBe(200);
    const before = Date.now();
    await consultation(provider, 1, async ([doctor, patient]) => {
      doctor!.send({ type: "path", relayed: false });
      patient!.send({ type: "path", relayed: true });
      // A second word on the path changes nothing: relayed stays.
      patient!.send({ type: "path", relayed: false });
      await handled(doctor!);
      await handled(patient!);
    });
    const rows = await entriesOf(provider.practiceId);
    expect(rows).toHaveLength(1);
    const [entry] = rows;
    const name = (await database(env.DB).query.providers.findFirst({ where: (p, { eq }) => eq(p.id, provider.id) }))!
      .displayName;
    expect(entry).toMatchObject({ providerName: name, participants: 3, relayed: true });
    expect(entry!.startedAt).toBeGreaterThanOrEqual(before);
    expect(entry!.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(rows)).not.toContain(PATIENT_NAME);
  });

  it("answers a malformed path message with an error and records no relay", async () => {
    const provider = await providerWithSession();
    expect((await setLog(provider.cookie, { activityLogOn: true })).status).toBe(200);
    await consultation(provider, 0, async ([, patient]) => {
      for (const bad of [{ type: "path" }, { type: "path", relayed: "yes" }, { type: "path", relayed: 1 }]) {
        const since = patient!.received.length;
        patient!.send(bad);
        expect(await patient!.next("error", since)).toMatchObject({ type: "error" });
      }
    });
    const [entry] = await entriesOf(provider.practiceId);
    expect(entry).toMatchObject({ participants: 2, relayed: false });
  });

  it("is shown to the practice's admins newest first and exported as a CSV attachment that no cache keeps, safe from formulas, with the export in the audit trail", async () => {
    const admin = await providerWithSession();
    expect((await setLog(admin.cookie, { activityLogOn: true, activityLogDays: 30 })).status).toBe(200);
    const db = database(env.DB);
    const now = Date.now();
    await db.insert(activityEntries).values([
      {
        id: crypto.randomUUID(),
        practiceId: admin.practiceId,
        providerName: '=HYPERLINK("http://evil")',
        startedAt: now - 2 * DAY,
        durationSeconds: 600,
        participants: 2,
        relayed: false,
      },
      {
        id: crypto.randomUUID(),
        practiceId: admin.practiceId,
        providerName: "Dr. Newer",
        startedAt: now - DAY,
        durationSeconds: 1200,
        participants: 3,
        relayed: true,
      },
    ]);
    const log = (await (
      await api("/api/practice/activity", { headers: { Cookie: admin.cookie } })
    ).json()) as ActivityLog;
    expect(log).toMatchObject({ on: true, days: 30 });
    expect(log.entries.map((e) => [e.providerName, e.durationSeconds, e.participants, e.relayed])).toEqual([
      ["Dr. Newer", 1200, 3, true],
      ['=HYPERLINK("http://evil")', 600, 2, false],
    ]);

    const res = await api("/api/practice/activity.csv", { headers: { Cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="anteroom-activity-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    // Excel reads umlauts right only behind a UTF-8 byte order mark.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split("\r\n");
    expect(lines[0]).toBe('"started_at_utc","provider","duration_seconds","participants","relay_used"');
    expect(lines[1]).toContain('"Dr. Newer","1200","3","yes"');
    // A spreadsheet reads the name as text, not as a formula.
    expect(lines[2]).toContain('"\'=HYPERLINK(""http://evil"")"');
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.practiceId, admin.practiceId));
    expect(audit.map((a) => [a.action, a.detail])).toContainEqual(["data-exported", "activity"]);
  });

  it("writes a provider's umlauts in the CSV as UTF-8 behind a byte order mark, so that Excel shows them", async () => {
    const admin = await providerWithSession();
    expect((await setLog(admin.cookie, { activityLogOn: true })).status).toBe(200);
    await database(env.DB).insert(activityEntries).values({
      id: crypto.randomUUID(),
      practiceId: admin.practiceId,
      providerName: "Dr. Jürgen Größe",
      startedAt: Date.now(),
      durationSeconds: 60,
      participants: 2,
    });
    const res = await api("/api/practice/activity.csv", { headers: { Cookie: admin.cookie } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A byte order mark once, at the very start: the header follows it directly.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF"started_at_utc",')).toBe(true);
    expect(text).toContain('"Dr. Jürgen Größe"');
  });

  it("exports only when asked from the app's own pages: a link on another site is refused and records no export", async () => {
    const admin = await providerWithSession();
    expect((await setLog(admin.cookie, { activityLogOn: true })).status).toBe(200);
    const exportFrom = (site: string) =>
      api("/api/practice/activity.csv", { headers: { Cookie: admin.cookie, "Sec-Fetch-Site": site } });
    for (const site of ["cross-site", "same-site"]) {
      const refused = await exportFrom(site);
      expect(refused.status, site).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe("cross-site");
    }
    const exports = async () =>
      (await database(env.DB).select().from(auditEntries).where(eq(auditEntries.practiceId, admin.practiceId))).filter(
        (a) => a.action === "data-exported",
      );
    expect(await exports()).toEqual([]);
    // The app's own download link, and the address typed or bookmarked, export and are recorded.
    expect((await exportFrom("same-origin")).status).toBe(200);
    expect((await exportFrom("none")).status).toBe(200);
    expect(await exports()).toHaveLength(2);
  });

  it("answers a HEAD for the CSV without the file and without recording an export", async () => {
    const admin = await providerWithSession();
    const head = await api("/api/practice/activity.csv", { method: "HEAD", headers: { Cookie: admin.cookie } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const audit = await database(env.DB)
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.practiceId, admin.practiceId));
    expect(audit.map((a) => a.action)).not.toContain("data-exported");
    // Someone who may not export gets the same refusal as with a GET.
    const plain = await providerWithSession(undefined, { practiceId: admin.practiceId, role: "provider" });
    const refused = await api("/api/practice/activity.csv", { method: "HEAD", headers: { Cookie: plain.cookie } });
    expect(refused.status).toBe(403);
  });

  it("keeps its period at most 90 days, and switching it off deletes its entries at once", async () => {
    const admin = await providerWithSession();
    expect((await setLog(admin.cookie, { activityLogOn: true, activityLogDays: 91 })).status).toBe(400);
    expect((await setLog(admin.cookie, { activityLogOn: true, activityLogDays: 0 })).status).toBe(400);
    expect((await setLog(admin.cookie, { activityLogOn: true, activityLogDays: 90 })).status).toBe(200);
    await database(env.DB).insert(activityEntries).values({
      id: crypto.randomUUID(),
      practiceId: admin.practiceId,
      providerName: "Dr. A",
      startedAt: Date.now(),
      durationSeconds: 60,
      participants: 2,
    });
    expect(await entriesOf(admin.practiceId)).toHaveLength(1);
    expect((await setLog(admin.cookie, { activityLogOn: false })).status).toBe(200);
    expect(await entriesOf(admin.practiceId)).toEqual([]);
  });

  it("is purged by the cron once an entry is older than its practice's period", async () => {
    const short = await providerWithSession();
    const long = await providerWithSession();
    expect((await setLog(short.cookie, { activityLogOn: true, activityLogDays: 30 })).status).toBe(200);
    expect((await setLog(long.cookie, { activityLogOn: true, activityLogDays: 90 })).status).toBe(200);
    const now = Date.UTC(2030, 0, 1);
    const entry = (practiceId: string, id: string, ageDays: number) => ({
      id,
      practiceId,
      providerName: "Dr. A",
      startedAt: now - ageDays * DAY,
      durationSeconds: 60,
      participants: 2,
    });
    await database(env.DB)
      .insert(activityEntries)
      .values([
        entry(short.practiceId, "short-31", 31),
        entry(short.practiceId, "short-29", 29),
        entry(long.practiceId, "long-91", 91),
        entry(long.practiceId, "long-89", 89),
      ]);
    await purgeExpired(database(env.DB), now);
    expect((await entriesOf(short.practiceId)).map((e) => e.id)).toEqual(["short-29"]);
    expect((await entriesOf(long.practiceId)).map((e) => e.id)).toEqual(["long-89"]);
  });
});
