// The waiting room through the worker and the real Durable Object: order and positions, reconnecting
// within and after the grace period, hibernation, deltas, throttling, the idle limit, deny with a pause,
// transfer to a colleague, and two tabs admitting the same patient at once.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { WAITING_GRACE_MS } from "../../schema/limits.ts";
import { CloseCode, type ServerMessage } from "../../schema/messages.ts";
import { practices, providers } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import {
  api,
  appointmentWithInvite,
  connected,
  nameOf,
  newLinkFor,
  providerWithSession,
  refusal,
  tellName,
  ticketed,
} from "./helpers.ts";

type Socket = Awaited<ReturnType<typeof connected>>;

async function joinTicket(token: string, name: string): Promise<string> {
  const res = await api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  if (res.status !== 200) throw new Error(`join failed: ${res.status}`);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** A provider with their dashboard open. */
async function dashboardFor(options: { practiceId?: string } = {}) {
  const provider = await providerWithSession(undefined, options);
  const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
  await dashboard.next("queue");
  return { provider, dashboard };
}

/** A patient of `providerId` in the waiting room; `ticket` changes what their waiting ticket says. */
async function patientOf(providerId: string, name: string, ticket: { waitingSince?: number; issuedAt?: number } = {}) {
  const invite = await appointmentWithInvite(providerId);
  const sealed =
    ticket.waitingSince === undefined
      ? await joinTicket(invite.token, name)
      : await sealTicket(env.TICKET_SECRET, {
          kind: "waiting",
          id: crypto.randomUUID(),
          providerId,
          appointmentId: invite.appointmentId,
          inviteId: invite.inviteId,
          waitingSince: ticket.waitingSince,
          issuedAt: ticket.issuedAt ?? Date.now(),
          exp: Date.now() + 3_600_000,
        });
  const socket = await connected("/api/ws/waiting", ticketed(sealed));
  // As the patient's page does: their name, sealed to the tests' device key (the room never reads it).
  // A patient the room turns away at once (past the idle limit) is never asked.
  await tellName(socket, name).catch((error) => {
    if (!socket.closed) throw error;
  });
  return { ...invite, ticket: sealed, socket };
}

/** The position a patient was last told, once they have been told `expected` (a few updates at most). */
/** The practice's idle limit, set by its admin as on the practice page: the worker tells the rooms. */
async function setIdleLimit(adminCookie: string, minutes: number): Promise<void> {
  const res = await api("/api/practice", {
    method: "PATCH",
    headers: { Cookie: adminCookie },
    body: JSON.stringify({ waitingIdleLimitMinutes: minutes }),
  });
  expect(res.status).toBe(200);
}

async function positionBecomes(socket: Socket, expected: number): Promise<void> {
  await socket.until(
    (m): m is Extract<ServerMessage, { type: "position" }> => m.type === "position" && m.position === expected,
  );
}

const roomOf = (providerId: string) => env.WAITING_ROOM.get(env.WAITING_ROOM.idFromName(providerId));

describe("the waiting room: order, positions and deltas", () => {
  it("keeps patients in order of arrival and tells each their place as others leave", async () => {
    const { provider, dashboard } = await dashboardFor();
    const ada = await patientOf(provider.id, "Ada");
    await positionBecomes(ada.socket, 1);
    const bo = await patientOf(provider.id, "Bo");
    await positionBecomes(bo.socket, 2);
    const cy = await patientOf(provider.id, "Cy");
    await positionBecomes(cy.socket, 3);
    expect(await dashboard.named(3)).toEqual(["Ada", "Bo", "Cy"]);

    ada.socket.send({ type: "leave" });
    await positionBecomes(bo.socket, 1);
    await positionBecomes(cy.socket, 2);
    expect(await dashboard.named(2)).toEqual(["Bo", "Cy"]);
    // Nobody hears anyone else's name.
    expect(JSON.stringify(cy.socket.received)).not.toContain("Bo");
  });

  it("sends the provider one small message per arrival, however many wait", async () => {
    const { provider, dashboard } = await dashboardFor();
    for (const name of ["P1", "P2", "P3", "P4", "P5"]) await patientOf(provider.id, name);
    await dashboard.named(5);
    const before = dashboard.received.length;
    const late = await patientOf(provider.id, "Late");
    await positionBecomes(late.socket, 6);
    await dashboard.named(6);
    // Their arrival, then their sealed name as their page sent it.
    expect(dashboard.received.slice(before)).toEqual([
      {
        type: "arrived",
        patient: expect.objectContaining({ sealedFor: late.inviteId, appointment: expect.any(Object) }),
      },
      {
        type: "updated",
        patient: expect.objectContaining({ sealedFor: late.inviteId, sealedName: expect.any(Object) }),
      },
    ]);
  });
});

describe("the waiting room: reconnecting", () => {
  it("brings a patient who dropped back to their place within the grace period", async () => {
    const { provider, dashboard } = await dashboardFor();
    const longAgo = Date.now() - 10 * 60_000;
    // Ada has waited ten minutes; her ticket was just handed over (by a colleague, say).
    const ada = await patientOf(provider.id, "Ada", { waitingSince: longAgo });
    await positionBecomes(ada.socket, 1);
    const bo = await patientOf(provider.id, "Bo");
    await positionBecomes(bo.socket, 2);
    // Her connection drops: she leaves the provider's list, her place is kept (Bo stays second), and
    // the room remembers her ticket for the grace period.
    ada.socket.ws.close(1001, "going away");
    expect(await dashboard.named(1)).toEqual(["Bo"]);
    const stored = await runInDurableObject(roomOf(provider.id), (_o, state) => state.storage.list());
    const away = [...stored.keys()].filter((key) => key.startsWith("away:"));
    expect(away).toHaveLength(1);
    // She comes back with the same ticket, long after it was issued: her place holds.
    const again = await connected("/api/ws/waiting", ticketed(ada.ticket));
    await positionBecomes(again, 1);
    // Her page seals her name again on the new connection (the room carries no name over).
    await tellName(again, "Ada");
    expect(await dashboard.named(2)).toEqual(["Ada", "Bo"]);
    expect(bo.socket.received.filter((m) => m.type === "position").map((m) => m.position)).toEqual([2]);
    expect(await runInDurableObject(roomOf(provider.id), (_o, state) => state.storage.get(away[0]!))).toBeUndefined();
  });

  it("puts a patient who comes back after the grace period at the end, with a ticket for the new place", async () => {
    const { provider, dashboard } = await dashboardFor();
    const bo = await patientOf(provider.id, "Bo");
    await positionBecomes(bo.socket, 1);
    // A ticket issued long ago, of a patient the room has not seen within the grace period.
    const stale = Date.now() - WAITING_GRACE_MS - 60_000;
    const ada = await patientOf(provider.id, "Ada", { waitingSince: stale, issuedAt: stale });
    await positionBecomes(ada.socket, 2);
    expect(await dashboard.named(2)).toEqual(["Bo", "Ada"]);
    const { ticket } = await ada.socket.next("ticket");
    // The new ticket keeps the new place: with it, Ada reconnects behind Bo again.
    ada.socket.ws.close(1001, "going away");
    await dashboard.listed(1);
    const again = await connected("/api/ws/waiting", ticketed(ticket));
    await positionBecomes(again, 2);
  });

  it("keeps the queue, statuses and positions when the object hibernates and wakes", async () => {
    const { provider, dashboard } = await dashboardFor();
    dashboard.send({ type: "status", status: "away", message: "Back at 11" });
    const ada = await patientOf(provider.id, "Ada");
    const bo = await patientOf(provider.id, "Bo");
    await positionBecomes(bo.socket, 2);
    await ada.socket.until(
      (m): m is ServerMessage => m.type === "room-status" && m.status === "away" && m.message === "Back at 11",
    );
    await evictDurableObject(roomOf(provider.id));
    // A second tab wakes the object: the queue is rebuilt from the sockets, in order.
    const other = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    expect(await Promise.all((await other.next("queue")).patients.map(nameOf))).toEqual(["Ada", "Bo"]);
    // The first tab's status survived in its socket: a newcomer is told it.
    const cy = await patientOf(provider.id, "Cy");
    expect(await cy.socket.next("room-status")).toEqual({
      type: "room-status",
      status: "available",
      message: "Back at 11",
    });
    // And the room goes on: Ada leaves, Bo and Cy move up; both tabs hear it.
    ada.socket.send({ type: "leave" });
    await positionBecomes(bo.socket, 1);
    await positionBecomes(cy.socket, 2);
    await dashboard.listed(2);
    await other.listed(2);
  });
});

describe("the waiting room: limits", () => {
  it("refuses a flood of messages, then closes the socket with a reason", async () => {
    const { provider, dashboard } = await dashboardFor();
    const ada = await patientOf(provider.id, "Ada");
    await positionBecomes(ada.socket, 1);
    // Batches until the room closes the socket: on a slow machine the bucket refills a little between
    // messages, so how many it takes is not fixed; that it ends in a close is.
    for (let batch = 0; batch < 20 && !ada.socket.closed; batch++) {
      for (let i = 0; i < 100; i++) ada.socket.send({ type: "device", device: { camera: true, microphone: true } });
      await Promise.race([ada.socket.whenClosed(), ada.socket.messages(ada.socket.received.length + 1)]);
    }
    expect(await ada.socket.whenClosed()).toEqual({ code: CloseCode.flooded, reason: "Too many messages." });
    expect(ada.socket.received.filter((m) => m.type === "error").map((m) => m.type === "error" && m.code)).toEqual([
      "rate-limited",
    ]);
    await dashboard.listed(0);
  });

  it("removes a patient who waited longer than the practice allows", async () => {
    const { provider, dashboard } = await dashboardFor();
    await setIdleLimit(provider.cookie, 15);
    // Ten minutes waited: the alarm is set for when she reaches fifteen.
    const since = Date.now() - 10 * 60_000;
    const ada = await patientOf(provider.id, "Ada", { waitingSince: since });
    await positionBecomes(ada.socket, 1);
    expect(await runInDurableObject(roomOf(provider.id), (_o, state) => state.storage.getAlarm())).toBe(
      since + 15 * 60_000,
    );
    // Sixteen minutes waited (a ticket from before the limit was lowered): the alarm removes her.
    const ben = await patientOf(provider.id, "Ben", { waitingSince: Date.now() - 16 * 60_000 });
    await runDurableObjectAlarm(roomOf(provider.id));
    expect((await ben.socket.whenClosed()).code).toBe(CloseCode.idle);
    expect(ada.socket.closed).toBeUndefined();
    await dashboard.listed(1);
  });

  it("keeps the practice's idle limit when the room hibernates and wakes", async () => {
    const { provider } = await dashboardFor();
    await setIdleLimit(provider.cookie, 15);
    const since = Date.now() - 10 * 60_000;
    const ada = await patientOf(provider.id, "Ada", { waitingSince: since });
    await positionBecomes(ada.socket, 1);
    // D1 says otherwise from now on, as if nobody had told the room: only its own storage says 15.
    await database(env.DB)
      .update(practices)
      .set({ waitingIdleLimitMinutes: 180 })
      .where(eq(practices.id, provider.practiceId));
    await evictDurableObject(roomOf(provider.id));
    // Woken by another patient: the room sets its alarm again from what it kept.
    const bo = await patientOf(provider.id, "Bo");
    await positionBecomes(bo.socket, 2);
    expect(await runInDurableObject(roomOf(provider.id), (_o, state) => state.storage.getAlarm())).toBe(
      since + 15 * 60_000,
    );
  });

  it("lets go at once of patients past a shorter idle limit the practice sets while they wait", async () => {
    const { provider, dashboard } = await dashboardFor();
    const ada = await patientOf(provider.id, "Ada", { waitingSince: Date.now() - 20 * 60_000 });
    const bo = await patientOf(provider.id, "Bo");
    await dashboard.listed(2);
    await setIdleLimit(provider.cookie, 15);
    expect((await ada.socket.whenClosed()).code).toBe(CloseCode.idle);
    await dashboard.listed(1);
    expect(bo.socket.closed).toBeUndefined();
  });

  it("uses a deny pause the practice changed while the dashboard was open", async () => {
    const { provider, dashboard } = await dashboardFor();
    const res = await api("/api/practice", {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ denyPauseMinutes: 60 }),
    });
    expect(res.status).toBe(200);
    const ada = await patientOf(provider.id, "Ada");
    const [waiting] = await dashboard.listed(1);
    dashboard.send({ type: "deny", patientId: waiting!.id });
    expect((await ada.socket.next("denied")).retryAt).toBeGreaterThan(Date.now() + 55 * 60_000);
  });

  it("tells a denied patient the practice's message, and lets the link ask again only after the pause", async () => {
    const { provider, dashboard } = await dashboardFor();
    const ada = await patientOf(provider.id, "Ada");
    const [waiting] = await dashboard.listed(1);
    dashboard.send({ type: "deny", patientId: waiting!.id, message: "Please call us." });
    const denied = await ada.socket.next("denied");
    expect(denied.message).toBe("Please call us.");
    expect(denied.retryAt).toBeGreaterThan(Date.now() + 4 * 60_000);
    expect((await ada.socket.whenClosed()).code).toBe(CloseCode.denied);
    // Entering again through the same link during the pause: refused, with when to try again.
    const again = await connected("/api/ws/waiting", ticketed(await joinTicket(ada.token, "Ada")));
    expect(await again.next("denied")).toEqual({ type: "denied", message: null, retryAt: denied.retryAt });
    expect((await again.whenClosed()).code).toBe(CloseCode.denied);
    expect(dashboard.waitingList()).toEqual([]);
  });
});

describe("the waiting room: colleagues", () => {
  it("transfers a patient to a colleague's waiting room, keeping their waiting time", async () => {
    const first = await dashboardFor();
    const second = await dashboardFor({ practiceId: first.provider.practiceId });
    // Each dashboard lists its colleagues (the first opened before the second joined the practice).
    expect((await second.dashboard.next("colleagues")).colleagues.map((c) => c.id)).toEqual([first.provider.id]);
    const reopened = await connected("/api/ws/waiting", { Cookie: first.provider.cookie });
    expect((await reopened.next("colleagues")).colleagues.map((c) => c.id)).toEqual([second.provider.id]);

    const ada = await patientOf(first.provider.id, "Ada");
    const [waiting] = await reopened.listed(1);
    reopened.send({ type: "transfer", patientId: waiting!.id, to: second.provider.id });
    const moved = await ada.socket.next("transferred");
    expect((await ada.socket.whenClosed()).code).toBe(CloseCode.transferred);
    await first.dashboard.listed(0);
    // Her page connects again with the new ticket: she waits in the colleague's room, since then.
    const there = await connected("/api/ws/waiting", ticketed(moved.ticket));
    await positionBecomes(there, 1);
    const [arrived] = await second.dashboard.listed(1);
    expect(arrived).toMatchObject({ sealedFor: ada.inviteId, waitingSince: waiting!.waitingSince });
  });

  it("keeps a patient waiting here when the colleague was removed after the dashboard opened", async () => {
    const admin = await dashboardFor();
    const colleague = await providerWithSession(undefined, { practiceId: admin.provider.practiceId });
    const dashboard = await connected("/api/ws/waiting", { Cookie: admin.provider.cookie });
    expect((await dashboard.next("colleagues")).colleagues.map((c) => c.id)).toEqual([colleague.id]);
    await database(env.DB).delete(providers).where(eq(providers.id, colleague.id));

    const ada = await patientOf(admin.provider.id, "Ada");
    const [waiting] = await dashboard.listed(1);
    const seen = dashboard.received.length;
    dashboard.send({ type: "transfer", patientId: waiting!.id, to: colleague.id });
    expect(await dashboard.until((m): m is ServerMessage => m.type === "error", { since: seen })).toMatchObject({
      code: "not-found",
    });
    // The list of colleagues loses them, and Ada is still here, in her place.
    expect(dashboard.received.slice(seen).find((m) => m.type === "colleagues")).toEqual({
      type: "colleagues",
      colleagues: [],
    });
    expect(ada.socket.closed).toBeUndefined();
    expect(await dashboard.named(1)).toEqual(["Ada"]);
  });

  it("sends a patient moved to a colleague back to their own provider's room when the colleague is removed", async () => {
    const first = await dashboardFor();
    const second = await dashboardFor({ practiceId: first.provider.practiceId });
    const ada = await patientOf(first.provider.id, "Ada");
    const dashboard = await connected("/api/ws/waiting", { Cookie: first.provider.cookie });
    await dashboard.next("colleagues");
    const [waiting] = await dashboard.listed(1);
    dashboard.send({ type: "transfer", patientId: waiting!.id, to: second.provider.id });
    const moved = await ada.socket.next("transferred");
    const there = await connected("/api/ws/waiting", ticketed(moved.ticket));
    await second.dashboard.listed(1);

    // The colleague leaves the practice (their account is deleted) while Ada waits in their room.
    await database(env.DB).update(providers).set({ role: "admin" }).where(eq(providers.id, first.provider.id));
    const removal = await api(`/api/practice/members/${second.provider.id}`, {
      method: "DELETE",
      headers: { Cookie: first.provider.cookie },
    });
    expect(removal.status).toBe(204);
    const handedBack = await there.next("ticket");
    expect((await there.whenClosed()).code).toBe(CloseCode.reopened);
    // Her page reconnects with the ticket it was handed: she is back with her own provider, her time kept.
    await connected("/api/ws/waiting", ticketed(handedBack.ticket));
    const [back] = await dashboard.listed(1);
    expect(back).toMatchObject({ sealedFor: ada.inviteId, waitingSince: waiting!.waitingSince });
  });

  it("lists 200 colleagues, and moves a patient to the last of them", async () => {
    const { provider } = await dashboardFor();
    const now = Date.now();
    const members = Array.from({ length: 200 }, (_, i) => ({
      id: crypto.randomUUID(),
      practiceId: provider.practiceId,
      role: "provider" as const,
      email: `member-${i}-${crypto.randomUUID()}@example.test`,
      // Long names in two-byte characters: the list no longer rides in a 16 KB socket attachment.
      displayName: `Dr. Łukasiewicz-Żółkiewska ${String(i).padStart(3, "0")}`,
      passwordHash: "not-a-hash",
      emailConfirmedAt: now,
      createdAt: now,
    }));
    const db = database(env.DB);
    // Eight rows per statement: D1 binds at most 100 parameters in one.
    for (let i = 0; i < members.length; i += 8) await db.insert(providers).values(members.slice(i, i + 8));
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    const { colleagues } = await dashboard.next("colleagues");
    expect(colleagues).toHaveLength(200);
    const last = colleagues.at(-1)!;
    expect(last.name).toBe("Dr. Łukasiewicz-Żółkiewska 199");
    const ada = await patientOf(provider.id, "Ada");
    const [waiting] = await dashboard.listed(1);
    dashboard.send({ type: "transfer", patientId: waiting!.id, to: last.id });
    expect((await ada.socket.next("transferred")).to).toBe(last.name);
  });

  it("refuses a transfer to someone outside the practice", async () => {
    const { provider, dashboard } = await dashboardFor();
    const stranger = await providerWithSession();
    const ada = await patientOf(provider.id, "Ada");
    const [waiting] = await dashboard.listed(1);
    dashboard.send({ type: "transfer", patientId: waiting!.id, to: stranger.id });
    expect((await dashboard.next("error")).code).toBe("forbidden");
    expect(ada.socket.closed).toBeUndefined();
  });

  it("admits a patient once when two tabs admit them at the same moment; the other is told", async () => {
    const { provider, dashboard } = await dashboardFor();
    const other = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    const ada = await patientOf(provider.id, "Ada");
    const [waiting] = await dashboard.listed(1);
    await other.listed(1);
    dashboard.send({ type: "admit", patientId: waiting!.id });
    other.send({ type: "admit", patientId: waiting!.id });
    await ada.socket.next("admitted");
    const outcomes = await Promise.all(
      [dashboard, other].map((tab) =>
        tab.until((m): m is ServerMessage => m.type === "admitted" || m.type === "error", { within: 20 }),
      ),
    );
    expect(outcomes.map((m) => m.type).sort()).toEqual(["admitted", "error"]);
    const refused = outcomes.find((m) => m.type === "error") as Extract<ServerMessage, { type: "error" }>;
    expect(["conflict", "not-found"]).toContain(refused.code);
    expect(ada.socket.received.filter((m) => m.type === "admitted")).toHaveLength(1);
  });
});

/** Switches the practice's shared waiting room on or off, as its admin would. */
async function shareWaitingRoom(adminCookie: string, shared: boolean) {
  const res = await api("/api/practice", {
    method: "PATCH",
    headers: { Cookie: adminCookie },
    body: JSON.stringify({ sharedWaitingRoom: shared }),
  });
  expect(res.status).toBe(200);
}

describe("the waiting room: one for the whole practice", () => {
  it("shows every member every patient, lets either admit, and admits once when both do at the same moment", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    await shareWaitingRoom(admin.cookie, true);
    const first = await dashboardFor({ practiceId: admin.practiceId });
    const second = await dashboardFor({ practiceId: admin.practiceId });
    // Nobody is moved between colleagues in a shared room: the list of colleagues is empty.
    expect((await second.dashboard.next("colleagues")).colleagues).toEqual([]);

    // Patients of either provider wait in the one room, in order of arrival.
    const ada = await patientOf(first.provider.id, "Ada");
    const ben = await patientOf(second.provider.id, "Ben");
    await positionBecomes(ben.socket, 2);
    for (const dashboard of [first.dashboard, second.dashboard]) {
      expect(await dashboard.named(2)).toEqual(["Ada", "Ben"]);
      // Each row says whom the patient came to see.
      expect(dashboard.waitingList().map((p) => p.appointment?.with)).toEqual([
        `Dr. ${first.provider.email.slice(0, 6)}`,
        `Dr. ${second.provider.email.slice(0, 6)}`,
      ]);
    }

    // The second provider admits the first provider's patient; both click at once for Ben.
    const [adaWaiting, benWaiting] = await second.dashboard.listed(2);
    second.dashboard.send({ type: "admit", patientId: adaWaiting!.id });
    await ada.socket.next("admitted");
    await second.dashboard.next("admitted");
    await first.dashboard.listed(1);
    const tabs = [first.dashboard, second.dashboard];
    const seenBefore = tabs.map((tab) => tab.received.length);
    first.dashboard.send({ type: "admit", patientId: benWaiting!.id });
    second.dashboard.send({ type: "admit", patientId: benWaiting!.id });
    await ben.socket.next("admitted");
    // One of them is let in with him; the other is told (conflict, or gone once the first finished).
    const outcomes = () =>
      tabs.flatMap((tab, i) =>
        tab.received.slice(seenBefore[i]).filter((m) => m.type === "admitted" || m.type === "error"),
      );
    await expect.poll(() => outcomes().length).toBe(2);
    expect(
      outcomes()
        .map((m) => m.type)
        .sort(),
    ).toEqual(["admitted", "error"]);
    expect(ben.socket.received.filter((m) => m.type === "admitted")).toHaveLength(1);
  });

  it("one member's 'log out everywhere' closes their sockets only: a colleague's dashboard and call stay open", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    await shareWaitingRoom(admin.cookie, true);
    const leaving = await dashboardFor({ practiceId: admin.practiceId });
    const staying = await dashboardFor({ practiceId: admin.practiceId });
    const ada = await patientOf(staying.provider.id, "Ada");
    const [waiting] = await staying.dashboard.listed(1);
    staying.dashboard.send({ type: "admit", patientId: waiting!.id });
    const forPatient = await ada.socket.next("admitted");
    const forProvider = await staying.dashboard.next("admitted");
    const path = `/api/ws/consultation/${forPatient.consultationId}`;
    const call = await connected(path, { ...ticketed(forProvider.ticket), Cookie: staying.provider.cookie });
    const patientInCall = await connected(path, ticketed(forPatient.ticket));
    await call.next("hello");

    const res = await api("/api/auth/logout-everywhere", {
      method: "POST",
      headers: { Cookie: leaving.provider.cookie },
    });
    expect(res.status).toBe(204);
    expect((await leaving.dashboard.whenClosed()).code).toBe(CloseCode.unauthorized);
    // The colleague's sockets are still open: each answers a message after the logout with an error reply.
    for (const socket of [staying.dashboard, call]) {
      const seen = socket.received.length;
      socket.send({ type: "no-such-message" });
      await socket.until((m): m is ServerMessage => m.type === "error", { since: seen });
    }
    expect(staying.dashboard.closed).toBeUndefined();
    expect(call.closed).toBeUndefined();
    expect(patientInCall.closed).toBeUndefined();
  });

  it("moves everyone waiting, with their waiting time, when the practice switches to one shared room", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    const mine = await connected("/api/ws/waiting", { Cookie: admin.cookie });
    await mine.next("queue");
    const ada = await patientOf(admin.id, "Ada");
    const [before] = await mine.listed(1);

    await shareWaitingRoom(admin.cookie, true);
    // Both sides are asked to reconnect; the patient was sent a ticket that keeps her place.
    const fresh = await ada.socket.next("ticket");
    expect((await ada.socket.whenClosed()).code).toBe(CloseCode.reopened);
    expect((await mine.whenClosed()).code).toBe(CloseCode.reopened);
    const shared = await connected("/api/ws/waiting", { Cookie: admin.cookie });
    await shared.next("queue");
    const back = await connected("/api/ws/waiting", ticketed(fresh.ticket));
    await positionBecomes(back, 1);
    const [after] = await shared.listed(1);
    expect(after).toMatchObject({ sealedFor: ada.inviteId, waitingSince: before!.waitingSince });
    // The practice's room is a room of its own, not the provider's.
    await runInDurableObject(roomOf(admin.id), async (_instance, state) => {
      expect(state.getWebSockets()).toHaveLength(0);
    });
  });

  it("reaches a patient moved to a colleague when their link is withdrawn", async () => {
    const first = await dashboardFor();
    const second = await dashboardFor({ practiceId: first.provider.practiceId });
    const reopened = await connected("/api/ws/waiting", { Cookie: first.provider.cookie });
    await reopened.next("colleagues");
    const ada = await patientOf(first.provider.id, "Ada");
    const [waiting] = await reopened.listed(1);
    reopened.send({ type: "transfer", patientId: waiting!.id, to: second.provider.id });
    const moved = await ada.socket.next("transferred");
    const there = await connected("/api/ws/waiting", ticketed(moved.ticket));
    await positionBecomes(there, 1);

    // The first provider sends a new link for the appointment: the old one no longer opens anything.
    const res = await newLinkFor(first.provider.cookie, ada.appointmentId);
    expect(res.status).toBe(201);
    expect((await there.whenClosed()).code).toBe(CloseCode.revoked);
    await second.dashboard.listed(0);
  });
});

/** The practice sends a new link for the appointment: the old one is withdrawn. */
async function withdrawLink(cookie: string, appointmentId: string): Promise<void> {
  const res = await newLinkFor(cookie, appointmentId);
  expect(res.status).toBe(201);
}

describe("the waiting room: links checked as patients arrive", () => {
  it("refuses a withdrawn link when the patient's page comes back, also after the room hibernated", async () => {
    const { provider, dashboard } = await dashboardFor();
    const ada = await patientOf(provider.id, "Ada");
    await dashboard.listed(1);
    await withdrawLink(provider.cookie, ada.appointmentId);
    expect((await ada.socket.whenClosed()).code).toBe(CloseCode.revoked);
    expect(await refusal("/api/ws/waiting", ticketed(ada.ticket))).toBe(CloseCode.forbidden);
    await evictDurableObject(roomOf(provider.id));
    expect(await refusal("/api/ws/waiting", ticketed(ada.ticket))).toBe(CloseCode.forbidden);
    const again = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    expect((await again.next("queue")).patients).toEqual([]);
  });

  it("refuses a withdrawn link after the practice switched rooms, with the old ticket and the new", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    const ada = await patientOf(admin.id, "Ada");
    await positionBecomes(ada.socket, 1);
    await shareWaitingRoom(admin.cookie, true);
    const fresh = await ada.socket.next("ticket");
    expect((await ada.socket.whenClosed()).code).toBe(CloseCode.reopened);
    await withdrawLink(admin.cookie, ada.appointmentId);
    expect(await refusal("/api/ws/waiting", ticketed(fresh.ticket))).toBe(CloseCode.forbidden);
    expect(await refusal("/api/ws/waiting", ticketed(ada.ticket))).toBe(CloseCode.forbidden);
  });

  it("sends a patient whose ticket names a room the practice no longer uses on to the one it uses now", async () => {
    const admin = await providerWithSession(undefined, { role: "admin" });
    const { token } = await appointmentWithInvite(admin.id);
    const ticket = await joinTicket(token, "Ada");
    await shareWaitingRoom(admin.cookie, true);
    const shared = await connected("/api/ws/waiting", { Cookie: admin.cookie });
    await shared.next("queue");
    // The ticket names the provider's own room: that room hands her a ticket for the shared one.
    const first = await connected("/api/ws/waiting", ticketed(ticket));
    const onward = await first.next("ticket");
    expect((await first.whenClosed()).code).toBe(CloseCode.reopened);
    const there = await connected("/api/ws/waiting", ticketed(onward.ticket));
    await positionBecomes(there, 1);
    await tellName(there, "Ada");
    expect(await shared.named(1)).toEqual(["Ada"]);
    const [waiting] = shared.waitingList();
    expect(waiting).toMatchObject({ appointment: { with: `Dr. ${admin.email.slice(0, 6)}` } });
  });
});
