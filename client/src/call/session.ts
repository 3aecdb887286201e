// The whole state of one consultation call, without any UI: signaling through the consultation's
// room connection, one peer connection per other participant, and the rules for when a call is
// live, reconnecting, failed or over. Sockets, peer connections, ICE servers and timers are
// injected, so every rule here is tested with fakes (test/client/call-session.test.ts).
import { CloseCode, type Participant, type Role, type ServerMessage } from "../../../schema/messages.ts";
import { type MediaFlags, NO_FLAGS } from "../../../schema/peer-messages.ts";
import type { MessageKey } from "../i18n.ts";
import type { MediaAccess } from "../media.ts";
import { browserClock, type Clock, connectRoom, type RoomStop, type SocketConstructor } from "../room.ts";
import { CallLink, type DataLink } from "./link.ts";
import { type DeviceKind, LocalMedia } from "./local-media.ts";
import { createPeer, type Peer, type PeerConnectionFactory, type Signal } from "./negotiation.ts";
import type { Quality, QualityMonitor } from "./quality.ts";
import { safetyCode } from "./safety-code.ts";

export type { DeviceKind, Quality };

export type CallPhase =
  | { name: "starting" }
  | { name: "live" }
  /** Signaling dropped; media may well still flow peer to peer. */
  | { name: "reconnecting" }
  | { name: "ended"; note?: MessageKey }
  | { name: "failed"; problem: MessageKey; code?: number };

/**
 * The media path to the other side. connecting: a peer connection is set up and not yet through;
 * reconnecting: it was lost or failed and is being restarted; failed: it did not come back in time.
 */
export type MediaState = "none" | "connecting" | "connected" | "reconnecting" | "failed";

export interface CallState {
  readonly phase: CallPhase;
  readonly role?: Role;
  /** The other participant, while present. */
  readonly peer?: Participant;
  readonly peerEverSeen: boolean;
  readonly remoteStream?: MediaStream;
  readonly media: MediaState;
  /** What this side sends, for the self-view: camera (or shared screen) and microphone. */
  readonly localStream?: MediaStream;
  /** This side's mute, camera, audio-only and sharing state. */
  readonly local: MediaFlags;
  /** The other side's, as it reported it over the data channel; all off until it does. */
  readonly remote: MediaFlags;
  /** Both DTLS fingerprints, hashed: the same on both sides unless someone in between swapped keys. */
  readonly safetyCode?: string;
  /** From getStats, once media flows. */
  readonly quality?: Quality;
  /** Even the lowest video setting does not get through: the screen suggests audio-only. */
  readonly suggestAudioOnly: boolean;
  /** Set when the server warned that the consultation reaches its maximum length at this time. */
  readonly endsAt?: number;
  /** Chat and file messages received so far: the screen loads the chat when the first arrives. */
  readonly peerMessages: number;
  /** Messages from the other side that were malformed or too large, and dropped. */
  readonly droppedPeerMessages: number;
}

export interface CallSessionOptions {
  consultationId: string;
  ticket: string;
  /** Fresh ICE servers for each new peer connection. */
  iceConfiguration(ticket: string): Promise<RTCConfiguration>;
  createConnection: PeerConnectionFactory;
  /** Called once the ticket is of no more use (the call ended or the ticket was refused). */
  forgetTicket(): void;
  /** Camera, microphone and screen; the browser's by default. */
  media?: MediaAccess;
  /** Builds a MediaStream from tracks; the browser's by default (Node has none). */
  newStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  /** Loads the quality monitor once media flows (a separate chunk in the browser). */
  loadQuality?: () => Promise<typeof import("./quality.ts")>;
  socket?: SocketConstructor;
  clock?: Clock;
  /** Fires "online" when the device has a network again; the window by default. */
  network?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
  /** The page's address, for the socket's origin. */
  base?: string;
  random?: () => number;
}

export interface CallSession {
  readonly state: CallState;
  subscribe(listener: (state: CallState) => void): () => void;
  /**
   * Opens signaling before the camera is ready: the two take about as long, and neither needs the
   * other. Peer connections wait for `start`. Optional: `start` opens signaling too.
   */
  open(): void;
  /** Connects signaling (unless open) with the camera and microphone the call will send (no video track: camera off). */
  start(localStream: MediaStream): void;
  /** The call cannot start (no ticket, no camera): say why, with nothing left open. */
  fail(problem: MessageKey): void;
  /** Leave (patient) or end for everyone (provider). */
  hangUp(): void;
  /** After a failed media connection: start over with a new peer connection over a new socket. */
  retry(): void;
  /** The screen is gone: release everything without another state change. */
  dispose(): void;
  /** Mutes or unmutes the microphone; the other side is told. */
  setMuted(muted: boolean): void;
  /** Turns the camera off (its light goes out) or on again; false if it could not be opened. */
  setCameraOff(off: boolean): Promise<boolean>;
  /** Audio-only both ways, to save bandwidth; false if the camera could not be opened again. */
  setAudioOnly(on: boolean): Promise<boolean>;
  /** Sends from another camera or microphone from now on; false if it could not be opened. */
  useDevice(kind: DeviceKind, deviceId: string): Promise<boolean>;
  /** Front or rear camera, on phones; false if there is no other. */
  flipCamera(): Promise<boolean>;
  /** Sends a screen (or window) instead of the camera; false if the person cancelled or it is not possible. */
  shareScreen(): Promise<boolean>;
  stopSharing(): void;
  /** The data link to the other side, for chat and files. */
  readonly link: DataLink;
}

/**
 * How often a dropped signaling connection is retried: with backoff capped at RECONNECT_CAP_MS, at
 * least a minute in all, so a network that is gone for up to 60 s finds the call again by itself.
 */
export const MAX_RECONNECTS = 16;
export const RECONNECT_CAP_MS = 10_000;
/** Tries for the very first connection: a ticket that does not open should say so soon. */
export const MAX_FIRST_CONNECTS = 2;
/** A call with nobody else in it for this long is over (the other side left, or never came). */
export const ALONE_LIMIT_MS = 2 * 60 * 1000;
/** Media that is not through this long after a peer connection was set up has failed. */
export const MEDIA_CONNECT_LIMIT_MS = 20_000;
/** Media that was through and is lost gets this long to come back (ICE restarts meanwhile) before it has failed. */
export const MEDIA_RECOVERY_LIMIT_MS = 75_000;
/** While the media path stays failed, ICE is restarted this often: the network may be back by now. */
export const ICE_RESTART_INTERVAL_MS = 10_000;
const ICE_FETCH_TRIES = 3;

/** Final close codes of a consultation, and what the person is told. */
const endNotes: Partial<Record<number, MessageKey>> = {
  [CloseCode.replaced]: "replaced",
  [CloseCode.full]: "callFull",
  [CloseCode.revoked]: "linkWithdrawn",
};

const browserStream = (tracks: MediaStreamTrack[]) => new MediaStream(tracks);

/** A call before anything happened: nobody else seen, nothing sent or received. */
export const INITIAL_CALL_STATE: CallState = {
  phase: { name: "starting" },
  peerEverSeen: false,
  media: "none",
  local: NO_FLAGS,
  remote: NO_FLAGS,
  suggestAudioOnly: false,
  peerMessages: 0,
  droppedPeerMessages: 0,
};

export function createCallSession(options: CallSessionOptions): CallSession {
  const clock = options.clock ?? browserClock;
  const listeners = new Set<(state: CallState) => void>();
  let state: CallState = INITIAL_CALL_STATE;
  let disposed = false;
  let started = false;
  /** Resolves once `start` has the camera and microphone: a peer connection sends them from its first offer. */
  let localReady!: () => void;
  const whenStarted = new Promise<void>((resolve) => {
    localReady = resolve;
  });
  let room: ReturnType<typeof connectRoom> | undefined;
  let me: string | undefined;
  let peer: Peer | undefined;
  let peerId: string | undefined;
  /** Bumped for every new or dropped peer: a peer connection set up for an older one is discarded. */
  let generation = 0;
  /** Signals from the current peer that arrive while its connection is still being set up. */
  let early: Signal[] = [];
  let alone: unknown;
  let mediaDeadline: unknown;
  let iceRestartTimer: unknown;
  let quality: QualityMonitor | undefined;
  /** Restarts ICE at once, while the media path is down (set by watchMedia). */
  let retryMediaNow: (() => void) | undefined;
  /** ICE servers fetched while the socket connects, for the first peer connection; later ones fetch their own. */
  let prefetched: Promise<RTCConfiguration> | undefined = options.iceConfiguration(options.ticket);
  prefetched.catch(() => undefined);

  function update(change: Partial<CallState>) {
    if (disposed) return;
    state = { ...state, ...change };
    for (const listener of listeners) listener(state);
  }

  const over = () => disposed || state.phase.name === "ended" || state.phase.name === "failed";

  const local = new LocalMedia({
    access: options.media ?? navigator.mediaDevices,
    newStream: options.newStream ?? browserStream,
    changed() {
      if (over()) return;
      update({ local: local.flags, localStream: local.stream });
      link.send({ type: "flags", flags: local.flags });
      void peer?.syncOutgoing();
    },
  });

  const link = new CallLink({
    flags({ flags }) {
      update({ remote: flags });
      local.setRemoteAudioOnly(flags.audioOnly);
    },
    other: () => update({ peerMessages: state.peerMessages + 1 }),
    dropped() {
      console.warn("anteroom: dropped a malformed message from the other side");
      update({ droppedPeerMessages: state.droppedPeerMessages + 1 });
    },
    openChange(open) {
      // The other side learns our state as soon as it can; until it tells us, theirs is unknown (all off).
      if (open) link.send({ type: "flags", flags: local.flags });
    },
  });

  function stopQuality() {
    quality?.stop();
    quality = undefined;
  }

  function dropPeer() {
    generation++;
    retryMediaNow = undefined;
    clock.clearTimeout(mediaDeadline);
    clock.clearTimeout(iceRestartTimer);
    stopQuality();
    link.detach();
    peer?.close();
    peer = undefined;
    peerId = undefined;
    early = [];
    local.setRemoteAudioOnly(false);
    update({
      remoteStream: undefined,
      media: "none",
      remote: NO_FLAGS,
      safetyCode: undefined,
      quality: undefined,
      suggestAudioOnly: false,
    });
  }

  /** The device has a network again (after a drop or a change): try now instead of waiting for the next backoff. */
  function online() {
    if (over()) return;
    if (state.phase.name === "reconnecting") room?.reconnect();
    else retryMediaNow?.();
  }
  const network = options.network ?? (typeof window === "undefined" ? undefined : window);

  function tearDown() {
    network?.removeEventListener("online", online);
    clock.clearTimeout(alone);
    dropPeer();
    room?.close();
    room = undefined;
    local.stop();
  }

  function hangUpLocally(note?: MessageKey) {
    if (over()) return;
    tearDown();
    options.forgetTicket();
    update({ phase: { name: "ended", note } });
  }

  function fail(problem: MessageKey, code?: number) {
    if (over()) return;
    tearDown();
    update({ phase: { name: "failed", problem, code } });
  }

  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  /** ICE servers for a new peer connection: prefetched for the first, fetched (and retried) for later ones. */
  async function iceConfiguration(): Promise<RTCConfiguration | undefined> {
    const first = prefetched;
    prefetched = undefined;
    for (let attempt = 0; attempt < ICE_FETCH_TRIES; attempt++) {
      try {
        return await (attempt === 0 && first ? first : options.iceConfiguration(options.ticket));
      } catch {
        await wait(1000 * (attempt + 1));
      }
    }
    return undefined;
  }

  /** The media must be through by then; otherwise the person is told plainly, with a way to try again. */
  function armMediaDeadline(mine: number, ms: number) {
    clock.clearTimeout(mediaDeadline);
    mediaDeadline = clock.setTimeout(() => {
      if (mine !== generation || over()) return;
      clock.clearTimeout(iceRestartTimer);
      update({ media: "failed" });
    }, ms);
  }

  /** One verdict from the two state machines a browser reports (connectionState and iceConnectionState). */
  function verdict(pc: Peer["connection"]): "connected" | "failed" | "disconnected" | "pending" {
    const connection = pc.connectionState;
    const ice = pc.iceConnectionState;
    if (connection === "connected" || ice === "connected" || ice === "completed") return "connected";
    if (connection === "failed" || ice === "failed") return "failed";
    if (connection === "disconnected" || ice === "disconnected") return "disconnected";
    return "pending";
  }

  /** Media flows: show the safety code and start watching the line. */
  async function mediaConnected(current: Peer, mine: number) {
    const pc = current.connection;
    if (pc.localDescription && pc.remoteDescription) {
      const code = await safetyCode(pc.localDescription.sdp, pc.remoteDescription.sdp).catch(() => undefined);
      if (mine === generation && !over()) update({ safetyCode: code });
    }
    if (quality || !options.loadQuality) return;
    const module = await options.loadQuality().catch(() => undefined);
    if (!module || mine !== generation || over() || quality) return;
    quality = module.monitorQuality({
      getStats: () => pc.getStats(),
      videoSenders: () => {
        const sender = current.videoSender();
        return sender ? [sender] : [];
      },
      clock,
      onChange: (level, suggestAudioOnly) => {
        if (mine === generation && !over()) update({ quality: level, suggestAudioOnly });
      },
    });
  }

  function watchMedia(current: Peer, mine: number) {
    const pc = current.connection;
    let last = verdict(pc);
    let everConnected = false;
    let lastRestart = Number.NEGATIVE_INFINITY;

    // Often a changed network: new candidates may get through. The restart renegotiates through
    // perfect negotiation, so either side may start it. Not more often than every few seconds.
    const restartIce = () => {
      clock.clearTimeout(iceRestartTimer);
      if (mine !== generation || over() || verdict(pc) === "connected") return;
      const due = lastRestart + ICE_RESTART_INTERVAL_MS - clock.now();
      if (due > 0) {
        iceRestartTimer = clock.setTimeout(restartIce, due);
        return;
      }
      lastRestart = clock.now();
      current.restartIce();
      iceRestartTimer = clock.setTimeout(restartIce, ICE_RESTART_INTERVAL_MS);
    };

    retryMediaNow = () => {
      if (verdict(pc) === "connected" || state.media === "failed") return;
      lastRestart = Number.NEGATIVE_INFINITY;
      restartIce();
    };

    // Both state machines report each change: act once per change of the verdict.
    const changed = () => {
      const now = verdict(pc);
      if (now === last || mine !== generation || over()) return;
      last = now;
      if (now === "connected") {
        clock.clearTimeout(mediaDeadline);
        clock.clearTimeout(iceRestartTimer);
        everConnected = true;
        update({ media: "connected" });
        void mediaConnected(current, mine);
        return;
      }
      if (state.media === "failed") return;
      // A path that worked gets a minute to come back; one that never did, the first deadline.
      if (state.media === "connected") armMediaDeadline(mine, MEDIA_RECOVERY_LIMIT_MS);
      if (now === "failed") restartIce();
      if ((now === "failed" || now === "disconnected") && (everConnected || state.media === "reconnecting")) {
        update({ media: "reconnecting" });
      }
    };
    pc.addEventListener("connectionstatechange", changed);
    pc.addEventListener("iceconnectionstatechange", changed);
  }

  async function connectPeer(participant: Participant) {
    const mine = ++generation;
    peerId = participant.id;
    const configuration = await iceConfiguration();
    if (!started) await whenStarted;
    // The roster may have changed, or the call closed, while the ICE servers (or the camera) were on their way.
    if (over() || mine !== generation) return;
    if (!configuration) return hangUpLocally("callLost");
    const current = createPeer({
      // The patient yields on offer collisions; the provider never does.
      polite: state.role === "patient",
      configuration,
      outgoing: () => local.outgoing(),
      createConnection: options.createConnection,
      send: (signal) => room?.send({ ...signal, to: participant.id }),
      onRemoteStream: (remoteStream) => mine === generation && update({ remoteStream }),
      onChannels: (channels) => mine === generation && link.attach(channels),
    });
    peer = current;
    watchMedia(current, mine);
    armMediaDeadline(mine, MEDIA_CONNECT_LIMIT_MS);
    update({ media: "connecting" });
    for (const signal of early.splice(0)) current.receive(signal);
  }

  function presence(participants: Participant[]) {
    const other = participants.find((p) => p.id !== me);
    update({ peer: other, peerEverSeen: state.peerEverSeen || other !== undefined });
    clock.clearTimeout(alone);
    if (!other) alone = clock.setTimeout(() => hangUpLocally("aloneTooLong"), ALONE_LIMIT_MS);
    if (other?.id === peerId) return;
    // A new connection of the other side (or none): start over with a fresh peer connection.
    dropPeer();
    if (other) void connectPeer(other);
  }

  function received(message: ServerMessage) {
    switch (message.type) {
      case "hello":
        // A new connection of ours: the other side will start over with it, and so do we.
        if (me !== undefined && me !== message.you) dropPeer();
        me = message.you;
        return update({ role: message.role, phase: { name: "live" } });
      case "presence":
        return presence(message.participants);
      case "offer":
      case "answer":
      case "ice":
        // Signaling from an earlier connection of the other side is stale.
        if (message.from !== peerId) return;
        if (peer) peer.receive(message);
        else early.push(message);
        return;
      case "time-warning":
        return update({ endsAt: message.endsAt });
      case "ended":
        if (message.reason === "time-limit") return hangUpLocally("timeLimitReached");
        return hangUpLocally(message.reason === "replaced" ? "replaced" : undefined);
      case "error":
        if (message.code === "incompatible") return hangUpLocally("reloadNeeded");
        console.warn("anteroom:", message.code, message.message);
        return;
      default:
        return;
    }
  }

  function stopped(stop: RoomStop) {
    if (stop.reason === "final") return hangUpLocally(endNotes[stop.code]);
    if (stop.reason === "refused") {
      options.forgetTicket();
      return fail("ticketMissing", stop.code);
    }
    // A connection that never opened means the ticket does not open this consultation.
    if (!stop.everOpened) return fail("ticketMissing", stop.code);
    hangUpLocally("callLost");
  }

  function connect() {
    room = connectRoom(
      {
        path: `/api/ws/consultation/${encodeURIComponent(options.consultationId)}`,
        ticket: options.ticket,
        base: options.base,
        maxReconnects: MAX_RECONNECTS,
        maxFirstConnects: MAX_FIRST_CONNECTS,
        capMs: RECONNECT_CAP_MS,
        socket: options.socket,
        clock,
        random: options.random,
      },
      {
        message: received,
        state(next) {
          if (next === "reconnecting" && !over()) update({ phase: { name: "reconnecting" } });
        },
        stopped,
      },
    );
  }

  /** Runs a control only while the call is on. */
  const whileOn = async (control: () => Promise<boolean>) => (started && !over() ? control() : false);

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(stream) {
      if (over()) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      started = true;
      network?.addEventListener("online", online);
      local.start(stream);
      update({ local: local.flags, localStream: local.stream });
      localReady();
      if (!room) connect();
    },
    open() {
      if (!over() && !room) connect();
    },
    fail: (problem) => fail(problem),
    hangUp() {
      room?.send(state.role === "provider" ? { type: "end" } : { type: "leave" });
      hangUpLocally();
    },
    retry() {
      if (over() || !room) return;
      // A new socket gets a new connection id, so both sides build new peer connections.
      dropPeer();
      room.reconnect();
    },
    dispose() {
      disposed = true;
      listeners.clear();
      tearDown();
    },
    setMuted: (muted) => {
      if (started && !over()) local.setMuted(muted);
    },
    setCameraOff: (off) => whileOn(() => local.setCameraOff(off)),
    setAudioOnly: (on) => whileOn(() => local.setAudioOnly(on)),
    useDevice: (kind, deviceId) => whileOn(() => local.useDevice(kind, deviceId)),
    flipCamera: () => whileOn(() => local.flipCamera()),
    shareScreen: () => whileOn(() => local.shareScreen()),
    stopSharing: () => local.stopSharing(),
    link,
  };
}
