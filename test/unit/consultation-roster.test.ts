import { describe, expect, it } from "vitest";
import {
  Group,
  MEMBER_AWAY_MS,
  MODERATOR_AWAY_MS,
  MODERATOR_GRACE_MS,
  type StoredGroup,
} from "../../durable-objects/consultation/group.ts";
import {
  type ConsultationAttachment,
  ConsultationRoster,
  MAX_PARTICIPANTS,
} from "../../durable-objects/consultation/roster.ts";
import { SEAT_HOLD_MS } from "../../durable-objects/consultation/seats.ts";
import { ExpiringSet } from "../../durable-objects/expiring-set.ts";
import { CALL_THROTTLE } from "../../durable-objects/throttle.ts";
import { CloseCode, type ConsultationRole } from "../../schema/messages.ts";
import { type FakeSocket, FakeSockets } from "./fake-socket.ts";

const TICKETS_EXPIRE_AT = 50_000;

const NAMES: Record<ConsultationRole, string> = { provider: "Dr. Who", patient: "Ada", guest: "Grace" };

/** Where a fake object keeps its group (the `group` key), as Durable Object storage would. */
interface GroupStorage {
  value?: StoredGroup;
}

/**
 * A call with fake sockets, a fake clock, and a record kept in `stored` and the group in `group`, as
 * Durable Object storage would.
 */
function call(stored = new Map<string, number>(), clock = { now: 1_000 }, endsAt?: number, group: GroupStorage = {}) {
  const sockets = new FakeSockets<ConsultationAttachment>();
  const record = new ExpiringSet(new Map(stored), {
    put: (id, until) => stored.set(id, until),
    delete: (id) => stored.delete(id),
  });
  const moderation = new Group(group.value && structuredClone(group.value), {
    save: (value) => {
      group.value = structuredClone(value);
    },
    clear: () => {
      delete group.value;
    },
  });
  // The length the waiting room gave the call when it admitted it.
  const roster = new ConsultationRoster(sockets.list, record, () => clock.now, endsAt, moderation);
  let n = 0;
  const join = (role: ConsultationRole, participantId: string = role, more: { name?: string; label?: string } = {}) => {
    const socket = sockets.add({
      consultationId: "c1",
      participantId,
      role,
      name: more.name ?? NAMES[role],
      ...(more.label === undefined ? {} : { label: more.label }),
      connectionId: `conn-${++n}`,
      ticketExpiresAt: endsAt ?? TICKETS_EXPIRE_AT,
    });
    roster.connected(socket);
    return socket;
  };
  /** The socket went away without a word (a dropped network), as the platform reports it. */
  const drop = (socket: FakeSocket<ConsultationAttachment>) => {
    sockets.remove(socket);
    roster.disconnected(socket);
  };
  const send = (socket: FakeSocket<ConsultationAttachment>, message: object) =>
    roster.received(socket, JSON.stringify(message));
  return { roster, sockets, join, drop, send, stored, group, clock };
}

const errors = (socket: FakeSocket<ConsultationAttachment>) =>
  socket.sent.flatMap((m) => (m.type === "error" ? [m.code] : []));

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

  it("tells everyone who is in the call: connection ids, roles, names, a guest's label, who moderates, and that it is not locked", () => {
    const { join } = call();
    const dr = join("provider");
    const ada = join("patient");
    const grace = join("guest", "invite-2", { label: "interpreter" });
    const expected = {
      type: "presence",
      participants: [
        { id: dr.attachment.connectionId, role: "provider", name: "Dr. Who", moderator: true },
        { id: ada.attachment.connectionId, role: "patient", name: "Ada", moderator: false },
        { id: grace.attachment.connectionId, role: "guest", name: "Grace", label: "interpreter", moderator: false },
      ],
      locked: false,
    };
    for (const socket of [dr, ada, grace]) expect(socket.last("presence")).toEqual(expected);
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

  it("lets five people in and turns away a sixth: the consultation is full", () => {
    const { join } = call();
    const dr = join("provider");
    join("patient");
    for (const n of [1, 2, 3]) join("guest", `guest-${n}`);
    expect(MAX_PARTICIPANTS).toBe(5);
    expect(dr.last("presence")?.participants).toHaveLength(5);
    const sixth = join("guest", "guest-4");
    expect(sixth.last("error")?.code).toBe("forbidden");
    expect(sixth.closed?.code).toBe(CloseCode.full);
    expect(sixth.last("hello")).toBeUndefined();
    // Someone already in it reconnecting is no sixth person.
    expect(join("guest", "guest-3").closed).toBeUndefined();
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

describe("a group consultation's moderation", () => {
  /** The admitting provider, a colleague, the patient and an interpreter, in that order. */
  function group() {
    const room = call();
    room.roster.moderatedBy("dr-a");
    const a = room.join("provider", "dr-a", { name: "Dr. A" });
    const b = room.join("provider", "dr-b", { name: "Dr. B" });
    const ada = room.join("patient", "invite-1");
    const guest = room.join("guest", "invite-2", { label: "interpreter" });
    const moderatorOf = (socket: FakeSocket<ConsultationAttachment>) =>
      socket.last("presence")?.participants.find((p) => p.moderator)?.name;
    return { ...room, a, b, ada, guest, moderatorOf };
  }

  it("is in the hands of the provider who admitted the call, not of whoever joins first", () => {
    const room = call();
    room.roster.moderatedBy("dr-a");
    const b = room.join("provider", "dr-b", { name: "Dr. B" });
    const a = room.join("provider", "dr-a", { name: "Dr. A" });
    expect(a.last("presence")?.participants.find((p) => p.moderator)?.name).toBe("Dr. A");
    room.send(b, { type: "end" });
    expect(b.last("error")?.code).toBe("forbidden");
    expect(a.closed).toBeUndefined();
  });

  it("lets a guest neither remove, lock, hand over, ask to mute nor end: their frames are refused and the room is unchanged", () => {
    const { a, ada, guest, send, roster } = group();
    const before = a.sent.length;
    for (const message of [
      { type: "remove", to: ada.attachment.connectionId },
      { type: "lock", locked: true },
      { type: "make-moderator", to: ada.attachment.connectionId },
      { type: "ask-mute", to: a.attachment.connectionId },
      { type: "end" },
    ]) {
      send(guest, message);
    }
    expect(errors(guest)).toEqual(["forbidden", "forbidden", "forbidden", "forbidden", "forbidden"]);
    expect(a.sent.length).toBe(before);
    expect(ada.closed).toBeUndefined();
    expect(roster.participantState("invite-1")).toBe("present");
    expect(roster.hasEnded).toBe(false);
  });

  it("lets the patient end nothing either", () => {
    const { a, ada, send } = group();
    send(ada, { type: "remove", to: a.attachment.connectionId });
    send(ada, { type: "end" });
    expect(errors(ada)).toEqual(["forbidden", "forbidden"]);
    expect(a.closed).toBeUndefined();
  });

  it("lets a provider who does not moderate neither remove, lock, hand over, ask to mute nor end, and changes nothing", () => {
    const { a, b, ada, guest, send, roster, moderatorOf, group: stored } = group();
    const storedBefore = structuredClone(stored.value);
    send(b, { type: "remove", to: guest.attachment.connectionId });
    send(b, { type: "lock", locked: true });
    send(b, { type: "make-moderator", to: b.attachment.connectionId });
    send(b, { type: "ask-mute", to: ada.attachment.connectionId });
    send(b, { type: "end" });
    expect(errors(b)).toEqual(["forbidden", "forbidden", "forbidden", "forbidden", "forbidden"]);
    expect(guest.closed).toBeUndefined();
    expect(ada.last("asked-to-mute")).toBeUndefined();
    expect(roster.hasEnded).toBe(false);
    expect(a.last("presence")?.locked).toBe(false);
    expect(moderatorOf(a)).toBe("Dr. A");
    expect(stored.value).toEqual(storedBefore);
  });

  it("hands the moderator role only to a provider present in the call; to anyone else it is refused, the room unchanged", () => {
    const { a, b, ada, send, drop, moderatorOf } = group();
    send(a, { type: "make-moderator", to: "nobody-here" });
    send(a, { type: "make-moderator", to: ada.attachment.connectionId });
    const goneId = b.attachment.connectionId;
    drop(b);
    send(a, { type: "make-moderator", to: goneId });
    expect(errors(a)).toEqual(["not-found", "forbidden", "not-found"]);
    expect(moderatorOf(a)).toBe("Dr. A");
  });

  it("hands the moderator role to a colleague in the call, who may then end it and the former moderator may not", () => {
    const { a, b, ada, send, moderatorOf } = group();
    send(a, { type: "make-moderator", to: b.attachment.connectionId });
    expect(moderatorOf(ada)).toBe("Dr. B");
    send(a, { type: "end" });
    expect(a.last("error")?.code).toBe("forbidden");
    send(b, { type: "end" });
    expect(ada.last("ended")).toEqual({ type: "ended", reason: "ended-by-provider" });
  });

  it("asks one participant to mute, saying who asked, and nobody else", () => {
    const { a, b, ada, guest, send } = group();
    send(a, { type: "ask-mute", to: guest.attachment.connectionId });
    expect(guest.last("asked-to-mute")).toEqual({ type: "asked-to-mute", by: "Dr. A" });
    for (const other of [a, b, ada]) expect(other.last("asked-to-mute")).toBeUndefined();
    send(a, { type: "ask-mute", to: a.attachment.connectionId });
    expect(a.last("error")?.code).toBe("not-found");
  });

  it("removes a participant: they are told and closed with 4013, the others see them go, and their ticket no longer opens the call, after a restart too", () => {
    const { a, ada, guest, send, join, roster, stored, group: storedGroup, clock } = group();
    send(a, { type: "remove", to: guest.attachment.connectionId });
    expect(guest.last("ended")).toEqual({ type: "ended", reason: "removed" });
    expect(guest.closed?.code).toBe(CloseCode.removed);
    expect(ada.last("presence")?.participants.map((p) => p.role)).toEqual(["provider", "provider", "patient"]);
    expect(roster.participantState("invite-2")).toBe("removed");

    const again = join("guest", "invite-2", { label: "interpreter" });
    expect(again.closed?.code).toBe(CloseCode.removed);
    expect(again.sent).toEqual([{ type: "ended", reason: "removed" }]);

    // A new roster over the same storage: what an evicted object builds.
    const after = call(stored, clock, undefined, storedGroup);
    const afterEviction = after.join("guest", "invite-2", { label: "interpreter" });
    expect(afterEviction.closed?.code).toBe(CloseCode.removed);
    expect(after.roster.participantState("invite-2")).toBe("removed");
  });

  it("locks the call against people who were never in it, and lets those who were reconnect", () => {
    const { a, ada, send, drop, join } = group();
    send(a, { type: "lock", locked: true });
    expect(ada.last("presence")?.locked).toBe(true);
    const newcomer = join("guest", "invite-9");
    expect(newcomer.closed?.code).toBe(CloseCode.full);
    expect(newcomer.last("error")?.code).toBe("forbidden");
    drop(ada);
    const adaAgain = join("patient", "invite-1");
    expect(adaAgain.closed).toBeUndefined();
    expect(adaAgain.last("hello")).toBeDefined();

    send(a, { type: "lock", locked: false });
    expect(join("guest", "invite-9").closed).toBeUndefined();
  });

  it("keeps its moderator when their connection merely drops: they come back to it", () => {
    const { a, b, drop, join, moderatorOf } = group();
    drop(a);
    expect(moderatorOf(b)).toBeUndefined();
    const back = join("provider", "dr-a", { name: "Dr. A" });
    expect(moderatorOf(back)).toBe("Dr. A");
    expect(back.last("presence")?.graceEndsAt).toBeUndefined();
  });

  it("passes to the colleague present longest when the moderator's connection stays away longer than a reconnect takes", () => {
    const { a, ada, drop, roster, clock, moderatorOf } = group();
    drop(a);
    const awayUntil = clock.now + MODERATOR_AWAY_MS;
    expect(roster.expire()).toBe(awayUntil);
    clock.now = awayUntil - 1;
    roster.expire();
    expect(moderatorOf(ada)).toBeUndefined();
    clock.now = awayUntil;
    roster.expire();
    expect(moderatorOf(ada)).toBe("Dr. B");
  });

  it("keeps the moderator who comes back within that time, and forgets their absence", () => {
    const { a, drop, join, roster, clock, moderatorOf, group: stored } = group();
    drop(a);
    roster.expire();
    clock.now += MODERATOR_AWAY_MS / 2;
    const back = join("provider", "dr-a", { name: "Dr. A" });
    roster.expire();
    expect(stored.value?.awayUntil).toBeUndefined();
    clock.now += MODERATOR_AWAY_MS;
    roster.expire();
    expect(moderatorOf(back)).toBe("Dr. A");
  });

  it("passes to the colleague present longest when the moderator leaves", () => {
    const { a, b, ada, send, join, moderatorOf } = group();
    // A second colleague who came later does not take over before the first.
    join("provider", "dr-c", { name: "Dr. C" });
    send(a, { type: "leave" });
    expect(moderatorOf(ada)).toBe("Dr. B");
    expect(ada.last("presence")?.graceEndsAt).toBeUndefined();
    send(b, { type: "lock", locked: true });
    expect(ada.last("presence")?.locked).toBe(true);
  });

  it("with no colleague in the call when the moderator leaves, announces a grace period and ends for everyone at its end", () => {
    const room = call();
    room.roster.moderatedBy("dr-a");
    const a = room.join("provider", "dr-a");
    const ada = room.join("patient", "invite-1");
    const guest = room.join("guest", "invite-2");
    room.send(a, { type: "leave" });
    const graceEndsAt = room.clock.now + MODERATOR_GRACE_MS;
    expect(ada.last("presence")).toMatchObject({ graceEndsAt });
    expect(room.roster.expire()).toBe(graceEndsAt);

    room.clock.now = graceEndsAt;
    room.roster.expire();
    for (const socket of [ada, guest]) {
      expect(socket.last("ended")).toEqual({ type: "ended", reason: "no-moderator" });
      expect(socket.closed?.code).toBe(CloseCode.ended);
    }
  });

  it("stays ended when its grace period runs out with nobody connected: no kept ticket opens it again, a removed person's neither", () => {
    const endsAt = 10_000_000;
    const room = call(new Map(), { now: 1_000 }, endsAt);
    room.roster.moderatedBy("dr-a");
    const a = room.join("provider", "dr-a");
    const ada = room.join("patient", "invite-1");
    const guest = room.join("guest", "invite-2", { label: "interpreter" });
    room.send(a, { type: "remove", to: guest.attachment.connectionId });
    // Everyone closes the tab without ending: the moderator stays away, the grace period runs out.
    room.drop(a);
    room.drop(ada);
    room.clock.now = room.roster.expire() ?? 0;
    room.clock.now = room.roster.expire() ?? 0;
    room.roster.expire();
    room.clock.now += 60_000;
    room.roster.expire();
    expect(room.roster.participantState("invite-1")).toBe("ended");
    const removedAgain = room.join("guest", "invite-2", { label: "interpreter" });
    const patientAgain = room.join("patient", "invite-1");
    expect(removedAgain.closed?.code).toBe(CloseCode.ended);
    expect(patientAgain.closed?.code).toBe(CloseCode.ended);
    expect(room.stored.get("ended")).toBeGreaterThanOrEqual(endsAt);
  });

  it("hears nothing more from a removed person's socket that is still closing when the object wakes from sleep", () => {
    const room = call();
    room.roster.moderatedBy("dr-a");
    const a = room.join("provider", "dr-a");
    const ada = room.join("patient", "invite-1");
    const guest = room.join("guest", "invite-2", { label: "interpreter" });
    room.send(a, { type: "remove", to: guest.attachment.connectionId });
    // Woken from hibernation: the memory of which sockets are closing is gone, the guest's is still listed.
    const record = new ExpiringSet(new Map(room.stored), { put: () => undefined, delete: () => undefined });
    const stored = room.group.value && structuredClone(room.group.value);
    const woken = new ConsultationRoster(
      room.sockets.list,
      record,
      () => room.clock.now,
      undefined,
      new Group(stored, { save: () => undefined, clear: () => undefined }),
    );
    const before = ada.sent.length;
    woken.received(guest, JSON.stringify({ type: "offer", to: ada.attachment.connectionId, sdp: "v=0" }));
    expect(ada.sent.length).toBe(before);
  });

  it("goes on when a provider comes back within the grace period", () => {
    const room = call();
    room.roster.moderatedBy("dr-a");
    const a = room.join("provider", "dr-a");
    const ada = room.join("patient", "invite-1");
    room.send(a, { type: "leave" });
    room.clock.now += MODERATOR_GRACE_MS / 2;
    const colleague = room.join("provider", "dr-b", { name: "Dr. B" });
    expect(ada.last("presence")?.graceEndsAt).toBeUndefined();
    expect(ada.last("presence")?.participants.find((p) => p.moderator)?.name).toBe("Dr. B");
    room.clock.now += MODERATOR_GRACE_MS;
    room.roster.expire();
    expect(ada.closed).toBeUndefined();
    expect(colleague.closed).toBeUndefined();
  });

  it("keeps nothing of the group in storage after the end: only that it ended", () => {
    const { a, guest, send, stored, group: storedGroup } = group();
    send(a, { type: "lock", locked: true });
    send(a, { type: "remove", to: guest.attachment.connectionId });
    expect(storedGroup.value).toMatchObject({ moderator: "dr-a", locked: true, removed: ["invite-2"] });
    send(a, { type: "end" });
    expect(storedGroup.value).toBeUndefined();
    expect([...stored.keys()]).toEqual(["ended"]);
  });
});

describe("the places of members who are away from the call", () => {
  /** The moderator, the patient and three guests: all five seats. */
  function fiveInCall() {
    const c = call();
    const dr = c.join("provider");
    c.join("patient", "invite-1");
    c.join("guest", "invite-2", { label: "interpreter" });
    c.join("guest", "invite-3", { label: "relative" });
    const eve = c.join("guest", "invite-4", { label: "relative" });
    return { ...c, dr, eve };
  }
  const inCall = (socket: FakeSocket<ConsultationAttachment>) => socket.last("presence")?.participants.length;

  it("keeps the place of a member whose connection dropped: an add is refused as full, and the member comes back", () => {
    const { roster, join, drop, dr, eve } = fiveInCall();
    drop(eve);
    expect(roster.admission("provider", "invite-5")).toBe("full");
    // Someone new with a ticket of their own cannot take it either.
    expect(join("guest", "invite-5").closed?.code).toBe(CloseCode.full);
    expect(join("guest", "invite-4", { label: "relative" }).closed).toBeUndefined();
    expect(inCall(dr)).toBe(MAX_PARTICIPANTS);
  });

  it("keeps it also for a drop the object never heard of, noticed at its next event", () => {
    const { roster, sockets, eve } = fiveInCall();
    sockets.remove(eve);
    roster.expire();
    expect(roster.admission("provider", "invite-5")).toBe("full");
  });

  it("frees the place of a member who pressed leave: the add gets it, and the leaver's old ticket is someone new's", () => {
    const { roster, join, send, dr, eve, group } = fiveInCall();
    send(eve, { type: "leave" });
    expect(group.value?.left).toEqual(["invite-4"]);
    expect(roster.admission("provider", "invite-5")).toBe("ok");
    expect(join("guest", "invite-4", { label: "relative" }).closed?.code).toBe(CloseCode.full);
    expect(join("guest", "invite-5", { label: "colleague" }).closed).toBeUndefined();
    expect(inCall(dr)).toBe(MAX_PARTICIPANTS);
  });

  it("keeps the place only MEMBER_AWAY_MS, then an add takes it; the member back later wins over the newcomer", () => {
    const { roster, join, drop, clock, dr, eve } = fiveInCall();
    drop(eve);
    clock.now += MEMBER_AWAY_MS;
    expect(roster.admission("provider", "invite-5")).toBe("ok");
    // Eve was in the conversation; the newcomer has not started and is told the call is full.
    expect(join("guest", "invite-4", { label: "relative" }).closed).toBeUndefined();
    expect(join("guest", "invite-5", { label: "colleague" }).closed?.code).toBe(CloseCode.full);
    expect(inCall(dr)).toBe(MAX_PARTICIPANTS);
  });

  it("stores who left and who is away only while it matters: a member back is neither, and the end keeps nothing", () => {
    const { join, drop, send, dr, eve, group } = fiveInCall();
    drop(eve);
    expect(Object.keys(group.value?.away ?? {})).toEqual(["invite-4"]);
    const back = join("guest", "invite-4", { label: "relative" });
    expect(group.value?.away).toBeUndefined();
    send(back, { type: "leave" });
    join("guest", "invite-4", { label: "relative" });
    expect(group.value?.left).toBeUndefined();
    send(dr, { type: "end" });
    expect(group.value).toBeUndefined();
  });
});

describe("a flood of messages into the call", () => {
  /** The moderator and four others, as at the start of a full call. */
  function fullCall() {
    const c = call();
    const dr = c.join("provider");
    const others = ["invite-1", "invite-2", "invite-3", "invite-4"].map((id) => c.join("guest", id));
    return { ...c, dr, others };
  }
  const ice = (to: FakeSocket<ConsultationAttachment>, n: number) => ({
    type: "ice",
    to: to.attachment.connectionId,
    candidate: { candidate: `candidate:${n}`, sdpMid: "0" },
  });

  it("relays all of joining a call of five and an ICE restart at once: an offer and 40 candidates to each of four peers, twice", () => {
    const { send, dr, others } = fullCall();
    for (let round = 0; round < 2; round++) {
      for (const peer of others) {
        send(dr, { type: "offer", to: peer.attachment.connectionId, sdp: "v=0 offer" });
        for (let n = 0; n < 40; n++) send(dr, ice(peer, n));
      }
    }
    expect(errors(dr)).toEqual([]);
    for (const peer of others) expect(peer.sent.filter((m) => m.type === "ice")).toHaveLength(80);
  });

  it("refuses a flood once with rate-limited, relays none of it, and closes a socket that keeps on with 4008", () => {
    const { send, dr, others, clock } = fullCall();
    const [ada] = others as [FakeSocket<ConsultationAttachment>];
    for (let n = 0; n < CALL_THROTTLE.burst + 10; n++) send(ada, ice(dr, n));
    expect(errors(ada)).toEqual(["rate-limited"]);
    expect(dr.sent.filter((m) => m.type === "ice")).toHaveLength(CALL_THROTTLE.burst);
    // A second later the bucket has refilled a little: the page may go on at that pace.
    clock.now += 1_000;
    for (let n = 0; n < CALL_THROTTLE.perSecond; n++) send(ada, ice(dr, n));
    expect(dr.sent.filter((m) => m.type === "ice")).toHaveLength(CALL_THROTTLE.burst + CALL_THROTTLE.perSecond);
    for (let n = 0; n < CALL_THROTTLE.closeAfter; n++) send(ada, ice(dr, n));
    expect(ada.closed?.code).toBe(CloseCode.flooded);
    expect(errors(ada)).toEqual(["rate-limited"]);
    expect(dr.last("presence")?.participants).toHaveLength(4);
  });
});

describe("adding someone to the running call", () => {
  /** The moderator (the provider), the patient and two guests: four of five seats. */
  function fourInCall() {
    const c = call();
    const dr = c.join("provider");
    c.join("patient", "invite-1");
    c.join("guest", "invite-2", { label: "interpreter" });
    c.join("guest", "invite-3", { label: "relative" });
    return { ...c, dr };
  }

  it("holds the last seat for the first of two adds at once: the second is refused as full, and nobody else takes the seat", () => {
    const { roster, join, dr } = fourInCall();
    expect(roster.admission("provider", "invite-4")).toBe("ok");
    expect(roster.admission("provider", "invite-5")).toBe("full");
    // Someone else's ticket cannot take the held seat.
    const stranger = join("guest", "invite-5");
    expect(stranger.closed?.code).toBe(CloseCode.full);
    const added = join("guest", "invite-4", { label: "colleague" });
    expect(added.closed).toBeUndefined();
    expect(dr.last("presence")?.participants).toHaveLength(5);
    // Asked again for someone already in the call: there is nothing to hold.
    expect(roster.admission("provider", "invite-4")).toBe("ok");
  });

  it("lets a held seat go when its person does not come within SEAT_HOLD_MS", () => {
    const { roster, clock } = fourInCall();
    expect(roster.admission("provider", "invite-4")).toBe("ok");
    clock.now += SEAT_HOLD_MS;
    expect(roster.admission("provider", "invite-5")).toBe("ok");
  });

  it("refuses adds by anyone but the moderator, into a locked or ended call, and of someone removed, holding no seat", () => {
    const { roster, join, send, dr } = fourInCall();
    expect(roster.admission("colleague", "invite-4")).toBe("not-moderator");
    const ian = join("guest", "invite-4", { label: "interpreter" });
    send(dr, { type: "remove", to: ian.attachment.connectionId });
    expect(roster.admission("provider", "invite-4")).toBe("removed");
    send(dr, { type: "lock", locked: true });
    expect(roster.admission("provider", "invite-5")).toBe("locked");
    send(dr, { type: "lock", locked: false });
    // None of the refusals held a seat: the fifth seat is still free.
    expect(roster.admission("provider", "invite-5")).toBe("ok");
    send(dr, { type: "end" });
    expect(roster.admission("provider", "invite-6")).toBe("ended");
  });
});
