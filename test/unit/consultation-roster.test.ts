import { describe, expect, it } from "vitest";
import { type ConsultationAttachment, ConsultationRoster } from "../../durable-objects/consultation/roster.ts";
import { ExpiringSet } from "../../durable-objects/expiring-set.ts";
import { CloseCode } from "../../schema/messages.ts";
import { FakeSockets } from "./fake-socket.ts";

const TICKETS_EXPIRE_AT = 50_000;

/** A call with fake sockets, a fake clock and a record kept in `stored`, as Durable Object storage would. */
function call(stored = new Map<string, number>(), clock = { now: 1_000 }, endsAt?: number) {
  const sockets = new FakeSockets<ConsultationAttachment>();
  const record = new ExpiringSet(new Map(stored), {
    put: (id, until) => stored.set(id, until),
    delete: (id) => stored.delete(id),
  });
  // The length the waiting room gave the call when it admitted it.
  const roster = new ConsultationRoster(sockets.list, record, () => clock.now, endsAt);
  let n = 0;
  const join = (role: "provider" | "patient", participantId: string = role) => {
    const socket = sockets.add({
      consultationId: "c1",
      participantId,
      role,
      name: role === "provider" ? "Dr. Who" : "Ada",
      connectionId: `conn-${++n}`,
      ticketExpiresAt: endsAt ?? TICKETS_EXPIRE_AT,
    });
    roster.connected(socket);
    return socket;
  };
  return { roster, sockets, join, stored, clock };
}

describe("the consultation roster", () => {
  it("tells the waiting room whether a patient is in the call, has left it, or it has ended", () => {
    const { roster, join, sockets } = call();
    join("provider");
    const ada = join("patient", "invite-1");
    expect(roster.participantState("invite-1")).toBe("present");
    sockets.remove(ada);
    roster.disconnected(ada);
    expect(roster.participantState("invite-1")).toBe("away");
    roster.end();
    expect(roster.participantState("invite-1")).toBe("ended");
  });

  it("tells everyone who is in the call", () => {
    const { join } = call();
    const dr = join("provider");
    const ada = join("patient");
    const expected = [
      { id: dr.attachment.connectionId, role: "provider", name: "Dr. Who" },
      { id: ada.attachment.connectionId, role: "patient", name: "Ada" },
    ];
    expect(dr.last("presence")?.participants).toEqual(expected);
    expect(ada.last("presence")?.participants).toEqual(expected);
  });

  it("relays signaling only to the addressed peer, marked with the sender", () => {
    const { roster, join } = call();
    const dr = join("provider");
    const ada = join("patient");
    roster.received(dr, JSON.stringify({ type: "offer", to: ada.attachment.connectionId, sdp: "v=0 offer" }));
    roster.received(ada, JSON.stringify({ type: "answer", to: dr.attachment.connectionId, sdp: "v=0 answer" }));
    roster.received(
      ada,
      JSON.stringify({
        type: "ice",
        to: dr.attachment.connectionId,
        candidate: { candidate: "candidate:1", sdpMid: "0" },
      }),
    );
    expect(ada.last("offer")).toEqual({ type: "offer", from: dr.attachment.connectionId, sdp: "v=0 offer" });
    expect(dr.last("answer")).toEqual({ type: "answer", from: ada.attachment.connectionId, sdp: "v=0 answer" });
    expect(dr.last("ice")?.candidate?.candidate).toBe("candidate:1");
    expect(dr.last("offer")).toBeUndefined();
  });

  it("refuses signaling to someone not in the room, and to oneself", () => {
    const { roster, join } = call();
    const dr = join("provider");
    roster.received(dr, JSON.stringify({ type: "offer", to: "stranger", sdp: "v=0" }));
    roster.received(dr, JSON.stringify({ type: "offer", to: dr.attachment.connectionId, sdp: "v=0" }));
    expect(dr.sent.filter((m) => m.type === "error").map((m) => m.type === "error" && m.code)).toEqual([
      "not-found",
      "not-found",
    ]);
  });

  it("lets only the provider end the call; ending closes every socket and turns later joins away", () => {
    const { roster, join } = call();
    const dr = join("provider");
    const ada = join("patient");
    roster.received(ada, JSON.stringify({ type: "end" }));
    expect(ada.last("error")?.code).toBe("forbidden");
    expect(dr.closed).toBeUndefined();
    roster.received(dr, JSON.stringify({ type: "end" }));
    for (const socket of [dr, ada]) {
      expect(socket.last("ended")).toEqual({ type: "ended", reason: "ended-by-provider" });
      expect(socket.closed?.code).toBe(CloseCode.ended);
    }
    const late = join("patient");
    expect(late.closed?.code).toBe(CloseCode.ended);
  });

  it("turns away a third participant: calls are 1:1 for now", () => {
    const { join } = call();
    join("provider");
    join("patient", "patient-a");
    const third = join("patient", "patient-b");
    expect(third.last("error")?.code).toBe("forbidden");
    expect(third.closed?.code).toBe(CloseCode.full);
  });

  it("replaces a participant's older connection when they reconnect", () => {
    const { join } = call();
    const dr = join("provider");
    const first = join("patient");
    const second = join("patient");
    expect(first.closed?.code).toBe(CloseCode.replaced);
    expect(dr.last("presence")?.participants.map((p) => p.id)).toEqual([
      dr.attachment.connectionId,
      second.attachment.connectionId,
    ]);
  });

  it("tells the others when someone leaves", () => {
    const { roster, join } = call();
    const dr = join("provider");
    const ada = join("patient");
    roster.received(ada, JSON.stringify({ type: "leave" }));
    expect(ada.closed?.code).toBe(CloseCode.normal);
    expect(dr.last("presence")?.participants).toHaveLength(1);
  });

  it("answers waiting-room messages with an error", () => {
    const { roster, join } = call();
    const dr = join("provider");
    roster.received(dr, JSON.stringify({ type: "admit", patientId: "x" }));
    expect(dr.last("error")?.code).toBe("unknown-type");
  });

  it("stays ended after a restart for the same tickets, and forgets that once the last ticket has expired", () => {
    const first = call();
    first.join("provider");
    first.join("patient");
    first.roster.received(first.join("provider"), JSON.stringify({ type: "end" }));
    expect([...first.stored]).toEqual([["ended", TICKETS_EXPIRE_AT]]);

    // A new roster over the same storage: what an evicted or restarted object builds.
    const clock = { now: 2_000 };
    const after = call(first.stored, clock);
    const late = after.join("patient");
    expect(late.last("ended")).toEqual({ type: "ended", reason: "ended-by-provider" });
    expect(late.closed?.code).toBe(CloseCode.ended);
    expect(late.last("hello")).toBeUndefined();

    expect(after.roster.expire()).toBe(TICKETS_EXPIRE_AT);
    clock.now = TICKETS_EXPIRE_AT;
    expect(after.roster.expire()).toBeUndefined();
    expect(after.stored.size).toBe(0);
  });

  describe("at its maximum length", () => {
    const ENDS_AT = 10 * 60_000;
    const WARN_AT = ENDS_AT - 5 * 60_000;

    it("sets the alarm for the warning, then for the end", () => {
      const { roster, join, clock } = call(new Map(), { now: 1_000 }, ENDS_AT);
      join("provider");
      join("patient");
      expect(roster.expire()).toBe(WARN_AT);
      clock.now = WARN_AT;
      expect(roster.expire()).toBe(ENDS_AT);
    });

    it("warns everyone once, 5 minutes before, and whoever joins after that too", () => {
      const { roster, join, clock } = call(new Map(), { now: 1_000 }, ENDS_AT);
      const dr = join("provider");
      roster.expire();
      expect(dr.last("time-warning")).toBeUndefined();
      clock.now = WARN_AT;
      roster.expire();
      roster.expire();
      expect(dr.sent.filter((m) => m.type === "time-warning")).toEqual([{ type: "time-warning", endsAt: ENDS_AT }]);
      const ada = join("patient");
      expect(ada.last("time-warning")).toEqual({ type: "time-warning", endsAt: ENDS_AT });
    });

    it("ends the call for everyone with the reason, and then holds nothing", () => {
      const stored = new Map<string, number>();
      const { roster, join, clock } = call(stored, { now: 1_000 }, ENDS_AT);
      const dr = join("provider");
      const ada = join("patient");
      clock.now = ENDS_AT;
      const next = roster.expire();
      for (const socket of [dr, ada]) {
        expect(socket.last("ended")).toEqual({ type: "ended", reason: "time-limit" });
        expect(socket.closed?.code).toBe(CloseCode.ended);
      }
      // The tickets expire with the call: the record of its end goes at the next alarm.
      expect(next).toBe(ENDS_AT);
      clock.now = ENDS_AT + 1;
      expect(roster.expire()).toBeUndefined();
      expect(stored.size).toBe(0);
    });
  });
});
