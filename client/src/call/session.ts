// One consultation call, without any UI: a coordinator over the call's parts. Signaling goes
// through the consultation's room connection; the roster (roster.ts) says whom to connect to and
// who offers to whom; each other participant (up to four: a full mesh) is a Peer (peer.ts) in a
// map keyed by connection id, with its own negotiation, media path, recovery and data channels;
// the call's phase and what the screen shows, per participant and flattened for the 1:1 screen,
// are in the store (call-state.ts). This side makes one DTLS certificate for the call and uses it
// for every peer connection. Sockets, peer connections, ICE servers and timers are injected, so every rule is
// tested with fakes (test/client/call-session.test.ts; the parts alone in call-peer.test.ts and
// call-roster.test.ts).
import {
  CloseCode,
  ConsultationToParticipant,
  type EndReason,
  type Participant,
  type ParticipantToConsultation,
  type ProviderToConsultation,
} from "../../../schema/messages.ts";
import { type MediaFlags, NO_FLAGS, PeerMessage } from "../../../schema/peer-messages.ts";
import { browserClock, type Clock } from "../shared/clock.ts";
import type { MessageKey } from "../shared/i18n.ts";
import type { MediaAccess } from "../shared/media.ts";
import { connectRoom, type RoomConnection, type RoomStop, type SocketConstructor } from "../shared/room.ts";
import { type CallState, CallStore, type FinalPhase, flatten, type ParticipantView } from "./call-state.ts";
import { iceServerSource } from "./ice-servers.ts";
import { type DataLink, MeshLink } from "./link.ts";
import { type DeviceKind, LocalMedia, type VideoProcessor } from "./local-media.ts";
import type { PeerConnectionFactory } from "./negotiation.ts";
import { IDLE_PEER, Peer } from "./peer.ts";
import type { Quality } from "./quality.ts";
import { politeToward, Roster } from "./roster.ts";

export type { CallPhase, CallState, ParticipantView } from "./call-state.ts";
export { INITIAL_CALL_STATE } from "./call-state.ts";
export type { MediaState } from "./peer.ts";
export type { DeviceKind, Quality, VideoProcessor };

/** What the session shows of a peer: who it is for, how its media path is doing, its connection (audio levels). */
export type PeerView = Pick<Peer, "participant" | "state" | "closed" | "connection">;

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
  /**
   * Makes this side's DTLS certificate for the call, once: every peer connection uses it, so each
   * other participant sees the same fingerprint for this side (the group's safety code). The
   * browser's by default; without one, each peer connection makes its own.
   */
  generateCertificate?: () => Promise<RTCCertificate | undefined>;
  /**
   * The name a patient or guest gave on their page (kept in the tab: shared/own-name.ts), told to the
   * others over the data channel; a provider's comes from the room's presence instead.
   */
  ownName?: () => string | undefined;
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
  /** End for everyone (the moderator) or leave (anyone else: the call goes on without this side). */
  hangUp(): void;
  /** Leaves, the call goes on for the others; a moderator's role passes on by the room's rules. */
  leave(): void;
  /** The moderator's controls, each by the other participant's connection id; nothing unless this side moderates. */
  askMute(to: string): void;
  remove(to: string): void;
  lock(locked: boolean): void;
  makeModerator(to: string): void;
  /** The person read that the moderator asked them to mute: the notice goes. */
  dismissAskedToMute(): void;
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
  /** Background blur between camera and what is sent (undefined: none); it may be set before `start`. */
  setVideoProcessor(processor: VideoProcessor | undefined): Promise<boolean>;
  /** The data link to every other participant, for chat and files (their media flags the session reads itself). */
  readonly link: DataLink;
  /** One peer per other participant this side connects to, by connection id (MAX_PEERS at most). */
  readonly peers: ReadonlyMap<string, PeerView>;
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

/** Final close codes of a consultation, and what the person is told. */
const endNotes: Partial<Record<number, MessageKey>> = {
  [CloseCode.replaced]: "replaced",
  [CloseCode.full]: "callFull",
  [CloseCode.revoked]: "linkWithdrawn",
  [CloseCode.removed]: "removedFromCall",
};

/** Why the room ended the call for this side, and what the person is told (nothing extra when absent). */
const endedNotes: Partial<Record<EndReason, MessageKey>> = {
  replaced: "replaced",
  "time-limit": "timeLimitReached",
  removed: "removedFromCall",
  "no-moderator": "endedNoModerator",
};

const browserStream = (tracks: MediaStreamTrack[]) => new MediaStream(tracks);

/** ECDSA P-256, as browsers make by default: small and quick to make. None where there is no WebRTC. */
function browserCertificate(): Promise<RTCCertificate | undefined> {
  if (typeof RTCPeerConnection === "undefined") return Promise.resolve(undefined);
  const algorithm: EcKeyGenParams = { name: "ECDSA", namedCurve: "P-256" };
  return RTCPeerConnection.generateCertificate(algorithm);
}

/**
 * The call's connection: the room hears the same from every role; a patient or guest sends a
 * participant's messages, a provider those and the moderator's. Which one this side is, the room's hello
 * and presence say, and `hangUp` sends `end` only as the moderator (the room refuses it from anyone else).
 */
type CallRoom = RoomConnection<ParticipantToConsultation | ProviderToConsultation>;

export function createCallSession(options: CallSessionOptions): CallSession {
  const clock = options.clock ?? browserClock;
  const store = new CallStore();
  const roster = new Roster();
  const peers = new Map<string, Peer>();
  let room: CallRoom | undefined;
  let alone: unknown;
  let started = false;
  /** This side's connection id, and whether presence names it the moderator: only the moderator ends the call for everyone. */
  let you: string | undefined;
  let moderating = false;
  /** Resolves once `start` has the camera and microphone: a peer connection sends them from its first offer. */
  let localReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    localReady = resolve;
  });
  // Fetched while the socket connects, for the first peer connection; later ones fetch their own.
  const iceServers = iceServerSource(() => options.iceConfiguration(options.ticket), clock);
  // Made while the socket connects; a call whose certificate cannot be made goes on without a shared one.
  const certificate = (options.generateCertificate ?? browserCertificate)().catch(() => undefined);
  /** A peer connection's configuration: fresh ICE servers and the call's one certificate. */
  async function peerConfiguration(): Promise<RTCConfiguration | undefined> {
    const configuration = await iceServers();
    if (!configuration) return undefined;
    const shared = await certificate;
    return shared ? { ...configuration, certificates: [shared] } : configuration;
  }
  const network = options.network ?? (typeof window === "undefined" ? undefined : window);

  const local = new LocalMedia({
    access: options.media ?? navigator.mediaDevices,
    newStream: options.newStream ?? browserStream,
    changed() {
      if (store.over) return;
      store.update({ local: local.flags, localStream: local.stream });
      link.send({ type: "flags", flags: local.flags });
      for (const peer of peers.values()) void peer.syncOutgoing();
    },
  });

  // Every peer's data channels, as one link: media flags are read here; chat and files (lazy) use it too.
  const link = new MeshLink(
    {
      flags: ({ flags }, from) => remoteFlags(from, flags),
      name: ({ name }, from) => told(from, name),
      other: () => store.update({ peerMessages: store.state.peerMessages + 1 }),
      dropped() {
        console.warn("anteroom: dropped a malformed message from another participant");
        store.update({ droppedPeerMessages: store.state.droppedPeerMessages + 1 });
      },
      openChange(open, from) {
        // The other side learns our state as soon as it can; until it tells us, theirs is unknown (all off).
        if (!open) return;
        link.sendTo(from, { type: "flags", flags: local.flags });
        // And who we are, once per channel: a name the other side would refuse (too long, a line break)
        // is not sent at all, since malformed frames count against us there (flood-guard.ts).
        const name = ownName();
        if (name) link.sendTo(from, name);
      },
    },
    () => clock.now(),
  );

  /** Shows the participants, and the first one's peer flattened in for the 1:1 screen. */
  function showParticipants(participants: Record<string, ParticipantView>) {
    store.update({ participants, ...flatten(participants, roster.others[0]?.id) });
  }

  function updateParticipant(id: string, change: Partial<ParticipantView>) {
    const view = store.state.participants[id];
    if (view && peers.has(id)) showParticipants({ ...store.state.participants, [id]: { ...view, ...change } });
  }

  /** This side's name as a message the others accept, or undefined: a provider's by the room, anyone else's as typed. */
  function ownName(): Extract<PeerMessage, { type: "name" }> | undefined {
    const name = store.state.self?.name ?? options.ownName?.();
    const message = PeerMessage.safeParse({ type: "name", name });
    return message.success && message.data.type === "name" ? message.data : undefined;
  }

  /**
   * A participant told their name. The first one told over a connection holds: a page cannot rename
   * itself mid-call into someone else (a new connection, after a reload, tells it anew).
   */
  function told(id: string, name: string) {
    if (store.state.participants[id]?.told !== undefined) return;
    updateParticipant(id, { told: name });
  }

  /** A participant's flags changed: a wish for audio-only changes what we send to them alone. */
  function remoteFlags(id: string, flags: MediaFlags) {
    const before = store.state.participants[id]?.remote;
    updateParticipant(id, { remote: flags });
    if (before && before.audioOnly !== flags.audioOnly) void peers.get(id)?.syncOutgoing();
  }

  function addPeer(participant: Participant) {
    const id = participant.id;
    const me = { id: roster.you ?? "", role: store.state.role ?? "" };
    const peer = new Peer({
      participant,
      polite: politeToward(me, participant),
      configuration: peerConfiguration,
      ready,
      outgoing: () => local.outgoingFor(store.state.participants[id]?.remote.audioOnly ?? false),
      createConnection: options.createConnection,
      newStream: options.newStream ?? browserStream,
      send: (signal) => room?.send({ ...signal, to: id }),
      clock,
      loadQuality: options.loadQuality,
      peerCount: () => peers.size,
      path: (relayed) => room?.send({ type: "path", relayed }),
      changed: (state) => updateParticipant(id, state),
      // Its flags are read from now on, and ours sent once its channels open (the link's openChange).
      channels: (channels) => link.attach(id, channels),
      // In a 1:1 call the call is lost, as ever; in a group only this participant's peer fails.
      unreachable: () => {
        if (peers.size === 1) finish({ name: "ended", note: "callLost" });
      },
    });
    peers.set(id, peer);
    showParticipants({ ...store.state.participants, [id]: { ...IDLE_PEER, participant, remote: NO_FLAGS } });
    void peer.connect();
  }

  /**
   * A peer is of no more use: its participant left or reconnected under a new id, or this side
   * starts over. Its connection closes, and what it showed and told us (its stream, its flags, its
   * audio-only wish) stops holding.
   */
  function removePeer(id: string) {
    const peer = peers.get(id);
    if (!peer) return;
    peers.delete(id);
    peer.close();
    link.detach(id);
    const { [id]: _gone, ...rest } = store.state.participants;
    showParticipants(rest);
  }

  const removeAllPeers = () => {
    for (const id of [...peers.keys()]) removePeer(id);
  };

  /** The device has a network again (after a drop or a change): try now instead of waiting for the next backoff. */
  function online() {
    if (store.over) return;
    if (store.state.phase.name === "reconnecting") room?.reconnect();
    else for (const peer of peers.values()) peer.retryNow();
  }

  /** Lets go of everything the call holds (listener, timer, peers, socket, camera): it is over, or its screen is gone. */
  function release() {
    network?.removeEventListener("online", online);
    clock.clearTimeout(alone);
    removeAllPeers();
    room?.close();
    room = undefined;
    local.stop();
  }

  /** The call is over, ended or failed: release everything and say why. An ended call's ticket opens nothing more. */
  function finish(phase: FinalPhase) {
    if (store.over) return;
    release();
    if (phase.name === "ended") options.forgetTicket();
    store.enter(phase);
  }

  function presence(participants: Participant[]) {
    moderating = participants.some((p) => p.id === you && p.moderator);
    const change = roster.presence(participants, peers.keys());
    const self = participants.find((participant) => participant.id === roster.you);
    store.update({ peer: roster.others[0], peerEverSeen: roster.everSeen, self });
    // After `self`: a provider's own name is the room's.
    store.update({ ownName: ownName()?.name });
    clock.clearTimeout(alone);
    if (roster.others.length === 0) {
      alone = clock.setTimeout(() => finish({ name: "ended", note: "aloneTooLong" }), ALONE_LIMIT_MS);
    }
    // Everyone who left (a reload: the old connection of someone) goes before anyone new is offered to.
    for (const id of change.left) removePeer(id);
    for (const participant of change.joined) addPeer(participant);
    // One more or one fewer stream to upload: every video stream gets the cap for the new count.
    if (change.left.length > 0 || change.joined.length > 0) for (const peer of peers.values()) peer.reapplyLimits();
    // Who they are is the latest snapshot's word (a name, a role), and the first other participant may
    // be another now: the 1:1 fields follow.
    const views = Object.entries(store.state.participants).map(([id, view]) => {
      const participant = roster.others.find((p) => p.id === id) ?? view.participant;
      return [id, { ...view, participant }] as const;
    });
    showParticipants(Object.fromEntries(views));
  }

  /** Not the consultation's to a participant: counted, so that nothing the room says vanishes without a trace. */
  const ignore = () => store.update({ ignoredMessages: store.state.ignoredMessages + 1 });

  function received(message: ConsultationToParticipant) {
    switch (message.type) {
      case "hello":
        // A new connection of ours: the other side will start over with it, and so do we.
        if (roster.greeted(message.you)) removeAllPeers();
        you = message.you;
        return store.enter({ name: "live" }, { role: message.role });
      case "presence":
        store.update({ locked: message.locked, graceEndsAt: message.graceEndsAt });
        return presence(message.participants);
      case "offer":
      case "answer":
      case "ice":
        // Signaling from a connection we hold no peer for (an earlier one of the other side) is stale.
        peers.get(message.from)?.receive(message);
        return;
      case "time-warning":
        return store.update({ endsAt: message.endsAt });
      case "asked-to-mute":
        // The moderator may ask, never unmute: this side mutes itself, and the screen says who asked.
        local.setMuted(true);
        return store.update({ askedToMuteBy: message.by });
      case "ended":
        return finish({ name: "ended", note: endedNotes[message.reason] });
      case "error":
        if (message.code === "incompatible") return finish({ name: "ended", note: "reloadNeeded" });
        console.warn("anteroom:", message.code, message.message);
        return;
      // Anything else (another room's message, a newer protocol's) does not get this far: room.ts reads
      // it as unreadable, and `ignore` counts it there.
      default:
        return message satisfies never;
    }
  }

  function stopped(stop: RoomStop) {
    if (stop.reason === "final") return finish({ name: "ended", note: endNotes[stop.code] });
    if (stop.reason === "refused") {
      options.forgetTicket();
      return finish({ name: "failed", problem: "ticketMissing", code: stop.code });
    }
    // A connection that never opened means the ticket does not open this consultation.
    if (!stop.everOpened) return finish({ name: "failed", problem: "ticketMissing", code: stop.code });
    finish({ name: "ended", note: "callLost" });
  }

  function connect() {
    room = connectRoom<ConsultationToParticipant, ParticipantToConsultation | ProviderToConsultation>(
      {
        receive: ConsultationToParticipant,
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
        unreadable: ignore,
        state(next) {
          if (next === "reconnecting") store.enter({ name: "reconnecting" });
        },
        stopped,
      },
    );
  }

  /** A moderator's message, sent only while the call is on and this side moderates (the room refuses anyone else). */
  const moderate = (
    message: Extract<ProviderToConsultation, { type: "ask-mute" | "remove" | "lock" | "make-moderator" }>,
  ) => {
    if (moderating && !store.over) room?.send(message);
  };

  /** Runs a control only while the call is on. */
  const whileOn = async (control: () => Promise<boolean>) => (started && !store.over ? control() : false);

  return {
    get state(): CallState {
      return store.state;
    },
    subscribe: (listener) => store.subscribe(listener),
    start(stream) {
      if (store.over) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      started = true;
      network?.addEventListener("online", online);
      local.start(stream);
      store.update({ local: local.flags, localStream: local.stream });
      localReady();
      if (!room) connect();
    },
    open() {
      if (!store.over && !room) connect();
    },
    fail: (problem) => finish({ name: "failed", problem }),
    hangUp() {
      room?.send(moderating ? { type: "end" } : { type: "leave" });
      // Only the moderator ends it; anyone else left, and the call goes on without them.
      finish(moderating ? { name: "ended" } : { name: "ended", note: "leftCall" });
    },
    leave() {
      room?.send({ type: "leave" });
      finish({ name: "ended", note: "leftCall" });
    },
    askMute: (to) => moderate({ type: "ask-mute", to }),
    remove: (to) => moderate({ type: "remove", to }),
    lock: (locked) => moderate({ type: "lock", locked }),
    makeModerator: (to) => moderate({ type: "make-moderator", to }),
    dismissAskedToMute: () => store.update({ askedToMuteBy: undefined }),
    retry() {
      if (store.over || !room) return;
      // A new socket gets a new connection id, so both sides build new peer connections.
      removeAllPeers();
      room.reconnect();
    },
    dispose() {
      store.dispose();
      release();
    },
    setMuted: (muted) => {
      if (started && !store.over) local.setMuted(muted);
    },
    setCameraOff: (off) => whileOn(() => local.setCameraOff(off)),
    setAudioOnly: (on) => whileOn(() => local.setAudioOnly(on)),
    useDevice: (kind, deviceId) => whileOn(() => local.useDevice(kind, deviceId)),
    flipCamera: () => whileOn(() => local.flipCamera()),
    shareScreen: () => whileOn(() => local.shareScreen()),
    stopSharing: () => local.stopSharing(),
    setVideoProcessor: async (processor) => !store.over && local.setVideoProcessor(processor),
    link,
    peers,
  };
}
