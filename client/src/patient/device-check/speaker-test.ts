// A short rising three-note sound for "did you hear it?", synthesised (no file to load) and played on
// the speaker the patient chose where the browser lets a page choose.

type SinkAudio = HTMLAudioElement & { setSinkId?(id: string): Promise<void> };

const NOTES = [523.25, 659.25, 783.99];
const NOTE_SECONDS = 0.35;

/** Plays the sound; resolves when it has finished (or could not start). */
export async function playTestSound(context: AudioContext, speakerId: string | undefined): Promise<void> {
  await context.resume().catch(() => undefined);
  const output = speakerId ? context.createMediaStreamDestination() : undefined;
  const start = context.currentTime + 0.05;
  NOTES.forEach((frequency, i) => {
    const osc = context.createOscillator();
    const gain = context.createGain();
    const at = start + i * NOTE_SECONDS;
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS - 0.02);
    osc.connect(gain).connect(output ?? context.destination);
    osc.start(at);
    osc.stop(at + NOTE_SECONDS);
  });
  let element: SinkAudio | undefined;
  if (output) {
    element = new Audio() as SinkAudio;
    element.srcObject = output.stream;
    await element.setSinkId?.(speakerId as string).catch(() => undefined);
    await element.play().catch(() => undefined);
  }
  await new Promise((done) => setTimeout(done, (NOTES.length * NOTE_SECONDS + 0.1) * 1000));
  element?.pause();
}
