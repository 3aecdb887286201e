// A provider's personal room: the standing link /r/<practice>/<room> for walk-ins, switched on and named on
// the account page. Unknown, off and renamed answer alike; walk-ins wait marked "no appointment", with no
// name in D1; one room takes a bounded number of them.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode } from "../../schema/messages.ts";
import { MAX_WALK_INS_WAITING } from "../../schema/personal-room.ts";
import { practices, providers, walkInConsents } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, freshRateWindow, openSocket, providerWithSession, tellName, ticketed, unique } from "./helpers.ts";

const db = () => database(env.DB);

/** A provider whose practice has a short name (set directly: the admin's page for it is not ours). */
async function memberOfNamedPractice(practiceId?: string) {
  const provider = await providerWithSession("correct horse battery", practiceId ? { practiceId } : {});
  const shortName = unique("praxis").toLowerCase();
  if (!practiceId) await db().update(practices).set({ shortName }).where(eq(practices.id, provider.practiceId));
  const [practice] = await db().select().from(practices).where(eq(practices.id, provider.practiceId));
  return { ...provider, shortName: practice?.shortName ?? shortName };
}

const saveRoom = (cookie: string, body: { on: boolean; name: string }) =>
  api("/api/account/personal-room", { method: "PUT", headers: { Cookie: cookie }, body: JSON.stringify(body) });

const joinRoom = (path: string, name = "Walk In") =>
  api(`/api/rooms${path.slice("/r".length)}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION, consentLanguage: "de" }),
  });

async function openRoom() {
  const provider = await memberOfNamedPractice();
  const name = unique("room").toLowerCase();
  const res = await saveRoom(provider.cookie, { on: true, name });
  expect(res.status).toBe(200);
  const { path } = (await res.json()) as { path: string };
  return { provider, name, path };
}

describe("the personal room on the account page", () => {
  it("is off by default, suggests a name from the display name, and needs the practice's short name to go on", async () => {
    const provider = await providerWithSession();
    await db().update(providers).set({ displayName: "Dr. Jürgen Groß" }).where(eq(providers.id, provider.id));
    // Every practice gets a short name at creation or by the migration; one without stands for a row
    // written before that, or by hand.
    await db().update(practices).set({ shortName: null }).where(eq(practices.id, provider.practiceId));
    const shown = await api("/api/account/personal-room", { headers: { Cookie: provider.cookie } });
    expect(await shown.json()).toEqual({
      on: false,
      name: "dr-juergen-gross",
      saved: false,
      practiceShortName: null,
      path: null,
    });
    const refused = await saveRoom(provider.cookie, { on: true, name: "dr-juergen-gross" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "practice-short-name-missing" });
    const [row] = await db().select().from(providers).where(eq(providers.id, provider.id));
    expect(row).toMatchObject({ personalRoomOn: false, personalRoomName: null });
  });

  it("refuses a name that breaks the rule or that a colleague uses, and writes nothing then", async () => {
    const { provider, name } = await openRoom();
    const colleague = await memberOfNamedPractice(provider.practiceId);
    const invalid = await saveRoom(colleague.cookie, { on: false, name: "no_underscores" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: "room-name-invalid" });
    const taken = await saveRoom(colleague.cookie, { on: true, name });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: "room-name-taken" });
    const [row] = await db().select().from(providers).where(eq(providers.id, colleague.id));
    expect(row).toMatchObject({ personalRoomOn: false, personalRoomName: null });
    // The suggestion steers clear of the colleague's name.
    await db().update(providers).set({ displayName: name }).where(eq(providers.id, colleague.id));
    const shown = await api("/api/account/personal-room", { headers: { Cookie: colleague.cookie } });
    expect(await shown.json()).toMatchObject({ name: `${name}-2`, saved: false });
  });
});

describe("a personal room's link", () => {
  it("shows the practice and provider while on; off, renamed and unknown answer exactly alike", async () => {
    const { provider, name, path } = await openRoom();
    const open = await api(`/api${path.replace("/r/", "/rooms/")}`);
    expect(open.status).toBe(200);
    expect(await open.json()).toMatchObject({
      status: "open",
      practiceName: expect.stringContaining("Practice"),
      contactLine: "",
      consent: { version: CONSENT_TEXT_VERSION },
    });
    // Typed with capitals, it is the same room.
    const shouted = await api(`/api/rooms${path.slice(2).toUpperCase()}`);
    expect(shouted.status, `/api/rooms${path.slice(2).toUpperCase()}`).toBe(200);

    const answer = async (p: string) => {
      const res = await api(`/api/rooms/${p}`);
      return { status: res.status, body: await res.json() };
    };
    const unknownPractice = await answer(`nowhere-${name}/${name}`);
    const unknownRoom = await answer(`${provider.shortName}/no-such-room`);
    const malformed = await answer(`${provider.shortName}/${"x".repeat(100)}`);
    expect(unknownPractice).toEqual({
      status: 404,
      body: { status: "unavailable", code: "room-unavailable", error: expect.any(String) },
    });
    expect(unknownRoom).toEqual(unknownPractice);
    expect(malformed).toEqual(unknownPractice);

    expect((await saveRoom(provider.cookie, { on: true, name: `${name}-new` })).status).toBe(200);
    expect(await answer(`${provider.shortName}/${name}`)).toEqual(unknownPractice);
    expect((await answer(`${provider.shortName}/${name}-new`)).status).toBe(200);
    expect((await saveRoom(provider.cookie, { on: false, name: `${name}-new` })).status).toBe(200);
    expect(await answer(`${provider.shortName}/${name}-new`)).toEqual(unknownPractice);
  });

  it("lets a walk-in wait marked without an appointment, outside opening rules, and keeps no name in D1", async () => {
    const { provider, path } = await openRoom();
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: provider.cookie });
    const joined = await joinRoom(path, "Wanda Walkin");
    expect(joined.status).toBe(200);
    const { ticket } = (await joined.json()) as { ticket: string };
    const wanda = await openSocket("/api/ws/waiting", ticketed(ticket));
    if (!("ws" in dashboard) || !("ws" in wanda)) throw new Error("socket refused");
    await tellName(wanda, "Wanda Walkin");
    expect(await dashboard.named(1)).toEqual(["Wanda Walkin"]);
    const [waiting] = dashboard.waitingList();
    expect(waiting).toMatchObject({ appointment: null, walkIn: {} });
    expect(waiting?.label).toBeUndefined();

    const records = await db().select().from(walkInConsents).where(eq(walkInConsents.providerId, provider.id));
    expect(records).toEqual([
      {
        id: expect.any(String),
        providerId: provider.id,
        textVersion: CONSENT_TEXT_VERSION,
        language: "de",
        consentedAt: expect.any(Number),
      },
    ]);
    const dump = JSON.stringify(await env.DB.prepare("select * from walk_in_consents").all());
    expect(dump).not.toContain("Wanda");
  });

  it("stops at once for a page opened before the room went off; a walk-in already waiting stays", async () => {
    const { provider, name, path } = await openRoom();
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: provider.cookie });
    const first = (await (await joinRoom(path, "Early Bird")).json()) as { ticket: string };
    const early = await openSocket("/api/ws/waiting", ticketed(first.ticket));
    if (!("ws" in dashboard) || !("ws" in early)) throw new Error("socket refused");
    await dashboard.listed(1);
    // The second patient opened the page (status 200) but enters only after the switch.
    expect((await api(`/api${path.replace("/r/", "/rooms/")}`)).status).toBe(200);
    expect((await saveRoom(provider.cookie, { on: false, name })).status).toBe(200);
    const late = await joinRoom(path, "Late Comer");
    expect(late.status).toBe(404);
    expect(await late.json()).toMatchObject({ code: "room-unavailable" });
    expect(early.closed).toBeUndefined();
    // Reconnecting with the ticket (a reload) brings them back: the room does not ask the switch.
    early.ws.close(1000);
    const again = await openSocket("/api/ws/waiting", ticketed(first.ticket));
    if (!("ws" in again)) throw new Error("socket refused");
    await tellName(again, "Early Bird");
    expect(await dashboard.named(1)).toEqual(["Early Bird"]);
  });

  it("takes at most the room's walk-ins a minute, from however many clients", async () => {
    await freshRateWindow();
    const { path } = await openRoom();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await api(`/api/rooms${path.slice(2)}/join`, {
        method: "POST",
        headers: { "CF-Connecting-IP": `203.0.113.${i + 1}` },
        body: JSON.stringify({ name: `Walker ${i}`, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
  });

  it("says it is full once the cap of walk-ins wait, at the join and at the door", async () => {
    const { provider, path } = await openRoom();
    const walkInTicket = (n: number) =>
      sealTicket(env.TICKET_SECRET, {
        kind: "waiting",
        id: crypto.randomUUID(),
        providerId: provider.id,
        appointmentId: `visit-${n}-${provider.id}`.slice(0, 64),
        inviteId: `visit-${n}-${provider.id}`.slice(0, 64),
        waitingSince: Date.now(),
        issuedAt: Date.now(),
        exp: Date.now() + 3_600_000,
        room: provider.id,
        walkIn: true,
      });
    const sockets = [];
    for (let n = 0; n < MAX_WALK_INS_WAITING; n++) {
      const socket = await openSocket("/api/ws/waiting", ticketed(await walkInTicket(n)));
      if (!("ws" in socket)) throw new Error("socket refused");
      await socket.next("hello");
      sockets.push(socket);
    }
    const refused = await joinRoom(path);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("60");
    expect(await refused.json()).toMatchObject({ code: "room-full" });
    const oneMore = await openSocket("/api/ws/waiting", ticketed(await walkInTicket(MAX_WALK_INS_WAITING)));
    if (!("ws" in oneMore)) throw new Error("no socket");
    expect((await oneMore.whenClosed()).code).toBe(CloseCode.full);
  });
});
