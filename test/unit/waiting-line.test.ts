import { describe, expect, it } from "vitest";
import { memorySet } from "../../durable-objects/expiring-set.ts";
import type { PatientAttachment, WaitingAttachment } from "../../durable-objects/waiting-room/attachments.ts";
import { WaitingLine } from "../../durable-objects/waiting-room/line.ts";
import { RoomSettings } from "../../durable-objects/waiting-room/settings.ts";
import { WAITING_GRACE_MS } from "../../schema/limits.ts";
import { CloseCode } from "../../schema/messages.ts";
import { FakeSockets } from "./fake-socket.ts";
import { IDLE_LIMIT_MS, idOf, listOf, nameOf, ofType, positionOf, room } from "./waiting-room-harness.ts";

describe("the waiting line: order and positions", () => {
  it("shows the provider everyone waiting, in order of arrival, with the appointment they came for", () => {
    const { provider, patient, later } = room();
    patient("Ada");
    later();
    const dr = provider();
    patient("Bo");
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
    expect(dr.last("arrived")?.patient).toMatchObject({
      appointment: { title: "Check-up Bo" },
      device: null,
      onHold: false,
    });
  });

  it("sends a provider one small message per arrival and departure, never the whole list again", async () => {
    const { provider, patient, send, later } = room();
    const dr = provider();
    const waiting = Array.from({ length: 20 }, (_, i) => {
      later();
      return patient(`P${i}`);
    });
    const before = dr.sent.length;
    patient("Late");
    expect(dr.sent.slice(before)).toEqual([expect.objectContaining({ type: "arrived" })]);
    const seen = dr.sent.length;
    await send(waiting[3]!, { type: "leave" });
    expect(dr.sent.slice(seen)).toEqual([{ type: "departed", id: idOf(waiting[3]!) }]);
    expect(ofType(dr, "queue")).toHaveLength(1);
  });

  it("tells each patient their own place at once, and later places only to those whose place changed", async () => {
    const { provider, patient, send, tick, later } = room();
    provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    later();
    const cy = patient("Cy");
    expect([positionOf(ada), positionOf(bo), positionOf(cy)]).toEqual([1, 2, 3]);
    tick();
    // Arrivals at the end move nobody.
    expect(ofType(ada, "position")).toHaveLength(1);
    await send(bo, { type: "leave" });
    tick();
    expect(ofType(ada, "position")).toHaveLength(1);
    expect(ofType(cy, "position").map((m) => m.type === "position" && m.position)).toEqual([3, 2]);
  });

  it("coalesces many changes into one position update per patient", async () => {
    const { provider, patient, send, tick, later } = room();
    provider();
    const ahead = Array.from({ length: 10 }, (_, i) => {
      later();
      return patient(`A${i}`);
    });
    later();
    const last = patient("Last");
    tick();
    for (const socket of ahead) await send(socket, { type: "leave" });
    // Ten departures before the room's next update: one message.
    tick();
    tick();
    expect(ofType(last, "position").map((m) => m.type === "position" && m.position)).toEqual([11, 1]);
  });

  it("never tells a patient anyone else's name or how many wait behind them", () => {
    const { provider, patient, later } = room();
    provider();
    const ada = patient("Ada");
    later();
    patient("Bo");
    const types = new Set(ada.sent.map((m) => m.type));
    expect([...types].sort()).toEqual(["hello", "position", "room-status"]);
    expect(JSON.stringify(ada.sent)).not.toContain("Bo");
  });
});

describe("the waiting line: reconnecting", () => {
  it("replaces a patient's older connection when they connect again with the same invite", () => {
    const { provider, patient } = room();
    const dr = provider();
    const first = patient("Ada");
    patient("Ada");
    expect(first.closed?.code).toBe(CloseCode.replaced);
    expect(listOf(dr)).toEqual(["Ada"]);
  });

  it("brings a patient who dropped back to their place within the grace period", () => {
    const { queue, sockets, provider, patient, clock, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later();
    patient("Bo");
    later(10 * 60_000);
    sockets.remove(ada);
    queue.disconnected(ada);
    expect(listOf(dr)).toEqual(["Bo"]);
    clock.now += WAITING_GRACE_MS - 1_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(positionOf(back)).toBe(1);
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
  });

  it("keeps the place of a patient who dropped, so that those behind do not move up and back", () => {
    const { queue, sockets, provider, patient, clock, later, tick } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later();
    const bo = patient("Bo");
    tick();
    const positionsOfBo = () => bo.sent.filter((m) => m.type === "position").map((m) => m.position);
    expect(positionsOfBo()).toEqual([2]);
    sockets.remove(ada);
    queue.disconnected(ada);
    tick();
    // Nobody can admit Ada while she is away; Bo stays second and is told nothing new.
    expect(listOf(dr)).toEqual(["Bo"]);
    expect(positionsOfBo()).toEqual([2]);
    clock.now += 30_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    tick();
    expect(positionOf(back)).toBe(1);
    expect(positionsOfBo()).toEqual([2]);
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
  });

  it("keeps one place per link: a page back with the newer ticket it was handed takes the kept place", () => {
    const { queue, sockets, provider, patient, tick } = room();
    const dr = provider();
    const ada = patient("Ada");
    sockets.remove(ada);
    queue.disconnected(ada);
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    const back = patient("Ada", { ticketId: "ticket-Ada-newer", waitingSince: since, issuedAt: since });
    tick();
    expect(positionOf(back)).toBe(1);
    expect(listOf(dr)).toEqual(["Ada"]);
    expect(queue.waiting).toBe(1);
    const bo = patient("Bo");
    expect(positionOf(bo)).toBe(2);
  });

  it("gives the place up when the grace period ends: those behind move up", () => {
    const { queue, sockets, provider, patient, clock, later, tick } = room();
    provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += WAITING_GRACE_MS + 1_000;
    queue.expire();
    tick();
    expect(positionOf(bo)).toBe(1);
  });

  it("admits next the first patient who is there, not one whose page is reconnecting", async () => {
    const { queue, sockets, send, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    sockets.remove(ada);
    queue.disconnected(ada);
    await send(dr, { type: "admit-next" });
    expect(bo.last("admitted")).toBeDefined();
  });

  it("puts a patient at the end who comes back after the grace period, and hands them a ticket for it", async () => {
    const { queue, sockets, provider, patient, clock, sealed, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later();
    patient("Bo");
    later(10 * 60_000);
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += WAITING_GRACE_MS + 1_000;
    queue.expire();
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(positionOf(back)).toBe(2);
    expect(listOf(dr)).toEqual(["Bo", "Ada"]);
    await Promise.resolve();
    expect(sealed).toEqual([expect.objectContaining({ inviteId: "invite-Ada", waitingSince: clock.now })]);
    expect(back.last("ticket")).toEqual({ type: "ticket", ticket: `sealed-prov-${clock.now}` });
  });

  it("keeps the place of a freshly issued ticket, such as one handed over by a colleague", () => {
    const { provider, patient, later } = room();
    const dr = provider();
    later();
    patient("Bo");
    // Waiting since long ago, moved here just now: ahead of Bo.
    patient("Ada", { waitingSince: 10 });
    expect(listOf(dr)).toEqual(["Ada", "Bo"]);
  });

  it("admits a patient who reconnected during admission on their new connection", async () => {
    const { send, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const first = patient("Ada");
    const admitting = send(dr, { type: "admit", patientId: idOf(first) });
    const second = patient("Ada");
    finishMinting();
    await admitting;
    expect(first.last("admitted")).toBeUndefined();
    expect(second.last("admitted")?.consultationId).toBe("consultation-1");
    expect(dr.last("admitted")?.consultationId).toBe("consultation-1");
  });

  it("rebuilds the queue from the sockets after hibernation, without telling anyone again", () => {
    const sockets = new FakeSockets<WaitingAttachment>();
    const first = room({ sockets });
    const dr = first.provider();
    const ada = first.patient("Ada");
    first.later();
    const bo = first.patient("Bo");
    first.tick();
    const sentBefore = [ada.sent.length, bo.sent.length];
    // A new object over the same sockets, as after eviction.
    const woken = room({ sockets });
    expect(woken.queue.waiting).toBe(2);
    const other = woken.provider("session-2");
    expect(listOf(other)).toEqual(["Ada", "Bo"]);
    woken.tick();
    expect([ada.sent.length, bo.sent.length]).toEqual(sentBefore);
    // And the room goes on: Ada leaves, Bo is told he is first.
    void woken.send(ada, { type: "leave" });
    woken.tick();
    expect(positionOf(bo)).toBe(1);
    expect(listOf(dr)).toEqual(["Bo"]);
  });
});

describe("the waiting line: the idle limit", () => {
  it("removes a patient who waited longer than the practice allows, and says when that is due", () => {
    const { queue, provider, patient, clock, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const adaSince = clock.now;
    later(60_000);
    const bo = patient("Bo");
    expect(queue.expire()).toBe(adaSince + IDLE_LIMIT_MS);
    clock.now = adaSince + IDLE_LIMIT_MS;
    queue.expire();
    expect(ada.closed?.code).toBe(CloseCode.idle);
    expect(bo.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Bo"]);
  });
});

describe("the waiting line on its own", () => {
  /** A line over patient sockets that are open already, as after a wake-up from hibernation. */
  function lineOver(...patients: Array<Partial<PatientAttachment> & { name: string; waitingSince: number }>) {
    const sockets = new FakeSockets<PatientAttachment>();
    const opened = patients.map(({ name, ...p }) =>
      sockets.add({
        role: "patient",
        providerId: "prov",
        room: "prov",
        appointmentId: `appt-${name}`,
        inviteId: `invite-${name}`,
        ticketId: `ticket-${name}`,
        connectionId: `conn-${name}`,
        ticketExpiresAt: 5_000_000,
        ...p,
      }),
    );
    const clock = { now: 10_000 };
    const settings = RoomSettings.inMemory({ idleLimitMs: 60_000 });
    const line = new WaitingLine(sockets.list(), {
      away: memorySet(),
      settings,
      now: () => clock.now,
      later: () => {},
    });
    return { line, opened, clock, settings };
  }

  it("sends away whoever waited past the idle limit, through the room's own way of closing them", () => {
    const { line, opened, clock } = lineOver(
      { name: "Ada", waitingSince: 1_000 },
      { name: "Bo", waitingSince: 50_000 },
    );
    clock.now = 61_000;
    const sentAway: string[] = [];
    const next = line.expire((socket) => {
      sentAway.push(nameOf(socket.attachment));
      line.forgetConnection(socket.attachment.connectionId);
    });
    expect(sentAway).toEqual(["Ada"]);
    expect(next).toBe(50_000 + 60_000);
    expect(line.present().map(nameOf)).toEqual(["Bo"]);
    expect(opened[1]?.closed).toBeUndefined();
  });

  it("passes over a patient who stepped away when asked who is next, and keeps their place meanwhile", () => {
    const { line } = lineOver({ name: "Ada", waitingSince: 1_000 }, { name: "Bo", waitingSince: 2_000 });
    expect(line.stepAway("conn-Ada")).toBe(true);
    expect(nameOf(line.first(() => true)?.attachment ?? { inviteId: "" })).toBe("Bo");
    expect(line.present().map(nameOf)).toEqual(["Bo"]);
    // Bo is still second: Ada's place is kept for her.
    expect(line.waiting).toBe(1);
    expect(line.stepAway("conn-Ada")).toBe(false);
  });

  it("tells a patient placed with a stale ticket their place at the end, and says the old place was not kept", () => {
    const { line, clock } = lineOver({ name: "Ada", waitingSince: 1_000 });
    clock.now = 1_000 + WAITING_GRACE_MS + 1;
    const bo = new FakeSockets<PatientAttachment>().add({
      role: "patient",
      providerId: "prov",
      room: "prov",
      appointmentId: "appt-Bo",
      inviteId: "invite-Bo",
      ticketId: "ticket-Bo",
      connectionId: "conn-Bo",
      waitingSince: 500,
      issuedAt: 500,
      ticketExpiresAt: 5_000_000,
    });
    const { placed, keptPlace } = line.place(bo);
    expect(keptPlace).toBe(false);
    expect(placed.waitingSince).toBe(clock.now);
    expect(bo.last("position")).toEqual({ type: "position", position: 2, waitedMs: 0 });
  });
});
