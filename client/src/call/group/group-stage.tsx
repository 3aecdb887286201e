// The group call's stage: the layout the person chose (speaker view on a phone, where a grid of small
// pictures helps nobody; the grid on a larger screen), whom they pinned, and who is talking, heard from
// each peer's audio level a few times a second while the stage shows (audio-levels.ts, speaker.ts).
// The switch sits below the pictures, within a thumb's reach on a phone, like the controls under it.
import { createSignal, onCleanup, onMount } from "solid-js";
import { browserClock, type Clock } from "../../shared/clock.ts";
import { t } from "../../shared/i18n.ts";
import type { ParticipantView, PeerView } from "../session.ts";
import { audioLevelOf, watchSpeakers } from "./audio-levels.ts";
import { GroupLayout, type Layout } from "./layouts.tsx";
import { NOBODY } from "./speaker.ts";

/** A phone, held either way: speaker view by default. */
const PHONE = "(max-width: 600px), (max-height: 500px)";

export function defaultLayout(): Layout {
  return typeof matchMedia === "function" && matchMedia(PHONE).matches ? "speaker" : "grid";
}

export function GroupStage(props: {
  participants: Readonly<Record<string, ParticipantView>>;
  /** The session's peers, by connection id: where the audio levels are read. */
  peers: ReadonlyMap<string, PeerView>;
  audioOnlyHere: boolean;
  sinkId?: string;
  clock?: Clock;
}) {
  const [layout, setLayout] = createSignal<Layout>(defaultLayout());
  const [pinned, setPinned] = createSignal<string>();
  const [speakers, setSpeakers] = createSignal(NOBODY);

  // In the browser only (the server renderer runs no onMount): nothing listens before the stage shows.
  onMount(() => {
    const stop = watchSpeakers({
      clock: props.clock ?? browserClock,
      // Someone muted is silent whatever their line still carries (comfort noise, the last packet's level).
      levels: () =>
        new Map(
          Object.entries(props.participants).map(([id, view]) => [
            id,
            view.remote.muted ? Promise.resolve(0) : audioLevelOf(props.peers.get(id)?.connection),
          ]),
        ),
      onChange: setSpeakers,
    });
    onCleanup(stop);
  });

  /** Pinning shows that person large, in speaker view; unpinning gives the large place back to whoever talks. */
  const togglePin = (id: string) => {
    if (pinned() === id) return setPinned(undefined);
    setPinned(id);
    setLayout("speaker");
  };

  const choice = (value: Layout, testid: string, label: string) => (
    <button
      type="button"
      class="layout-choice"
      data-testid={testid}
      aria-pressed={layout() === value}
      onClick={() => setLayout(value)}
    >
      {label}
    </button>
  );

  return (
    <div class="group-stage">
      <GroupLayout
        participants={props.participants}
        audioOnlyHere={props.audioOnlyHere}
        sinkId={props.sinkId}
        layout={layout()}
        pinned={pinned()}
        speaking={speakers().speaking}
        active={speakers().active}
        togglePin={togglePin}
      />
      <fieldset class="layout-switch" data-testid="layout-switch">
        <legend class="visually-hidden">{t("layoutTitle")}</legend>
        {choice("speaker", "layout-switch-speaker", t("layoutSpeaker"))}
        {choice("grid", "layout-switch-grid", t("layoutGrid"))}
      </fieldset>
    </div>
  );
}
