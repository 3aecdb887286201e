// Background blur in the device check: the toggle, and the preview blurred while it is on, so the patient
// sees what the practice will see. The choice is kept for the tab, and the call turns blur on by itself.
// Paused while the check is folded away in the waiting room: nobody sees the preview, and a phone's battery
// should not pay for it.
import { createEffect, createSignal, onCleanup } from "solid-js";
import { createBlurSwitch } from "../../call/blur/blur-switch.ts";
import { BlurToggle } from "../../call/blur/blur-toggle.tsx";
import type { ProcessedVideo, VideoProcessor } from "../../call/local-media.ts";

export function DeviceCheckBlur(props: {
  stream: MediaStream;
  paused: boolean | undefined;
  preview(stream: MediaStream | undefined): void;
}) {
  const [processor, setProcessor] = createSignal<VideoProcessor>();
  const blur = createBlurSwitch((next) => setProcessor(() => next));
  let running: ProcessedVideo | undefined;
  /** Each change; a blur that starts after a later change is of no use. */
  let turn = 0;
  const stopRunning = () => {
    running?.stop();
    running = undefined;
    props.preview(undefined);
  };
  async function run(next: VideoProcessor | undefined) {
    const mine = ++turn;
    stopRunning();
    const camera = props.stream.getVideoTracks()[0];
    if (!next || !camera) return;
    // A failure is the processor's to report (the toggle shows it).
    const video = await next(camera).catch(() => undefined);
    if (!video) return;
    if (mine !== turn) return video.stop();
    running = video;
    props.preview(new MediaStream([video.track]));
  }
  createEffect(() => void run(props.paused ? undefined : processor()));
  onCleanup(() => {
    turn++;
    stopRunning();
  });
  return <BlurToggle blur={blur} />;
}
