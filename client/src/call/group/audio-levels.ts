// The audio levels speaker.ts decides on, read from each peer connection a few times a second: what the
// receiver heard last (`getSynchronizationSources()`, in Chromium and Firefox), or the incoming audio's
// level in the connection's statistics where a browser has no such sources. Each sample is one small
// read per peer, never a stream of its own: nothing is decoded or analysed twice.
import type { Clock } from "../../shared/clock.ts";
import type { PeerConnectionLike } from "../negotiation.ts";
import { NOBODY, SAMPLE_EVERY_MS, SpeakerDetector, type Speakers, sameSpeakers } from "./speaker.ts";

type LevelSource = Pick<PeerConnectionLike, "getTransceivers" | "getStats">;

/** How loud this peer was just now (0 to 1); 0 when nothing is known, as for silence. */
export async function audioLevelOf(pc: LevelSource | undefined): Promise<number> {
  if (!pc) return 0;
  const receiver = pc.getTransceivers().find((transceiver) => transceiver.receiver.track.kind === "audio")?.receiver;
  const sources = receiver?.getSynchronizationSources?.();
  if (sources) return Math.max(0, ...sources.map((source) => source.audioLevel ?? 0));
  const stats = await pc.getStats().catch(() => undefined);
  let level = 0;
  stats?.forEach((report: { type?: string; kind?: string; audioLevel?: number }) => {
    if (report.type === "inbound-rtp" && report.kind === "audio") level = Math.max(level, report.audioLevel ?? 0);
  });
  return level;
}

export interface SpeakerWatch {
  clock: Clock;
  /** Everyone to listen to now, by connection id: the level of each (0 for someone muted). */
  levels(): ReadonlyMap<string, Promise<number>>;
  /** Called when who is talking, or who is the active speaker, changed. */
  onChange(speakers: Speakers): void;
}

/** Samples every SAMPLE_EVERY_MS until stopped (the group screen is gone); returns the stop. */
export function watchSpeakers(watch: SpeakerWatch): () => void {
  const detector = new SpeakerDetector();
  let last = NOBODY;
  let stopped = false;
  let timer: unknown;
  const sample = async () => {
    const pending = watch.levels();
    const levels = new Map<string, number>();
    for (const [id, level] of pending) levels.set(id, await level.catch(() => 0));
    if (stopped) return;
    const now = detector.update(watch.clock.now(), levels);
    if (!sameSpeakers(now, last)) watch.onChange(now);
    last = now;
    // The next sample after this one is done: a slow read never piles samples up.
    timer = watch.clock.setTimeout(() => void sample(), SAMPLE_EVERY_MS);
  };
  timer = watch.clock.setTimeout(() => void sample(), SAMPLE_EVERY_MS);
  return () => {
    stopped = true;
    watch.clock.clearTimeout(timer);
  };
}
