import { createEffect } from "solid-js";

/** setSinkId is not in every browser (Safari lacks it): the speaker choice is offered only where it is. */
type SinkSettable = HTMLVideoElement & { setSinkId?(id: string): Promise<void> };

/** A <video> showing a MediaStream, set up for Safari too (playsinline, play() again when ready). */
export function Video(props: {
  stream: MediaStream | undefined;
  muted?: boolean;
  testid: string;
  label?: string;
  /** One's own camera is shown mirrored, as people expect of a self-view; a shared screen is not. */
  mirror?: boolean;
  class?: string;
  /** The speaker to play on, where the browser can choose. */
  sinkId?: string;
}) {
  let element!: SinkSettable;
  createEffect(() => {
    element.srcObject = props.stream ?? null;
  });
  createEffect(() => {
    const sink = props.sinkId;
    if (sink !== undefined && element.setSinkId) void element.setSinkId(sink).catch(() => undefined);
  });
  return (
    <video
      ref={element}
      autoplay
      playsinline
      muted={props.muted}
      class={[props.class, (props.mirror ?? props.muted) ? "mirror" : undefined].filter(Boolean).join(" ") || undefined}
      aria-label={props.label}
      data-testid={props.testid}
      onCanPlay={() => void element.play().catch(() => undefined)}
    />
  );
}
