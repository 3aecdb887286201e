// The call's buttons, in one bar at the bottom: large enough for thumbs, each with a visible label,
// toggles with aria-pressed. The screen passes the session's state in and the clicks out.
import { Show } from "solid-js";
import type { MediaFlags } from "../../../../schema/peer-messages.ts";
import { type MessageKey, t } from "../../shared/i18n.ts";

/** Screen sharing needs getDisplayMedia, which phone browsers lack or offer only in part. */
export const canShareScreen = () =>
  typeof navigator.mediaDevices?.getDisplayMedia === "function" && !matchMedia("(pointer: coarse)").matches;

/** A toggle button whose label says what a click does next; aria-pressed tells its state. */
function Toggle(props: {
  testid: string;
  on: boolean;
  /** The label while off, and while on. */
  off: MessageKey;
  pressed: MessageKey;
  disabled?: boolean;
  toggle(): void;
}) {
  return (
    <button
      type="button"
      class="control"
      data-testid={props.testid}
      aria-pressed={props.on}
      disabled={props.disabled}
      onClick={() => props.toggle()}
    >
      {props.on ? t(props.pressed) : t(props.off)}
    </button>
  );
}

export function ControlBar(props: {
  flags: MediaFlags;
  role: "provider" | "patient" | "guest" | undefined;
  /** Whether presence names this side the moderator; undefined before the first presence. */
  moderator?: boolean;
  chatOpen: boolean;
  unread: number;
  fullscreen: boolean;
  canFullscreen: boolean;
  toggleMute(): void;
  toggleCamera(): void;
  toggleAudioOnly(): void;
  toggleSharing(): void;
  toggleChat(): void;
  participantsOpen: boolean;
  /** Everyone in the call, this side included. */
  people: number;
  toggleParticipants(): void;
  openSettings(): void;
  toggleFullscreen(): void;
  end(): void;
  endButton?: (element: HTMLButtonElement) => void;
  settingsButton?: (element: HTMLButtonElement) => void;
  chatButton?: (element: HTMLButtonElement) => void;
  participantsButton?: (element: HTMLButtonElement) => void;
}) {
  return (
    <nav class="call-controls" aria-label={t("callControls")}>
      <Toggle testid="mute-toggle" on={props.flags.muted} off="mute" pressed="unmute" toggle={props.toggleMute} />
      <Toggle
        testid="camera-toggle"
        on={props.flags.cameraOff}
        off="cameraOff"
        pressed="cameraOn"
        disabled={props.flags.audioOnly}
        toggle={props.toggleCamera}
      />
      <Toggle
        testid="audio-only-toggle"
        on={props.flags.audioOnly}
        off="audioOnly"
        pressed="videoAgain"
        toggle={props.toggleAudioOnly}
      />
      <Show when={canShareScreen()}>
        <Toggle
          testid="screen-share"
          on={props.flags.sharing}
          off="shareScreen"
          pressed="stopSharing"
          toggle={props.toggleSharing}
        />
      </Show>
      <button
        type="button"
        class="control"
        ref={props.chatButton}
        data-testid="chat-toggle"
        aria-expanded={props.chatOpen}
        onClick={() => props.toggleChat()}
      >
        {t("chat")}
        <Show when={props.unread > 0}>
          <span class="count">
            {props.unread}
            <span class="visually-hidden"> {t("unreadMessages")}</span>
          </span>
        </Show>
      </button>
      <button
        type="button"
        class="control"
        ref={props.participantsButton}
        data-testid="participants-panel-toggle"
        aria-expanded={props.participantsOpen}
        aria-controls={props.participantsOpen ? "participants-panel" : undefined}
        onClick={() => props.toggleParticipants()}
      >
        {t("participants")}
        <span class="count people">{props.people}</span>
      </button>
      <button
        type="button"
        class="control"
        ref={props.settingsButton}
        data-testid="device-settings"
        onClick={() => props.openSettings()}
      >
        {t("settings")}
      </button>
      <Show when={props.canFullscreen}>
        <Toggle
          testid="fullscreen"
          on={props.fullscreen}
          off="fullscreen"
          pressed="exitFullscreen"
          toggle={props.toggleFullscreen}
        />
      </Show>
      <button
        type="button"
        class="control danger"
        ref={props.endButton}
        data-testid="end-call"
        onClick={() => props.end()}
      >
        {/* A provider who does not moderate (a colleague who joined) only leaves, as anyone else. */}
        {props.role === "provider" && props.moderator !== false ? t("endCall") : t("leaveCall")}
      </button>
    </nav>
  );
}
