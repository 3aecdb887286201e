// What a participant's call does when the moderator acts on it: asked to mute, removed, or the call
// ended because the moderator left. The room is a bare fake socket; no peer is ever connected.
import { beforeEach, describe, expect, it } from "vitest";
import { type CallSession, createCallSession } from "../../client/src/call/session.ts";
import { CloseCode, type Participant, PROTOCOL_VERSION } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";
import { FakePeerConnection } from "./fake-peer-connection.ts";
import { FakeWebSocket } from "./fake-socket.ts";

function fakeStream(): MediaStream {
  const microphone = { kind: "audio", label: "mic", enabled: true, stop() {}, addEventListener() {} };
  const tracks = [microphone as unknown as MediaStreamTrack];
  return { getTracks: () => tracks } as unknown as MediaStream;
}

/** A guest's call, greeted by the room, with the provider (the moderator) present. */
function guestInCall(): { session: CallSession; socket: FakeWebSocket; stream: MediaStream } {
  const stream = fakeStream();
  const session = createCallSession({
    consultationId: "c1",
    ticket: "guest-ticket",
    iceConfiguration: async () => ({ iceServers: [] }),
    // Never called: the provider in presence is held off by never starting an offer here.
    createConnection: () => {
      throw new Error("no peer connection in these tests");
    },
    forgetTicket: () => {},
    media: {
      getUserMedia: async () => fakeStream(),
      getDisplayMedia: async () => fakeStream(),
    } as unknown as Parameters<typeof createCallSession>[0]["media"],
    newStream: (tracks) => ({ getTracks: () => tracks }) as unknown as MediaStream,
    socket: FakeWebSocket,
    clock: new FakeClock(),
    network: new EventTarget(),
    base: "https://anteroom.test/c/c1",
    random: () => 1,
  });
  session.start(stream);
  const socket = FakeWebSocket.greetLatest({ type: "hello", protocol: PROTOCOL_VERSION, you: "me", role: "guest" });
  socket.serverSends({
    type: "presence",
    participants: [{ id: "me", role: "guest", name: "Grace", label: "interpreter", moderator: false }],
    locked: false,
  });
  return { session, socket, stream };
}

/** The room as a provider's page hears it: this side ("me"), a patient and a colleague. */
function people(moderator: boolean): Participant[] {
  return [
    { id: "me", role: "provider", name: "Dr. Weber", moderator },
    { id: "c-patient", role: "patient", name: "Erika Muster", moderator: false },
    { id: "c-colleague", role: "provider", name: "Dr. Lang", moderator: !moderator },
  ];
}

/** A provider's call, greeted and with presence; its peers are fakes that never connect. */
function providerInCall(moderator: boolean): { session: CallSession; socket: FakeWebSocket } {
  const session = createCallSession({
    consultationId: "c1",
    ticket: "provider-ticket",
    iceConfiguration: async () => ({ iceServers: [] }),
    createConnection: (configuration) => new FakePeerConnection(configuration),
    generateCertificate: async () => undefined,
    forgetTicket: () => {},
    media: {
      getUserMedia: async () => fakeStream(),
      getDisplayMedia: async () => fakeStream(),
    } as unknown as Parameters<typeof createCallSession>[0]["media"],
    newStream: (tracks) => ({ getTracks: () => tracks }) as unknown as MediaStream,
    socket: FakeWebSocket,
    clock: new FakeClock(),
    network: new EventTarget(),
    base: "https://anteroom.test/c/c1",
    random: () => 1,
  });
  session.start(fakeStream());
  const socket = FakeWebSocket.greetLatest({ type: "hello", protocol: PROTOCOL_VERSION, you: "me", role: "provider" });
  socket.serverSends({ type: "presence", participants: people(moderator), locked: false });
  return { session, socket };
}

/** What this side sent to the room, signaling left out. */
function moderationSent(socket: FakeWebSocket) {
  const signaling = new Set(["hello", "offer", "answer", "ice"]);
  return socket.sentMessages().filter((message) => !signaling.has((message as { type: string }).type));
}

beforeEach(() => {
  FakeWebSocket.reset();
  FakePeerConnection.reset();
});

describe("a participant's call under moderation", () => {
  it("mutes its microphone when the moderator asks, and keeps who asked for the screen", () => {
    const { session, socket, stream } = guestInCall();
    socket.serverSends({ type: "asked-to-mute", by: "Dr. Who" });
    expect(session.state.local.muted).toBe(true);
    expect(stream.getTracks()[0]?.enabled).toBe(false);
    expect(session.state.askedToMuteBy).toBe("Dr. Who");
    // Unmuting again is the participant's own choice.
    session.setMuted(false);
    expect(session.state.local.muted).toBe(false);
  });

  it("ends with a note when removed from the call, by message or by its close code", () => {
    const told = guestInCall();
    told.socket.serverSends({ type: "ended", reason: "removed" });
    expect(told.session.state.phase).toEqual({ name: "ended", note: "removedFromCall" });

    const closed = guestInCall();
    closed.socket.serverCloses(CloseCode.removed);
    expect(closed.session.state.phase).toEqual({ name: "ended", note: "removedFromCall" });
  });

  it("ends with the 'full' note when the room turns this person away as the sixth, or from a locked call (4004)", () => {
    const { session, socket } = guestInCall();
    socket.serverCloses(CloseCode.full);
    expect(session.state.phase).toEqual({ name: "ended", note: "callFull" });
  });

  it("ends with a note when the moderator left and no provider took over", () => {
    const { session, socket } = guestInCall();
    socket.serverSends({ type: "ended", reason: "no-moderator" });
    expect(session.state.phase).toEqual({ name: "ended", note: "endedNoModerator" });
  });

  it("leaves instead of ending the call for everyone when this side does not moderate", () => {
    const { session, socket } = guestInCall();
    session.hangUp();
    expect(socket.sentMessages().at(-1)).toEqual({ type: "leave" });
    // Their page says they left, not that the consultation has ended: it goes on without them.
    expect(session.state.phase).toEqual({ name: "ended", note: "leftCall" });
  });
});

describe("the moderator's controls", () => {
  it("asks a participant to mute, removes one and hands moderation to a colleague, each by connection id", () => {
    const { session, socket } = providerInCall(true);
    session.askMute("c-patient");
    session.makeModerator("c-colleague");
    session.remove("c-patient");
    expect(moderationSent(socket)).toEqual([
      { type: "ask-mute", to: "c-patient" },
      { type: "make-moderator", to: "c-colleague" },
      { type: "remove", to: "c-patient" },
    ]);
    // The call goes on: removing someone is not ending it.
    expect(session.state.phase.name).toBe("live");
  });

  it("locks and unlocks the consultation, and shows what the room's presence says", () => {
    const { session, socket } = providerInCall(true);
    expect(session.state.locked).toBe(false);
    session.lock(true);
    expect(moderationSent(socket)).toEqual([{ type: "lock", locked: true }]);
    socket.serverSends({ type: "presence", participants: people(true), locked: true });
    expect(session.state.locked).toBe(true);
    session.lock(false);
    expect(moderationSent(socket).at(-1)).toEqual({ type: "lock", locked: false });
    socket.serverSends({ type: "presence", participants: people(true), locked: false });
    expect(session.state.locked).toBe(false);
  });

  it("sends nothing of the kind from a provider who does not moderate (the room would refuse it)", () => {
    const { session, socket } = providerInCall(false);
    expect(session.state.self?.moderator).toBe(false);
    session.askMute("c-patient");
    session.remove("c-patient");
    session.lock(true);
    session.makeModerator("c-colleague");
    expect(moderationSent(socket)).toEqual([]);
  });

  it("lets the moderator leave (the call goes on, the room hands over) or end it for everyone", () => {
    const leaving = providerInCall(true);
    leaving.session.leave();
    expect(moderationSent(leaving.socket)).toEqual([{ type: "leave" }]);
    expect(leaving.session.state.phase).toEqual({ name: "ended", note: "leftCall" });

    const ending = providerInCall(true);
    ending.session.hangUp();
    expect(moderationSent(ending.socket)).toEqual([{ type: "end" }]);
    expect(ending.session.state.phase).toEqual({ name: "ended" });
  });

  it("shows the grace period the room announces when no provider is left to moderate, until one is back", () => {
    const { session, socket } = guestInCall();
    const participants = [{ id: "me", role: "guest", name: "Grace", moderator: false }] satisfies Participant[];
    socket.serverSends({ type: "presence", participants, locked: false, graceEndsAt: 60_000 });
    expect(session.state.graceEndsAt).toBe(60_000);
    socket.serverSends({ type: "presence", participants, locked: false });
    expect(session.state.graceEndsAt).toBeUndefined();
  });

  it("takes the asked-to-mute notice away once the person read it, and shows it again at the next ask", () => {
    const { session, socket } = guestInCall();
    socket.serverSends({ type: "asked-to-mute", by: "Dr. Who" });
    session.dismissAskedToMute();
    expect(session.state.askedToMuteBy).toBeUndefined();
    // Still muted: dismissing the notice is not unmuting.
    expect(session.state.local.muted).toBe(true);
    socket.serverSends({ type: "asked-to-mute", by: "Dr. Who" });
    expect(session.state.askedToMuteBy).toBe("Dr. Who");
  });
});
