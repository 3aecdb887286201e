// Issue 25: a patient's name never reaches the server in plain text. One whole path through the worker
// and the real Durable Objects (join, wait, transfer to a colleague, admit, call, end), with a name
// planted as the patient's page would type it; then everything the server can see is searched for it:
// every ticket opened with the server's own secret, every socket attachment and all storage of both
// rooms while people are in them, every D1 row, and everything logged.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { openTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import type { ServerMessage } from "../../schema/messages.ts";
import { api, appointmentWithInvite, connected, providerWithSession, tellName, ticketed } from "./helpers.ts";

/** Unusual enough that no other test's data contains it; two scripts, so an escape would not hide it. */
const NAME = "Zebulon Quastwörth-Łęcki";
const NEEDLES = ["Zebulon", "Quastw", "Quastw\\u00f6rth", "ęcki", "\\u0119cki"];

type Socket = Awaited<ReturnType<typeof connected>>;

/** Every row of every table in D1, as JSON. */
async function everyD1Row(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const rows: unknown[] = [];
  for (const { name } of results) rows.push(name, (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
  return JSON.stringify(rows);
}

/** A Durable Object's socket attachments, key-value storage and SQL rows, as JSON. */
function everythingHeld(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, async (_object: unknown, state) => {
    const held: unknown[] = state.getWebSockets().map((ws) => ws.deserializeAttachment());
    for (const entry of await state.storage.list()) held.push(entry);
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%'")
      .toArray();
    for (const { name } of tables) held.push(state.storage.sql.exec(`SELECT * FROM "${name}"`).toArray());
    return JSON.stringify(held);
  });
}

const withoutName = (text: string) => {
  for (const needle of NEEDLES) expect(text).not.toContain(needle);
};

const presenceOf =
  (count: number) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: "presence" }> =>
    m.type === "presence" && m.participants.length === count;

describe("a patient's name and the server", () => {
  let logged: MockInstance[] = [];
  beforeEach(() => {
    logged = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level));
  });
  afterEach(() => {
    for (const spy of logged) spy.mockRestore();
  });

  it("never holds it in plain text: tickets, attachments, storage, D1 and logs, from joining to the call's end", async () => {
    const first = await providerWithSession();
    const colleague = await providerWithSession(undefined, { practiceId: first.practiceId });
    const firstDesk = await connected("/api/ws/waiting", { Cookie: first.cookie });
    await firstDesk.next("colleagues");
    const colleagueDesk = await connected("/api/ws/waiting", { Cookie: colleague.cookie });
    await colleagueDesk.next("queue");
    const tickets: string[] = [];

    // Joining: a page from before this change would still send the name; it is dropped unread.
    const { token } = await appointmentWithInvite(first.id);
    const joined = await api(`/api/invites/${token}/join`, {
      method: "POST",
      body: JSON.stringify({ name: NAME, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    });
    expect(joined.status).toBe(200);
    const { ticket } = (await joined.json()) as { ticket: string };
    tickets.push(ticket);

    // Waiting: the page seals the name to the practice's device key; the dashboard opens it.
    const waiting = await connected("/api/ws/waiting", ticketed(ticket));
    await tellName(waiting, NAME);
    expect(await firstDesk.named(1)).toEqual([NAME]);
    const firstRoom = env.WAITING_ROOM.get(env.WAITING_ROOM.idFromName(first.id));
    withoutName(await everythingHeld(firstRoom));

    // Transferred to a colleague: the page seals it again there (to the colleague's keys, in a real page).
    firstDesk.send({ type: "transfer", patientId: firstDesk.waitingList()[0]!.id, to: colleague.id });
    const moved = await waiting.next("transferred");
    tickets.push(moved.ticket);
    await waiting.whenClosed();
    const there = await connected("/api/ws/waiting", ticketed(moved.ticket));
    await tellName(there, NAME);
    expect(await colleagueDesk.named(1)).toEqual([NAME]);
    const colleagueRoom = env.WAITING_ROOM.get(env.WAITING_ROOM.idFromName(colleague.id));
    withoutName(await everythingHeld(colleagueRoom));

    // Admitted and in the call: the roster holds ids, roles and the provider's name only.
    colleagueDesk.send({ type: "admit", patientId: colleagueDesk.waitingList()[0]!.id });
    const forPatient = await there.next("admitted");
    const forProvider = await colleagueDesk.next("admitted");
    tickets.push(forPatient.ticket, forProvider.ticket);
    const id = forPatient.consultationId;
    const doctor: Socket = await connected(`/api/ws/consultation/${id}`, {
      ...ticketed(forProvider.ticket),
      Cookie: colleague.cookie,
    });
    const patient: Socket = await connected(`/api/ws/consultation/${id}`, ticketed(forPatient.ticket));
    const presence = await doctor.until(presenceOf(2));
    expect(presence.participants.find((p) => p.role === "patient")).not.toHaveProperty("name");
    patient.send({ type: "path", relayed: false });
    const consultation = env.CONSULTATION.get(env.CONSULTATION.idFromName(id));
    withoutName(await everythingHeld(consultation));

    // The end: nothing of it anywhere the server can look.
    doctor.send({ type: "end" });
    await patient.whenClosed();
    await doctor.whenClosed();
    for (const sealed of tickets) {
      const opened = await openTicket(env.TICKET_SECRET, sealed);
      expect(opened).not.toBeNull();
      withoutName(JSON.stringify(opened));
    }
    withoutName(await everythingHeld(consultation));
    withoutName(await everythingHeld(firstRoom));
    withoutName(await everythingHeld(colleagueRoom));
    withoutName(await everyD1Row());
    const everythingLogged = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    withoutName(everythingLogged);
    // Messages both dashboards received carry the sealed box only: they never saw it in plain text either.
    withoutName(JSON.stringify([firstDesk.received, colleagueDesk.received]));
  });
});
