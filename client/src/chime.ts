/** A short two-note chime, synthesised: no audio file to load. */
export function chime(): void {
  try {
    const audio = new AudioContext();
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
    setTimeout(() => void audio.close(), 600);
  } catch {
    // No audio output: the list still shows who is waiting.
  }
}
