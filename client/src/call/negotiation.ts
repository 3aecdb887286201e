// One WebRTC peer connection with the "perfect negotiation" pattern: both sides may offer at
// any time; on a collision the polite side yields, so simultaneous offers cannot deadlock.
// The call itself starts without a collision: the polite side adds its tracks only once the
// first offer has arrived, so the impolite side's offer is the only one. Candidates trickled
// for an offer that is then rolled back can otherwise be lost, and the call never connects.
import type { ClientMessage, ServerMessage } from "../../../schema/messages.ts";

export type Signal = Extract<ServerMessage, { type: "offer" | "answer" | "ice" }>;
export type OutgoingSignal =
  | Omit<Extract<ClientMessage, { type: "offer" }>, "to">
  | Omit<Extract<ClientMessage, { type: "answer" }>, "to">
  | Omit<Extract<ClientMessage, { type: "ice" }>, "to">;
type Candidate = Extract<OutgoingSignal, { type: "ice" }>["candidate"];

/** The part of RTCPeerConnection a call uses; tests pass a fake with a small signaling state machine. */
export interface PeerConnectionLike {
  readonly signalingState: RTCSignalingState;
  readonly connectionState: RTCPeerConnectionState;
  readonly iceConnectionState: RTCIceConnectionState;
  readonly localDescription: { readonly type: RTCSdpType; readonly sdp: string } | null;
  addTrack(track: MediaStreamTrack, stream: MediaStream): unknown;
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void>;
  restartIce(): void;
  close(): void;
  addEventListener(
    type: "track",
    listener: (event: { track: MediaStreamTrack; streams: readonly MediaStream[] }) => void,
  ): void;
  addEventListener(
    type: "icecandidate",
    listener: (event: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void,
  ): void;
  addEventListener(
    type: "negotiationneeded" | "connectionstatechange" | "iceconnectionstatechange",
    listener: () => void,
  ): void;
}

export type PeerConnectionFactory = (configuration: RTCConfiguration) => PeerConnectionLike;

export const browserPeerConnection: PeerConnectionFactory = (configuration) =>
  new RTCPeerConnection(configuration) as PeerConnectionLike;

export interface Peer {
  readonly connection: PeerConnectionLike;
  receive(signal: Signal): void;
  /** New ICE credentials and candidates, negotiated like any other change. */
  restartIce(): void;
  close(): void;
}

export function createPeer(options: {
  polite: boolean;
  configuration: RTCConfiguration;
  localStream: MediaStream;
  createConnection: PeerConnectionFactory;
  send(signal: OutgoingSignal): void;
  onRemoteStream(stream: MediaStream): void;
}): Peer {
  const pc = options.createConnection(options.configuration);
  let makingOffer = false;
  let ignoreOffer = false;
  let settingRemoteAnswer = false;
  let closed = false;
  // Signaling is applied strictly in order.
  let steps: Promise<void> = Promise.resolve();

  let tracksAdded = false;
  const addTracks = () => {
    if (tracksAdded) return;
    tracksAdded = true;
    // After a remote offer, addTrack reuses the transceivers that offer created.
    for (const track of options.localStream.getTracks()) pc.addTrack(track, options.localStream);
  };
  if (!options.polite) addTracks();

  pc.addEventListener("track", ({ track, streams }) => options.onRemoteStream(streams[0] ?? new MediaStream([track])));
  pc.addEventListener("icecandidate", ({ candidate }) => {
    if (candidate && !closed) options.send({ type: "ice", candidate: candidate.toJSON() as Candidate });
  });
  pc.addEventListener("negotiationneeded", async () => {
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      const description = pc.localDescription;
      if (description?.type === "offer" && !closed) options.send({ type: "offer", sdp: description.sdp });
    } catch (error) {
      console.warn("anteroom: could not create an offer", error);
    } finally {
      makingOffer = false;
    }
  });

  async function apply(signal: Signal): Promise<void> {
    if (closed) return;
    if (signal.type === "ice") {
      if (!signal.candidate) return;
      try {
        await pc.addIceCandidate(signal.candidate);
      } catch (error) {
        if (!ignoreOffer) console.warn("anteroom: could not add a candidate", error);
      }
      return;
    }
    const readyForOffer = !makingOffer && (pc.signalingState === "stable" || settingRemoteAnswer);
    const collision = signal.type === "offer" && !readyForOffer;
    ignoreOffer = !options.polite && collision;
    if (ignoreOffer) return;
    settingRemoteAnswer = signal.type === "answer";
    // On a collision the polite side's own offer is rolled back implicitly here.
    await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    settingRemoteAnswer = false;
    if (signal.type === "offer") {
      addTracks();
      await pc.setLocalDescription();
      if (pc.localDescription && !closed) options.send({ type: "answer", sdp: pc.localDescription.sdp });
    }
  }

  return {
    connection: pc,
    receive(signal) {
      steps = steps.then(() => apply(signal)).catch((error) => console.warn("anteroom: signaling step failed", error));
    },
    restartIce() {
      if (!closed) pc.restartIce();
    },
    close() {
      closed = true;
      pc.close();
    },
  };
}
