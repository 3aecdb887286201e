import { beforeEach, describe, expect, it } from "vitest";
import {
  ICE_RESTART_INTERVAL_MS,
  MEDIA_CONNECT_LIMIT_MS,
  MEDIA_RECOVERY_LIMIT_MS,
} from "../../client/src/call/peer.ts";
import * as qualityModule from "../../client/src/call/quality.ts";
import {
  ALONE_LIMIT_MS,
  type CallSession,
  type CallSessionOptions,
  createCallSession,
  MAX_RECONNECTS,
} from "../../client/src/call/session.ts";
import { CloseCode, type Role } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";
import { FakeConsultation } from "./fake-consultation.ts";
import { type FakeDataChannel, FakePeerConnection } from "./fake-peer-connection.ts";
import { FakeWebSocket } from "./fake-socket.ts";

/** Lets every queued promise, relayed message and gathered candidate through; the fake clock's timers do not move. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

interface FakeTrack {
  kind: string;
  label: string;
  enabled: boolean;
  stopped: boolean;
  stop(): void;
  addEventListener(): void;
  getSettings(): MediaTrackSettings;
}

let trackCount = 0;
function fakeTrack(kind: string, settings: MediaTrackSettings = {}): MediaStreamTrack {
  const track: FakeTrack = {
    kind,
    label: `${kind}-${++trackCount}`,
    enabled: true,
    stopped: false,
    stop() {
      track.stopped = true;
    },
    addEventListener() {},
    getSettings: () => settings,
  };
  return track as unknown as MediaStreamTrack;
}

function fakeStream(kinds: string[] = ["audio", "video"]): MediaStream {
  const tracks = kinds.map((kind) => fakeTrack(kind, { deviceId: `${kind}-default` }));
  return { getTracks: () => tracks } as unknown as MediaStream;
}

/** Camera, microphone and screen: every request opens new fake tracks; tests may make it refuse. */
const fakeMedia = {
  refuse: false,
  requests: [] as MediaStreamConstraints[],
  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    fakeMedia.requests.push(constraints);
    if (fakeMedia.refuse) throw new DOMException("busy", "NotReadableError");
    const kinds = [constraints.audio ? "audio" : undefined, constraints.video ? "video" : undefined];
    const tracks = kinds.filter((k): k is string => k !== undefined).map((kind) => fakeTrack(kind));
    return { getTracks: () => tracks } as unknown as MediaStream;
  },
  async getDisplayMedia(): Promise<MediaStream> {
    if (fakeMedia.refuse) throw new DOMException("cancelled", "NotAllowedError");
    const tracks = [fakeTrack("video", { displaySurface: "monitor" })];
    return { getTracks: () => tracks } as unknown as MediaStream;
  },
};

interface Side {
  session: CallSession;
  pcs: FakePeerConnection[];
  /** The newest peer connection of this side. */
  pc(): FakePeerConnection;
  ticketsForgotten: number;
  /** The DTLS certificate this side made for the call (a stand-in), and how often it made one. */
  certificate: RTCCertificate;
  certificatesMade(): number;
  /** For each peer connection, in order: how many of this side's others were still open when it was built. */
  openWhenBuilt: number[];
}

let clock: FakeClock;
/** The window's "online" event. */
let network: EventTarget;
let room: FakeConsultation;

beforeEach(() => {
  FakeWebSocket.reset();
  FakePeerConnection.reset();
  clock = new FakeClock();
  network = new EventTarget();
  room = new FakeConsultation();
  fakeMedia.refuse = false;
  fakeMedia.requests = [];
});

/** Joins the call as `role`; a ticket of its own (e.g. "patient-b-ticket") makes another person of that role. */
function join(
  role: Role,
  iceConfiguration: () => Promise<RTCConfiguration> = async () => ({ iceServers: [] }),
  start = true,
  ticket = `${role}-ticket`,
  extra: Partial<CallSessionOptions> = {},
): Side {
  const pcs: FakePeerConnection[] = [];
  // Made while the session is created, before `side` exists.
  const certificate = { expires: 1, ticket } as unknown as RTCCertificate;
  let certificatesMade = 0;
  const side: Side = {
    pcs,
    pc() {
      const pc = pcs.at(-1);
      if (!pc) throw new Error(`${role} has no peer connection`);
      return pc;
    },
    ticketsForgotten: 0,
    certificate,
    certificatesMade: () => certificatesMade,
    openWhenBuilt: [],
    session: createCallSession({
      consultationId: "c1",
      ticket,
      iceConfiguration,
      createConnection: (configuration) => {
        side.openWhenBuilt.push(pcs.filter((pc) => !pc.closed).length);
        const pc = new FakePeerConnection(configuration);
        pcs.push(pc);
        return pc;
      },
      generateCertificate: async () => {
        certificatesMade++;
        return certificate;
      },
      forgetTicket: () => side.ticketsForgotten++,
      media: fakeMedia,
      network,
      newStream: (tracks) => ({ getTracks: () => tracks }) as unknown as MediaStream,
      socket: room.Socket,
      clock,
      base: "https://anteroom.test/c/c1",
      random: () => 1,
      ...extra,
    }),
  };
  if (start) side.session.start(fakeStream());
  return side;
}

/** Provider and patient in the call, their first negotiation done. */
async function bothInCall(): Promise<{ provider: Side; patient: Side }> {
  const provider = join("provider");
  await settle();
  const patient = join("patient");
  await settle();
  return { provider, patient };
}

describe("a call session", () => {
  it("connects: the provider offers, the patient answers with its tracks, both end stable on one negotiation", async () => {
    const { provider, patient } = await bothInCall();
    expect(provider.session.state.phase).toEqual({ name: "live" });
    expect(patient.pc().tracks).toHaveLength(2);
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
    expect(provider.pc().negotiations).toEqual(patient.pc().negotiations);
    expect(provider.pc().negotiations).toHaveLength(1);
    expect(patient.session.state.media).toBe("connecting");
  });

  it("settles an offer collision: the patient rolls back its own offer and both agree on the provider's", async () => {
    const { provider, patient } = await bothInCall();
    provider.pc().drive("connected");
    patient.pc().drive("connected");
    // Both lose the media path at once, and both restart ICE, so both offer at once.
    provider.pc().drive("failed");
    patient.pc().drive("failed");
    await settle();
    expect(provider.pc().iceRestarts).toBe(1);
    expect(patient.pc().iceRestarts).toBe(1);
    expect(patient.pc().rollbacks).toBe(1);
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
    const agreed = provider.pc().negotiations.at(-1);
    expect(agreed).toMatch(new RegExp(`^offer-2-from-${provider.pc().name}$`));
    expect(patient.pc().negotiations.at(-1)).toBe(agreed);
    // The provider never took the patient's offer.
    expect(provider.pc().remoteDescription?.type).toBe("answer");
  });

  it("applies signals that arrive before its peer connection is set up, in order, once it is", async () => {
    const provider = join("provider");
    await settle();
    let iceServersArrive: (configuration: RTCConfiguration) => void = () => {};
    const slowIce = new Promise<RTCConfiguration>((resolve) => {
      iceServersArrive = resolve;
    });
    const patient = join("patient", () => slowIce);
    await settle();
    // The provider's offer and candidate are there; the patient is still fetching ICE servers.
    expect(patient.pcs).toHaveLength(0);
    expect(provider.pc().signalingState).toBe("have-local-offer");

    iceServersArrive({ iceServers: [] });
    await settle();
    expect(patient.pc().remoteDescription?.sdp).toBe(provider.pc().localDescription?.sdp);
    // A candidate applied before its offer would have been refused.
    expect(patient.pc().candidates).toEqual([
      { candidate: `candidate:${provider.pc().name}`, sdpMid: "0", sdpMLineIndex: 0 },
    ]);
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
  });

  it("opens signaling while the provider's camera is still starting, and offers with the camera once it is there", async () => {
    const patient = join("patient");
    await settle();
    const provider = join("provider", undefined, false);
    provider.session.open();
    await settle();
    // Both are in the room before the provider's camera is ready, but nothing is offered without it.
    expect(room.sockets).toHaveLength(2);
    expect(provider.session.state.phase).toEqual({ name: "live" });
    expect(provider.pcs).toHaveLength(0);

    provider.session.start(fakeStream());
    await settle();
    expect(room.sockets).toHaveLength(2);
    expect(provider.pc().tracks.map((track) => track.kind)).toEqual(["audio", "video"]);
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
    expect(provider.pc().negotiations).toEqual(patient.pc().negotiations);
  });

  it("reconnects dropped signaling with the same ticket after a backoff, and both sides build new peer connections", async () => {
    const { provider, patient } = await bothInCall();
    room.drop("patient");
    expect(patient.session.state.phase).toEqual({ name: "reconnecting" });
    expect(clock.runNext()).toBe(500);
    await settle();
    expect(room.tickets).toEqual(["provider-ticket", "patient-ticket", "patient-ticket"]);
    expect(patient.session.state.phase).toEqual({ name: "live" });
    expect(patient.pcs).toHaveLength(2);
    expect(provider.pcs).toHaveLength(2);
    expect(provider.pcs[0]?.closed).toBe(true);
    expect(patient.pc().signalingState).toBe("stable");
    expect(provider.pc().negotiations).toEqual(patient.pc().negotiations);
  });

  it("gives up on signaling after the limit, waiting longer each time, and says the call was lost", async () => {
    const { patient } = await bothInCall();
    // Media keeps flowing peer to peer; only signaling is gone.
    patient.pc().drive("connected");
    room.down = true;
    room.drop("patient");
    const delays: number[] = [];
    let lastTry = clock.now();
    while (patient.session.state.phase.name === "reconnecting") {
      const sockets = room.sockets.length;
      clock.runNext();
      await settle();
      // Other timers (the provider's keepalive) fire on the way; only the patient's new tries count.
      if (room.sockets.length === sockets) continue;
      delays.push(clock.now() - lastTry);
      lastTry = clock.now();
    }
    expect(delays).toHaveLength(MAX_RECONNECTS);
    // A network that is away for a minute still finds the call.
    expect(delays.reduce((sum, delay) => sum + delay, 0)).toBeGreaterThan(60_000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays.at(-1)).toBeGreaterThan(delays[0] ?? 0);
    expect(patient.session.state.phase).toEqual({ name: "ended", note: "callLost" });
    expect(patient.ticketsForgotten).toBe(1);
    expect(patient.pcs.every((pc) => pc.closed)).toBe(true);
  });

  it("says the connection was lost while the media path is disconnected, and connected when it is back", async () => {
    const { patient } = await bothInCall();
    patient.pc().drive("connected");
    expect(patient.session.state.media).toBe("connected");
    patient.pc().drive("disconnected");
    expect(patient.session.state.media).toBe("reconnecting");
    patient.pc().drive("connected");
    expect(patient.session.state.media).toBe("connected");
  });

  it("restarts ICE when a working media path fails, gives it a minute to come back, then reports failure, and Try again starts over", async () => {
    const { provider, patient } = await bothInCall();
    patient.pc().drive("connected");
    patient.pc().drive("failed");
    expect(patient.pc().iceRestarts).toBe(1);
    expect(patient.session.state.media).toBe("reconnecting");
    await settle();
    clock.advance(MEDIA_RECOVERY_LIMIT_MS - 1);
    expect(patient.session.state.media).toBe("reconnecting");
    // Restarted again and again meanwhile: the network may be back at any time.
    expect(patient.pc().iceRestarts).toBeGreaterThanOrEqual(
      Math.floor(MEDIA_RECOVERY_LIMIT_MS / ICE_RESTART_INTERVAL_MS),
    );
    clock.advance(1);
    expect(patient.session.state.media).toBe("failed");

    const failedPc = patient.pc();
    patient.session.retry();
    await settle();
    expect(failedPc.closed).toBe(true);
    expect(room.tickets).toEqual(["provider-ticket", "patient-ticket", "patient-ticket"]);
    expect(patient.pcs).toHaveLength(2);
    expect(provider.pcs).toHaveLength(2);
    expect(patient.session.state.media).toBe("connecting");
    expect(patient.pc().signalingState).toBe("stable");
  });

  it("comes back by itself when the network returns within the minute, and stops restarting ICE", async () => {
    const { patient } = await bothInCall();
    patient.pc().drive("connected");
    patient.pc().drive("disconnected");
    expect(patient.session.state.media).toBe("reconnecting");
    clock.advance(30_000);
    patient.pc().drive("failed");
    clock.advance(ICE_RESTART_INTERVAL_MS);
    expect(patient.pc().iceRestarts).toBe(2);
    patient.pc().drive("connected");
    expect(patient.session.state.media).toBe("connected");
    clock.advance(MEDIA_RECOVERY_LIMIT_MS * 2);
    expect(patient.pc().iceRestarts).toBe(2);
    expect(patient.session.state.media).toBe("connected");
  });

  it("tries again at once when the device is back online, instead of waiting for the next backoff", async () => {
    const { patient } = await bothInCall();
    patient.pc().drive("connected");
    patient.pc().drive("failed");
    expect(patient.pc().iceRestarts).toBe(1);
    network.dispatchEvent(new Event("online"));
    expect(patient.pc().iceRestarts).toBe(2);

    room.drop("patient");
    expect(patient.session.state.phase).toEqual({ name: "reconnecting" });
    network.dispatchEvent(new Event("online"));
    await settle();
    expect(room.tickets).toEqual(["provider-ticket", "patient-ticket", "patient-ticket"]);
    expect(patient.session.state.phase).toEqual({ name: "live" });
  });

  it("tells both sides when the media path never gets through", async () => {
    const { provider, patient } = await bothInCall();
    clock.advance(MEDIA_CONNECT_LIMIT_MS);
    expect(provider.session.state.media).toBe("failed");
    expect(patient.session.state.media).toBe("failed");
  });

  it("ends a call nobody else has been in for two minutes, with the 'alone' note", async () => {
    const provider = join("provider");
    await settle();
    clock.advance(ALONE_LIMIT_MS - 1);
    expect(provider.session.state.phase).toEqual({ name: "live" });
    clock.advance(1);
    expect(provider.session.state.phase).toEqual({ name: "ended", note: "aloneTooLong" });
    expect(provider.ticketsForgotten).toBe(1);
    expect(FakeWebSocket.latest().closedWith).toBe(1000);
  });

  it("does not end the call while the other side is there", async () => {
    const { provider } = await bothInCall();
    clock.advance(ALONE_LIMIT_MS * 2);
    expect(provider.session.state.phase.name).not.toBe("ended");
  });

  it("ends for both when the provider ends the consultation", async () => {
    const { provider, patient } = await bothInCall();
    provider.session.hangUp();
    await settle();
    expect(provider.session.state.phase).toEqual({ name: "ended", note: undefined });
    expect(patient.session.state.phase).toEqual({ name: "ended", note: undefined });
    expect(patient.pcs.every((pc) => pc.closed)).toBe(true);
  });

  it("tells the other side when the patient leaves", async () => {
    const { provider, patient } = await bothInCall();
    patient.session.hangUp();
    await settle();
    expect(patient.session.state.phase.name).toBe("ended");
    expect(provider.session.state.peer).toBeUndefined();
    expect(provider.session.state.peerEverSeen).toBe(true);
    expect(provider.session.state.media).toBe("none");
  });

  it("says the consultation cannot be opened when the ticket is refused, and forgets the ticket", async () => {
    room.refuseWith = CloseCode.unauthorized;
    const patient = join("patient");
    await settle();
    expect(patient.session.state.phase).toEqual({ name: "failed", problem: "ticketMissing", code: 4401 });
    expect(patient.ticketsForgotten).toBe(1);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it("says the consultation cannot be opened when the first connection never works", async () => {
    room.down = true;
    const patient = join("patient");
    await settle();
    while (patient.session.state.phase.name === "starting") {
      clock.runNext();
      await settle();
    }
    expect(patient.session.state.phase).toMatchObject({ name: "failed", problem: "ticketMissing" });
  });

  it("retries fetching ICE servers before giving up on the call", async () => {
    let fetches = 0;
    const provider = join("provider");
    await settle();
    const patient = join("patient", async () => {
      fetches++;
      if (fetches < 3) throw new Error("relay-unavailable");
      return { iceServers: [] };
    });
    await settle();
    clock.runNext();
    await settle();
    clock.runNext();
    await settle();
    expect(fetches).toBe(3);
    expect(patient.pcs).toHaveLength(1);
    expect(provider.pc().signalingState).toBe("stable");
  });
});

/** Both sides' media path is through and their data channels are open. */
async function connected(): Promise<{ provider: Side; patient: Side }> {
  const sides = await bothInCall();
  sides.provider.pc().drive("connected");
  sides.patient.pc().drive("connected");
  FakePeerConnection.linkChannels(sides.provider.pc(), sides.patient.pc());
  await settle();
  return sides;
}

const videoSent = (side: Side) =>
  side
    .pc()
    .getTransceivers()
    .find((t) => t.receiver.track.kind === "video")?.sender.track ?? null;
const audioTrack = (side: Side) => side.session.state.localStream?.getTracks().find((t) => t.kind === "audio");

describe("a call's controls", () => {
  it("mutes the microphone and the other side sees it", async () => {
    const { provider, patient } = await connected();
    provider.session.setMuted(true);
    await settle();
    expect(audioTrack(provider)?.enabled).toBe(false);
    expect(provider.session.state.local.muted).toBe(true);
    expect(patient.session.state.remote.muted).toBe(true);
    provider.session.setMuted(false);
    await settle();
    expect(audioTrack(provider)?.enabled).toBe(true);
    expect(patient.session.state.remote.muted).toBe(false);
  });

  it("turns the camera off, so its light goes out and no video is sent, and on again with a new camera track", async () => {
    const { provider, patient } = await connected();
    const camera = videoSent(patient) as unknown as { stopped: boolean };
    expect(camera).not.toBeNull();
    expect(await patient.session.setCameraOff(true)).toBe(true);
    await settle();
    expect(camera.stopped).toBe(true);
    expect(videoSent(patient)).toBeNull();
    expect(provider.session.state.remote.cameraOff).toBe(true);
    expect(patient.session.state.localStream?.getTracks().map((t) => t.kind)).toEqual(["audio"]);

    expect(await patient.session.setCameraOff(false)).toBe(true);
    await settle();
    expect(videoSent(patient)).not.toBeNull();
    expect(videoSent(patient)).not.toBe(camera);
    expect(provider.session.state.remote.cameraOff).toBe(false);
  });

  it("keeps the camera off and says so when it cannot be opened again", async () => {
    const { patient } = await connected();
    await patient.session.setCameraOff(true);
    fakeMedia.refuse = true;
    expect(await patient.session.setCameraOff(false)).toBe(false);
    expect(patient.session.state.local.cameraOff).toBe(true);
  });

  it("goes audio-only both ways: the other side stops sending video but keeps its self-view", async () => {
    const { provider, patient } = await connected();
    await patient.session.setAudioOnly(true);
    await settle();
    expect(videoSent(patient)).toBeNull();
    expect(provider.session.state.remote.audioOnly).toBe(true);
    expect(videoSent(provider)).toBeNull();
    expect(provider.session.state.localStream?.getTracks().map((t) => t.kind)).toEqual(["audio", "video"]);

    await patient.session.setAudioOnly(false);
    await settle();
    expect(videoSent(patient)).not.toBeNull();
    expect(videoSent(provider)).not.toBeNull();
  });

  it("joins audio-only: the camera counts as off, and the offer still has room for video both ways", async () => {
    const provider = join("provider", undefined, false);
    provider.session.start(fakeStream(["audio"]));
    await settle();
    const patient = join("patient");
    await settle();
    provider.pc().drive("connected");
    patient.pc().drive("connected");
    FakePeerConnection.linkChannels(provider.pc(), patient.pc());
    await settle();
    expect(provider.session.state.local.cameraOff).toBe(true);
    expect(patient.session.state.remote.cameraOff).toBe(true);
    // The patient's camera is sent on the video section the provider offered receive-only.
    expect(videoSent(patient)).not.toBeNull();

    // Turning the camera on later needs a renegotiation, which perfect negotiation carries.
    const negotiations = provider.pc().negotiations.length;
    expect(await provider.session.setCameraOff(false)).toBe(true);
    await settle();
    expect(videoSent(provider)).not.toBeNull();
    expect(provider.pc().negotiations.length).toBe(negotiations + 1);
    expect(patient.session.state.remote.cameraOff).toBe(false);
  });

  it("switches to another camera or microphone during the call, keeping mute", async () => {
    const { patient } = await connected();
    patient.session.setMuted(true);
    expect(await patient.session.useDevice("videoinput", "rear")).toBe(true);
    expect(await patient.session.useDevice("audioinput", "headset")).toBe(true);
    await settle();
    expect(fakeMedia.requests.at(-2)?.video).toMatchObject({ deviceId: { exact: "rear" } });
    expect(fakeMedia.requests.at(-1)?.audio).toMatchObject({ deviceId: { exact: "headset" } });
    const audioSender = patient
      .pc()
      .getTransceivers()
      .find((t) => t.receiver.track.kind === "audio")?.sender.track;
    expect(audioSender).toBe(audioTrack(patient));
    expect(audioSender?.enabled).toBe(false);
  });

  it("flips between front and rear camera", async () => {
    const { patient } = await connected();
    expect(await patient.session.flipCamera()).toBe(true);
    expect(fakeMedia.requests.at(-1)?.video).toMatchObject({ facingMode: { exact: "environment" } });
    expect(await patient.session.flipCamera()).toBe(true);
    expect(fakeMedia.requests.at(-1)?.video).toMatchObject({ facingMode: { exact: "user" } });
  });

  it("shares a screen instead of the camera and goes back to the camera when sharing stops", async () => {
    const { provider, patient } = await connected();
    const camera = videoSent(provider);
    expect(await provider.session.shareScreen()).toBe(true);
    await settle();
    expect(videoSent(provider)?.getSettings().displaySurface).toBe("monitor");
    expect(patient.session.state.remote.sharing).toBe(true);
    provider.session.stopSharing();
    await settle();
    expect(videoSent(provider)).toBe(camera);
    expect(patient.session.state.remote.sharing).toBe(false);
  });

  it("does nothing when the person cancels the screen picker", async () => {
    const { provider } = await connected();
    fakeMedia.refuse = true;
    expect(await provider.session.shareScreen()).toBe(false);
    expect(provider.session.state.local.sharing).toBe(false);
  });

  it("drops malformed and oversized messages from the other side, counts them, and carries on", async () => {
    const { provider, patient } = await connected();
    const channel = provider.pc().channels.find((c) => c.id === 0) as FakeDataChannel;
    channel.send("{not json");
    channel.send(JSON.stringify({ type: "flags", flags: { muted: "yes" } }));
    channel.send(JSON.stringify({ type: "chat", id: "1", text: "x".repeat(10_000), sentAt: 1 }));
    channel.send(JSON.stringify({ type: "teleport" }));
    await settle();
    expect(patient.session.state.droppedPeerMessages).toBe(4);
    expect(patient.session.state.remote.muted).toBe(false);
    provider.session.setMuted(true);
    await settle();
    expect(patient.session.state.remote.muted).toBe(true);
  });

  it("counts chat and file messages and keeps them for the chat until it subscribes", async () => {
    const { provider, patient } = await connected();
    provider.session.link.send({ type: "chat", id: "m1", text: "Hello", sentAt: 1 });
    await settle();
    expect(patient.session.state.peerMessages).toBe(1);
    const seen: string[] = [];
    patient.session.link.onMessage((message) => seen.push(message.type));
    expect(seen).toEqual(["chat"]);
  });

  it("forgets the other side's flags when its connection is replaced", async () => {
    const { provider, patient } = await connected();
    provider.session.setMuted(true);
    await settle();
    expect(patient.session.state.remote.muted).toBe(true);
    room.drop("provider");
    clock.runNext();
    await settle();
    expect(patient.session.state.remote.muted).toBe(false);
  });

  it("counts a frame that is not the consultation's to a participant, and changes nothing", async () => {
    const { provider, patient } = await connected();
    const before = { provider: provider.session.state, patient: patient.session.state };
    const peers = { provider: [...provider.session.peers.values()], patient: [...patient.session.peers.values()] };
    // Another room's messages (a waiting room's to a provider and to a patient), a newer server's, and a broken frame.
    room.broadcast({ type: "queue", patients: [] });
    room.broadcast({ type: "admitted", consultationId: "c2", ticket: "t" });
    room.broadcast(JSON.stringify({ type: "from-a-newer-server" }));
    room.broadcast("{not json");
    await settle();
    for (const side of ["provider", "patient"] as const) {
      const state = (side === "provider" ? provider : patient).session.state;
      expect(state.ignoredMessages).toBe(4);
      expect({ ...state, ignoredMessages: 0 }).toEqual({ ...before[side], ignoredMessages: 0 });
    }
    expect([...provider.session.peers.values()]).toEqual(peers.provider);
    expect([...patient.session.peers.values()]).toEqual(peers.patient);
    expect(provider.pcs).toHaveLength(1);
    expect(patient.pcs).toHaveLength(1);
  });

  it("shows the server's warning before the time limit, and says why the call ended at it", async () => {
    const { provider } = await connected();
    room.broadcast({ type: "time-warning", endsAt: 7_200_000 });
    await settle();
    expect(provider.session.state.endsAt).toBe(7_200_000);
    room.broadcast({ type: "ended", reason: "time-limit" });
    await settle();
    expect(provider.session.state.phase).toEqual({ name: "ended", note: "timeLimitReached" });
  });
});

/** The connection id the room gave the patient's current connection. */
function patientInRoom(): string {
  const patient = room.participants().find((p) => p.role === "patient");
  if (!patient) throw new Error("no patient in the room");
  return patient.id;
}

describe("a call session's peers", () => {
  it("holds one peer per other participant: one when the other joins, none once it leaves, a fresh one when it comes back", async () => {
    const provider = join("provider");
    await settle();
    expect(provider.session.peers.size).toBe(0);

    const patient = join("patient");
    await settle();
    const firstId = patientInRoom();
    expect([...provider.session.peers.keys()]).toEqual([firstId]);
    const first = provider.session.peers.get(firstId);
    expect(first?.state.media).toBe("connecting");
    expect(provider.pcs).toHaveLength(1);

    patient.session.hangUp();
    await settle();
    expect(provider.session.peers.size).toBe(0);
    expect(first?.closed).toBe(true);
    expect(provider.pcs[0]?.closed).toBe(true);

    join("patient");
    await settle();
    const againId = patientInRoom();
    expect(againId).not.toBe(firstId);
    expect([...provider.session.peers.keys()]).toEqual([againId]);
    expect(provider.session.peers.get(againId)).not.toBe(first);
    expect(provider.pcs).toHaveLength(2);
    expect(provider.pc().closed).toBe(false);
    expect(provider.pc().signalingState).toBe("stable");
  });
});

describe("a 1:1 call that cannot reach the other side", () => {
  it("ends as lost when no ICE servers can be fetched for its one peer", async () => {
    const provider = join("provider", async () => {
      throw new Error("relay-unavailable");
    });
    await settle();
    join("patient");
    await settle();
    for (const wait of [1000, 2000, 3000]) {
      clock.advance(wait);
      await settle();
    }
    expect(provider.session.state.phase).toEqual({ name: "ended", note: "callLost" });
    expect(provider.pcs).toHaveLength(0);
  });
});

const PATIENT_A = "patient-a-ticket";
const PATIENT_B = "patient-b-ticket";

/** The two ends of the open peer connection between two sides: the ones that agreed on the same first offer. */
function pairOf(one: Side, other: Side): [FakePeerConnection, FakePeerConnection] {
  for (const mine of one.pcs.filter((pc) => !pc.closed)) {
    const first = mine.negotiations[0];
    const theirs = other.pcs.find((pc) => !pc.closed && first !== undefined && pc.negotiations[0] === first);
    if (theirs) return [mine, theirs];
  }
  throw new Error("these sides have no peer connection to each other");
}

/** A provider and two patients, joined in this order, every pair's first negotiation done. */
async function threeInCall(): Promise<{ provider: Side; a: Side; b: Side }> {
  const provider = join("provider");
  await settle();
  const a = join("patient", undefined, true, PATIENT_A);
  await settle();
  const b = join("patient", undefined, true, PATIENT_B);
  await settle();
  return { provider, a, b };
}

/** The same, with every pair's media path through and its data channels open. */
async function threeConnected(): Promise<{ provider: Side; a: Side; b: Side }> {
  const sides = await threeInCall();
  await connectEveryPair(sides.provider, sides.a, sides.b);
  return sides;
}

/** Every pair of the three with its media path through and its data channels open. */
async function connectEveryPair(provider: Side, a: Side, b: Side): Promise<void> {
  for (const [one, other] of [
    [provider, a],
    [provider, b],
    [a, b],
  ] as const) {
    const [mine, theirs] = pairOf(one, other);
    mine.drive("connected");
    theirs.drive("connected");
    FakePeerConnection.linkChannels(mine, theirs);
  }
  await settle();
}

const videoOf = (pc: FakePeerConnection) =>
  pc.getTransceivers().find((t) => t.receiver.track.kind === "video")?.sender.track ?? null;
const mediaOf = (side: Side, ticket: string) => side.session.state.participants[room.idOf(ticket)]?.media;

describe("a group call", () => {
  it("connects every pair once with one offerer each: the provider to both patients, the earlier connection to the later", async () => {
    const { provider, a, b } = await threeInCall();
    for (const side of [provider, a, b]) {
      expect(side.pcs).toHaveLength(2);
      expect(side.session.peers.size).toBe(2);
      expect(Object.keys(side.session.state.participants)).toHaveLength(2);
      for (const pc of side.pcs) {
        expect(pc.signalingState).toBe("stable");
        expect(pc.rollbacks).toBe(0);
      }
    }
    expect(room.idOf(PATIENT_A) < room.idOf(PATIENT_B)).toBe(true);
    for (const [offerer, answerer] of [
      [provider, a],
      [provider, b],
      [a, b],
    ] as const) {
      const [offering, answering] = pairOf(offerer, answerer);
      expect(offering.negotiations).toEqual([`offer-1-from-${offering.name}`]);
      expect(answering.negotiations).toEqual(offering.negotiations);
      expect(answering.tracks.map((track) => track.kind)).toEqual(["audio", "video"]);
    }
  });

  it("makes one DTLS certificate per participant and uses it in every one of its peer connections", async () => {
    const { provider, a, b } = await threeInCall();
    for (const side of [provider, a, b]) {
      expect(side.certificatesMade()).toBe(1);
      expect(side.pcs.map((pc) => pc.configuration.certificates)).toEqual([[side.certificate], [side.certificate]]);
    }
  });

  it("shows the first other participant in the 1:1 fields, and moves them and the chat to the next when that one leaves", async () => {
    const { provider, a, b } = await threeConnected();
    const bId = room.idOf(PATIENT_B);
    expect(provider.session.state.peer?.id).toBe(room.idOf(PATIENT_A));
    b.session.setMuted(true);
    await settle();
    expect(provider.session.state.participants[bId]?.remote.muted).toBe(true);
    expect(provider.session.state.remote.muted).toBe(false);

    a.session.hangUp();
    await settle();
    expect(provider.session.state.peer?.id).toBe(bId);
    expect(provider.session.state.remote.muted).toBe(true);
    expect(provider.session.state.media).toBe("connected");
    expect(provider.session.link.open).toBe(true);
    provider.session.link.send({ type: "chat", id: "m1", text: "Hello", sentAt: 1 });
    await settle();
    expect(b.session.state.peerMessages).toBe(1);
  });

  it("shows each participant as the latest snapshot names them, keeping their peer and the chat's link", async () => {
    const { provider } = await threeConnected();
    // The chat and file transfers would fail if the link were lost and found again on each snapshot.
    const linkChanges: boolean[] = [];
    provider.session.link.onOpenChange((open) => linkChanges.push(open));
    const renamed = room.participants().map((p) => (p.id === room.idOf(PATIENT_B) ? { ...p, name: "Ms B" } : p));
    room.broadcast({ type: "presence", participants: renamed, locked: false });
    await settle();
    const view = provider.session.state.participants[room.idOf(PATIENT_B)];
    expect(view?.participant.name).toBe("Ms B");
    expect(view?.media).toBe("connected");
    expect(provider.pcs.filter((pc) => !pc.closed)).toHaveLength(2);
    expect(linkChanges).toEqual([]);
    expect(provider.session.link.open).toBe(true);
  });

  it("knows this side as the room's presence names it, for the participants panel's own entry", async () => {
    const { provider, a } = await threeConnected();
    expect(provider.session.state.self?.role).toBe("provider");
    const renamed = room.participants().map((p) => (p.id === room.idOf(PATIENT_A) ? { ...p, name: "Ms A" } : p));
    room.broadcast({ type: "presence", participants: renamed, locked: false });
    await settle();
    expect(a.session.state.self).toMatchObject({ id: room.idOf(PATIENT_A), role: "patient", name: "Ms A" });
    expect(a.session.state.participants[room.idOf(PATIENT_A)]).toBeUndefined();
  });

  it("settles an offer collision on one pair without touching the others", async () => {
    const { provider, a, b } = await threeConnected();
    const [toA, fromProvider] = pairOf(provider, a);
    // Both lose this path at once and both restart ICE, so both offer at once.
    toA.drive("failed");
    fromProvider.drive("failed");
    await settle();
    expect(fromProvider.rollbacks).toBe(1);
    expect(toA.rollbacks).toBe(0);
    expect(toA.negotiations.at(-1)).toBe(`offer-2-from-${toA.name}`);
    expect(fromProvider.negotiations.at(-1)).toBe(toA.negotiations.at(-1));
    expect([toA.signalingState, fromProvider.signalingState]).toEqual(["stable", "stable"]);
    for (const [one, other] of [
      [provider, b],
      [a, b],
    ] as const) {
      for (const pc of pairOf(one, other)) {
        expect(pc.negotiations).toHaveLength(1);
        expect(pc.rollbacks).toBe(0);
        expect(pc.iceRestarts).toBe(0);
        expect(pc.signalingState).toBe("stable");
      }
    }
  });

  it("leaves the others connected when one participant's path fails, restarting ICE on that pair alone", async () => {
    const { provider, a, b } = await threeConnected();
    const [toB, fromProvider] = pairOf(provider, b);
    const [toA] = pairOf(provider, a);
    toB.drive("failed");
    fromProvider.drive("failed");
    expect(toB.iceRestarts).toBe(1);
    expect(toA.iceRestarts).toBe(0);
    expect(mediaOf(provider, PATIENT_B)).toBe("reconnecting");
    expect(mediaOf(provider, PATIENT_A)).toBe("connected");
    expect(provider.session.state.media).toBe("connected");

    clock.advance(MEDIA_RECOVERY_LIMIT_MS);
    await settle();
    expect(mediaOf(provider, PATIENT_B)).toBe("failed");
    expect(mediaOf(provider, PATIENT_A)).toBe("connected");
    expect(mediaOf(b, PATIENT_A)).toBe("connected");
    expect(provider.session.state.phase).toEqual({ name: "live" });
    expect(provider.session.state.media).toBe("connected");
    expect(a.session.state.media).toBe("connected");
    expect(toA.iceRestarts).toBe(0);
    expect(pairOf(a, b).map((pc) => pc.iceRestarts)).toEqual([0, 0]);
  });

  it("is reconnecting as a whole only while every other participant's path is", async () => {
    const { provider, a, b } = await threeConnected();
    const [toA] = pairOf(provider, a);
    const [toB] = pairOf(provider, b);
    toA.drive("disconnected");
    expect(mediaOf(provider, PATIENT_A)).toBe("reconnecting");
    expect(provider.session.state.media).toBe("connected");
    toB.drive("disconnected");
    expect(provider.session.state.media).toBe("reconnecting");
    toA.drive("connected");
    expect(provider.session.state.media).toBe("connected");
    expect(mediaOf(provider, PATIENT_B)).toBe("reconnecting");
  });

  it("tries every failed pair again at once when the device is back online", async () => {
    const { provider, a, b } = await threeConnected();
    const [toA] = pairOf(provider, a);
    const [toB] = pairOf(provider, b);
    toA.drive("failed");
    toB.drive("failed");
    expect([toA.iceRestarts, toB.iceRestarts]).toEqual([1, 1]);
    network.dispatchEvent(new Event("online"));
    expect([toA.iceRestarts, toB.iceRestarts]).toEqual([2, 2]);
  });

  it("closes the old pair before connecting to a participant who reloaded, and leaves the other pairs alone", async () => {
    const { provider, a, b } = await threeInCall();
    const [oldToA] = pairOf(provider, a);
    const [toB] = pairOf(provider, b);
    const again = join("patient", undefined, true, PATIENT_A);
    await settle();
    expect(a.session.state.phase).toEqual({ name: "ended", note: "replaced" });
    expect(oldToA.closed).toBe(true);
    // Never two peer connections to one person: the old one was closed before the new one was built.
    expect(provider.openWhenBuilt).toEqual([0, 1, 1]);
    expect(b.openWhenBuilt.at(-1)).toBe(1);
    const [newToA, fromProvider] = pairOf(provider, again);
    expect(newToA).not.toBe(oldToA);
    expect(fromProvider.signalingState).toBe("stable");
    expect(pairOf(b, again)[0].signalingState).toBe("stable");
    expect([...provider.session.peers.keys()]).toEqual([room.idOf(PATIENT_B), room.idOf(PATIENT_A)]);
    expect(toB.closed).toBe(false);
    expect(toB.negotiations).toHaveLength(1);
  });

  it("sends no camera to a participant who asked for audio-only, and still to everyone else", async () => {
    const { provider, a, b } = await threeConnected();
    await a.session.setAudioOnly(true);
    await settle();
    expect(provider.session.state.participants[room.idOf(PATIENT_A)]?.remote.audioOnly).toBe(true);
    expect(videoOf(pairOf(provider, a)[0])).toBeNull();
    expect(videoOf(pairOf(b, a)[0])).toBeNull();
    expect(videoOf(pairOf(provider, b)[0])).not.toBeNull();
    expect(videoOf(pairOf(b, provider)[0])).not.toBeNull();
    // Still so when what the provider sends changes for everyone (another camera).
    expect(await provider.session.flipCamera()).toBe(true);
    await settle();
    const camera = provider.session.state.localStream?.getTracks().find((track) => track.kind === "video");
    expect(videoOf(pairOf(provider, b)[0])).toBe(camera);
    expect(videoOf(pairOf(provider, a)[0])).toBeNull();

    await a.session.setAudioOnly(false);
    await settle();
    expect(videoOf(pairOf(provider, a)[0])).not.toBeNull();
    expect(videoOf(pairOf(b, a)[0])).not.toBeNull();
  });

  it("fails a participant who cannot be reached alone, and goes on with the others", async () => {
    let fetches = 0;
    // The first set (fetched ahead) works; every later fetch fails: the second peer gets none.
    const provider = join("provider", async () => {
      fetches++;
      if (fetches > 1) throw new Error("relay-unavailable");
      return { iceServers: [] };
    });
    await settle();
    const a = join("patient", undefined, true, PATIENT_A);
    await settle();
    join("patient", undefined, true, PATIENT_B);
    await settle();
    for (const wait of [1000, 2000, 3000]) {
      clock.advance(wait);
      await settle();
    }
    expect(mediaOf(provider, PATIENT_B)).toBe("failed");
    expect(provider.pcs).toHaveLength(1);
    const [toA, fromProvider] = pairOf(provider, a);
    toA.drive("connected");
    fromProvider.drive("connected");
    expect(mediaOf(provider, PATIENT_A)).toBe("connected");
    expect(provider.session.state.media).toBe("connected");
    expect(provider.session.state.phase).toEqual({ name: "live" });
  });
  it("sends chat to everyone, and silences a participant who floods it in the chat alone: the call and their flags go on", async () => {
    const { provider, a, b } = await threeConnected();
    const bId = room.idOf(PATIENT_B);
    const heard: string[] = [];
    provider.session.link.onMessage((message, from) => {
      if (message.type === "chat") heard.push(`${from === room.idOf(PATIENT_A) ? "a" : "b"}: ${message.text}`);
    });
    expect(provider.session.link.send({ type: "chat", id: "m1", text: "An alle", sentAt: 1 })).toBe(true);
    await settle();
    expect([a.session.state.peerMessages, b.session.state.peerMessages]).toEqual([1, 1]);

    // b's page floods the provider's chat (the clock stands still: all within one second).
    const control = pairOf(b, provider)[0].channels.find((channel) => channel.id === 0) as FakeDataChannel;
    for (let i = 0; i < 80; i++) control.send(JSON.stringify({ type: "chat", id: `f${i}`, text: "spam", sentAt: 1 }));
    await settle();
    expect(provider.session.link.isSilenced(bId)).toBe(true);
    expect(heard.filter((line) => line === "b: spam").length).toBeLessThanOrEqual(50);
    a.session.link.send({ type: "chat", id: "a1", text: "Hallo", sentAt: 1 });
    b.session.setMuted(true);
    await settle();
    expect(heard.at(-1)).toBe("a: Hallo");
    expect(provider.session.state.participants[bId]?.remote.muted).toBe(true);
    expect(provider.session.peers.size).toBe(2);
    expect(mediaOf(provider, PATIENT_B)).toBe("connected");
    expect(provider.session.state.phase).toEqual({ name: "live" });
  });
});

const PATIENT_C = "patient-c-ticket";
const PATIENT_D = "patient-d-ticket";

/** Joins with the quality monitor, which sets the video limits once media flows. */
const joinWithLimits = (role: Role, ticket: string) =>
  join(role, undefined, true, ticket, { loadQuality: async () => qualityModule });

/** Every pair among these sides gets its media path through. */
async function connectAll(sides: Side[]): Promise<void> {
  for (const [i, one] of sides.entries()) {
    for (const other of sides.slice(i + 1)) for (const pc of pairOf(one, other)) pc.drive("connected");
  }
  await settle();
}

const encodingOf = (pc: FakePeerConnection, kind: string) =>
  pc
    .getTransceivers()
    .find((t) => t.receiver.track.kind === kind)
    ?.sender.getParameters().encodings[0];

describe("a group call's sending limits", () => {
  it("caps every video stream by the number of others (400 kbit/s and 2.5 times smaller with four), never audio, and lifts the cap when it is 1:1 again", async () => {
    const provider = joinWithLimits("provider", "provider-ticket");
    await settle();
    const others: Side[] = [];
    for (const ticket of [PATIENT_A, PATIENT_B, PATIENT_C, PATIENT_D]) {
      others.push(joinWithLimits("patient", ticket));
      await settle();
    }
    const [a, b, c, d] = others as [Side, Side, Side, Side];
    const everyone = [provider, a, b, c, d];
    await connectAll(everyone);
    for (const side of everyone) {
      const open = side.pcs.filter((pc) => !pc.closed);
      expect(open).toHaveLength(4);
      for (const pc of open) {
        expect(encodingOf(pc, "video")).toMatchObject({ maxBitrate: 400_000, scaleResolutionDownBy: 2.5 });
        const audio = encodingOf(pc, "audio");
        expect(audio).toMatchObject({ priority: "high", networkPriority: "high" });
        expect(audio?.maxBitrate).toBeUndefined();
        expect(audio?.scaleResolutionDownBy).toBeUndefined();
      }
    }

    d.session.hangUp();
    await settle();
    // Three others: one stream fewer to upload, so each may use more.
    for (const other of [a, b, c]) {
      expect(encodingOf(pairOf(provider, other)[0], "video")).toMatchObject({
        maxBitrate: 600_000,
        scaleResolutionDownBy: 2,
      });
    }

    b.session.hangUp();
    c.session.hangUp();
    await settle();
    expect(provider.session.peers.size).toBe(1);
    // A 1:1 call again: sent as before groups existed, without any cap.
    for (const pc of pairOf(provider, a)) {
      const video = encodingOf(pc, "video");
      expect(video?.maxBitrate).toBeUndefined();
      expect(video?.scaleResolutionDownBy).toBeUndefined();
    }
  });

  it("caps the streams already flowing in a 1:1 call when a third person joins", async () => {
    const provider = joinWithLimits("provider", "provider-ticket");
    await settle();
    const a = joinWithLimits("patient", PATIENT_A);
    await settle();
    await connectAll([provider, a]);
    const [toA, fromProvider] = pairOf(provider, a);
    expect(encodingOf(toA, "video")?.maxBitrate).toBeUndefined();
    expect(encodingOf(toA, "video")?.scaleResolutionDownBy).toBeUndefined();

    joinWithLimits("patient", PATIENT_B);
    await settle();
    // Before the newcomer's path is even through: two streams to upload from now on.
    for (const pc of [toA, fromProvider]) {
      expect(encodingOf(pc, "video")).toMatchObject({ maxBitrate: 900_000, scaleResolutionDownBy: 1.5 });
    }
  });
});

describe("names in a call (issue 25: a patient's never reaches the server)", () => {
  /** A provider and two patients, A having typed a name in this tab and B none, every pair connected. */
  async function namedCall(aName: string | undefined = "Zebulon Quaxley") {
    const provider = join("provider");
    await settle();
    const a = join("patient", undefined, true, PATIENT_A, { ownName: () => aName });
    await settle();
    const b = join("patient", undefined, true, PATIENT_B, { ownName: () => undefined });
    await settle();
    await connectEveryPair(provider, a, b);
    return { provider, a, b };
  }
  const told = (side: Side, ticket: string) => side.session.state.participants[room.idOf(ticket)]?.told;

  it("tells everyone a patient's name over the data channel once it opens, and the provider's as the room has it", async () => {
    const { provider, a, b } = await namedCall();
    expect(told(provider, PATIENT_A)).toBe("Zebulon Quaxley");
    expect(told(b, PATIENT_A)).toBe("Zebulon Quaxley");
    expect(told(a, "provider-ticket")).toBe("Dr. Provider");
    expect(a.session.state.ownName).toBe("Zebulon Quaxley");
    expect(provider.session.state.ownName).toBe("Dr. Provider");
    // The room's roster still holds no patient's name.
    expect(room.participants().find((p) => p.id === room.idOf(PATIENT_A))?.name).toBeUndefined();
  });

  it("tells nothing for a patient whose tab has no name, and sends none the others would refuse", async () => {
    const { provider, a, b } = await namedCall("A name\nwith a line break");
    expect(told(provider, PATIENT_B)).toBeUndefined();
    expect(told(a, PATIENT_B)).toBeUndefined();
    expect(told(provider, PATIENT_A)).toBeUndefined();
    // Nothing malformed went out: nobody dropped a frame of theirs.
    expect(provider.session.state.droppedPeerMessages).toBe(0);
    expect(b.session.state.droppedPeerMessages).toBe(0);
  });

  it("ignores a name message that is not one plain line of a name's length, and keeps the first name told", async () => {
    const { provider, b } = await namedCall();
    const control = pairOf(b, provider)[0].channels.find((channel) => channel.id === 0) as FakeDataChannel;
    control.send(JSON.stringify({ type: "name", name: "x".repeat(500) }));
    control.send(JSON.stringify({ type: "name", name: "" }));
    control.send(JSON.stringify({ type: "name", name: 42 }));
    await settle();
    expect(told(provider, PATIENT_B)).toBeUndefined();
    expect(provider.session.state.droppedPeerMessages).toBe(3);
    control.send(JSON.stringify({ type: "name", name: "Bea Brown" }));
    control.send(JSON.stringify({ type: "name", name: "Dr. Somebody Else" }));
    await settle();
    expect(told(provider, PATIENT_B)).toBe("Bea Brown");
    // A name is not a chat message: it loads no chat.
    expect(provider.session.state.peerMessages).toBe(0);
  });
});
