import type { PeerConnectionLike } from "../../client/src/call/negotiation.ts";

type Listener = (event: never) => void;

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
    // Added while answering an offer: the answer carries it, nothing more to negotiate.
    if (this.signalingState === "stable") this.needNegotiation();
    return {};
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
  }

  /** The network's verdict on this connection. */
  drive(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.iceConnectionState = state === "connecting" ? "checking" : (state as RTCIceConnectionState);
    this.emit("iceconnectionstatechange");
    this.emit("connectionstatechange");
  }
}
