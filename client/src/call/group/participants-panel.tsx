// Everyone in the consultation, oneself first: name, label, role, moderator, mute and camera, and how
// each connection stands. A panel beside the stage on a wide screen, over it on a phone (as the chat);
// focus moves into it when it opens and back to its toggle when it closes (Escape too, by the screen).
import { For, lazy, Show, Suspense } from "solid-js";
import type { Participant } from "../../../../schema/messages.ts";
import type { MediaFlags } from "../../../../schema/peer-messages.ts";
import { type MessageKey, t, tf } from "../../shared/i18n.ts";
import { focusWhenShown } from "../../shared/page.ts";
import type { ParticipantView } from "../call-state.ts";
import { nameOf } from "../participant-name.ts";
import { isModerator, labelOf, type TileState, tileState } from "../participant-tile.ts";
import { labelText } from "./label.ts";
import type { Moderation } from "./moderation.tsx";
import "./group.css";
import "./i18n-group.ts";

const roleWords: Record<string, MessageKey> = {
  provider: "groupRoleProvider",
  patient: "groupRolePatient",
  guest: "groupRoleGuest",
};
const stateWords: Record<TileState, MessageKey> = {
  connecting: "groupStateConnecting",
  connected: "groupStateConnected",
  reconnecting: "groupStateReconnecting",
};

// The moderator's controls: a chunk of their own, loaded only when this side moderates.
const ModeratorControls = lazy(() => import("./moderation.tsx").then((m) => ({ default: m.ModeratorControls })));
const LockToggle = lazy(() => import("./moderation.tsx").then((m) => ({ default: m.LockToggle })));

/** A role in the page's words; one this page does not know yet reads as a guest's. */
const roleText = (role: string) => t((Object.hasOwn(roleWords, role) && roleWords[role]) || "groupRoleGuest");

/** One person's facts, each in words: what a screen reader reads and a phone shows the same. */
function Facts(props: { participant: Participant | undefined; role: string | undefined; flags: MediaFlags }) {
  const label = () => (props.participant ? labelOf(props.participant) : undefined);
  return (
    <span class="participant-facts">
      <Show when={label()}>{(shown) => <span class="fact">{labelText(shown())}</span>}</Show>
      <Show when={props.role}>{(role) => <span class="fact">{roleText(role())}</span>}</Show>
      <Show when={props.participant && isModerator(props.participant)}>
        <span class="fact badge" data-testid="participant-moderator">
          {t("groupModerator")}
        </span>
      </Show>
      <Show when={props.flags.muted}>
        <span class="fact" data-testid="participant-entry-muted">
          {t("groupMuted")}
        </span>
      </Show>
      <Show when={props.flags.cameraOff || props.flags.audioOnly}>
        <span class="fact" data-testid="participant-entry-camera-off">
          {t("groupCameraOff")}
        </span>
      </Show>
    </span>
  );
}

export function ParticipantsPanel(props: {
  /** This side, as the room names it (undefined before its first presence). */
  self: Participant | undefined;
  /** The name this side tells the others (a patient's as they typed it), when it has one. */
  ownName?: string;
  /** This side's role by the room's hello, for before its first presence. */
  ownRole: string | undefined;
  local: MediaFlags;
  participants: Readonly<Record<string, ParticipantView>>;
  /** The consultation is locked (the room's presence). */
  locked?: boolean;
  /** The session's moderation messages: the controls show only while this side moderates. */
  moderation?: Moderation;
  close(): void;
}) {
  const ids = () => Object.keys(props.participants);
  const moderation = () => (props.self && isModerator(props.self) ? props.moderation : undefined);
  let list: HTMLUListElement | undefined;
  return (
    <section
      class="participants-panel"
      id="participants-panel"
      data-testid="participants-panel"
      aria-labelledby="participants-title"
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        props.close();
      }}
    >
      <header>
        <h2 id="participants-title" tabindex="-1" ref={focusWhenShown}>
          {t("participantsTitle")}
        </h2>
        <button type="button" class="secondary" data-testid="participants-panel-close" onClick={() => props.close()}>
          {t("participantsClose")}
        </button>
      </header>
      <p class="participants-count">{tf("participantsCount", { n: String(ids().length + 1) })}</p>
      <Show when={moderation()}>
        {(actions) => (
          <Suspense>
            <LockToggle locked={props.locked === true} moderation={actions()} />
          </Suspense>
        )}
      </Show>
      {/* Focusable, for the focus to land on after a removal or hand-over took an entry's controls away. */}
      <ul class="participants-list" tabindex="-1" ref={list} aria-labelledby="participants-title">
        <li data-testid="participants-entry" data-participant-id={props.self?.id ?? ""} data-self="true">
          <span class="participant-entry-name">
            {tf("participantYou", { name: props.ownName ?? props.self?.name ?? t("you") })}
          </span>
          <Facts participant={props.self} role={props.self?.role ?? props.ownRole} flags={props.local} />
        </li>
        <For each={ids()}>
          {(id) => {
            const view = () => props.participants[id];
            return (
              <Show when={view()}>
                {(shown) => (
                  <li data-testid="participants-entry" data-participant-id={id} data-state={tileState(shown().media)}>
                    <span class="participant-entry-name">{nameOf(shown())}</span>
                    <Facts participant={shown().participant} role={shown().participant.role} flags={shown().remote} />
                    <span class="participant-entry-state" data-state={tileState(shown().media)}>
                      {t(stateWords[tileState(shown().media)])}
                    </span>
                    <Show when={moderation()}>
                      {(actions) => (
                        <Suspense>
                          <ModeratorControls id={id} view={shown()} moderation={actions()} done={() => list?.focus()} />
                        </Suspense>
                      )}
                    </Show>
                  </li>
                )}
              </Show>
            );
          }}
        </For>
      </ul>
    </section>
  );
}
