// How good the line is, from getStats(), and what this side does about it: on a poor line it sends
// less (lower bitrate and resolution through RTCRtpSender.setParameters), on a good one it steps back
// up, and when even the lowest step stays poor it suggests audio-only. Loaded as its own chunk once
// media flows. Every input is injected (stats, senders, clock), so the rules are unit-tested.
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

/** What the video sender may use at each step: the first is no limit, the last the least that still shows a face. */
export const SENDING_STEPS: readonly { maxBitrate?: number; scaleResolutionDownBy?: number }[] = [
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
  stop(): void;
}

async function applyStep(sender: SenderLike, step: number): Promise<void> {
  const parameters = sender.getParameters();
  const encoding = parameters.encodings?.[0];
  // Before negotiation Firefox has no encodings yet: nothing to limit.
  if (!encoding) return;
  const limits = SENDING_STEPS[step] ?? {};
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

  async function setStep(next: number) {
    step = next;
    for (const sender of options.videoSenders()) {
      if (sender.track?.kind !== "video") continue;
      await applyStep(sender, step).catch(() => undefined);
    }
  }

  async function sample() {
    let report: RTCStatsReport;
    try {
      report = await options.getStats();
    } catch {
      return;
    }
    if (stopped) return;
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

  return {
    stop() {
      stopped = true;
      options.clock.clearTimeout(timer);
    },
  };
}
