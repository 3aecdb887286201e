// Who is talking in a group call and who is shown large: made-up audio levels sampled on a fake clock,
// as the group stage samples each peer's receiver every SAMPLE_EVERY_MS.
import { describe, expect, it } from "vitest";
import { audioLevelOf, watchSpeakers } from "../../client/src/call/group/audio-levels.ts";
import {
  HOLD_MS,
  SAMPLE_EVERY_MS,
  SpeakerDetector,
  type Speakers,
  TAKE_OVER_MS,
} from "../../client/src/call/group/speaker.ts";
import type { TransceiverLike } from "../../client/src/call/negotiation.ts";
import { FakeClock } from "./fake-clock.ts";

const LOUD = 0.3;
const LOUDER = 0.5;
const QUIET = 0.005;

/** One sample's levels, by person. */
const levels = (byPerson: Record<string, number>) => new Map(Object.entries(byPerson));

/** Feeds the same levels every sample for `ms`, from `start`; returns the last verdict and the time after. */
function hold(detector: SpeakerDetector, start: number, ms: number, byPerson: Record<string, number>) {
  let now = start;
  let last: Speakers = detector.update(now, levels(byPerson));
  while (now + SAMPLE_EVERY_MS <= start + ms) {
    now += SAMPLE_EVERY_MS;
    last = detector.update(now, levels(byPerson));
  }
  return { speakers: last, now: now + SAMPLE_EVERY_MS };
}

describe("speaking detection", () => {
  it("marks nobody while the room is quiet, and the first person who talks is large at once", () => {
    const detector = new SpeakerDetector();
    const quiet = detector.update(0, levels({ a: QUIET, b: 0 }));
    expect([...quiet.speaking]).toEqual([]);
    expect(quiet.active).toBeUndefined();
    const talking = detector.update(250, levels({ a: LOUD, b: QUIET }));
    expect([...talking.speaking]).toEqual(["a"]);
    expect(talking.active).toBe("a");
  });

  it("gives the large place to someone else only after they were the loudest for a whole second", () => {
    const detector = new SpeakerDetector();
    const start = hold(detector, 0, 500, { a: LOUD, b: QUIET });
    // B talks louder for just under a second: both are talking, A stays large.
    const almost = hold(detector, start.now, TAKE_OVER_MS - SAMPLE_EVERY_MS, { a: LOUD, b: LOUDER });
    expect([...almost.speakers.speaking].sort()).toEqual(["a", "b"]);
    expect(almost.speakers.active).toBe("a");
    // One more sample: a full second as the loudest.
    const taken = detector.update(almost.now, levels({ a: LOUD, b: LOUDER }));
    expect(taken.active).toBe("b");
  });

  it("keeps the speaker through a cough: someone loudest for half a second starts over next time", () => {
    const detector = new SpeakerDetector();
    const start = hold(detector, 0, 500, { a: LOUD, b: QUIET });
    const cough = hold(detector, start.now, 500, { a: LOUD, b: LOUDER });
    const back = hold(detector, cough.now, 500, { a: LOUD, b: QUIET });
    expect(back.speakers.active).toBe("a");
    // B again, for less than a second: the half second before does not count.
    const again = hold(detector, back.now, TAKE_OVER_MS - SAMPLE_EVERY_MS, { a: LOUD, b: LOUDER });
    expect(again.speakers.active).toBe("a");
  });

  it("does not let a pause between words reset someone taking over", () => {
    const detector = new SpeakerDetector();
    const start = hold(detector, 0, 500, { a: QUIET, b: QUIET, c: LOUD });
    const first = hold(detector, start.now, 500, { a: LOUD, b: QUIET, c: QUIET });
    expect(first.speakers.active).toBe("c");
    // One quiet sample in A's sentence, then A goes on: a second after A started, A is large.
    const pause = detector.update(first.now, levels({ a: QUIET, b: QUIET, c: QUIET }));
    expect(pause.speaking.has("a")).toBe(true);
    const on = detector.update(first.now + SAMPLE_EVERY_MS, levels({ a: LOUD, b: QUIET, c: QUIET }));
    expect(on.active).toBe("a");
  });

  it("keeps the last speaker large through silence, while their tile stops saying they talk", () => {
    const detector = new SpeakerDetector();
    const start = hold(detector, 0, 500, { a: QUIET, b: LOUD });
    const silence = hold(detector, start.now, 10_000, { a: QUIET, b: QUIET });
    expect(silence.speakers.active).toBe("b");
    expect([...silence.speakers.speaking]).toEqual([]);
    // Within the pause between words they still count as talking.
    const detector2 = new SpeakerDetector();
    detector2.update(0, levels({ b: LOUD }));
    expect(detector2.update(HOLD_MS - 1, levels({ b: QUIET })).speaking.has("b")).toBe(true);
    expect(detector2.update(HOLD_MS, levels({ b: QUIET })).speaking.has("b")).toBe(false);
  });

  it("lets whoever talks next take the large place at once when the speaker left", () => {
    const detector = new SpeakerDetector();
    const start = hold(detector, 0, 500, { a: LOUD, b: QUIET });
    expect(start.speakers.active).toBe("a");
    const gone = detector.update(start.now, levels({ b: QUIET }));
    expect(gone.active).toBeUndefined();
    expect(detector.update(start.now + SAMPLE_EVERY_MS, levels({ b: LOUD })).active).toBe("b");
  });
});

/** A peer connection with one audio receiver: what it heard last, or only statistics. */
function connection(options: { sources?: number[]; stats?: number }) {
  const receiver = {
    track: { kind: "audio" },
    ...(options.sources
      ? { getSynchronizationSources: () => (options.sources ?? []).map((audioLevel) => ({ audioLevel })) }
      : {}),
  };
  const video = { track: { kind: "video" } };
  const stats = new Map<string, object>([
    ["v", { type: "inbound-rtp", kind: "video" }],
    ["a", { type: "inbound-rtp", kind: "audio", audioLevel: options.stats }],
  ]);
  return {
    getTransceivers: () => [{ receiver: video }, { receiver }] as unknown as TransceiverLike[],
    getStats: () => Promise.resolve(stats as unknown as RTCStatsReport),
  };
}

describe("reading the levels", () => {
  it("reads what the audio receiver heard last, or the incoming audio's statistics where it cannot say", async () => {
    expect(await audioLevelOf(connection({ sources: [0.02, 0.4] }))).toBe(0.4);
    expect(await audioLevelOf(connection({ sources: [] }))).toBe(0);
    expect(await audioLevelOf(connection({ stats: 0.25 }))).toBe(0.25);
    expect(await audioLevelOf(undefined)).toBe(0);
  });

  it("samples every peer on the clock, says when the speakers change, and stops when told", async () => {
    const clock = new FakeClock();
    const now = new Map<string, number>([
      ["a", 0],
      ["b", 0],
    ]);
    const seen: Speakers[] = [];
    const stop = watchSpeakers({
      clock,
      levels: () => new Map([...now].map(([id, level]) => [id, Promise.resolve(level)])),
      onChange: (speakers) => seen.push(speakers),
    });
    const tick = async () => {
      clock.advance(SAMPLE_EVERY_MS);
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    await tick();
    expect(seen).toEqual([]);
    now.set("b", LOUD);
    await tick();
    expect(seen.map((speakers) => [speakers.active, [...speakers.speaking]])).toEqual([["b", ["b"]]]);
    // Nothing changed: nothing said.
    await tick();
    expect(seen).toHaveLength(1);
    stop();
    expect(clock.pendingDelays()).toEqual([]);
  });
});
