// Functions that run inside a group call's pages for the mesh bench (bench/mesh.ts). They are sent to the
// page as source text, so they use nothing from this module's scope; they read the peer connections that
// test/browser/page-scripts.ts `instrument` records, without hooks in the product code.

/** What one participant sends and decodes, summed over its open peer connections (one per other person). */
export interface Sending {
  /** The page's clock when read (ms). */
  at: number;
  /** Open peer connections: one per other participant. */
  connections: number;
  /** Everything its transports sent: video, audio, RTCP, data channel, STUN, as counted above UDP. */
  transportBytes: number;
  /** RTP payload of its video streams, and of its audio streams. */
  videoBytes: number;
  audioBytes: number;
  /** Frames encoded over all its video streams, and the tallest picture one of them sends. */
  framesEncoded: number;
  frameHeight: number;
  /** Why the encoder holds back, per video stream ("none", "cpu", "bandwidth"), as Chromium says. */
  limitations: string[];
  /** Frames decoded from all the others. */
  framesDecoded: number;
  /** The browser's bandwidth estimate toward each other participant (bit/s), and the video cap it was given (bit/s, 0 when none). */
  estimates: number[];
  maxBitrates: number[];
}

export const readSending = async (): Promise<Sending> => {
  const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.filter(
    (p) => p.connectionState !== "closed",
  );
  const sending: Sending = {
    at: performance.now(),
    connections: peers.length,
    transportBytes: 0,
    videoBytes: 0,
    audioBytes: 0,
    framesEncoded: 0,
    frameHeight: 0,
    limitations: [],
    framesDecoded: 0,
    estimates: [],
    maxBitrates: [],
  };
  for (const pc of peers) {
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind === "video")
        sending.maxBitrates.push(sender.getParameters().encodings[0]?.maxBitrate ?? 0);
    }
    const stats = await pc.getStats();
    let pairId: string | undefined;
    const pairs = new Map<string, Record<string, unknown>>();
    stats.forEach((report: Record<string, unknown>) => {
      const number = (key: string) => Number(report[key] ?? 0);
      if (report.type === "candidate-pair") pairs.set(report.id as string, report);
      if (report.type === "transport") {
        sending.transportBytes += number("bytesSent");
        pairId = report.selectedCandidatePairId as string | undefined;
      }
      if (report.type === "inbound-rtp" && report.kind === "video") sending.framesDecoded += number("framesDecoded");
      if (report.type !== "outbound-rtp") return;
      if (report.kind === "audio") sending.audioBytes += number("bytesSent");
      if (report.kind !== "video") return;
      sending.videoBytes += number("bytesSent");
      sending.framesEncoded += number("framesEncoded");
      sending.frameHeight = Math.max(sending.frameHeight, number("frameHeight"));
      sending.limitations.push(String(report.qualityLimitationReason ?? "?"));
    });
    sending.estimates.push(Number((pairId ? pairs.get(pairId) : undefined)?.availableOutgoingBitrate ?? 0));
  }
  return sending;
};

/**
 * How far this page is in a call of `others` + 1: "tiles" once it shows a tile for each other person,
 * "connected" once each of them is connected with as many open peer connections, all decoding frames.
 */
export const readJoined = async (others: number): Promise<"no" | "tiles" | "connected"> => {
  const tiles = Array.from(document.querySelectorAll('[data-testid="participant"]'));
  if (tiles.length !== others) return "no";
  if (tiles.some((tile) => tile.getAttribute("data-state") !== "connected")) return "tiles";
  const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.filter(
    (p) => p.connectionState !== "closed",
  );
  if (peers.length !== others) return "tiles";
  const decoding = await Promise.all(
    peers.map(async (pc) => {
      let frames = 0;
      (await pc.getStats()).forEach((report: Record<string, unknown>) => {
        if (report.type === "inbound-rtp" && report.kind === "video") frames += Number(report.framesDecoded ?? 0);
      });
      return frames > 0;
    }),
  );
  return decoding.every(Boolean) ? "connected" : "tiles";
};

/** Collects the blur worker's timing reports (client/src/call/blur/processor.ts TIMING_EVENT) on the page. */
export const collectBlurTimings = (eventName: string): void => {
  const w = window as unknown as { __blurTimings: { at: number; msPerFrame: number; frames: number }[] };
  w.__blurTimings = [];
  window.addEventListener(eventName, (event) => {
    const detail = (event as CustomEvent<{ msPerFrame: number; frames: number }>).detail;
    w.__blurTimings.push({ at: performance.now(), msPerFrame: detail.msPerFrame, frames: detail.frames });
  });
};

export const readBlurTimings = (): { at: number; msPerFrame: number; frames: number }[] =>
  (window as unknown as { __blurTimings: { at: number; msPerFrame: number; frames: number }[] }).__blurTimings;

/** The height of the picture the camera gives this page (the newest camera track it opened). */
export const readCameraHeight = (): number =>
  (window as unknown as { __media: MediaStream[] }).__media
    .flatMap((stream) => stream.getVideoTracks())
    .at(-1)
    ?.getSettings().height ?? 0;

/** Whether blur is still on: the tab's choice (client/src/call/blur/blur-switch.ts), dropped when it goes off by itself. */
export const readBlurOn = (): boolean => sessionStorage.getItem("anteroom.blur") === "1";
