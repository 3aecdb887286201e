import { beforeEach, describe, expect, it } from "vitest";
import {
  type Outgoing,
  type OutgoingSignal,
  prioritiseAudio,
  type SenderLike,
  type Signal,
} from "../../client/src/call/negotiation.ts";
import {
  ICE_RESTART_INTERVAL_MS,
  MEDIA_CONNECT_LIMIT_MS,
  MEDIA_RECOVERY_LIMIT_MS,
  Peer,
  type PeerOptions,
  type PeerState,
} from "../../client/src/call/peer.ts";
import * as qualityModule from "../../client/src/call/quality.ts";
import { FakeClock } from "./fake-clock.ts";
import { FakePeerConnection } from "./fake-peer-connection.ts";

/** Lets every queued promise and gathered candidate through; the fake clock's timers do not move. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

function outgoing(): Outgoing {
  const audio = { kind: "audio" } as MediaStreamTrack;
  const video = { kind: "video" } as MediaStreamTrack;
  return { stream: { getTracks: () => [audio, video] } as unknown as MediaStream, audio, video };
}

interface Harness {
  peer: Peer;
  pcs: FakePeerConnection[];
  pc(): FakePeerConnection;
  sent: OutgoingSignal[];
  /** Every state the peer reported, in order. */
  reported: PeerState[];
  unreachable: number;
}

let clock: FakeClock;

beforeEach(() => {
  FakePeerConnection.reset();
  clock = new FakeClock();
});

function peerFor(id: string, options: Partial<PeerOptions> = {}): Harness {
  const harness: Harness = {
    pcs: [],
    pc() {
      const pc = harness.pcs.at(-1);
      if (!pc) throw new Error(`the peer for ${id} has no peer connection`);
      return pc;
    },
    sent: [],
    reported: [],
    unreachable: 0,
    peer: new Peer({
      participant: { id, role: "patient", name: "patient", moderator: false },
      polite: false,
      configuration: async () => ({ iceServers: [] }),
      ready: Promise.resolve(),
      outgoing,
      createConnection: (configuration) => {
        const pc = new FakePeerConnection(configuration);
        harness.pcs.push(pc);
        return pc;
      },
      send: (signal) => harness.sent.push(signal),
      clock,
      changed: (state) => harness.reported.push(state),
      channels: () => undefined,
      unreachable: () => harness.unreachable++,
      ...options,
    }),
  };
  return harness;
}

/** Signaling as the room relays it: later, and marked with whom it came from. */
function relay(from: string, to: () => Peer): (signal: OutgoingSignal) => void {
  return (signal) => queueMicrotask(() => to().receive({ ...signal, from } as Signal));
}

/** A peer whose peer connection is set up and whose offer went out. */
async function connecting(): Promise<Harness> {
  const side = peerFor("patient-2");
  await side.peer.connect();
  await settle();
  return side;
}

function streamOf(...tracks: MediaStreamTrack[]): MediaStream {
  return { getTracks: () => tracks } as unknown as MediaStream;
}

describe("the other side's picture and sound", () => {
  const theirAudio = { kind: "audio", id: "their-audio" } as MediaStreamTrack;
  const theirVideo = { kind: "video", id: "their-video" } as MediaStreamTrack;

  it("keeps the other side's sound when their camera goes on and its track comes without a stream", async () => {
    const heard: MediaStream[] = [];
    const provider = peerFor("patient-2", {
      newStream: (tracks) => streamOf(...tracks),
      changed: (state) => state.remoteStream && heard.push(state.remoteStream),
    });
    await provider.peer.connect();
    await settle();
    const announced = streamOf(theirAudio);
    provider.pc().receiveTrack(theirAudio, [announced]);
    // As an older page sends it: video switched on later, its SDP naming no stream.
    provider.pc().receiveTrack(theirVideo);
    expect(heard.at(-1)?.getTracks()).toEqual([theirAudio, theirVideo]);
  });

  it("announces its camera with its stream when it turns the camera on after joining without one", async () => {
    let cameraOn = false;
    const audio = { kind: "audio" } as MediaStreamTrack;
    const video = { kind: "video" } as MediaStreamTrack;
    const stream = streamOf(audio);
    let provider: Harness | undefined;
    let patient: Harness | undefined;
    provider = peerFor("patient-2", { send: relay("provider-1", () => (patient as Harness).peer) });
    patient = peerFor("provider-1", {
      polite: true,
      outgoing: () => ({ stream, audio, video: cameraOn ? video : undefined }),
      send: relay("patient-2", () => (provider as Harness).peer),
    });
    await Promise.all([provider.peer.connect(), patient.peer.connect()]);
    await settle();
    cameraOn = true;
    await patient.peer.syncOutgoing();
    const sender = patient.pc().transceivers.find((t) => t.receiver.track.kind === "video")?.sender;
    expect(sender?.track).toBe(video);
    expect(sender?.streams).toEqual([stream]);
  });
});

describe("a peer", () => {
  it("negotiates with another peer on its own, without a session: the impolite side offers, the polite side answers with its tracks", async () => {
    let provider: Harness | undefined;
    let patient: Harness | undefined;
    provider = peerFor("patient-2", { send: relay("provider-1", () => (patient as Harness).peer) });
    patient = peerFor("provider-1", { polite: true, send: relay("patient-2", () => (provider as Harness).peer) });
    await Promise.all([provider.peer.connect(), patient.peer.connect()]);
    await settle();
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
    expect(provider.pc().negotiations).toHaveLength(1);
    expect(patient.pc().negotiations).toEqual(provider.pc().negotiations);
    expect(patient.pc().tracks.map((track) => track.kind)).toEqual(["audio", "video"]);
    expect(provider.peer.state.media).toBe("connecting");
    expect(patient.peer.state.media).toBe("connecting");
  });

  it("keeps signals that arrive before its peer connection exists, and applies them in order once it does", async () => {
    let iceServersArrive: (configuration: RTCConfiguration) => void = () => {};
    const slowIce = new Promise<RTCConfiguration>((resolve) => {
      iceServersArrive = resolve;
    });
    const patient = peerFor("provider-1", { polite: true, configuration: () => slowIce });
    const connected = patient.peer.connect();
    patient.peer.receive({ type: "offer", sdp: "offer-1-from-elsewhere", from: "provider-1" });
    patient.peer.receive({
      type: "ice",
      candidate: { candidate: "candidate:elsewhere", sdpMid: "0", sdpMLineIndex: 0 },
      from: "provider-1",
    });
    await settle();
    expect(patient.pcs).toHaveLength(0);

    iceServersArrive({ iceServers: [] });
    await connected;
    await settle();
    expect(patient.pc().remoteDescription?.sdp).toBe("offer-1-from-elsewhere");
    // A candidate applied before its offer would have been refused.
    expect(patient.pc().candidates).toEqual([{ candidate: "candidate:elsewhere", sdpMid: "0", sdpMLineIndex: 0 }]);
    expect(patient.sent.map((signal) => signal.type)).toContain("answer");
  });

  it("reports its media path: connecting, connected, reconnecting while it is lost, connected when it is back", async () => {
    const side = await connecting();
    expect(side.peer.state.media).toBe("connecting");
    side.pc().drive("connected");
    expect(side.peer.state.media).toBe("connected");
    side.pc().drive("disconnected");
    expect(side.peer.state.media).toBe("reconnecting");
    side.pc().drive("connected");
    expect(side.peer.state.media).toBe("connected");
    expect(side.reported.map((state) => state.media)).toEqual(["connecting", "connected", "reconnecting", "connected"]);
  });

  it("fails a path that never gets through at the first deadline", async () => {
    const side = await connecting();
    clock.advance(MEDIA_CONNECT_LIMIT_MS - 1);
    expect(side.peer.state.media).toBe("connecting");
    clock.advance(1);
    expect(side.peer.state.media).toBe("failed");
  });

  it("restarts ICE while a working path stays failed, at once when the device is back online, and gives up after the recovery limit", async () => {
    const side = await connecting();
    side.pc().drive("connected");
    side.pc().drive("failed");
    expect(side.pc().iceRestarts).toBe(1);
    side.peer.retryNow();
    expect(side.pc().iceRestarts).toBe(2);
    clock.advance(ICE_RESTART_INTERVAL_MS);
    expect(side.pc().iceRestarts).toBe(3);
    clock.advance(MEDIA_RECOVERY_LIMIT_MS);
    expect(side.peer.state.media).toBe("failed");
    // Given up: only Try again (a new peer) starts over.
    const restarts = side.pc().iceRestarts;
    side.peer.retryNow();
    clock.advance(ICE_RESTART_INTERVAL_MS * 3);
    expect(side.pc().iceRestarts).toBe(restarts);
  });

  it("once closed: its peer connection is closed, no deadline, ICE restart or quality sampling stays pending, and nothing more is reported", async () => {
    const side = peerFor("patient-2", { loadQuality: async () => qualityModule });
    await side.peer.connect();
    await settle();
    side.pc().drive("connected");
    await settle();
    side.pc().drive("failed");
    expect(clock.pendingDelays()).toEqual([
      qualityModule.SAMPLE_INTERVAL_MS,
      ICE_RESTART_INTERVAL_MS,
      MEDIA_RECOVERY_LIMIT_MS,
    ]);

    side.peer.close();
    expect(side.pc().closed).toBe(true);
    expect(side.peer.closed).toBe(true);
    expect(clock.pendingDelays()).toEqual([]);
    const reported = side.reported.length;
    side.pc().drive("connected");
    side.peer.receive({ type: "offer", sdp: "late", from: "patient-2" });
    await settle();
    expect(side.reported).toHaveLength(reported);
    expect(side.pc().remoteDescription?.sdp).not.toBe("late");
  });

  it("closed while its ICE servers are on their way: builds no peer connection at all", async () => {
    let iceServersArrive: (configuration: RTCConfiguration) => void = () => {};
    const side = peerFor("patient-2", {
      configuration: () =>
        new Promise((resolve) => {
          iceServersArrive = resolve;
        }),
    });
    const connected = side.peer.connect();
    side.peer.close();
    iceServersArrive({ iceServers: [] });
    await connected;
    expect(side.pcs).toHaveLength(0);
    expect(side.reported).toEqual([]);
  });

  it("says its participant cannot be reached when no ICE servers could be fetched, builds no peer connection, and fails alone", async () => {
    const side = peerFor("patient-2", { configuration: async () => undefined });
    await side.peer.connect();
    expect(side.unreachable).toBe(1);
    expect(side.pcs).toHaveLength(0);
    // In a group only this participant's path fails; the session ends a 1:1 call (closing the peer) first.
    expect(side.peer.state.media).toBe("failed");
  });

  it("reports nothing more when the call ends on its being unreachable (a 1:1 call)", async () => {
    let peer: Peer | undefined;
    const side = peerFor("patient-2", { configuration: async () => undefined, unreachable: () => peer?.close() });
    peer = side.peer;
    await side.peer.connect();
    expect(side.reported).toEqual([]);
    expect(side.peer.closed).toBe(true);
  });
});

const encodingOf = (pc: FakePeerConnection, kind: string) =>
  pc
    .getTransceivers()
    .find((t) => t.receiver.track.kind === kind)
    ?.sender.getParameters().encodings[0];

describe("a peer's audio", () => {
  it("gets the first claim on the line once media flows, and keeps its rate on the poorest line", async () => {
    const side = peerFor("patient-2", { loadQuality: async () => qualityModule, peerCount: () => 4 });
    await side.peer.connect();
    await settle();
    expect(encodingOf(side.pc(), "audio")).toMatchObject({ priority: "low" });
    side.pc().drive("connected");
    await settle();
    expect(encodingOf(side.pc(), "audio")).toMatchObject({ priority: "high", networkPriority: "high" });

    // A line so poor the video goes to its lowest step: the audio's encoding stays as it was.
    side.pc().stats = new Map([
      ["CP", { id: "CP", type: "candidate-pair", selected: true, currentRoundTripTime: 0.9 }],
    ]) as unknown as RTCStatsReport;
    for (let i = 0; i < 10; i++) {
      clock.advance(qualityModule.SAMPLE_INTERVAL_MS);
      await settle();
    }
    expect(side.peer.state.quality).toBe("poor");
    expect(encodingOf(side.pc(), "video")).toMatchObject({ maxBitrate: 100_000, scaleResolutionDownBy: 4 });
    expect(encodingOf(side.pc(), "audio")).toEqual({ active: true, priority: "high", networkPriority: "high" });
  });

  it("is marked high only where the browser has the member (Firefox: priority alone), and not set again once high", async () => {
    const calls: RTCRtpSendParameters[] = [];
    const sender = (encodings: RTCRtpEncodingParameters[]): SenderLike => ({
      track: null,
      replaceTrack: async () => undefined,
      getParameters: () => ({ transactionId: "t", encodings, codecs: [], headerExtensions: [], rtcp: {} }),
      setParameters: async (parameters) => {
        calls.push(parameters);
      },
    });
    await prioritiseAudio(sender([{ active: true, priority: "low" }]));
    expect(calls.map((p) => p.encodings)).toEqual([[{ active: true, priority: "high" }]]);
    await prioritiseAudio(sender([{ active: true, priority: "high", networkPriority: "high" }]));
    await prioritiseAudio(sender([]));
    expect(calls).toHaveLength(1);
  });
});
