// The whole state of one consultation call, without any UI: signaling through the consultation's
// room connection, one peer connection per other participant, and the rules for when a call is
// live, reconnecting, failed or over. Sockets, peer connections, ICE servers and timers are
// injected, so every rule here is tested with fakes (test/client/call-session.test.ts).
import { CloseCode, type Participant, type Role, type ServerMessage } from "../../../schema/messages.ts";
import { type MediaFlags, NO_FLAGS } from "../../../schema/peer-messages.ts";
import type { MessageKey } from "../i18n.ts";
import { stopStream } from "../media.ts";
import { browserClock, type Clock, connectRoom, type RoomStop, type SocketConstructor } from "../room.ts";
import type { DataLink } from "./link.ts";
import { createPeer, type Peer, type PeerConnectionFactory, type Signal } from "./negotiation.ts";

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

export type Quality = "good" | "fair" | "poor";

/** Devices a call can switch between while it runs. */
export type DeviceKind = "audioinput" | "videoinput";

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
  socket?: SocketConstructor;
  clock?: Clock;
  /** The page's address, for the socket's origin. */
  base?: string;
  random?: () => number;
}

export interface CallSession {
  readonly state: CallState;
  subscribe(listener: (state: CallState) => void): () => void;
  /** Connects signaling with the camera and microphone the call will send. */
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

/** How often a dropped signaling connection is retried (with backoff, about half a minute in all). */
export const MAX_RECONNECTS = 6;
/** Tries for the very first connection: a ticket that does not open should say so soon. */
export const MAX_FIRST_CONNECTS = 2;
/** A call with nobody else in it for this long is over (the other side left, or never came). */
export const ALONE_LIMIT_MS = 2 * 60 * 1000;
/** Media that is not through this long after a peer connection was set up (or restarted) has failed. */
export const MEDIA_CONNECT_LIMIT_MS = 20_000;
const ICE_FETCH_TRIES = 3;

/** Final close codes of a consultation, and what the person is told. */
const endNotes: Partial<Record<number, MessageKey>> = {
  [CloseCode.replaced]: "replaced",
  [CloseCode.full]: "callFull",
  [CloseCode.revoked]: "linkWithdrawn",
};

export function createCallSession(options: CallSessionOptions): CallSession {
  const clock = options.clock ?? browserClock;
  const listeners = new Set<(state: CallState) => void>();
  let state: CallState = {
    phase: { name: "starting" },
    peerEverSeen: false,
    media: "none",
    local: NO_FLAGS,
    remote: NO_FLAGS,
    suggestAudioOnly: false,
    peerMessages: 0,
    droppedPeerMessages: 0,
  };
  let disposed = false;
  let localStream: MediaStream | undefined;
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
  /** ICE servers fetched while the socket connects, for the first peer connection; later ones fetch their own. */
  let prefetched: Promise<RTCConfiguration> | undefined = options.iceConfiguration(options.ticket);
  prefetched.catch(() => undefined);

  function update(change: Partial<CallState>) {
    if (disposed) return;
    state = { ...state, ...change };
    for (const listener of listeners) listener(state);
  }

  const over = () => disposed || state.phase.name === "ended" || state.phase.name === "failed";

  function dropPeer() {
    generation++;
    clock.clearTimeout(mediaDeadline);
    peer?.close();
    peer = undefined;
    peerId = undefined;
    early = [];
    update({ remoteStream: undefined, media: "none" });
  }

  function tearDown() {
    clock.clearTimeout(alone);
    dropPeer();
    room?.close();
    room = undefined;
    stopStream(localStream);
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
  function armMediaDeadline(mine: number) {
    clock.clearTimeout(mediaDeadline);
    mediaDeadline = clock.setTimeout(() => {
      if (mine === generation && !over()) update({ media: "failed" });
    }, MEDIA_CONNECT_LIMIT_MS);
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

  function watchMedia(current: Peer, mine: number) {
    const pc = current.connection;
    let last = verdict(pc);
    let restarted = false;
    // Both state machines report each change: act once per change of the verdict.
    const changed = () => {
      const now = verdict(pc);
      if (now === last || mine !== generation || over()) return;
      last = now;
      if (now === "connected") {
        clock.clearTimeout(mediaDeadline);
        restarted = false;
        return update({ media: "connected" });
      }
      if (now === "failed") {
        // A second failure without getting through in between: no point in restarting forever.
        if (restarted) {
          clock.clearTimeout(mediaDeadline);
          return update({ media: "failed" });
        }
        // Often a changed network: new candidates may get through. The restart renegotiates
        // through perfect negotiation, so either side may start it.
        restarted = true;
        current.restartIce();
        armMediaDeadline(mine);
        return update({ media: "reconnecting" });
      }
      if (now === "disconnected") {
        // Often brief; if it lasts, it turns into "failed" or runs into the deadline.
        if (state.media === "connected") armMediaDeadline(mine);
        if (state.media !== "failed") update({ media: "reconnecting" });
      }
    };
    pc.addEventListener("connectionstatechange", changed);
    pc.addEventListener("iceconnectionstatechange", changed);
  }

  async function connectPeer(participant: Participant, stream: MediaStream) {
    const mine = ++generation;
    peerId = participant.id;
    const configuration = await iceConfiguration();
    // The roster may have changed, or the call closed, while the ICE servers were on their way.
    if (over() || mine !== generation) return;
    if (!configuration) return hangUpLocally("callLost");
    const current = createPeer({
      // The patient yields on offer collisions; the provider never does.
      polite: state.role === "patient",
      configuration,
      localStream: stream,
      createConnection: options.createConnection,
      send: (signal) => room?.send({ ...signal, to: participant.id }),
      onRemoteStream: (remoteStream) => mine === generation && update({ remoteStream }),
    });
    peer = current;
    watchMedia(current, mine);
    armMediaDeadline(mine);
    update({ media: "connecting" });
    for (const signal of early.splice(0)) current.receive(signal);
  }

  function presence(participants: Participant[], stream: MediaStream) {
    const other = participants.find((p) => p.id !== me);
    update({ peer: other, peerEverSeen: state.peerEverSeen || other !== undefined });
    clock.clearTimeout(alone);
    if (!other) alone = clock.setTimeout(() => hangUpLocally("aloneTooLong"), ALONE_LIMIT_MS);
    if (other?.id === peerId) return;
    // A new connection of the other side (or none): start over with a fresh peer connection.
    dropPeer();
    if (other) void connectPeer(other, stream);
  }

  function received(message: ServerMessage, stream: MediaStream) {
    switch (message.type) {
      case "hello":
        // A new connection of ours: the other side will start over with it, and so do we.
        if (me !== undefined && me !== message.you) dropPeer();
        me = message.you;
        return update({ role: message.role, phase: { name: "live" } });
      case "presence":
        return presence(message.participants, stream);
      case "offer":
      case "answer":
      case "ice":
        // Signaling from an earlier connection of the other side is stale.
        if (message.from !== peerId) return;
        if (peer) peer.receive(message);
        else early.push(message);
        return;
      case "ended":
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

  function connect(stream: MediaStream) {
    room = connectRoom(
      {
        path: `/api/ws/consultation/${encodeURIComponent(options.consultationId)}`,
        ticket: options.ticket,
        base: options.base,
        maxReconnects: MAX_RECONNECTS,
        maxFirstConnects: MAX_FIRST_CONNECTS,
        socket: options.socket,
        clock,
        random: options.random,
      },
      {
        message: (message) => received(message, stream),
        state(next) {
          if (next === "reconnecting" && !over()) update({ phase: { name: "reconnecting" } });
        },
        stopped,
      },
    );
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(stream) {
      if (over()) return stopStream(stream);
      localStream = stream;
      connect(stream);
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
    // TODO(contract stubs): implemented next.
    setMuted: () => undefined,
    setCameraOff: async () => false,
    setAudioOnly: async () => false,
    useDevice: async () => false,
    flipCamera: async () => false,
    shareScreen: async () => false,
    stopSharing: () => undefined,
    link: undefined as unknown as DataLink,
  };
}
