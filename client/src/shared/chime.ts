// A short two-note chime, synthesised: no audio file to load. Browsers start audio only after the
// person has clicked or typed on the page (Firefox keeps a context made earlier suspended), so the
// page keeps one context, resumed by the first click or key press, or by a visible "turn sound on".
import { createSignal } from "solid-js";

let context: AudioContext | undefined;
const [soundOn, setSoundOn] = createSignal(false);

export { soundOn };

/**
 * The page's one audio context, made on first use. Chromium lets a context made while the camera is
 * on run at once; Firefox keeps it suspended until a click or key press.
 */
export function pageAudio(): AudioContext | undefined {
  try {
    context ??= new AudioContext();
  } catch {
    // No audio output.
  }
  return context;
}

/** Starts (or resumes) the page's audio; call it from a click or key press. */
export function enableSound(): void {
  const audio = pageAudio();
  // No audio output: arrivals still show on screen.
  if (!audio) return;
  // A context made before the camera was on (Chromium) or without a click (Firefox) waits for this.
  void audio.resume().then(
    () => setSoundOn(audio.state === "running"),
    () => undefined,
  );
  setSoundOn(audio.state === "running");
}

/** The first click or key press anywhere on the page turns sound on. */
export function enableSoundOnFirstGesture(): () => void {
  const once = () => enableSound();
  // click, not pointerdown: the "turn sound on" button vanishes then, and must not move what is being clicked.
  const events = ["click", "keydown"] as const;
  for (const event of events) document.addEventListener(event, once, { once: true, capture: true });
  return () => {
    for (const event of events) document.removeEventListener(event, once, { capture: true });
  };
}

export function chime(): void {
  if (!context) enableSound();
  const audio = context;
  if (audio?.state !== "running") return;
  const now = audio.currentTime;
  [880, 660].forEach((frequency, i) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(now + i * 0.18);
    osc.stop(now + i * 0.18 + 0.17);
  });
}
