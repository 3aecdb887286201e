import { beforeEach, describe, expect, it } from "vitest";
import {
  createPatientWaitingSession,
  MAX_RECONNECTS,
  releasesDevices,
  statusLine,
  type WaitingTickets,
} from "../../client/src/waiting/patient-session.ts";
import { CloseCode, type ServerMessage } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";
import { FakeWebSocket } from "./fake-socket.ts";

const hello: ServerMessage = { type: "hello", protocol: 2, you: "patient-1", role: "patient" };

/** The tab's ticket storage, in memory. */
class FakeTickets implements WaitingTickets {
  waiting: string | null = null;
  readonly calls = new Map<string, string>();
  keepWaiting(ticket: string) {
    this.waiting = ticket;
  }
  takeWaiting() {
    return this.waiting;
  }
  dropWaiting() {
    this.waiting = null;
  }
  keepCall(consultationId: string, ticket: string) {
    this.calls.set(consultationId, ticket);
  }
}

/** A patient who just entered, with fakes for everything the session reaches. */
function enter(options: { linkProblem?: string } = {}) {
  const clock = new FakeClock();
  const tickets = new FakeTickets();
  let prefetched = 0;
  let device = { camera: true, microphone: true };
  const session = createPatientWaitingSession({
    ticket: "ticket-1",
    tickets,
    device: () => device,
    linkProblem: async () => options.linkProblem,
    prefetchCall: () => prefetched++,
    room: { socket: FakeWebSocket, clock, base: "https://anteroom.test/j/abc", random: () => 1 },
  });
  const setDevice = (next: typeof device) => {
    device = next;
  };
  return { clock, tickets, session, setDevice, prefetched: () => prefetched };
}

/** Entered, greeted, and in the queue at `position`. */
function waiting(position = 3, waitedMs = 0) {
  const entered = enter();
  const socket = FakeWebSocket.greetLatest(hello);
  socket.serverSends({ type: "position", position, waitedMs });
  return { ...entered, socket };
}

beforeEach(() => FakeWebSocket.reset());

describe("a patient entering the waiting room", () => {
  it("connects with the ticket, keeps it for a reload, and is connecting until the room places them", () => {
    const { session, tickets } = enter();
    expect(FakeWebSocket.latest().protocols).toEqual(["anteroom.v1", "ticket.ticket-1"]);
    expect(tickets.waiting).toBe("ticket-1");
    expect(session.state.phase).toEqual({ name: "connecting" });
  });

  it("reports the device check whenever the room greets it, and on request", () => {
    const { session, setDevice } = enter();
    const socket = FakeWebSocket.greetLatest(hello);
    expect(socket.sentMessages()).toContainEqual({ type: "device", device: { camera: true, microphone: true } });
    setDevice({ camera: false, microphone: true });
    session.reportDevice();
    expect(socket.sentMessages().at(-1)).toEqual({ type: "device", device: { camera: false, microphone: true } });
  });
});

describe("a waiting patient", () => {
  it("sees their place and how long they have waited, counted on by the minute", () => {
    const { session, socket, clock, prefetched } = waiting(3, 125_000);
    expect(session.state.phase).toEqual({ name: "waiting" });
    expect(session.state.position).toBe(3);
    expect(session.state.waitedMinutes).toBe(2);
    // The call screen loads while they wait, so that being let in does not wait for it.
    expect(prefetched()).toBe(1);
    clock.advance(55_000);
    expect(session.state.waitedMinutes).toBe(3);
    // Moving up, after a reconnect the room says the time again: the page counts from the room's word.
    socket.serverSends({ type: "position", position: 1, waitedMs: 10 * 60_000 });
    expect(session.state.position).toBe(1);
    expect(session.state.waitedMinutes).toBe(10);
  });

  it("sees the practice's status and message, and a notice", () => {
    const { session, socket } = waiting();
    expect(session.state.status).toEqual({ status: "offline", message: null });
    socket.serverSends({ type: "room-status", status: "busy", message: "Running 10 minutes late" });
    expect(session.state.status).toEqual({ status: "busy", message: "Running 10 minutes late" });
    socket.serverSends({ type: "notice", text: "Please have your card ready" });
    expect(session.state.notice).toBe("Please have your card ready");
  });

  it("hears that they wait to be added to the running call of their appointment, and the room's status again once it is over", () => {
    const { session, socket } = waiting();
    socket.serverSends({ type: "room-status", status: "busy", message: null, forCall: true });
    expect(session.state.status).toEqual({ status: "busy", message: null, forCall: true });
    // Not "in another consultation": the provider is in the very call they wait for.
    expect(statusLine(session.state.status)).toBe("providerAddsYou");
    socket.serverSends({ type: "room-status", status: "busy", message: null });
    expect(session.state.status.forCall).toBeUndefined();
    expect(statusLine(session.state.status)).toBe("providerBusy");
  });

  it("is put on hold with a message and released again", () => {
    const { session, socket } = waiting();
    socket.serverSends({ type: "on-hold", message: "Two minutes" });
    expect(session.state.hold).toEqual({ message: "Two minutes" });
    socket.serverSends({ type: "hold-released" });
    expect(session.state.hold).toBeUndefined();
  });

  it("keeps a new ticket for a reload when their place changes", () => {
    const { tickets, socket } = waiting();
    socket.serverSends({ type: "ticket", ticket: "ticket-2" });
    expect(tickets.waiting).toBe("ticket-2");
  });

  it("moves to the colleague's room with the ticket it was sent when transferred, no longer on hold", () => {
    const { session, socket, tickets } = waiting();
    socket.serverSends({ type: "on-hold", message: null });
    socket.serverSends({ type: "transferred", ticket: "ticket-colleague", to: "Dr. Berg" });
    expect(session.state.transferredTo).toBe("Dr. Berg");
    expect(session.state.hold).toBeUndefined();
    expect(tickets.waiting).toBe("ticket-colleague");
    socket.serverCloses(CloseCode.transferred);
    expect(FakeWebSocket.created).toHaveLength(2);
    expect(FakeWebSocket.latest().protocols).toEqual(["anteroom.v1", "ticket.ticket-colleague"]);
  });

  it("says it is reconnecting while the line is down", () => {
    const { session, socket } = waiting();
    socket.serverCloses(1006);
    expect(session.state.phase).toEqual({ name: "reconnecting" });
  });

  it("leaves at once: the room is told, the socket closes and the ticket is forgotten", () => {
    const { session, socket, tickets } = waiting();
    session.leave();
    expect(socket.sentMessages().at(-1)).toEqual({ type: "leave" });
    expect(socket.closedWith).toBe(CloseCode.normal);
    expect(tickets.waiting).toBeNull();
    expect(session.state.phase).toEqual({ name: "left" });
    expect(releasesDevices(session.state.phase)).toBe(true);
  });
});

describe("the end of a wait", () => {
  it("hands over to the call when admitted, with the call's ticket kept and the waiting one forgotten", () => {
    const { session, socket, tickets } = waiting();
    socket.serverSends({ type: "admitted", consultationId: "c-1", ticket: "call-ticket" });
    expect(session.state.phase).toEqual({ name: "admitted", consultationId: "c-1", movedHere: false });
    expect(tickets.calls.get("c-1")).toBe("call-ticket");
    expect(tickets.waiting).toBeNull();
    // The room closes the socket as admitted: nothing else happens on this page.
    socket.serverCloses(CloseCode.admitted);
    expect(session.state.phase.name).toBe("admitted");
    expect(releasesDevices(session.state.phase)).toBe(false);
  });

  it("shows a deny with the practice's words, and may ask again only once the pause is over", () => {
    const { session, socket, clock, tickets } = waiting();
    socket.serverSends({ type: "denied", message: "Please call us", retryAt: clock.now() + 60_000 });
    expect(session.state.phase).toEqual({
      name: "denied",
      message: "Please call us",
      retryAt: 60_000,
      mayAskAgain: false,
    });
    expect(tickets.waiting).toBeNull();
    expect(releasesDevices(session.state.phase)).toBe(true);
    socket.serverCloses(CloseCode.denied);
    clock.advance(59_000);
    expect(session.state.phase).toMatchObject({ name: "denied", mayAskAgain: false });
    clock.advance(1_000);
    expect(session.state.phase).toMatchObject({ name: "denied", message: "Please call us", mayAskAgain: true });
  });

  it("treats a socket closed as denied without a message as a deny that may ask again now", () => {
    const { session, socket } = waiting();
    socket.serverCloses(CloseCode.denied);
    expect(session.state.phase).toMatchObject({ name: "denied", message: null, mayAskAgain: true });
  });

  it("offers to move the call here when the link is in its call elsewhere", () => {
    const { session, socket, tickets } = waiting();
    socket.serverSends({ type: "in-call", consultationId: "c-1", ticket: "call-ticket" });
    expect(session.state.phase).toEqual({ name: "in-call", consultationId: "c-1", ticket: "call-ticket" });
    expect(releasesDevices(session.state.phase)).toBe(true);
    socket.serverCloses(CloseCode.alreadyAdmitted);
    expect(session.state.phase.name).toBe("in-call");
    session.moveCallHere();
    expect(session.state.phase).toEqual({ name: "admitted", consultationId: "c-1", movedHere: true });
    expect(tickets.calls.get("c-1")).toBe("call-ticket");
  });

  it.each([
    ["revoked", CloseCode.revoked, "inviteRevoked"],
    ["cancelled", CloseCode.cancelled, "appointmentCancelled"],
    ["replaced", CloseCode.replaced, "replacedWaiting"],
    ["idle", CloseCode.idle, "waitedTooLong"],
    ["removed from the running consultation", CloseCode.removed, "removedWaiting"],
    ["the consultation their link was made in has ended", CloseCode.ended, "callEndedWaiting"],
  ])("closes for good (%s) with what the patient is told", (_name, code, message) => {
    const { session, socket, tickets } = waiting();
    socket.serverCloses(code);
    expect(session.state.phase).toEqual({ name: "closed", message, code });
    expect(tickets.waiting).toBeNull();
  });

  it("goes back to the page's countdown when the room does not open yet (the appointment moved later)", () => {
    const { session, socket, tickets } = waiting();
    socket.serverCloses(CloseCode.notOpen);
    expect(session.state.phase).toEqual({ name: "early" });
    expect(tickets.waiting).toBeNull();
  });

  it("goes back to the form after the line is lost for good, saying what is wrong with the link", async () => {
    const entered = enter({ linkProblem: "This link has expired" });
    FakeWebSocket.greetLatest(hello).serverSends({ type: "position", position: 1, waitedMs: 0 });
    for (let attempt = 0; attempt <= MAX_RECONNECTS; attempt++) {
      FakeWebSocket.latest().serverCloses(1006);
      if (attempt < MAX_RECONNECTS) entered.clock.runNext();
    }
    await Promise.resolve();
    expect(entered.session.state.phase).toEqual({ name: "gone", problem: "This link has expired" });
    expect(entered.tickets.waiting).toBeNull();
  });

  it("goes back to the form when the room refuses the ticket and the link is fine", async () => {
    const { session } = enter();
    FakeWebSocket.latest().serverCloses(CloseCode.forbidden);
    await Promise.resolve();
    expect(session.state.phase).toEqual({ name: "gone", problem: undefined });
  });

  it("changes nothing after the screen is gone", () => {
    const { session, socket } = waiting();
    const before = session.state;
    session.dispose();
    expect(socket.closedWith).toBe(CloseCode.normal);
    socket.serverSends({ type: "position", position: 1, waitedMs: 0 });
    expect(session.state).toBe(before);
  });
});

describe("messages not meant for a waiting patient", () => {
  it("are counted, not acted on: a provider's or a call's messages, errors, and frames it cannot read", () => {
    const { session, socket } = waiting();
    const before = session.state;
    const notForUs: ServerMessage[] = [
      { type: "queue", patients: [] },
      { type: "departed", id: "x" },
      { type: "colleagues", colleagues: [] },
      { type: "returning", id: "x", consultationId: "c-1" },
      { type: "presence", participants: [], locked: false },
      { type: "offer", from: "x", sdp: "v=0" },
      { type: "ended", reason: "ended-by-provider" },
      { type: "time-warning", endsAt: 0 },
      { type: "error", code: "rate-limited", message: "slow down" },
    ];
    for (const message of notForUs) socket.serverSends(message);
    socket.serverSends(JSON.stringify({ type: "from-a-newer-server" }));
    expect(session.state.ignoredMessages).toBe(notForUs.length + 1);
    expect({ ...session.state, ignoredMessages: 0 }).toEqual({ ...before, ignoredMessages: 0 });
  });
});
