// What a participant's call does when the moderator acts on it: asked to mute, removed, or the call
// ended because the moderator left. The room is a bare fake socket; no peer is ever connected.
import { beforeEach, describe, expect, it } from "vitest";
import { type CallSession, createCallSession } from "../../client/src/call/session.ts";
import { CloseCode, PROTOCOL_VERSION } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";
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

beforeEach(() => FakeWebSocket.reset());

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
  });
});
