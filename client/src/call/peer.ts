// One other participant of a call, as this side connects to it: the peer connection with its
// negotiation (negotiation.ts), the state of the media path and its recovery (ICE restarts and the
// deadlines after which it has failed), the safety code and the line's quality. The session holds
// one Peer per other participant, keyed by that participant's connection id: a new connection of
// the same person is a new Peer, never a reused one. Tested alone in test/client/call-peer.test.ts.
import type { Participant } from "../../../schema/messages.ts";
import type { Clock } from "../shared/clock.ts";
import type { PeerChannels } from "./link.ts";
import {
  createNegotiation,
  type Negotiation,
  type Outgoing,
  type OutgoingSignal,
  type PeerConnectionFactory,
  type PeerConnectionLike,
  type Signal,
} from "./negotiation.ts";
import type { Quality, QualityMonitor } from "./quality.ts";
import { dtlsFingerprints, safetyCode } from "./safety-code.ts";

/**
 * The media path to the other side. connecting: a peer connection is set up and not yet through;
 * reconnecting: it was lost or failed and is being restarted; failed: it did not come back in time.
 */
export type MediaState = "none" | "connecting" | "connected" | "reconnecting" | "failed";

export interface PeerState {
  readonly media: MediaState;
  readonly remoteStream?: MediaStream;
  /** Both DTLS fingerprints, hashed: the same on both sides unless someone in between swapped keys. */
  readonly safetyCode?: string;
  /**
   * The DTLS fingerprints this pair agreed on: this side's (the same certificate for every peer of
   * the call) and the other side's, for a safety code over the whole group.
   */
  readonly fingerprints?: { readonly local: readonly string[]; readonly remote: readonly string[] };
  /** From getStats, once media flows. */
  readonly quality?: Quality;
  /** Even the lowest video setting does not get through: the screen suggests audio-only. */
  readonly suggestAudioOnly: boolean;
}

/** A peer with no peer connection (yet, or any more): every key present, so it also clears a previous peer's state. */
export const IDLE_PEER: PeerState = {
  media: "none",
  remoteStream: undefined,
  safetyCode: undefined,
  fingerprints: undefined,
  quality: undefined,
  suggestAudioOnly: false,
};

/** Media that is not through this long after a peer connection was set up has failed. */
export const MEDIA_CONNECT_LIMIT_MS = 20_000;
/** Media that was through and is lost gets this long to come back (ICE restarts meanwhile) before it has failed. */
export const MEDIA_RECOVERY_LIMIT_MS = 75_000;
/** While the media path stays failed, ICE is restarted this often: the network may be back by now. */
export const ICE_RESTART_INTERVAL_MS = 10_000;

export interface PeerOptions {
  participant: Participant;
  /** Yields on offer collisions (the patient); the other side never does. */
  polite: boolean;
  /** ICE servers for this peer's connection; undefined when none could be fetched. */
  configuration(): Promise<RTCConfiguration | undefined>;
  /** Resolves once this side's camera and microphone are there: the peer connection sends them from its first offer. */
  ready: Promise<void>;
  /** What this side sends now. */
  outgoing(): Outgoing;
  createConnection: PeerConnectionFactory;
  /** Makes a stream of tracks (a MediaStream in browsers; tests pass their own). */
  newStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  /** Signaling for this participant; the session addresses it. */
  send(signal: OutgoingSignal): void;
  clock: Clock;
  /** Loads the quality monitor once media flows (a separate chunk in the browser). */
  loadQuality?: () => Promise<typeof import("./quality.ts")>;
  /** How many others this side sends video to now: each stream is capped by it (quality.ts meshCap). */
  peerCount?: () => number;
  /** Once the media path is known: whether it goes through a relay. */
  path?(relayed: boolean): void;
  /** The state changed; never called once the peer is closed. */
  changed(state: PeerState): void;
  /** The data channels of the new peer connection, for the call's link. */
  channels(channels: PeerChannels): void;
  /**
   * No ICE servers could be fetched: this participant cannot be reached at all. Unless this closes
   * the peer (the call ends), the peer then reports itself failed, alone.
   */
  unreachable(): void;
}

/** One verdict from the two state machines a browser reports (connectionState and iceConnectionState). */
function verdict(pc: PeerConnectionLike): "connected" | "failed" | "disconnected" | "pending" {
  const connection = pc.connectionState;
  const ice = pc.iceConnectionState;
  if (connection === "connected" || ice === "connected" || ice === "completed") return "connected";
  if (connection === "failed" || ice === "failed") return "failed";
  if (connection === "disconnected" || ice === "disconnected") return "disconnected";
  return "pending";
}

export class Peer {
  private current: PeerState = IDLE_PEER;
  private negotiation: Negotiation | undefined;
  /** Signals that arrive while the peer connection is still being set up (ICE servers or camera on their way). */
  private early: Signal[] = [];
  private isClosed = false;
  private deadline: unknown;
  private restartTimer: unknown;
  private lastRestart = Number.NEGATIVE_INFINITY;
  private quality: QualityMonitor | undefined;

  constructor(private readonly options: PeerOptions) {}

  get participant(): Participant {
    return this.options.participant;
  }

  get state(): PeerState {
    return this.current;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The peer connection while there is one: the group screen reads its audio levels (group/audio-levels.ts). */
  get connection(): PeerConnectionLike | undefined {
    return this.negotiation?.connection;
  }

  /** Sets up the peer connection once the ICE servers and this side's camera are there. */
  async connect(): Promise<void> {
    const configuration = await this.options.configuration();
    await this.options.ready;
    // Closed while the ICE servers (or the camera) were on their way: the participant left, or the call ended.
    if (this.isClosed) return;
    if (!configuration) {
      this.options.unreachable();
      this.set({ media: "failed" });
      return;
    }
    const negotiation = createNegotiation({
      polite: this.options.polite,
      configuration,
      outgoing: this.options.outgoing,
      createConnection: this.options.createConnection,
      ...(this.options.newStream ? { newStream: this.options.newStream } : {}),
      send: this.options.send,
      onRemoteStream: (remoteStream) => this.set({ remoteStream }),
      onChannels: (channels) => {
        if (!this.isClosed) this.options.channels(channels);
      },
    });
    this.negotiation = negotiation;
    this.watch(negotiation);
    this.armDeadline(MEDIA_CONNECT_LIMIT_MS);
    this.set({ media: "connecting" });
    for (const signal of this.early.splice(0)) negotiation.receive(signal);
  }

  /** Signaling from this participant, applied in order; kept until the peer connection exists. */
  receive(signal: Signal): void {
    if (this.isClosed) return;
    if (this.negotiation) this.negotiation.receive(signal);
    else this.early.push(signal);
  }

  /** Sends what this side sends now (another camera, muted, sharing a screen). */
  async syncOutgoing(): Promise<void> {
    await this.negotiation?.syncOutgoing();
  }

  /** The number of peers changed: this peer's video gets the cap that holds now (once media flows; until then nothing can be set). */
  reapplyLimits(): void {
    this.quality?.reapply();
  }

  /** The device has a network again: restart ICE now rather than at the next interval, unless the path is fine or given up. */
  retryNow(): void {
    const pc = this.negotiation?.connection;
    if (!pc || this.isClosed || verdict(pc) === "connected" || this.current.media === "failed") return;
    this.lastRestart = Number.NEGATIVE_INFINITY;
    this.restartIce();
  }

  /**
   * The one way a peer ends: the participant left or reconnected under a new id, this side starts
   * over, or the call is over. Stops every timer and the quality monitor, closes the peer connection,
   * and reports nothing more, so a late event of this connection cannot touch the next one's state.
   */
  close(): void {
    this.isClosed = true;
    this.options.clock.clearTimeout(this.deadline);
    this.options.clock.clearTimeout(this.restartTimer);
    this.quality?.stop();
    this.quality = undefined;
    this.early = [];
    this.negotiation?.close();
  }

  private set(change: Partial<PeerState>): void {
    if (this.isClosed) return;
    this.current = { ...this.current, ...change };
    this.options.changed(this.current);
  }

  /** The media must be through by then; otherwise the person is told plainly, with a way to try again. */
  private armDeadline(ms: number): void {
    const clock = this.options.clock;
    clock.clearTimeout(this.deadline);
    this.deadline = clock.setTimeout(() => {
      if (this.isClosed) return;
      clock.clearTimeout(this.restartTimer);
      this.set({ media: "failed" });
    }, ms);
  }

  // Often a changed network: new candidates may get through. The restart renegotiates through
  // perfect negotiation, so either side may start it. Not more often than every few seconds.
  private restartIce = (): void => {
    const clock = this.options.clock;
    const negotiation = this.negotiation;
    clock.clearTimeout(this.restartTimer);
    if (!negotiation || this.isClosed || verdict(negotiation.connection) === "connected") return;
    const due = this.lastRestart + ICE_RESTART_INTERVAL_MS - clock.now();
    if (due > 0) {
      this.restartTimer = clock.setTimeout(this.restartIce, due);
      return;
    }
    this.lastRestart = clock.now();
    negotiation.restartIce();
    this.restartTimer = clock.setTimeout(this.restartIce, ICE_RESTART_INTERVAL_MS);
  };

  private watch(negotiation: Negotiation): void {
    const pc = negotiation.connection;
    const clock = this.options.clock;
    let last = verdict(pc);
    let everConnected = false;
    // Both state machines report each change: act once per change of the verdict.
    const changed = () => {
      const now = verdict(pc);
      if (now === last || this.isClosed) return;
      last = now;
      if (now === "connected") {
        clock.clearTimeout(this.deadline);
        clock.clearTimeout(this.restartTimer);
        everConnected = true;
        this.set({ media: "connected" });
        void this.mediaConnected(negotiation);
        return;
      }
      const media = this.current.media;
      if (media === "failed") return;
      // A path that worked gets a minute to come back; one that never did, the first deadline.
      if (media === "connected") this.armDeadline(MEDIA_RECOVERY_LIMIT_MS);
      if (now === "failed") this.restartIce();
      if ((now === "failed" || now === "disconnected") && (everConnected || media === "reconnecting")) {
        this.set({ media: "reconnecting" });
      }
    };
    pc.addEventListener("connectionstatechange", changed);
    pc.addEventListener("iceconnectionstatechange", changed);
  }

  /**
   * Media flows: give audio the first claim on the line, show the safety code and start watching the
   * line (the monitor sets the video limits then: Firefox takes none before negotiation). Again after
   * each reconnect, so limits hold on the path that is back.
   */
  private async mediaConnected(negotiation: Negotiation): Promise<void> {
    const pc = negotiation.connection;
    void negotiation.prioritiseAudio();
    this.quality?.reapply();
    if (pc.localDescription && pc.remoteDescription) {
      const local = pc.localDescription.sdp;
      const remote = pc.remoteDescription.sdp;
      const code = await safetyCode(local, remote).catch(() => undefined);
      this.set({
        safetyCode: code,
        fingerprints: { local: dtlsFingerprints(local), remote: dtlsFingerprints(remote) },
      });
    }
    if (this.quality || !this.options.loadQuality) return;
    const module = await this.options.loadQuality().catch(() => undefined);
    if (!module || this.isClosed || this.quality) return;
    this.quality = module.monitorQuality({
      getStats: () => pc.getStats(),
      videoSenders: () => {
        const sender = negotiation.videoSender();
        return sender ? [sender] : [];
      },
      clock: this.options.clock,
      peerCount: this.options.peerCount,
      onPath: this.options.path,
      onChange: (quality, suggestAudioOnly) => this.set({ quality, suggestAudioOnly }),
    });
  }
}
