// How good the line is, from getStats(), and what this side does about it: on a poor line it sends
// less (lower bitrate and resolution through RTCRtpSender.setParameters), on a good one it steps back
// up, and when even the lowest step stays poor it suggests audio-only. In a group call each video
// stream is also capped by how many others this side uploads to (meshCap): the stricter of the two
// holds. Only video senders are ever limited; audio keeps its rate. Loaded as its own chunk once
// media flows. Every input is injected (stats, senders, clock, peer count), so the rules are unit-tested.
import type { Clock } from "../shared/clock.ts";

export type Quality = "good" | "fair" | "poor";

export interface QualitySample {
  roundTripMs?: number;
  /** Share of packets lost over the last interval, 0 to 1. */
  packetLoss?: number;
  availableOutgoingKbps?: number;
  /** Of the video received, if any. */
  framesPerSecond?: number;
}

type Stat = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

function stats(report: RTCStatsReport | undefined): Stat[] {
  const all: Stat[] = [];
  report?.forEach((stat) => {
    all.push(stat as Stat);
  });
  return all;
}

/** The candidate pair in use: Chromium names it in the transport; Firefox marks it selected. */
function selectedPair(all: Stat[]): Stat | undefined {
  const transport = all.find((s) => s.type === "transport" && typeof s.selectedCandidatePairId === "string");
  const byId = transport && all.find((s) => s.id === transport.selectedCandidatePairId);
  if (byId) return byId;
  const pairs = all.filter((s) => s.type === "candidate-pair");
  return pairs.find((s) => s.selected === true) ?? pairs.find((s) => s.nominated === true && s.state === "succeeded");
}

/**
 * Whether the media path in use goes through a TURN relay (either end's candidate is "relay");
 * undefined while no pair is selected yet.
 */
export function relayedPath(report: RTCStatsReport): boolean | undefined {
  const all = stats(report);
  const pair = selectedPair(all);
  const ends = all.filter((s) => s.id === pair?.localCandidateId || s.id === pair?.remoteCandidateId);
  return ends.length > 0 ? ends.some((s) => s.candidateType === "relay") : undefined;
}

/** Packets lost and received on all incoming streams, summed. */
function incomingPackets(all: Stat[]): { lost: number; received: number } {
  let lost = 0;
  let received = 0;
  for (const s of all) {
    if (s.type !== "inbound-rtp") continue;
    lost += num(s.packetsLost) ?? 0;
    received += num(s.packetsReceived) ?? 0;
  }
  return { lost, received };
}

/** One sample from two consecutive reports: loss is counted over the interval between them. */
export function sampleStats(report: RTCStatsReport, previous?: RTCStatsReport): QualitySample {
  const all = stats(report);
  const sample: QualitySample = {};
  const pair = selectedPair(all);
  const pairRtt = num(pair?.currentRoundTripTime);
  const remoteRtt = all.filter((s) => s.type === "remote-inbound-rtp").map((s) => num(s.roundTripTime));
  const rtt = pairRtt ?? remoteRtt.find((v) => v !== undefined);
  if (rtt !== undefined) sample.roundTripMs = rtt * 1000;
  const outgoing = num(pair?.availableOutgoingBitrate);
  if (outgoing !== undefined) sample.availableOutgoingKbps = outgoing / 1000;

  const now = incomingPackets(all);
  const before = incomingPackets(stats(previous));
  const lost = now.lost - before.lost;
  const received = now.received - before.received;
  if (previous && received + lost > 0 && lost >= 0) sample.packetLoss = lost / (received + lost);
  else {
    // What the other side reports about our sending: fractionLost over its last report interval.
    const reported = all.filter((s) => s.type === "remote-inbound-rtp").map((s) => num(s.fractionLost));
    const fraction = reported.find((v) => v !== undefined);
    if (fraction !== undefined) sample.packetLoss = fraction;
  }
  const video = all.find((s) => s.type === "inbound-rtp" && s.kind === "video");
  const fps = num(video?.framesPerSecond);
  if (fps !== undefined) sample.framesPerSecond = fps;
  return sample;
}

/**
 * poor: a round trip over 400 ms, over 10 % loss or under 150 kbit/s to send; fair: over 200 ms, over 3 %,
 * under 500 kbit/s, or received video under 10 frames a second. A value not measured does not count.
 */
export function classifyQuality(sample: QualitySample): Quality {
  const { roundTripMs: rtt, packetLoss: loss, availableOutgoingKbps: kbps, framesPerSecond: fps } = sample;
  if ((rtt ?? 0) > 400 || (loss ?? 0) > 0.1 || (kbps ?? Number.POSITIVE_INFINITY) < 150) return "poor";
  if ((rtt ?? 0) > 200 || (loss ?? 0) > 0.03 || (kbps ?? Number.POSITIVE_INFINITY) < 500) return "fair";
  if (fps !== undefined && fps < 10) return "fair";
  return "good";
}

export interface SenderLike {
  readonly track: { readonly kind: string } | null;
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
}

/** What a video sender may use; a member left out is no limit. */
export interface SendingLimits {
  maxBitrate?: number;
  scaleResolutionDownBy?: number;
}

/** What the video sender may use at each step: the first is no limit, the last the least that still shows a face. */
export const SENDING_STEPS: readonly SendingLimits[] = [
  {},
  { maxBitrate: 600_000, scaleResolutionDownBy: 1.5 },
  { maxBitrate: 250_000, scaleResolutionDownBy: 2 },
  { maxBitrate: 100_000, scaleResolutionDownBy: 4 },
];
/** Samples in a row that move a step: one bad second does not change the picture. */
export const SAMPLES_TO_STEP = 2;
/** Samples in a row at the lowest step, still poor, before audio-only is suggested. */
export const SAMPLES_TO_SUGGEST_AUDIO_ONLY = 3;
export const SAMPLE_INTERVAL_MS = 2000;

export interface QualityMonitor {
  /** The number of peers changed: the video senders get the limits that hold now. */
  reapply(): void;
  stop(): void;
}

/**
 * The cap on each video stream by how many others this side sends to, indexed by that count: a mesh
 * uploads one stream per other participant, and a home line's uplink (about 1–2.4 Mbit/s) has to
 * carry them all (docs/GROUP-CALLS.md). One other (a 1:1 call): no cap, the quality steps alone.
 */
export const MESH_CAPS: readonly SendingLimits[] = [
  {},
  {},
  { maxBitrate: 900_000, scaleResolutionDownBy: 1.5 },
  { maxBitrate: 600_000, scaleResolutionDownBy: 2 },
  { maxBitrate: 400_000, scaleResolutionDownBy: 2.5 },
];

/** The cap for `peers` other participants; more than the table knows get its last (strictest) row. */
export function meshCap(peers: number): SendingLimits {
  return MESH_CAPS[Math.min(Math.max(peers, 0), MESH_CAPS.length - 1)] ?? {};
}

/** Both limits at once: the lower bitrate and the smaller picture of the two. */
export function stricter(a: SendingLimits, b: SendingLimits): SendingLimits {
  const limits: SendingLimits = {};
  const bitrates = [a.maxBitrate, b.maxBitrate].filter((v): v is number => v !== undefined);
  const scales = [a.scaleResolutionDownBy, b.scaleResolutionDownBy].filter((v): v is number => v !== undefined);
  if (bitrates.length > 0) limits.maxBitrate = Math.min(...bitrates);
  if (scales.length > 0) limits.scaleResolutionDownBy = Math.max(...scales);
  return limits;
}

/** Whether an encoding already sends within exactly these limits. Firefox reports an unscaled picture as 1. */
function holds(encoding: RTCRtpEncodingParameters, limits: SendingLimits): boolean {
  return (
    encoding.maxBitrate === limits.maxBitrate &&
    (encoding.scaleResolutionDownBy ?? 1) === (limits.scaleResolutionDownBy ?? 1)
  );
}

async function applyLimits(sender: SenderLike, limits: SendingLimits): Promise<void> {
  const parameters = sender.getParameters();
  const encoding = parameters.encodings?.[0];
  // Before negotiation Firefox has no encodings yet: nothing to limit (the next sample tries again).
  if (!encoding || holds(encoding, limits)) return;
  delete encoding.maxBitrate;
  delete encoding.scaleResolutionDownBy;
  Object.assign(encoding, limits);
  await sender.setParameters(parameters);
}

/** Samples every interval, reports changes, and steps this side's video down and up. Never throws. */
export function monitorQuality(options: {
  getStats(): Promise<RTCStatsReport>;
  videoSenders(): SenderLike[];
  clock: Clock;
  onChange(quality: Quality, suggestAudioOnly: boolean): void;
  /** Told once, when the media path is known: whether it goes through a relay (the activity log). */
  onPath?(relayed: boolean): void;
  /** How many others this side sends video to now (meshCap); one (a 1:1 call) when not given. */
  peerCount?: () => number;
  intervalMs?: number;
}): QualityMonitor {
  const interval = options.intervalMs ?? SAMPLE_INTERVAL_MS;
  let stopped = false;
  let timer: unknown;
  let previous: RTCStatsReport | undefined;
  let step = 0;
  let poorInRow = 0;
  let goodInRow = 0;
  let lowestPoorInRow = 0;
  let reported: { quality: Quality; suggest: boolean } | undefined;
  let pathTold = false;

  // One change at a time: Chromium refuses a setParameters whose getParameters was overtaken by another's.
  let applying: Promise<void> = Promise.resolve();
  /**
   * Brings every video sender to the stricter of the mesh cap and the quality step. A sender already
   * there is left alone (a 1:1 call on a good line never calls setParameters); audio is never touched.
   */
  function applyAll(): Promise<void> {
    applying = applying.then(async () => {
      if (stopped) return;
      const limits = stricter(meshCap(options.peerCount?.() ?? 1), SENDING_STEPS[step] ?? {});
      for (const sender of options.videoSenders()) {
        if (sender.track?.kind !== "video") continue;
        await applyLimits(sender, limits).catch(() => undefined);
      }
    });
    return applying;
  }

  async function setStep(next: number) {
    step = next;
    await applyAll();
  }

  async function sample() {
    let report: RTCStatsReport;
    try {
      report = await options.getStats();
    } catch {
      return;
    }
    if (stopped) return;
    const relayed = pathTold ? undefined : relayedPath(report);
    if (relayed !== undefined) {
      pathTold = true;
      options.onPath?.(relayed);
    }
    const quality = classifyQuality(sampleStats(report, previous));
    previous = report;
    poorInRow = quality === "poor" ? poorInRow + 1 : 0;
    goodInRow = quality === "good" ? goodInRow + 1 : 0;
    const lowest = SENDING_STEPS.length - 1;
    if (poorInRow >= SAMPLES_TO_STEP && step < lowest) {
      poorInRow = 0;
      await setStep(step + 1);
    } else if (goodInRow >= SAMPLES_TO_STEP && step > 0) {
      goodInRow = 0;
      await setStep(step - 1);
    } else {
      // A sender that could not take its limits before (no encodings yet in Firefox, the camera was
      // off) gets them now.
      await applyAll();
    }
    lowestPoorInRow = step === lowest && quality === "poor" ? lowestPoorInRow + 1 : 0;
    const suggest = lowestPoorInRow >= SAMPLES_TO_SUGGEST_AUDIO_ONLY;
    if (stopped || (reported?.quality === quality && reported.suggest === suggest)) return;
    reported = { quality, suggest };
    options.onChange(quality, suggest);
  }

  function schedule() {
    timer = options.clock.setTimeout(async () => {
      await sample();
      if (!stopped) schedule();
    }, interval);
  }
  schedule();
  // Media flows now (the monitor starts once connected): the first moment Firefox takes limits.
  void applyAll();

  return {
    reapply() {
      void applyAll();
    },
    stop() {
      stopped = true;
      options.clock.clearTimeout(timer);
    },
  };
}
