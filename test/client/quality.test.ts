import { describe, expect, it } from "vitest";
import {
  classifyQuality,
  MESH_CAPS,
  meshCap,
  monitorQuality,
  type Quality,
  relayedPath,
  SAMPLE_INTERVAL_MS,
  SAMPLES_TO_STEP,
  SAMPLES_TO_SUGGEST_AUDIO_ONLY,
  SENDING_STEPS,
  type SenderLike,
  sampleStats,
  stricter,
} from "../../client/src/call/quality.ts";
import { FakeClock } from "./fake-clock.ts";

type Stat = Record<string, unknown> & { id: string; type: string };
const report = (...stats: Stat[]) => new Map(stats.map((s) => [s.id, s])) as unknown as RTCStatsReport;

/** A line as Chromium reports it: the transport names the pair in use. */
function line(options: { rtt: number; kbps: number; lost: number; received: number; fps?: number }): RTCStatsReport {
  return report(
    { id: "T1", type: "transport", selectedCandidatePairId: "CP1" },
    { id: "CP0", type: "candidate-pair", currentRoundTripTime: 2, availableOutgoingBitrate: 1 },
    {
      id: "CP1",
      type: "candidate-pair",
      currentRoundTripTime: options.rtt / 1000,
      availableOutgoingBitrate: options.kbps * 1000,
    },
    {
      id: "IV",
      type: "inbound-rtp",
      kind: "video",
      packetsLost: options.lost,
      packetsReceived: options.received,
      framesPerSecond: options.fps,
    },
  );
}

describe("quality from sample stats", () => {
  it("classifies a clean line as good, a slow or lossy one as fair, a bad one as poor", () => {
    expect(classifyQuality({ roundTripMs: 40, packetLoss: 0, availableOutgoingKbps: 2500, framesPerSecond: 30 })).toBe(
      "good",
    );
    expect(classifyQuality({ roundTripMs: 250 })).toBe("fair");
    expect(classifyQuality({ packetLoss: 0.05 })).toBe("fair");
    expect(classifyQuality({ availableOutgoingKbps: 300 })).toBe("fair");
    expect(classifyQuality({ framesPerSecond: 5 })).toBe("fair");
    expect(classifyQuality({ roundTripMs: 600 })).toBe("poor");
    expect(classifyQuality({ packetLoss: 0.2 })).toBe("poor");
    expect(classifyQuality({ availableOutgoingKbps: 100 })).toBe("poor");
  });

  it("does not count what was not measured against the line", () => {
    expect(classifyQuality({})).toBe("good");
  });

  it("reads the pair in use and counts loss over the interval only", () => {
    const first = line({ rtt: 30, kbps: 1200, lost: 100, received: 1000 });
    const second = line({ rtt: 30, kbps: 1200, lost: 110, received: 1090, fps: 24 });
    const sample = sampleStats(second, first);
    expect(sample.roundTripMs).toBeCloseTo(30);
    expect(sample.availableOutgoingKbps).toBeCloseTo(1200);
    expect(sample.packetLoss).toBeCloseTo(10 / 100);
    expect(sample.framesPerSecond).toBe(24);
  });

  it("finds Firefox's selected pair, and the loss the other side reports", () => {
    const sample = sampleStats(
      report(
        {
          id: "p1",
          type: "candidate-pair",
          selected: true,
          nominated: true,
          state: "succeeded",
          currentRoundTripTime: 0.5,
        },
        { id: "r1", type: "remote-inbound-rtp", kind: "video", fractionLost: 0.25, roundTripTime: 0.4 },
      ),
    );
    expect(sample.roundTripMs).toBeCloseTo(500);
    expect(sample.packetLoss).toBe(0.25);
    expect(classifyQuality(sample)).toBe("poor");
  });
});

class FakeSender implements SenderLike {
  readonly track: { kind: string };
  /** How often setParameters was called. */
  sets = 0;
  constructor(kind = "video") {
    this.track = { kind };
  }
  parameters: RTCRtpSendParameters = {
    transactionId: "x",
    encodings: [{ active: true }],
    codecs: [],
    headerExtensions: [],
    rtcp: {},
  };
  failing = false;
  getParameters(): RTCRtpSendParameters {
    return structuredClone(this.parameters);
  }
  async setParameters(parameters: RTCRtpSendParameters): Promise<void> {
    this.sets++;
    if (this.failing) throw new Error("InvalidModificationError");
    this.parameters = parameters;
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
};

function monitor(lineNow: () => RTCStatsReport, options: { peerCount?: () => number; senders?: FakeSender[] } = {}) {
  const clock = new FakeClock();
  const sender = new FakeSender();
  const changes: [Quality, boolean][] = [];
  const handle = monitorQuality({
    getStats: async () => lineNow(),
    videoSenders: () => options.senders ?? [sender],
    clock,
    onChange: (quality, suggest) => changes.push([quality, suggest]),
    peerCount: options.peerCount,
  });
  const tick = async (samples = 1) => {
    for (let i = 0; i < samples; i++) {
      clock.advance(SAMPLE_INTERVAL_MS);
      await settle();
    }
  };
  return { clock, sender, changes, handle, tick };
}

const good = () => line({ rtt: 30, kbps: 2000, lost: 0, received: 1000 });
const poor = () => line({ rtt: 700, kbps: 80, lost: 0, received: 1000 });

describe("the quality monitor", () => {
  it("steps its video down on a poor line, after two samples in a row, and back up when it is good", async () => {
    let now = good;
    const m = monitor(() => now());
    await m.tick();
    expect(m.changes).toEqual([["good", false]]);
    now = poor;
    await m.tick(SAMPLES_TO_STEP - 1);
    expect(m.sender.parameters.encodings[0]?.maxBitrate).toBeUndefined();
    await m.tick();
    expect(m.sender.parameters.encodings[0]).toMatchObject(SENDING_STEPS[1] ?? {});
    expect(m.sender.parameters.transactionId).toBe("x");
    now = good;
    await m.tick(SAMPLES_TO_STEP);
    expect(m.sender.parameters.encodings[0]?.maxBitrate).toBeUndefined();
    expect(m.sender.parameters.encodings[0]?.active).toBe(true);
    expect(m.changes.at(-1)).toEqual(["good", false]);
  });

  it("suggests audio-only when even the lowest step stays poor", async () => {
    const m = monitor(poor);
    await m.tick(SAMPLES_TO_STEP * (SENDING_STEPS.length - 1));
    expect(m.sender.parameters.encodings[0]).toMatchObject(SENDING_STEPS.at(-1) ?? {});
    expect(m.changes.at(-1)).toEqual(["poor", false]);
    await m.tick(SAMPLES_TO_SUGGEST_AUDIO_ONLY);
    expect(m.changes.at(-1)).toEqual(["poor", true]);
  });

  it("carries on when getStats or setParameters fail, and stops sampling when stopped", async () => {
    let failing = true;
    const m = monitor(() => {
      if (failing) throw new Error("closed");
      return poor();
    });
    await m.tick(2);
    expect(m.changes).toEqual([]);
    failing = false;
    m.sender.failing = true;
    await m.tick(SAMPLES_TO_STEP);
    expect(m.changes).toEqual([["poor", false]]);
    m.handle.stop();
    expect(m.clock.pendingDelays()).toEqual([]);
  });
});

describe("the cap on each video stream in a group call", () => {
  it("caps by the number of others: none with one (or nobody), then 900, 600 and 400 kbit/s at 1.5, 2 and 2.5 times smaller", () => {
    expect(meshCap(0)).toEqual({});
    expect(meshCap(1)).toEqual({});
    expect(meshCap(2)).toEqual({ maxBitrate: 900_000, scaleResolutionDownBy: 1.5 });
    expect(meshCap(3)).toEqual({ maxBitrate: 600_000, scaleResolutionDownBy: 2 });
    expect(meshCap(4)).toEqual({ maxBitrate: 400_000, scaleResolutionDownBy: 2.5 });
    // Never looser than the last row, whatever the count.
    expect(meshCap(7)).toEqual(MESH_CAPS.at(-1));
  });

  it("holds the stricter of cap and quality step: the lower bitrate and the smaller picture of the two", () => {
    expect(stricter(meshCap(2), { maxBitrate: 250_000, scaleResolutionDownBy: 2 })).toEqual({
      maxBitrate: 250_000,
      scaleResolutionDownBy: 2,
    });
    expect(stricter(meshCap(4), { maxBitrate: 600_000, scaleResolutionDownBy: 1.5 })).toEqual({
      maxBitrate: 400_000,
      scaleResolutionDownBy: 2.5,
    });
    // Each limit on its own: the step's lower bitrate with the cap's smaller picture.
    expect(stricter(meshCap(4), { maxBitrate: 100_000, scaleResolutionDownBy: 1.5 })).toEqual({
      maxBitrate: 100_000,
      scaleResolutionDownBy: 2.5,
    });
    expect(stricter({}, { scaleResolutionDownBy: 4 })).toEqual({ scaleResolutionDownBy: 4 });
  });

  it("leaves a 1:1 call as it was: the quality steps alone, and no setParameters on a good line", async () => {
    for (const step of SENDING_STEPS) expect(stricter(meshCap(1), step)).toEqual(step);
    const m = monitor(good, { peerCount: () => 1 });
    await m.tick(3);
    expect(m.sender.sets).toBe(0);
    expect(m.sender.parameters.encodings[0]).toEqual({ active: true });
  });

  it("caps the video as soon as it starts, steps within the cap on a poor line, and follows a changed count", async () => {
    let peers = 4;
    let now = good;
    const m = monitor(() => now(), { peerCount: () => peers });
    await settle();
    expect(m.sender.parameters.encodings[0]).toEqual({
      active: true,
      maxBitrate: 400_000,
      scaleResolutionDownBy: 2.5,
    });
    now = poor;
    // Step 1 (600 kbit/s, 1.5) is looser than the cap: nothing changes.
    await m.tick(SAMPLES_TO_STEP);
    expect(m.sender.parameters.encodings[0]).toMatchObject({ maxBitrate: 400_000, scaleResolutionDownBy: 2.5 });
    // Step 2 (250 kbit/s, 2): its bitrate, the cap's picture.
    await m.tick(SAMPLES_TO_STEP);
    expect(m.sender.parameters.encodings[0]).toMatchObject({ maxBitrate: 250_000, scaleResolutionDownBy: 2.5 });

    now = good;
    await m.tick(SAMPLES_TO_STEP * 2);
    peers = 2;
    m.handle.reapply();
    await settle();
    expect(m.sender.parameters.encodings[0]).toMatchObject({ maxBitrate: 900_000, scaleResolutionDownBy: 1.5 });
    peers = 1;
    m.handle.reapply();
    await settle();
    expect(m.sender.parameters.encodings[0]).toEqual({ active: true });
  });

  it("gives a sender its cap once it has encodings (Firefox before negotiation has none)", async () => {
    const sender = new FakeSender();
    sender.parameters.encodings = [];
    const m = monitor(good, { peerCount: () => 3, senders: [sender] });
    await settle();
    expect(sender.sets).toBe(0);
    sender.parameters.encodings = [{ active: true, scaleResolutionDownBy: 1 }];
    await m.tick();
    expect(sender.parameters.encodings[0]).toMatchObject({ maxBitrate: 600_000, scaleResolutionDownBy: 2 });
  });

  it("never lowers audio: neither the cap nor the lowest quality step touches an audio sender", async () => {
    const audio = new FakeSender("audio");
    const video = new FakeSender("video");
    const m = monitor(poor, { peerCount: () => 4, senders: [audio, video] });
    await m.tick(SAMPLES_TO_STEP * SENDING_STEPS.length);
    expect(video.parameters.encodings[0]).toMatchObject({ maxBitrate: 100_000, scaleResolutionDownBy: 4 });
    expect(audio.sets).toBe(0);
    expect(audio.parameters.encodings).toEqual([{ active: true }]);
  });
});

describe("the media path, for the practice's activity log", () => {
  const pathWith = (local: string, remote: string) =>
    report(
      { id: "T1", type: "transport", selectedCandidatePairId: "CP1" },
      { id: "CP1", type: "candidate-pair", localCandidateId: "L1", remoteCandidateId: "R1" },
      { id: "L1", type: "local-candidate", candidateType: local },
      { id: "R1", type: "remote-candidate", candidateType: remote },
    );

  it("says a relay is used when either end of the pair in use is a TURN relay candidate", () => {
    expect(relayedPath(pathWith("relay", "host"))).toBe(true);
    expect(relayedPath(pathWith("srflx", "relay"))).toBe(true);
    expect(relayedPath(pathWith("host", "srflx"))).toBe(false);
  });

  it("says nothing until a pair is in use", () => {
    expect(relayedPath(report({ id: "T1", type: "transport" }))).toBeUndefined();
  });
});
