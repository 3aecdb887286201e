// The other side's picture, shown whole whatever its shape, or their name when they send no video;
// their mute and camera state and their line's quality; a shared screen said as such and zoomable;
// and one's own picture, small, in a corner. Each other person is one `participant` tile, in a 1:1
// call as in the group grid (call/group/), so both have the same hooks.
import { createEffect, createSignal, type JSX, Show } from "solid-js";
import type { MediaFlags } from "../../../../schema/peer-messages.ts";
import { t, tf } from "../../shared/i18n.ts";
import { Video } from "../../shared/video.tsx";
import type { ParticipantView } from "../call-state.ts";
import { nameOf } from "../participant-name.ts";
import { labelOf, tileState } from "../participant-tile.ts";
import type { Quality } from "../quality.ts";
import { QualityIndicator } from "./top-bar.tsx";

/**
 * An invitation's label in the page's language: its words come with the group chunk (prefetched with
 * the call screen), so a call where nobody has a label never needs them. A signal, not a lazy
 * component: every tile shows its label once the words are there, the first one too.
 */
const [labelWords, setLabelWords] = createSignal<(label: string) => string>();
let labelWordsLoading: Promise<void> | undefined;

/** Loads the labels' words once; a failed load (a lost line, an update meanwhile) is tried again next time. */
export function loadLabelWords(): Promise<void> {
  labelWordsLoading ??= import("../group/index.ts").then(
    (group) => {
      setLabelWords(() => group.labelText);
    },
    (error: unknown) => {
      labelWordsLoading = undefined;
      throw error;
    },
  );
  return labelWordsLoading;
}

function labelShown(label: string): string | undefined {
  loadLabelWords().catch(() => undefined);
  return labelWords()?.(label);
}

/** Up to two initials, for the avatar shown instead of a picture. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => [...(word ?? "")][0] ?? "")
    .join("")
    .toUpperCase();
}

export function RemoteView(props: {
  stream: MediaStream | undefined;
  name: string | undefined;
  /** Whom their invitation was for (a preset key or the practice's words). */
  label?: string;
  remote: MediaFlags;
  /** Their line's quality, once media flows. */
  quality?: Quality;
  /** We asked for audio-only: nothing is sent to us either. */
  audioOnlyHere: boolean;
  sinkId?: string;
}) {
  const name = () => props.name ?? t("otherSide");
  const noVideo = () => props.remote.cameraOff || props.remote.audioOnly || props.audioOnlyHere;
  const sharing = () => props.remote.sharing && !noVideo();
  // A shared screen shown whole on a phone is small: zoomed, it shows at twice the size and the
  // person pans (or pinches) around it. Back to whole when the sharing stops.
  const [zoomed, setZoomed] = createSignal(false);
  let frame!: HTMLDivElement;
  createEffect(() => {
    if (!sharing()) setZoomed(false);
  });
  const toggleZoom = () => {
    setZoomed(!zoomed());
    // Zoomed in on the middle of the screen, where people usually point, rather than its left edge.
    if (zoomed()) frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
  };
  return (
    <>
      {/* Zoomed, it scrolls: focusable then, so the arrow keys pan it too. */}
      <div
        ref={frame}
        class="remote-frame"
        classList={{ zoomed: zoomed() }}
        tabindex={zoomed() ? 0 : undefined}
        data-testid="remote-frame"
      >
        {/* Kept in the page while the avatar shows: it still plays the other side's voice. */}
        <Video
          stream={props.stream}
          testid="remote-video"
          label={props.name}
          class={noVideo() ? "remote hidden-picture" : "remote"}
          mirror={false}
          sinkId={props.sinkId}
        />
      </div>
      <Show when={noVideo()}>
        <div
          class="avatar"
          data-testid={props.remote.cameraOff || props.remote.audioOnly ? "remote-camera-off" : undefined}
        >
          <span class="initials" aria-hidden="true">
            {initials(name())}
          </span>
          <span class="avatar-name">{name()}</span>
          <span class="muted-text">
            {props.remote.audioOnly || props.audioOnlyHere
              ? t("remoteAudioOnly")
              : tf("remoteCameraOff", { name: name() })}
          </span>
        </div>
      </Show>
      <div class="name-tag-row">
        <div class="tile-tags">
          {/* Announced when it changes: a patient hears, not only sees, that the picture is now a screen. */}
          <div aria-live="polite">
            <Show when={props.name || sharing()}>
              <span class="name-tag">
                <Show
                  when={sharing()}
                  fallback={
                    <span data-testid="participant-name">
                      {props.name}
                      <Show when={props.label && labelShown(props.label)}>
                        {(label) => <span class="participant-label">{` · ${label()}`}</span>}
                      </Show>
                    </span>
                  }
                >
                  <span data-testid="remote-sharing">{tf("remoteSharing", { name: name() })}</span>
                </Show>
                <Show when={props.remote.muted}>
                  {/* Both hooks: remote-muted as the 1:1 call always had it, participant-muted as every tile has it. */}
                  <span data-testid="participant-muted">
                    <span
                      class="badge-muted"
                      role="img"
                      data-testid="remote-muted"
                      aria-label={tf("remoteMuted", { name: name() })}
                    >
                      <MicOffIcon />
                    </span>
                  </span>
                </Show>
              </span>
            </Show>
          </div>
          {/* Outside the live region: a line that wavers between fair and good is not read out each time. */}
          <Show when={props.quality}>
            {(quality) => (
              <span class="name-tag">
                <QualityIndicator quality={quality()} />
              </span>
            )}
          </Show>
        </div>
        <Show when={sharing()}>
          <button
            type="button"
            class="zoom-toggle"
            aria-pressed={zoomed()}
            data-testid="remote-zoom"
            onClick={toggleZoom}
          >
            {t("zoomSharedScreen")}
          </button>
        </Show>
      </div>
    </>
  );
}

/**
 * One other person: their picture (or avatar), name, label, mute and line, with who they are and how
 * their connection stands in the `participant` hook's attributes.
 */
export function ParticipantTile(props: {
  view: ParticipantView;
  /** We asked for audio-only: nothing is sent to us either. */
  audioOnlyHere: boolean;
  sinkId?: string;
  /** Talking now, by their audio level (the group screen listens; a 1:1 call does not). */
  speaking?: boolean;
  /** The group screen's controls for this person (pin), inside their tile. */
  children?: JSX.Element;
}) {
  const participant = () => props.view.participant;
  return (
    <div
      class="participant-tile"
      data-testid="participant"
      data-participant-id={participant().id}
      data-role={participant().role}
      data-label={labelOf(participant()) ?? ""}
      data-speaking={props.speaking === true ? "true" : "false"}
      data-state={tileState(props.view.media)}
    >
      <RemoteView
        stream={props.view.remoteStream}
        name={nameOf(props.view)}
        label={labelOf(participant())}
        remote={props.view.remote}
        quality={props.view.quality}
        audioOnlyHere={props.audioOnlyHere}
        sinkId={props.sinkId}
      />
      {props.children}
    </div>
  );
}

export function SelfView(props: { stream: MediaStream | undefined; flags: MediaFlags }) {
  const showsPicture = () => props.stream?.getVideoTracks?.().length;
  // The shape of the last picture shown, so the tile keeps its size with the camera off: a video with
  // nothing to show has no shape and would stretch to the browser's default 300×150 box.
  const [shape, setShape] = createSignal("4 / 3");
  const remember = (event: Event) => {
    const video = event.target as HTMLVideoElement;
    if (video.videoWidth > 0 && video.videoHeight > 0) setShape(`${video.videoWidth} / ${video.videoHeight}`);
  };
  return (
    <div
      class="self"
      classList={{ "camera-off": !showsPicture() }}
      style={{ "--self-shape": shape() }}
      data-testid="self-view"
      // A video's "resize" does not bubble: listened for on the way down instead.
      ref={(tile) => tile.addEventListener("resize", remember, true)}
    >
      <Video stream={props.stream} muted mirror={!props.flags.sharing} testid="local-video" label={t("you")} />
      <Show when={!showsPicture()}>
        <div class="self-off" aria-hidden="true" data-testid="self-camera-off">
          {t("you")}
        </div>
      </Show>
    </div>
  );
}

export function MicOffIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path
        fill="currentColor"
        d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11h-2ZM3.3 2.3 2 3.6l18.4 18.4 1.3-1.3L3.3 2.3Z"
      />
    </svg>
  );
}
