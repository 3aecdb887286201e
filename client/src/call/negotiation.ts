// One WebRTC peer connection with the "perfect negotiation" pattern: both sides may offer at
// any time; on a collision the polite side yields, so simultaneous offers cannot deadlock.
// The call itself starts without a collision: the polite side adds its tracks only once the
// first offer has arrived, so the impolite side's offer is the only one. Candidates trickled
// for an offer that is then rolled back can otherwise be lost, and the call never connects.
import type { ConsultationToParticipant, ParticipantToConsultation } from "../../../schema/messages.ts";
import { type DataChannelLike, openPeerChannels, type PeerChannels } from "./link.ts";

export type Signal = Extract<ConsultationToParticipant, { type: "offer" | "answer" | "ice" }>;
export type OutgoingSignal =
  | Omit<Extract<ParticipantToConsultation, { type: "offer" }>, "to">
  | Omit<Extract<ParticipantToConsultation, { type: "answer" }>, "to">
  | Omit<Extract<ParticipantToConsultation, { type: "ice" }>, "to">;
type Candidate = Extract<OutgoingSignal, { type: "ice" }>["candidate"];

/** The part of RTCRtpSender a call uses. */
export interface SenderLike {
  readonly track: MediaStreamTrack | null;
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
  /** Which stream the track is announced with (the SDP's msid); every browser we support has it. */
  setStreams?(...streams: MediaStream[]): void;
}

/** The part of RTCRtpTransceiver a call uses: the receiver's track tells its kind even while nothing is sent. */
export interface TransceiverLike {
  direction: RTCRtpTransceiverDirection;
  readonly receiver: {
    readonly track: { readonly kind: string };
    /** Who was heard lately and how loud (Chromium and Firefox); the group screen's speaker view reads it. */
    getSynchronizationSources?(): readonly { readonly audioLevel?: number }[];
  };
  readonly sender: SenderLike;
}

/** The part of RTCPeerConnection a call uses; tests pass a fake with a small signaling state machine. */
export interface PeerConnectionLike {
  readonly signalingState: RTCSignalingState;
  readonly connectionState: RTCPeerConnectionState;
  readonly iceConnectionState: RTCIceConnectionState;
  readonly localDescription: { readonly type: RTCSdpType; readonly sdp: string } | null;
  readonly remoteDescription: { readonly type: RTCSdpType; readonly sdp: string } | null;
  addTrack(track: MediaStreamTrack, stream: MediaStream): unknown;
  addTransceiver(kind: "audio" | "video", init: RTCRtpTransceiverInit): unknown;
  getTransceivers(): TransceiverLike[];
  createDataChannel(label: string, init: RTCDataChannelInit): DataChannelLike;
  getStats(): Promise<RTCStatsReport>;
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

/** What this side sends right now: the microphone, and the camera or a shared screen (or no video). */
export interface Outgoing {
  /** The stream the tracks are announced with, so the other side gets them as one stream. */
  stream: MediaStream;
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
}

/** One peer connection and its negotiation; the call's Peer (peer.ts) holds one and watches its media path. */
export interface Negotiation {
  readonly connection: PeerConnectionLike;
  receive(signal: Signal): void;
  /** New ICE credentials and candidates, negotiated like any other change. */
  restartIce(): void;
  /** Sends what `outgoing()` says now: the same senders with other tracks, renegotiating only to start sending video. */
  syncOutgoing(): Promise<void>;
  /** The sender of this side's video, once there is one. */
  videoSender(): SenderLike | undefined;
  /** Gives this side's audio the first claim on the line (see prioritiseAudio); once media flows. */
  prioritiseAudio(): Promise<void>;
  close(): void;
}

/** The transceiver for audio or video, found by its receiver, which exists even while nothing is sent. */
function transceiverOf(pc: PeerConnectionLike, kind: "audio" | "video"): TransceiverLike | undefined {
  return pc.getTransceivers().find((t) => t.receiver.track.kind === kind);
}

/**
 * Audio never degrades first: its encoding gets priority "high" (its share of the bandwidth when the
 * line is short) and networkPriority "high" (packet marking), where the browser has them. Chromium
 * reports both, Firefox ESR only priority; a member the browser does not report is left out, and an
 * encoding already high is not set again. Its bitrate is never limited: quality.ts limits video only.
 */
export async function prioritiseAudio(sender: SenderLike): Promise<void> {
  const parameters = sender.getParameters();
  const encoding = parameters.encodings?.[0];
  if (!encoding) return;
  let changed = false;
  for (const member of ["priority", "networkPriority"] as const) {
    if (!(member in encoding) || encoding[member] === "high") continue;
    encoding[member] = "high";
    changed = true;
  }
  if (changed) await sender.setParameters(parameters);
}

/**
 * The other side's stream once a track of theirs arrives. A track announced with its stream takes
 * that stream. One announced without (a video sender that an older page switched on after the first
 * offer, with no stream set) joins the tracks already received instead of replacing them: a stream of
 * its video alone would silence the other side the moment they turned their camera on.
 */
export function remoteStreamWith(
  current: MediaStream | undefined,
  track: MediaStreamTrack,
  announced: MediaStream | undefined,
  newStream: (tracks: MediaStreamTrack[]) => MediaStream,
): MediaStream {
  if (announced) return announced;
  const kept = current?.getTracks().filter((other) => other.kind !== track.kind) ?? [];
  return newStream([...kept, track]);
}

export function createNegotiation(options: {
  polite: boolean;
  configuration: RTCConfiguration;
  outgoing(): Outgoing;
  createConnection: PeerConnectionFactory;
  send(signal: OutgoingSignal): void;
  onRemoteStream(stream: MediaStream): void;
  /** Makes a stream of tracks (a MediaStream in browsers). */
  newStream?(tracks: MediaStreamTrack[]): MediaStream;
  /** The data channels, once created: at once on the impolite side, after the first offer on the polite one. */
  onChannels(channels: PeerChannels): void;
}): Negotiation {
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
    const { stream, audio, video } = options.outgoing();
    // After a remote offer, addTrack reuses the transceivers that offer created.
    if (audio) pc.addTrack(audio, stream);
    if (video) pc.addTrack(video, stream);
    // An offer without a video section could not carry the other side's video, nor ours once the
    // camera goes on: the offering side always has one, receive-only while its camera is off.
    else if (!options.polite) pc.addTransceiver("video", { direction: "recvonly", streams: [stream] });
    options.onChannels(openPeerChannels(pc));
  };
  if (!options.polite) addTracks();

  const newStream = options.newStream ?? ((tracks: MediaStreamTrack[]) => new MediaStream(tracks));
  let remoteStream: MediaStream | undefined;
  pc.addEventListener("track", ({ track, streams }) => {
    remoteStream = remoteStreamWith(remoteStream, track, streams[0], newStream);
    options.onRemoteStream(remoteStream);
  });
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
    async syncOutgoing() {
      // Before the first offer (polite side) there is nothing to change: addTracks reads outgoing() then.
      if (closed || !tracksAdded) return;
      const { stream, audio, video } = options.outgoing();
      const audioSender = transceiverOf(pc, "audio")?.sender;
      const videoTransceiver = transceiverOf(pc, "video");
      try {
        if (audioSender && audioSender.track !== (audio ?? null)) await audioSender.replaceTrack(audio ?? null);
        if (!videoTransceiver || videoTransceiver.sender.track === (video ?? null)) return;
        // A receive-only transceiver must be allowed to send first; that change is negotiated.
        if (video && !videoTransceiver.direction.startsWith("send")) {
          videoTransceiver.direction = "sendrecv";
          // A transceiver the other side's offer created has no stream of ours: without one, the other
          // side would receive our video as a stream of its own, apart from our audio.
          videoTransceiver.sender.setStreams?.(stream);
        }
        await videoTransceiver.sender.replaceTrack(video ?? null);
      } catch (error) {
        console.warn("anteroom: could not change what is sent", error);
      }
    },
    videoSender: () => transceiverOf(pc, "video")?.sender,
    async prioritiseAudio() {
      const sender = transceiverOf(pc, "audio")?.sender;
      if (closed || !sender) return;
      await prioritiseAudio(sender).catch((error) => console.warn("anteroom: could not prioritise audio", error));
    },
    close() {
      closed = true;
      pc.close();
    },
  };
}
