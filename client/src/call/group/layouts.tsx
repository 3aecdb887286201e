// Three or more people, in one of two layouts. Grid: every other person's tile in two columns (one
// above the other for two people on a phone held upright). Speaker: one person large (the one pinned,
// else the one talking) and the others in a strip below. Both are one list of tiles keyed by connection
// id, placed by CSS: a tile moving between the strip and the large place (or the layout changing) keeps
// its element and its playing video, and the pin button that moved it keeps the focus.
import { For, Show } from "solid-js";
import { tf } from "../../shared/i18n.ts";
import type { ParticipantView } from "../call-state.ts";
import { nameOf } from "../participant-name.ts";
import { ParticipantTile } from "../ui/stage.tsx";
import "./group.css";
import "./i18n-group.ts";

export type Layout = "grid" | "speaker";

/** Whom speaker view shows large: the pinned person, else the active speaker, else the first present. */
export function largeOne(ids: readonly string[], pinned: string | undefined, active: string | undefined) {
  if (pinned !== undefined && ids.includes(pinned)) return pinned;
  if (active !== undefined && ids.includes(active)) return active;
  return ids[0];
}

function PinIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path fill="currentColor" d="M16 3v2h-1v6l3 3v2h-5v6l-1 1-1-1v-6H6v-2l3-3V5H8V3h8Z" />
    </svg>
  );
}

export function GroupLayout(props: {
  participants: Readonly<Record<string, ParticipantView>>;
  /** We asked for audio-only: nothing is sent to us either. */
  audioOnlyHere: boolean;
  sinkId?: string;
  layout: Layout;
  pinned?: string;
  /** Who is talking (speaker.ts). */
  speaking: ReadonlySet<string>;
  active?: string;
  togglePin(id: string): void;
}) {
  const ids = () => Object.keys(props.participants);
  const speaker = () => props.layout === "speaker";
  const large = () => (speaker() ? largeOne(ids(), props.pinned, props.active) : undefined);
  return (
    <div
      class={`group-layout layout-${props.layout}`}
      data-testid={`layout-${props.layout}`}
      data-count={ids().length}
      style={{ "--strip": String(Math.max(1, ids().length - 1)) }}
    >
      <For each={ids()}>
        {(id) => {
          // Not keyed by the view: a new view object (a flag, the quality) updates the tile, never remakes it.
          const view = () => props.participants[id];
          return (
            <div class="grid-cell" data-testid="layout-cell" data-large={large() === id ? "true" : undefined}>
              <Show when={view()}>
                {(shown) => (
                  <ParticipantTile
                    view={shown()}
                    audioOnlyHere={props.audioOnlyHere}
                    sinkId={props.sinkId}
                    speaking={props.speaking.has(id)}
                  >
                    <button
                      type="button"
                      class="pin-toggle"
                      data-testid="participant-pin"
                      aria-pressed={props.pinned === id}
                      aria-label={tf("pinPerson", { name: nameOf(shown()) })}
                      onClick={() => props.togglePin(id)}
                    >
                      <PinIcon />
                    </button>
                  </ParticipantTile>
                )}
              </Show>
            </div>
          );
        }}
      </For>
    </div>
  );
}
