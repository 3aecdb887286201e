import type { DataChannelLike } from "../../client/src/call/link.ts";
import type { PeerConnectionLike, SenderLike, TransceiverLike } from "../../client/src/call/negotiation.ts";

type Listener = (event: never) => void;

/** One end of a negotiated data channel; `link` joins two ends, as SCTP does once the call connects. */
export class FakeDataChannel implements DataChannelLike {
  readyState: RTCDataChannelState = "connecting";
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType: BinaryType = "blob";
  partner: FakeDataChannel | undefined;
  readonly sent: unknown[] = [];
  private listeners = new Map<string, ((event: { data: unknown }) => void)[]>();

  constructor(
    readonly label: string,
    readonly id: number,
  ) {}

  static link(a: FakeDataChannel, b: FakeDataChannel): void {
    a.partner = b;
    b.partner = a;
    for (const end of [a, b]) {
      end.readyState = "open";
      end.emit("open");
    }
  }

  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((l) => l !== listener),
    );
  }

  emit(type: string, data?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }

  send(data: unknown): void {
    if (this.readyState !== "open") throw new DOMException("not open", "InvalidStateError");
    this.sent.push(data);
    const partner = this.partner;
    queueMicrotask(() => partner?.readyState === "open" && partner.emit("message", data));
  }

  close(): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.emit("close");
    const partner = this.partner;
    this.partner = undefined;
    if (partner) partner.close();
  }
}

class FakeSender implements SenderLike {
  // As Chromium reports a sender's one encoding before anything was set.
  parameters: RTCRtpSendParameters = {
    transactionId: "t",
    encodings: [{ active: true, priority: "low", networkPriority: "low" }],
    codecs: [],
    headerExtensions: [],
    rtcp: {},
  };
  /** The streams the track is announced with, once set after the fact. */
  streams: MediaStream[] = [];
  constructor(public track: MediaStreamTrack | null) {}
  setStreams(...streams: MediaStream[]): void {
    this.streams = streams;
  }
  async replaceTrack(track: MediaStreamTrack | null): Promise<void> {
    this.track = track;
  }
  getParameters(): RTCRtpSendParameters {
    return this.parameters;
  }
  async setParameters(parameters: RTCRtpSendParameters): Promise<void> {
    this.parameters = parameters;
  }
}

class FakeTransceiver implements TransceiverLike {
  readonly sender: FakeSender;
  readonly receiver: { track: { kind: string } };
  constructor(
    kind: string,
    private directionNow: RTCRtpTransceiverDirection,
    track: MediaStreamTrack | null,
    private readonly directionChanged: () => void,
  ) {
    this.sender = new FakeSender(track);
    this.receiver = { track: { kind } };
  }
  claim(): void {
    this.directionNow = "sendrecv";
  }
  get direction(): RTCRtpTransceiverDirection {
    return this.directionNow;
  }
  set direction(next: RTCRtpTransceiverDirection) {
    if (next === this.directionNow) return;
    this.directionNow = next;
    this.directionChanged();
  }
}

/**
 * An RTCPeerConnection stand-in with the signaling state machine perfect negotiation relies on:
 * stable → have-local-offer → stable (answer), stable → have-remote-offer → stable (our answer), and the
 * implicit rollback when an offer arrives in have-local-offer. Connection states are driven by the test.
 */
export class FakePeerConnection implements PeerConnectionLike {
  static created: FakePeerConnection[] = [];
  static reset(): void {
    FakePeerConnection.created = [];
    FakePeerConnection.count = 0;
  }
  private static count = 0;

  readonly name = `pc${++FakePeerConnection.count}`;
  signalingState: RTCSignalingState = "stable";
  connectionState: RTCPeerConnectionState = "new";
  iceConnectionState: RTCIceConnectionState = "new";
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: { type: RTCSdpType; sdp: string } | null = null;
  readonly tracks: MediaStreamTrack[] = [];
  readonly transceivers: FakeTransceiver[] = [];
  readonly channels: FakeDataChannel[] = [];
  readonly candidates: RTCIceCandidateInit[] = [];
  /** Every description this side agreed to, as "offer:<sdp>" pairs completed by an answer. */
  readonly negotiations: string[] = [];
  rollbacks = 0;
  iceRestarts = 0;
  closed = false;
  private offers = 0;
  private negotiationNeeded = false;
  private listeners = new Map<string, Listener[]>();

  constructor(readonly configuration: RTCConfiguration) {
    FakePeerConnection.created.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** A remote track arrives, announced with these streams (none: the SDP named no stream). */
  receiveTrack(track: MediaStreamTrack, streams: MediaStream[] = []): void {
    this.emit("track", { track, streams });
  }

  private emit(type: string, event: unknown = {}): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (event: unknown) => void)(event);
  }

  /** As in browsers, negotiationneeded waits for a stable signaling state. */
  private needNegotiation(): void {
    this.negotiationNeeded = true;
    queueMicrotask(() => {
      if (this.closed || !this.negotiationNeeded || this.signalingState !== "stable") return;
      this.negotiationNeeded = false;
      this.emit("negotiationneeded");
    });
  }

  addTrack(track: MediaStreamTrack): unknown {
    this.tracks.push(track);
    // As in browsers: a transceiver of the kind that never sent (one a remote offer created) is reused.
    const unused = this.transceivers.find((t) => t.receiver.track.kind === track.kind && !t.sender.track);
    if (unused) {
      unused.sender.track = track;
      // Answering an offer: the answer itself carries the change, nothing more to negotiate.
      unused.claim();
    } else this.transceivers.push(new FakeTransceiver(track.kind, "sendrecv", track, () => this.needNegotiation()));
    // Added while answering an offer: the answer carries it, nothing more to negotiate.
    if (this.signalingState === "stable") this.needNegotiation();
    return {};
  }

  addTransceiver(kind: "audio" | "video", init: RTCRtpTransceiverInit): unknown {
    const transceiver = new FakeTransceiver(kind, init.direction ?? "sendrecv", null, () => this.needNegotiation());
    this.transceivers.push(transceiver);
    if (this.signalingState === "stable") this.needNegotiation();
    return transceiver;
  }

  getTransceivers(): TransceiverLike[] {
    return this.transceivers;
  }

  createDataChannel(label: string, init: RTCDataChannelInit): FakeDataChannel {
    const channel = new FakeDataChannel(label, init.id ?? -1);
    this.channels.push(channel);
    return channel;
  }

  /** Tests set what getStats reports. */
  stats: RTCStatsReport = new Map() as unknown as RTCStatsReport;
  async getStats(): Promise<RTCStatsReport> {
    return this.stats;
  }

  restartIce(): void {
    this.iceRestarts++;
    this.needNegotiation();
  }

  async setLocalDescription(): Promise<void> {
    await Promise.resolve();
    if (this.closed) throw new Error("closed");
    if (this.signalingState === "have-remote-offer") {
      this.localDescription = { type: "answer", sdp: `answer-from-${this.name}-to-${this.remoteDescription?.sdp}` };
      this.negotiations.push(this.remoteDescription?.sdp ?? "");
      this.signalingState = "stable";
    } else {
      this.localDescription = { type: "offer", sdp: `offer-${++this.offers}-from-${this.name}` };
      this.negotiationNeeded = false;
      this.signalingState = "have-local-offer";
    }
    // Gathering takes network round trips: candidates come after the description is set.
    setTimeout(() => {
      if (this.closed) return;
      this.emit("icecandidate", {
        candidate: { toJSON: () => ({ candidate: `candidate:${this.name}`, sdpMid: "0", sdpMLineIndex: 0 }) },
      });
    }, 0);
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    await Promise.resolve();
    if (this.closed) throw new Error("closed");
    const sdp = description.sdp ?? "";
    if (description.type === "offer") {
      if (this.signalingState === "have-local-offer") {
        this.rollbacks++;
        this.localDescription = null;
      } else if (this.signalingState !== "stable") {
        throw new DOMException(`offer in ${this.signalingState}`, "InvalidStateError");
      }
      this.signalingState = "have-remote-offer";
      // A remote offer brings an audio and a video section: receive-only transceivers until tracks are added.
      for (const kind of ["audio", "video"]) {
        if (!this.transceivers.some((t) => t.receiver.track.kind === kind)) {
          this.transceivers.push(new FakeTransceiver(kind, "recvonly", null, () => this.needNegotiation()));
        }
      }
    } else {
      if (this.signalingState !== "have-local-offer") {
        throw new DOMException(`answer in ${this.signalingState}`, "InvalidStateError");
      }
      this.negotiations.push(this.localDescription?.sdp ?? "");
      this.signalingState = "stable";
      if (this.negotiationNeeded) this.needNegotiation();
    }
    this.remoteDescription = { type: description.type, sdp };
  }

  async addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    await Promise.resolve();
    if (!this.remoteDescription) throw new DOMException("no remote description", "InvalidStateError");
    this.candidates.push(candidate);
  }

  close(): void {
    this.closed = true;
    this.signalingState = "closed";
    this.connectionState = "closed";
    for (const channel of this.channels) channel.close();
  }

  /** SCTP comes up between two connected peers: their channels with the same id are joined. */
  static linkChannels(a: FakePeerConnection, b: FakePeerConnection): void {
    for (const channel of a.channels) {
      const partner = b.channels.find((c) => c.id === channel.id);
      if (partner) FakeDataChannel.link(channel, partner);
    }
  }

  /** The network's verdict on this connection. */
  drive(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.iceConnectionState = state === "connecting" ? "checking" : (state as RTCIceConnectionState);
    this.emit("iceconnectionstatechange");
    this.emit("connectionstatechange");
  }
}
