import { beforeEach, describe, expect, it } from "vitest";
import { commitmentOf } from "../../client/src/shared/key-commitment.ts";
import { newDeviceKeyPair, openName } from "../../client/src/shared/name-seal.ts";
import {
  createPatientWaitingSession,
  MAX_RECONNECTS,
  type PatientWaitingSession,
  type PatientWaitingState,
  releasesDevices,
  statusLine,
  type WaitingTickets,
} from "../../client/src/waiting/patient-session.ts";
import { type ClientMessage, CloseCode, type ServerMessage } from "../../schema/messages.ts";
import type { SealBinding, SealKey, SealPurpose } from "../../schema/sealed-name.ts";
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
function enter(options: { linkProblem?: string; name?: string; keyCommitment?: string } = {}) {
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
    name: () => options.name,
    keyCommitment: () => options.keyCommitment,
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

/** A practice device: its key as the room offers it, and its private half to open what was sealed. */
async function practiceDevice(kid: string) {
  const pair = await newDeviceKeyPair();
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const publicKey = btoa(String.fromCharCode(...raw))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
  return { offered: { kid, publicKey } satisfies SealKey, opener: { kid, privateKey: pair.privateKey } };
}

type Device = Awaited<ReturnType<typeof practiceDevice>>;

const forPatient: SealBinding = { invitation: "invite-1", purpose: "patient-name" };

function sealTo(devices: Device[], purpose: SealPurpose = "patient-name"): ServerMessage {
  return { type: "seal-to", for: "invite-1", purpose, keys: devices.map((device) => device.offered) };
}

/** The link's fragment committing to these devices' keys. */
async function linkFor(devices: Device[]): Promise<string> {
  return `#k=${await commitmentOf(devices.map((device) => device.offered))}`;
}

/** The session's next state: the sealing ends with one, whatever it decided. */
const nextState = (session: PatientWaitingSession) =>
  new Promise<PatientWaitingState>((resolve) => {
    const stop = session.subscribe((state) => {
      stop();
      resolve(state);
    });
  });

const names = (socket: FakeWebSocket) =>
  socket
    .sentMessages()
    .filter((message): message is Extract<ClientMessage, { type: "name" }> => message.type === "name");

/** Entered with `name` (and the link's fragment), greeted and placed; the room then sends `seal-to`. */
async function offeredKeys(message: ServerMessage, options: { name?: string; keyCommitment?: string }) {
  const entered = enter(options);
  const socket = FakeWebSocket.greetLatest(hello);
  socket.serverSends({ type: "position", position: 1, waitedMs: 0 });
  const settled = nextState(entered.session);
  socket.serverSends(message);
  return { ...entered, socket, settled };
}

describe("the patient's name, sealed to the practice's devices", () => {
  it("is sent once per seal-to, sealed: the device opens it, and the room never sees it in plain text", async () => {
    const laptop = await practiceDevice("laptop");
    const { socket, settled, session } = await offeredKeys(sealTo([laptop]), { name: "Jürgen Müller" });
    expect((await settled).keysMismatch).toBe(false);
    const sent = names(socket);
    expect(sent).toHaveLength(1);
    expect(socket.sent.join("\n")).not.toContain("Jürgen");
    expect(socket.sent.join("\n")).not.toContain("Müller");
    expect(await openName(sent[0]?.sealed, laptop.opener, forPatient)).toBe("Jürgen Müller");
    // Bound to the invitation and purpose the room named: as a guest's name it does not open.
    expect(await openName(sent[0]?.sealed, laptop.opener, { ...forPatient, purpose: "guest-name" })).toBeUndefined();
    expect(session.state.phase).toEqual({ name: "waiting" });
  });

  it("never puts the link's fragment into the socket's address", async () => {
    const laptop = await practiceDevice("laptop");
    const createdBefore = FakeWebSocket.created.length;
    createPatientWaitingSession({
      ticket: "ticket-1",
      tickets: new FakeTickets(),
      device: () => ({ camera: true, microphone: true }),
      linkProblem: async () => undefined,
      room: {
        socket: FakeWebSocket,
        clock: new FakeClock(),
        base: `https://anteroom.test/j/abc${await linkFor([laptop])}`,
      },
    }).dispose();
    expect(FakeWebSocket.created).toHaveLength(createdBefore + 1);
    expect(FakeWebSocket.latest().url).toBe("wss://anteroom.test/api/ws/waiting");
  });

  it("is sealed only to the keys the link commits to when the room offers more", async () => {
    const laptop = await practiceDevice("laptop");
    const stranger = await practiceDevice("stranger");
    const { socket, settled } = await offeredKeys(sealTo([stranger, laptop]), {
      name: "Ada Lovelace",
      keyCommitment: await linkFor([laptop]),
    });
    expect((await settled).keysMismatch).toBe(false);
    const [sent] = names(socket);
    expect(sent?.sealed.to.map((recipient) => recipient.kid)).toEqual(["laptop"]);
    expect(await openName(sent?.sealed, laptop.opener, forPatient)).toBe("Ada Lovelace");
    expect(await openName(sent?.sealed, stranger.opener, forPatient)).toBeUndefined();
  });

  it("is not sent when none of the offered keys is the link's, and the patient is told while waiting on", async () => {
    const laptop = await practiceDevice("laptop");
    const stranger = await practiceDevice("stranger");
    const { socket, settled, session } = await offeredKeys(sealTo([stranger]), {
      name: "Ada Lovelace",
      keyCommitment: await linkFor([laptop]),
    });
    expect((await settled).keysMismatch).toBe(true);
    expect(names(socket)).toEqual([]);
    expect(session.state.phase).toEqual({ name: "waiting" });
    socket.serverSends({ type: "position", position: 1, waitedMs: 60_000 });
    expect(session.state.waitedMinutes).toBe(1);
  });

  it("is not sent, and nothing is said, when a malformed link's commitment matches nothing", async () => {
    const laptop = await practiceDevice("laptop");
    const { socket, settled } = await offeredKeys(sealTo([laptop]), { name: "Ada", keyCommitment: "#k=not-a-hash" });
    // A damaged commitment is no reason to trust the server: as a mismatch.
    expect((await settled).keysMismatch).toBe(true);
    expect(names(socket)).toEqual([]);
  });

  it("is not sent, and nothing is said, when the practice has no device key to seal to", async () => {
    const laptop = await practiceDevice("laptop");
    const { socket, settled } = await offeredKeys(sealTo([]), { name: "Ada", keyCommitment: await linkFor([laptop]) });
    // No key offered is no swap: a server after the name would offer one of its own.
    expect((await settled).keysMismatch).toBe(false);
    expect(names(socket)).toEqual([]);
  });

  it("is not sent when the tab has no name kept (it never had the join form)", async () => {
    const laptop = await practiceDevice("laptop");
    const { socket, session } = await offeredKeys(sealTo([laptop]), {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(names(socket)).toEqual([]);
    expect(session.state.keysMismatch).toBe(false);
  });

  it("is not sent, and the wait goes on, when a key offered cannot be used", async () => {
    const broken: Device = {
      offered: { kid: "broken", publicKey: "A".repeat(87) },
      opener: (await practiceDevice("broken")).opener,
    };
    const { socket, settled, session } = await offeredKeys(sealTo([broken]), { name: "Ada" });
    expect((await settled).keysMismatch).toBe(false);
    expect(names(socket)).toEqual([]);
    expect(session.state.phase).toEqual({ name: "waiting" });
  });

  it("is sealed again, to the new room's keys, after a reconnect and after a transfer to a colleague", async () => {
    const laptop = await practiceDevice("laptop");
    const colleague = await practiceDevice("colleague");
    const { socket, settled, session, clock } = await offeredKeys(sealTo([laptop]), { name: "Ada" });
    await settled;
    expect(names(socket)).toHaveLength(1);

    // The line drops and comes back: the room asks again, and gets one name again.
    socket.serverCloses(1006);
    clock.runNext();
    const again = FakeWebSocket.greetLatest(hello);
    let sealed = nextState(session);
    again.serverSends(sealTo([laptop]));
    await sealed;
    expect(names(again)).toHaveLength(1);
    expect(await openName(names(again)[0]?.sealed, laptop.opener, forPatient)).toBe("Ada");

    // Moved to a colleague: their room offers their keys, and the name is sealed to those.
    again.serverSends({ type: "transferred", ticket: "ticket-colleague", to: "Dr. Berg" });
    again.serverCloses(CloseCode.transferred);
    const moved = FakeWebSocket.greetLatest(hello);
    sealed = nextState(session);
    moved.serverSends(sealTo([colleague]));
    await sealed;
    expect(names(moved)).toHaveLength(1);
    expect(await openName(names(moved)[0]?.sealed, colleague.opener, forPatient)).toBe("Ada");
    expect(await openName(names(moved)[0]?.sealed, laptop.opener, forPatient)).toBeUndefined();
  });

  it("sealed for a connection that dropped meanwhile, is not sent on the next one", async () => {
    const laptop = await practiceDevice("laptop");
    const phone = await practiceDevice("phone");
    const { socket, session, clock } = await offeredKeys(sealTo([laptop]), { name: "Ada" });
    socket.serverCloses(1006);
    clock.runNext();
    const again = FakeWebSocket.greetLatest(hello);
    const sealed = nextState(session);
    again.serverSends(sealTo([phone]));
    await sealed;
    expect(names(socket)).toEqual([]);
    const [sent, ...more] = names(again);
    expect(more).toEqual([]);
    expect(await openName(sent?.sealed, phone.opener, forPatient)).toBe("Ada");
  });
});
