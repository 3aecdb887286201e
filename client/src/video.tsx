import { createEffect } from "solid-js";

/** A <video> showing a MediaStream, set up for Safari too (playsinline, play() again when ready). */
export function Video(props: { stream: MediaStream | undefined; muted?: boolean; testid: string; label?: string }) {
  let element!: HTMLVideoElement;
  createEffect(() => {
    element.srcObject = props.stream ?? null;
  });
  return (
    <video
      ref={element}
      autoplay
      playsinline
      muted={props.muted}
      // One's own picture is shown mirrored, as people expect of a self-view.
      class={props.muted ? "mirror" : undefined}
      aria-label={props.label}
      data-testid={props.testid}
      onCanPlay={() => void element.play().catch(() => undefined)}
    />
  );
}
