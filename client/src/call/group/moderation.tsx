// The moderator's controls in the participants panel: per other person, ask to mute (never unmute: no
// such control exists), remove and hand moderation to a provider (each asks once, in place); and the lock. Its
// own chunk, loaded only by a moderator's panel: patients and guests never download it.
import { createSignal, Show } from "solid-js";
import { ConfirmQuestion } from "../../forms/confirm-question.tsx";
import { t, tf } from "../../shared/i18n.ts";
import type { ParticipantView } from "../call-state.ts";
import { nameOf } from "../participant-name.ts";
import type { CallSession } from "../session.ts";
import "./i18n-moderation.ts";
import "./moderation.css";

/** What the moderator's controls do: the session's moderation messages. */
export type Moderation = Pick<CallSession, "askMute" | "remove" | "lock" | "makeModerator">;

export function ModeratorControls(props: {
  id: string;
  view: ParticipantView;
  moderation: Moderation;
  /** After a removal or a hand-over this entry's controls go: the panel takes the focus. */
  done(): void;
}) {
  /** Which of the two grave actions asks its question now. */
  const [confirming, setConfirming] = createSignal<"remove" | "hand-over">();
  let removeButton: HTMLButtonElement | undefined;
  let handOverButton: HTMLButtonElement | undefined;
  const name = () => nameOf(props.view);
  // Already muted: nothing to ask. The button stays (aria-disabled) so the focus on it is not lost.
  const muted = () => props.view.remote.muted;
  return (
    <span class="moderator-controls">
      <button
        type="button"
        class="secondary"
        data-testid="participant-ask-mute"
        aria-disabled={muted() ? "true" : "false"}
        aria-label={tf("moderationAskMuteLabel", { name: name() })}
        onClick={() => {
          if (!muted()) props.moderation.askMute(props.id);
        }}
      >
        {t("moderationAskMute")}
      </button>
      {/* Only a provider in the call can take over: the room refuses anyone else. */}
      <Show when={props.view.participant.role === "provider"}>
        <button
          type="button"
          class="secondary"
          data-testid="make-moderator"
          ref={handOverButton}
          aria-label={tf("moderationMakeModeratorLabel", { name: name() })}
          aria-expanded={confirming() === "hand-over" ? "true" : "false"}
          onClick={() => setConfirming("hand-over")}
        >
          {t("moderationMakeModerator")}
        </button>
      </Show>
      {/* Asked once, in place: the role does not come back unless the new moderator hands it back. */}
      <Show when={confirming() === "hand-over"}>
        <ConfirmQuestion
          class="full"
          question={tf("moderationMakeModeratorQuestion", { name: name() })}
          confirmLabel={t("moderationMakeModeratorConfirm")}
          confirmTestid="make-moderator-confirm"
          keepLabel={t("moderationKeep")}
          busy={false}
          confirm={() => {
            setConfirming(undefined);
            props.moderation.makeModerator(props.id);
            props.done();
          }}
          keep={() => {
            setConfirming(undefined);
            handOverButton?.focus();
          }}
        />
      </Show>
      <button
        type="button"
        class="danger"
        data-testid="participant-remove"
        ref={removeButton}
        aria-label={tf("moderationRemoveLabel", { name: name() })}
        aria-expanded={confirming() === "remove" ? "true" : "false"}
        onClick={() => setConfirming("remove")}
      >
        {t("moderationRemove")}
      </button>
      <Show when={confirming() === "remove"}>
        <ConfirmQuestion
          class="full"
          question={tf("moderationRemoveQuestion", { name: name() })}
          confirmLabel={t("moderationRemoveConfirm")}
          confirmTestid="participant-remove-confirm"
          keepLabel={t("moderationKeep")}
          busy={false}
          confirm={() => {
            setConfirming(undefined);
            props.moderation.remove(props.id);
            props.done();
          }}
          keep={() => {
            setConfirming(undefined);
            removeButton?.focus();
          }}
        />
      </Show>
    </span>
  );
}

/** Locks the consultation (nobody more is added) or opens it again; the room's presence says which. */
export function LockToggle(props: { locked: boolean; moderation: Moderation }) {
  return (
    <div class="call-lock">
      <button
        type="button"
        class="secondary"
        data-testid="call-lock"
        aria-pressed={props.locked ? "true" : "false"}
        aria-describedby="call-lock-hint"
        onClick={() => props.moderation.lock(!props.locked)}
      >
        {t("moderationLock")}
      </button>
      <span id="call-lock-hint">{props.locked ? t("moderationLockedHint") : t("moderationUnlockedHint")}</span>
    </div>
  );
}
