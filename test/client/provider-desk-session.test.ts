import { beforeEach, describe, expect, it } from "vitest";
import { createDeskSession, type DeskConnection, type DeskOptions } from "../../client/src/waiting/desk-session.ts";
import { CloseCode, type ServerMessage, type WaitingPatient } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";
import { FakeWebSocket } from "./fake-socket.ts";

const hello: ServerMessage = { type: "hello", protocol: 2, you: "provider-1", role: "provider" };

const patient = (id: string, waitingSince: number): WaitingPatient => ({
  id,
  sealedFor: `inv-${id}`,
  waitingSince,
  appointment: null,
  device: null,
  onHold: false,
});

/** A desk session with fakes, and what it told the screens over time. */
function present(options: Partial<DeskOptions> = {}) {
  const clock = new FakeClock();
  const lists: (readonly WaitingPatient[])[] = [];
  const arrivals: number[] = [];
  const states: DeskConnection[] = [];
  const admitted: { consultationId: string; ticket: string }[] = [];
  const returning: [string, string][] = [];
  let refusals = 0;
  const presence = createDeskSession({
    status: { status: "available", message: "" },
    room: { socket: FakeWebSocket, clock, base: "https://anteroom.test/practice", random: () => 1 },
    events: {
      arrived: (waiting) => arrivals.push(waiting),
      admitted: (consultationId, ticket) => admitted.push({ consultationId, ticket }),
      returning: (patientId, consultationId) => returning.push([patientId, consultationId]),
      refused: () => refusals++,
    },
    ...options,
  });
  let shown = presence.state.patients;
  presence.subscribe((state) => {
    if (state.patients !== shown) lists.push(state.patients);
    shown = state.patients;
    if (state.connection !== states.at(-1)) states.push(state.connection);
  });
  return { clock, presence, lists, arrivals, states, admitted, returning, refusals: () => refusals };
}

/** The current socket opens and the room greets it. */
const greet = () => FakeWebSocket.greetLatest(hello);

/** A started desk whose room has greeted it and sent the queue. */
function atDesk(patients: WaitingPatient[] = [patient("a", 1), patient("b", 2)]) {
  const desk = present();
  desk.presence.start();
  const socket = greet();
  socket.serverSends({ type: "queue", patients });
  const sent = () => socket.sentMessages().filter((message) => message.type !== "hello" && message.type !== "status");
  return { ...desk, socket, sent };
}

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
    expect(presence.state.status).toEqual({ status: "away", message: "Back at 2" });
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
    expect(presence.state.patients[0]?.onHold).toBe(true);
  });

  it("keeps the queue in the order people came, whatever order the room's messages arrive in", () => {
    const { presence, socket } = atDesk([patient("late", 30), patient("early", 10)]);
    socket.serverSends({ type: "arrived", patient: patient("between", 20) });
    expect(presence.state.patients.map((p) => p.id)).toEqual(["early", "between", "late"]);
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

  it("says the connection is lost while it tries again", () => {
    const { presence, states } = present();
    presence.start();
    greet().serverCloses(1006);
    expect(states.at(-1)).toBe("lost");
    expect(presence.state.connection).toBe("lost");
  });
});

describe("the provider's actions on the queue", () => {
  it("sends admit, admit next, deny, hold, release and transfer for the patient they were clicked for", () => {
    const { presence, sent } = atDesk();
    presence.admit("a");
    presence.admitNext();
    presence.deny("b", "Please book a new appointment");
    presence.deny("b", "");
    presence.hold("a", "Two minutes");
    presence.hold("a");
    presence.release("a");
    presence.transfer("b", "colleague-1");
    expect(sent()).toEqual([
      { type: "admit", patientId: "a" },
      { type: "admit-next" },
      { type: "deny", patientId: "b", message: "Please book a new appointment" },
      // No text is no message, not an empty one.
      { type: "deny", patientId: "b" },
      { type: "hold", patientId: "a", message: "Two minutes" },
      { type: "hold", patientId: "a" },
      { type: "release", patientId: "a" },
      { type: "transfer", patientId: "b", to: "colleague-1" },
    ]);
  });

  it("confirms a notice by whom it went to, sends no empty one, and forgets the confirmation at the next action", () => {
    const { presence, sent } = atDesk();
    presence.notify("a", "");
    expect(sent()).toEqual([]);
    expect(presence.state.noticeSentTo).toBeUndefined();
    presence.notify("a", "The doctor is on the phone");
    expect(sent()).toEqual([{ type: "notify", patientId: "a", text: "The doctor is on the phone" }]);
    // The patient as listed: the screen names them as it can open their sealed name.
    expect(presence.state.noticeSentTo?.id).toBe("a");
    presence.admit("b");
    expect(presence.state.noticeSentTo).toBeUndefined();
  });

  it("shows the room's refusal of an action until the provider tries the next one", () => {
    const { presence, socket } = atDesk();
    presence.admit("gone");
    socket.serverSends({ type: "error", code: "not-found", message: "no such patient" });
    expect(presence.state.problem).toBe("not-found");
    presence.admit("a");
    expect(presence.state.problem).toBeUndefined();
    socket.serverSends({ type: "error", code: "conflict", message: "a colleague admits them" });
    presence.setStatus({ status: "away", message: "" });
    expect(presence.state.problem).toBeUndefined();
  });

  it("hands the admitted patient's consultation and ticket to the page", () => {
    const { socket, admitted } = atDesk();
    socket.serverSends({ type: "admitted", consultationId: "c-1", ticket: "call-ticket" });
    expect(admitted).toEqual([{ consultationId: "c-1", ticket: "call-ticket" }]);
  });

  it("keeps the colleagues a patient can be transferred to", () => {
    const { presence, socket } = atDesk();
    expect(presence.state.colleagues).toEqual([]);
    socket.serverSends({ type: "colleagues", colleagues: [{ id: "p-2", name: "Dr. Berg" }] });
    expect(presence.state.colleagues).toEqual([{ id: "p-2", name: "Dr. Berg" }]);
  });
});

describe("a provider in a call", () => {
  function inCall() {
    const desk = present({ status: { status: "busy", message: "Running late" }, maxFirstConnects: 3 });
    desk.presence.start();
    const socket = greet();
    socket.serverSends({ type: "queue", patients: [patient("a", 1)] });
    return { ...desk, socket };
  }

  it("tells the room they are busy, with the message left for those waiting", () => {
    const { socket } = inCall();
    expect(socket.sentMessages()).toContainEqual({ type: "status", status: "busy", message: "Running late" });
  });

  it("marks returning patients, says so once per message, and forgets them with a fresh snapshot", () => {
    const { presence, socket, returning } = inCall();
    socket.serverSends({ type: "returning", id: "a", consultationId: "c-1" });
    expect(presence.state.returning.get("a")).toBe("c-1");
    expect(returning).toEqual([["a", "c-1"]]);
    // A new connection's snapshot: the room tells again who comes back.
    socket.serverSends({ type: "queue", patients: [patient("a", 1)] });
    expect(presence.state.returning.size).toBe(0);
  });

  it("lets a returning patient back in: the button waits until the patient leaves the queue", () => {
    const { presence, socket } = inCall();
    socket.serverSends({ type: "returning", id: "a", consultationId: "c-1" });
    presence.letBackIn("a");
    expect(socket.sentMessages().at(-1)).toEqual({ type: "let-back-in", patientId: "a" });
    expect(presence.state.letting).toBe("a");
    socket.serverSends({ type: "departed", id: "a" });
    expect(presence.state.letting).toBeUndefined();
    expect(presence.state.letBackInFailed).toBe(false);
    expect(presence.state.patients).toEqual([]);
  });

  it("says so when the room refuses to let the patient back in", () => {
    const { presence, socket } = inCall();
    presence.letBackIn("a");
    socket.serverSends({ type: "error", code: "not-found", message: "that call is over" });
    expect(presence.state.letting).toBeUndefined();
    expect(presence.state.letBackInFailed).toBe(true);
    // Trying again starts afresh.
    presence.letBackIn("a");
    expect(presence.state.letBackInFailed).toBe(false);
  });

  it("adds someone waiting for the call to it: the button waits until they leave the queue", () => {
    const { presence, socket } = inCall();
    socket.serverSends({ type: "arrived", patient: { ...patient("i", 1), label: "interpreter", forCall: "c-1" } });
    presence.addToCall("i", "c-1");
    expect(socket.sentMessages().at(-1)).toEqual({ type: "add-to-call", patientId: "i", consultationId: "c-1" });
    expect(presence.state.adding).toBe("i");
    socket.serverSends({ type: "departed", id: "i" });
    expect(presence.state.adding).toBeUndefined();
    expect(presence.state.addFailed).toBeUndefined();
    expect(presence.state.patients.map((p) => p.id)).toEqual(["a"]);
  });

  it("says why the room refused to add someone, and starts afresh on the next try", () => {
    const { presence, socket } = inCall();
    presence.addToCall("i", "c-1");
    socket.serverSends({ type: "error", code: "full", message: "That consultation is full." });
    expect(presence.state.adding).toBeUndefined();
    expect(presence.state.addFailed).toBe("full");
    // A refused add is not a refused let-back-in.
    expect(presence.state.letBackInFailed).toBe(false);
    presence.addToCall("i", "c-1");
    expect(presence.state.addFailed).toBeUndefined();
  });
});

describe("a colleague's request to join their call", () => {
  const request = { consultationId: "call-1", from: "Dr. Ada", until: 5_000 };

  it("is shown and announced once, even when the room repeats it after a reconnect's snapshot", () => {
    const announced: string[] = [];
    const desk = present({
      events: { callRequest: (r) => announced.push(`${r.from}:${r.consultationId}`) },
    });
    desk.presence.start();
    const socket = greet();
    socket.serverSends({ type: "queue", patients: [] });
    socket.serverSends({ type: "call-request", ...request });
    socket.serverSends({ type: "call-request", ...request });
    expect(desk.presence.state.callRequests).toEqual([request]);
    expect(announced).toEqual(["Dr. Ada:call-1"]);
  });

  it("goes when answered on another page, and a decline here tells the room", () => {
    const desk = atDesk([]);
    desk.socket.serverSends({ type: "call-request", ...request });
    desk.socket.serverSends({ type: "call-request", ...request, consultationId: "call-2" });
    desk.socket.serverSends({ type: "call-request-gone", consultationId: "call-1" });
    expect(desk.presence.state.callRequests.map((r) => r.consultationId)).toEqual(["call-2"]);
    desk.presence.declineCall("call-2");
    expect(desk.presence.state.callRequests).toEqual([]);
    expect(desk.sent()).toEqual([{ type: "decline-call", consultationId: "call-2" }]);
  });
});

describe("messages not meant for a provider's desk", () => {
  it("are counted, not acted on: a patient's or a call's messages, and frames it cannot read", () => {
    const { presence, socket } = atDesk();
    const before = presence.state;
    const notForUs: ServerMessage[] = [
      { type: "position", position: 1, waitedMs: 0 },
      { type: "room-status", status: "available", message: null },
      { type: "notice", text: "hello" },
      { type: "on-hold", message: null },
      { type: "hold-released" },
      { type: "ticket", ticket: "t" },
      { type: "transferred", ticket: "t", to: "Dr. Berg" },
      { type: "in-call", consultationId: "c-1", ticket: "t" },
      { type: "denied", message: null, retryAt: 0 },
      { type: "presence", participants: [], locked: false },
      { type: "offer", from: "x", sdp: "v=0" },
      { type: "answer", from: "x", sdp: "v=0" },
      { type: "ice", from: "x", candidate: null },
      { type: "ended", reason: "ended-by-provider" },
      { type: "time-warning", endsAt: 0 },
    ];
    for (const message of notForUs) socket.serverSends(message);
    socket.serverSends(JSON.stringify({ type: "from-a-newer-server" }));
    socket.serverSends("{not json");
    expect(presence.state.ignoredMessages).toBe(notForUs.length + 2);
    expect({ ...presence.state, ignoredMessages: 0 }).toEqual({ ...before, ignoredMessages: 0 });
    expect(socket.sentMessages().filter((message) => message.type !== "hello" && message.type !== "status")).toEqual(
      [],
    );
  });
});
