// The microphone's loudness, 0 to 1, read a few times a second from an AnalyserNode: the patient sees
// the bar move when they speak, which proves the microphone more than any permission does.

/** Quieter than this counts as silence: a room's hum stays below it, speech does not. */
const FLOOR_DB = -60;

/** Loudness of one window of samples (-1…1) on a 0…1 scale linear in decibels from -60 dBFS to 0. */
export function levelFromSamples(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** Where the samples come from: an AnalyserNode in the browser, a fake in tests. */
export interface SampleSource {
  readonly size: number;
  read(into: Float32Array): void;
  close(): void;
}

/** The level the patient hears as "we can hear you". */
export const HEARD_LEVEL = 0.25;

/** Reads the source every `intervalMs` and reports the level, rounded to hundredths. */
export class MicLevelMeter {
  private readonly buffer: Float32Array;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly source: SampleSource,
    report: (level: number) => void,
    intervalMs = 100,
  ) {
    this.buffer = new Float32Array(source.size);
    this.timer = setInterval(() => {
      this.source.read(this.buffer);
      report(Math.round(levelFromSamples(this.buffer) * 100) / 100);
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.source.close();
  }
}

/** An AnalyserNode on the stream's microphone; nothing is played back, so there is no echo. */
export function analyserSource(context: AudioContext, stream: MediaStream): SampleSource {
  const input = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  input.connect(analyser);
  return {
    size: analyser.fftSize,
    read: (into) => analyser.getFloatTimeDomainData(into as Float32Array<ArrayBuffer>),
    close: () => input.disconnect(),
  };
}
