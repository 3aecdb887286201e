// Three or more people: every other person's tile in a grid, two columns (one above the other for two
// people on a phone held upright, where a landscape picture is wider than half the screen). Tiles are
// keyed by connection id, so a tile (and its playing video) stays while the states around it change.
import { For, Show } from "solid-js";
import type { ParticipantView } from "../call-state.ts";
import { ParticipantTile } from "../ui/stage.tsx";
import "./group.css";

export function Grid(props: {
  participants: Readonly<Record<string, ParticipantView>>;
  /** We asked for audio-only: nothing is sent to us either. */
  audioOnlyHere: boolean;
  sinkId?: string;
}) {
  const ids = () => Object.keys(props.participants);
  return (
    <div class="layout-grid" data-testid="layout-grid" data-count={ids().length}>
      <For each={ids()}>
        {(id) => {
          // Not keyed by the view: a new view object (a flag, the quality) updates the tile, never remakes it.
          const view = () => props.participants[id];
          return (
            <div class="grid-cell">
              <Show when={view()}>
                {(shown) => (
                  <ParticipantTile view={shown()} audioOnlyHere={props.audioOnlyHere} sinkId={props.sinkId} />
                )}
              </Show>
            </div>
          );
        }}
      </For>
    </div>
  );
}
