// Background blur in the device check: the toggle, and the preview blurred while it is on, so the patient
// sees what the practice will see. The choice is kept for the tab, and the call turns blur on by itself.
import { onCleanup } from "solid-js";
import { createBlurSwitch } from "../../call/blur/blur-switch.ts";
import { BlurToggle } from "../../call/blur/blur-toggle.tsx";
import type { ProcessedVideo } from "../../call/local-media.ts";

export function DeviceCheckBlur(props: { stream: MediaStream; preview(stream: MediaStream | undefined): void }) {
  let running: ProcessedVideo | undefined;
  /** Each change of the toggle; a blur that starts after a later change is of no use. */
  let turn = 0;
  const stopRunning = () => {
    running?.stop();
    running = undefined;
    props.preview(undefined);
  };
  const blur = createBlurSwitch(async (processor) => {
    const mine = ++turn;
    stopRunning();
    const camera = props.stream.getVideoTracks()[0];
    if (!processor || !camera) return;
    // A failure is the processor's to report (the toggle shows it).
    const video = await processor(camera).catch(() => undefined);
    if (!video) return;
    if (mine !== turn) return video.stop();
    running = video;
    props.preview(new MediaStream([video.track]));
  });
  onCleanup(() => {
    turn++;
    stopRunning();
  });
  return <BlurToggle blur={blur} />;
}
