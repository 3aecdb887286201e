// The call's buttons, in one bar at the bottom: large enough for thumbs, each with a visible label,
// toggles with aria-pressed. The screen passes the session's state in and the clicks out.
import { Show } from "solid-js";
import type { MediaFlags } from "../../../../schema/peer-messages.ts";
import { t } from "../../i18n.ts";

/** Screen sharing needs getDisplayMedia, which phone browsers lack or offer only in part. */
export const canShareScreen = () =>
  typeof navigator.mediaDevices?.getDisplayMedia === "function" && !matchMedia("(pointer: coarse)").matches;

export function ControlBar(props: {
  flags: MediaFlags;
  role: "provider" | "patient" | undefined;
  chatOpen: boolean;
  unread: number;
  fullscreen: boolean;
  canFullscreen: boolean;
  toggleMute(): void;
  toggleCamera(): void;
  toggleAudioOnly(): void;
  toggleSharing(): void;
  toggleChat(): void;
  openSettings(): void;
  toggleFullscreen(): void;
  end(): void;
  endButton?: (element: HTMLButtonElement) => void;
  settingsButton?: (element: HTMLButtonElement) => void;
  chatButton?: (element: HTMLButtonElement) => void;
}) {
  return (
    <nav class="call-controls" aria-label={t("callControls")}>
      <button
        type="button"
        class="control"
        data-testid="mute-toggle"
        aria-pressed={props.flags.muted}
        onClick={() => props.toggleMute()}
      >
        {props.flags.muted ? t("unmute") : t("mute")}
      </button>
      <button
        type="button"
        class="control"
        data-testid="camera-toggle"
        aria-pressed={props.flags.cameraOff}
        disabled={props.flags.audioOnly}
        onClick={() => props.toggleCamera()}
      >
        {props.flags.cameraOff ? t("cameraOn") : t("cameraOff")}
      </button>
      <button
        type="button"
        class="control"
        data-testid="audio-only-toggle"
        aria-pressed={props.flags.audioOnly}
        onClick={() => props.toggleAudioOnly()}
      >
        {props.flags.audioOnly ? t("videoAgain") : t("audioOnly")}
      </button>
      <Show when={canShareScreen()}>
        <button
          type="button"
          class="control"
          data-testid="screen-share"
          aria-pressed={props.flags.sharing}
          onClick={() => props.toggleSharing()}
        >
          {props.flags.sharing ? t("stopSharing") : t("shareScreen")}
        </button>
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
        ref={props.settingsButton}
        data-testid="device-settings"
        onClick={() => props.openSettings()}
      >
        {t("settings")}
      </button>
      <Show when={props.canFullscreen}>
        <button
          type="button"
          class="control"
          data-testid="fullscreen"
          aria-pressed={props.fullscreen}
          onClick={() => props.toggleFullscreen()}
        >
          {props.fullscreen ? t("exitFullscreen") : t("fullscreen")}
        </button>
      </Show>
      <button
        type="button"
        class="control danger"
        ref={props.endButton}
        data-testid="end-call"
        onClick={() => props.end()}
      >
        {props.role === "provider" ? t("endCall") : t("leaveCall")}
      </button>
    </nav>
  );
}
