import { beforeEach, describe, expect, it } from "vitest";
import { createPresence, type PresenceState } from "../../client/src/waiting/presence.ts";
import { CloseCode, type ServerMessage, type WaitingPatient } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";
import { FakeWebSocket } from "./fake-socket.ts";

const hello: ServerMessage = { type: "hello", protocol: 2, you: "provider-1", role: "provider" };

const patient = (id: string, waitingSince: number): WaitingPatient => ({
  id,
  name: `Patient ${id}`,
  waitingSince,
  appointment: null,
  device: null,
  onHold: false,
});

/** A presence with fakes, and what it reported to the screens. */
function present() {
  const clock = new FakeClock();
  const lists: (readonly WaitingPatient[])[] = [];
  const arrivals: number[] = [];
  const states: PresenceState[] = [];
  let refusals = 0;
  const presence = createPresence(
    {
      status: { status: "available", message: "" },
      room: { socket: FakeWebSocket, clock, base: "https://anteroom.test/practice", random: () => 1 },
    },
    {
      patients(list, arrived) {
        lists.push(list);
        if (arrived) arrivals.push(list.length);
      },
      colleagues: () => undefined,
      state: (state) => states.push(state),
      problem: () => undefined,
      admitted: () => undefined,
      refused: () => refusals++,
    },
  );
  return { clock, presence, lists, arrivals, states, refusals: () => refusals };
}

/** The current socket opens and the room greets it. */
const greet = () => FakeWebSocket.greetLatest(hello);

beforeEach(() => FakeWebSocket.reset());

describe("a provider's presence", () => {
  it("opens one waiting-room socket however often the provider's pages ask for it", () => {
    const { presence } = present();
    presence.start();
    greet();
    // Dashboard, practice, account and back: each page starts the presence it finds running.
    presence.start();
    presence.start();
    expect(FakeWebSocket.created).toHaveLength(1);
    expect(FakeWebSocket.latest().url).toBe("wss://anteroom.test/api/ws/waiting");
    expect(FakeWebSocket.latest().closedWith).toBeUndefined();
  });

  it("tells the room the chosen status on every connect, and a new one at once", () => {
    const { presence, clock } = present();
    presence.start();
    const first = greet();
    expect(first.sentMessages()).toContainEqual({ type: "status", status: "available", message: "" });
    presence.setStatus({ status: "away", message: "Back at 2" });
    expect(first.sentMessages().at(-1)).toEqual({ type: "status", status: "away", message: "Back at 2" });
    // The line drops; the next socket says "away" from the start, not "available".
    first.serverCloses(1006);
    clock.advance(60_000);
    const second = greet();
    expect(second).not.toBe(first);
    expect(second.sentMessages()).toContainEqual({ type: "status", status: "away", message: "Back at 2" });
  });

  it("counts who waits and announces arrivals, not the list it gets on connecting", () => {
    const { presence, lists, arrivals } = present();
    presence.start();
    const socket = greet();
    socket.serverSends({ type: "queue", patients: [patient("a", 1)] });
    socket.serverSends({ type: "arrived", patient: patient("b", 2) });
    socket.serverSends({ type: "updated", patient: { ...patient("a", 1), onHold: true } });
    socket.serverSends({ type: "departed", id: "b" });
    expect(lists.map((list) => list.map((p) => p.id))).toEqual([["a"], ["a", "b"], ["a", "b"], ["a"]]);
    expect(arrivals).toEqual([2]);
  });

  it("reconnects to the room the worker names when the practice switches to a shared one", () => {
    const { presence, states } = present();
    presence.start();
    greet().serverCloses(CloseCode.reopened);
    expect(FakeWebSocket.created).toHaveLength(2);
    greet();
    expect(states.at(-1)).toBe("open");
  });

  it("ends on a refused socket (session ended, or two-step login now required) and does not try again", () => {
    const { presence, clock, lists, states, refusals } = present();
    presence.start();
    const socket = greet();
    socket.serverSends({ type: "queue", patients: [patient("a", 1)] });
    socket.serverCloses(CloseCode.forbidden);
    clock.advance(10 * 60_000);
    expect(FakeWebSocket.created).toHaveLength(1);
    expect(refusals()).toBe(1);
    expect(states.at(-1)).toBe("refused");
    // Nobody is counted as waiting for a provider who is not there.
    expect(lists.at(-1)).toEqual([]);
  });

  it("closes its socket when stopped (logout, leaving the provider's pages, 2FA missing) and clears the count", () => {
    const { presence, lists, states } = present();
    presence.start();
    const socket = greet();
    socket.serverSends({ type: "queue", patients: [patient("a", 1)] });
    presence.stop();
    expect(socket.closedWith).toBe(CloseCode.normal);
    expect(lists.at(-1)).toEqual([]);
    expect(states.at(-1)).toBe("idle");
    // Started again (2FA set up), it opens a fresh socket.
    presence.start();
    expect(FakeWebSocket.created).toHaveLength(2);
  });
});
