// The running call, full screen: the other side's picture, one's own, the status above and the controls
// below, the chat beside (loaded when first used), and the dialogs. It shows the session's state and
// passes the person's clicks on; the call screen (call/Call.tsx) decides when it shows.
import { createEffect, createSignal, type JSX, lazy, on, onCleanup, Show, Suspense } from "solid-js";
import { formatTime, type MessageKey, t, tf } from "../../shared/i18n.ts";
import { relayOnly, setRelayOnly } from "../../shared/ice.ts";
import { takeChosenSpeaker } from "../../shared/media.ts";
import { focusWhenShown } from "../../shared/page.ts";
import { createBlurSwitch } from "../blur/blur-switch.ts";
import { BlurNotice } from "../blur/blur-toggle.tsx";
import { nameOf } from "../participant-name.ts";
import type { CallSession, CallState } from "../session.ts";
import { ControlBar } from "./controls.tsx";
import { DeviceSettings } from "./device-settings.tsx";
import { EndDialog } from "./end-dialog.tsx";
import { ParticipantTile, RemoteView, SelfView } from "./stage.tsx";
import { ConnectionStatus, createSafetyCode, SafetyCode } from "./top-bar.tsx";
import "../call.css";

// The group chunk (call/group/), prefetched with the call screen: the stage for three or more people
// (grid, speaker view, pinning) and the participants panel.
const GroupStage = lazy(() => import("../group/index.ts").then((group) => ({ default: group.GroupStage })));
const ParticipantsPanel = lazy(() =>
  import("../group/index.ts").then((group) => ({ default: group.ParticipantsPanel })),
);
// Moderation's notices to everyone (asked to mute, the no-moderator countdown), from the same chunk.
const AskedToMuteNotice = lazy(() =>
  import("../group/index.ts").then((group) => ({ default: group.AskedToMuteNotice })),
);
const GraceNotice = lazy(() => import("../group/index.ts").then((group) => ({ default: group.GraceNotice })));
const NowModeratorNotice = lazy(() =>
  import("../group/index.ts").then((group) => ({ default: group.NowModeratorNotice })),
);

export type ChatModule = typeof import("../chat-panel.tsx");
/** The chat, once loaded: its module (for the panel and the save button) and its store. */
export interface LoadedChat {
  module: ChatModule;
  chat: ReturnType<ChatModule["createCallChat"]>;
}

/** The media path's state as the connection-status hook reports it; nothing before the first connection. */
function connectionState(media: CallState["media"]): "connected" | "reconnecting" | "failed" | undefined {
  if (media === "connected" || media === "failed") return media;
  return media === "reconnecting" ? "reconnecting" : undefined;
}

function ConnectionFailed(props: { retry(): void }) {
  return (
    <div class="card problem" role="alert" data-testid="connection-status" data-state="failed">
      <h2 tabindex="-1" ref={focusWhenShown}>
        {t("connectionFailed")}
      </h2>
      <p>{t("connectionFailedHelp")}</p>
      <Show when={!relayOnly()}>
        <label class="check">
          <input type="checkbox" onChange={(e) => setRelayOnly(e.currentTarget.checked)} />
          <span>{t("relayOnlyOption")}</span>
        </label>
      </Show>
      <button type="button" data-testid="retry-connection" onClick={() => props.retry()}>
        {t("retry")}
      </button>
    </div>
  );
}

export function LiveCall(props: {
  session: CallSession;
  state: CallState;
  chat: LoadedChat | undefined;
  loadChat(): void;
  /** The provider's waiting room during the call: in the top bar, never over the picture. */
  waiting?: JSX.Element;
}) {
  const state = () => props.state;
  const session = props.session;
  const phase = () => state().phase;
  const [ending, setEnding] = createSignal(false);
  const [settingsOpen, setSettingsOpen] = createSignal(false);
  const [chatOpen, setChatOpen] = createSignal(false);
  const [participantsOpen, setParticipantsOpen] = createSignal(false);
  const chat = () => props.chat;
  // The speaker the patient tested before the waiting room plays the call too.
  const [speaker, setSpeaker] = createSignal<string | undefined>(takeChosenSpeaker());
  const [fullscreen, setFullscreen] = createSignal(false);
  const [notice, setNotice] = createSignal<MessageKey>();
  // On from the start if the person turned it on in the device check (or earlier in this tab).
  const blur = createBlurSwitch((processor) => session.setVideoProcessor(processor));
  // Handed the moderator's role during the call (not moderating from the start): this side is told once.
  const [nowModerating, setNowModerating] = createSignal(false);
  createEffect(
    on(
      () => state().self?.moderator,
      (moderator, before) => {
        if (moderator !== true) setNowModerating(false);
        else if (before === false) setNowModerating(true);
      },
    ),
  );
  // The notice that blur went off stays until read and closed; a later failure shows it again.
  const [blurNoticeClosed, setBlurNoticeClosed] = createSignal<MessageKey>();
  createEffect(() => {
    if (!blur.problem()) setBlurNoticeClosed(undefined);
  });
  const closeBlurNotice = () => {
    setBlurNoticeClosed(blur.problem());
    queueMicrotask(() => document.querySelector<HTMLElement>("[data-testid=call-heading]")?.focus());
  };
  let root!: HTMLDivElement;
  let endButton: HTMLButtonElement | undefined;
  let settingsButton: HTMLButtonElement | undefined;
  let chatButton: HTMLButtonElement | undefined;
  let participantsButton: HTMLButtonElement | undefined;
  const safetyCode = createSafetyCode(() => state().participants);
  /** Three or more people: the group stage; two: the other person fills the stage, as always. */
  const group = () => Object.keys(state().participants).length >= 2;
  /** The 1:1 call's other person, once their peer is there. */
  const first = () => {
    const id = state().peer?.id;
    return id === undefined ? undefined : state().participants[id];
  };

  /** The 1:1 call's other person by name: as they told it, or the room's word for them (participant-name.ts). */
  const theirName = () => {
    const view = first();
    if (view) return nameOf(view);
    const peer = state().peer;
    return peer ? nameOf({ participant: peer }) : undefined;
  };

  // A message from the other side loads the chat, so it is there when the person looks.
  createEffect(() => {
    if (state().peerMessages > 0 || state().droppedPeerMessages > 0) props.loadChat();
  });

  const onFullscreenChange = () => setFullscreen(document.fullscreenElement !== null);
  document.addEventListener("fullscreenchange", onFullscreenChange);
  onCleanup(() => document.removeEventListener("fullscreenchange", onFullscreenChange));

  async function toggle(done: Promise<boolean>, failure: MessageKey) {
    setNotice((await done) ? undefined : failure);
  }

  const names = () => ({ me: t("you"), them: theirName() });

  function closeParticipants() {
    setParticipantsOpen(false);
    participantsButton?.focus();
  }

  /** The other person filling the stage; before anyone is there, the empty picture with its status. */
  const oneToOne = () => (
    <Show
      when={first()}
      fallback={
        <RemoteView
          stream={state().remoteStream}
          name={theirName()}
          remote={state().remote}
          audioOnlyHere={state().local.audioOnly}
          sinkId={speaker()}
        />
      }
    >
      {(view) => <ParticipantTile view={view()} audioOnlyHere={state().local.audioOnly} sinkId={speaker()} />}
    </Show>
  );

  return (
    <div class="call" ref={root} data-sharing={state().local.sharing || undefined}>
      {/* Focus starts here (the admit button or the waiting screen that had it is gone): a screen reader
          says where the person is now, and Tab goes on to the call's controls. */}
      <h1 class="visually-hidden" tabindex="-1" ref={focusWhenShown} data-testid="call-heading">
        {t("callTitle")}
      </h1>
      <div class="call-top">
        <Show when={state().media !== "failed" && connectionState(state().media)}>
          {(connection) => <ConnectionStatus state={connection()} />}
        </Show>
        <Show when={safetyCode()}>
          {(shown) => <SafetyCode code={shown().code} participants={shown().participants} role={state().role} />}
        </Show>
        {props.waiting}
      </div>
      {/* The stage and, once open, the chat: side by side on a wide screen, the chat over the stage on a phone. */}
      <div class="call-main">
        <div class="stage">
          <Show when={group()} fallback={oneToOne()}>
            {/* Until the group chunk is in (prefetched, so rarely), the first person's tile still plays. */}
            <Suspense fallback={oneToOne()}>
              <GroupStage
                participants={state().participants}
                peers={session.peers}
                audioOnlyHere={state().local.audioOnly}
                sinkId={speaker()}
              />
            </Suspense>
          </Show>
          <Show
            when={
              state().media !== "failed" &&
              (!state().remoteStream || phase().name === "reconnecting" || state().media === "reconnecting")
            }
          >
            <p class="overlay" role="status" data-testid="call-status">
              {phase().name === "reconnecting" || state().media === "reconnecting"
                ? t("connectionReconnecting")
                : state().peerEverSeen && !state().peer
                  ? t("peerLeft")
                  : t("waitingForPeer")}
            </p>
          </Show>
          <Show when={state().media === "failed"}>
            <ConnectionFailed retry={() => session.retry()} />
          </Show>
          <SelfView stream={state().localStream} flags={state().local} />
        </div>
        <Show when={participantsOpen()}>
          <Suspense>
            <ParticipantsPanel
              self={state().self}
              ownName={state().ownName}
              ownRole={state().role}
              local={state().local}
              participants={state().participants}
              locked={state().locked}
              moderation={session}
              close={closeParticipants}
            />
          </Suspense>
        </Show>
        <Show when={chat()}>
          {(loaded) => {
            const Panel = loaded().module.ChatPanel;
            return (
              <Panel
                chat={loaded().chat}
                open={chatOpen()}
                onClose={() => {
                  setChatOpen(false);
                  chatButton?.focus();
                }}
                names={names()}
                droppedMessages={state().droppedPeerMessages}
              />
            );
          }}
        </Show>
      </div>
      <div class="call-notices">
        <Suspense>
          <Show when={state().graceEndsAt} keyed>
            {(endsAt) => <GraceNotice endsAt={endsAt} />}
          </Show>
          <Show when={nowModerating()}>
            <NowModeratorNotice dismiss={() => setNowModerating(false)} />
          </Show>
          <Show when={state().askedToMuteBy}>
            {(by) => (
              <AskedToMuteNotice
                by={by()}
                dismiss={() => session.dismissAskedToMute()}
                focusAfter={() => root.querySelector<HTMLElement>('[data-testid="mute-toggle"]')?.focus()}
              />
            )}
          </Show>
        </Suspense>
        <Show when={state().endsAt}>
          {(endsAt) => (
            <p class="banner" role="status" data-testid="time-warning">
              {tf("timeWarning", { time: formatTime(endsAt()) })}
            </p>
          )}
        </Show>
        <Show when={state().local.sharing}>
          <div class="banner sharing" role="status" data-testid="sharing-bar">
            <span>{t("youAreSharing")}</span>
            <button type="button" class="secondary" onClick={() => session.stopSharing()}>
              {t("stopSharing")}
            </button>
          </div>
        </Show>
        <Show when={state().suggestAudioOnly && !state().local.audioOnly}>
          <div class="banner" role="status">
            <span>{t("suggestAudioOnly")}</span>
            <button type="button" class="secondary" onClick={() => void session.setAudioOnly(true)}>
              {t("switchToAudioOnly")}
            </button>
          </div>
        </Show>
        <Show when={state().droppedPeerMessages > 0}>
          <p class="banner" role="status">
            {t("peerMessageDropped")}
          </p>
        </Show>
        {/* With the settings open, the toggle there says it; once read, Close puts it away. */}
        <Show when={!settingsOpen() && blur.problem() !== blurNoticeClosed()}>
          <div class="blur-notice-row">
            <BlurNotice blur={blur} />
            <button type="button" class="secondary" data-testid="blur-notice-close" onClick={closeBlurNotice}>
              {t("close")}
            </button>
          </div>
        </Show>
        <Show when={notice()}>
          {(key) => (
            <p class="banner error" role="alert">
              {t(key())}
            </p>
          )}
        </Show>
      </div>
      <ControlBar
        flags={state().local}
        role={state().role}
        moderator={state().self?.moderator}
        chatOpen={chatOpen()}
        unread={chat()?.chat.unread() ?? 0}
        fullscreen={fullscreen()}
        canFullscreen={document.fullscreenEnabled === true}
        toggleMute={() => session.setMuted(!state().local.muted)}
        toggleCamera={() => void toggle(session.setCameraOff(!state().local.cameraOff), "cameraOnFailed")}
        toggleAudioOnly={() => void toggle(session.setAudioOnly(!state().local.audioOnly), "cameraOnFailed")}
        toggleSharing={() => (state().local.sharing ? session.stopSharing() : void session.shareScreen())}
        toggleChat={() => {
          if (!chatOpen()) props.loadChat();
          // One panel at a time: on a phone both would lie over the picture.
          setParticipantsOpen(false);
          setChatOpen(!chatOpen());
        }}
        participantsOpen={participantsOpen()}
        people={Object.keys(state().participants).length + 1}
        toggleParticipants={() => {
          if (participantsOpen()) return closeParticipants();
          setChatOpen(false);
          setParticipantsOpen(true);
        }}
        participantsButton={(element) => {
          participantsButton = element;
        }}
        openSettings={() => setSettingsOpen(true)}
        toggleFullscreen={() =>
          void (document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen()).catch(
            () => undefined,
          )
        }
        end={() => setEnding(true)}
        endButton={(element) => {
          endButton = element;
        }}
        settingsButton={(element) => {
          settingsButton = element;
        }}
        chatButton={(element) => {
          chatButton = element;
        }}
      />
      <Show when={settingsOpen()}>
        <DeviceSettings
          stream={state().localStream}
          speaker={speaker()}
          useDevice={(kind, id) => session.useDevice(kind, id)}
          flipCamera={() => session.flipCamera()}
          setSpeaker={setSpeaker}
          blur={blur}
          close={() => {
            setSettingsOpen(false);
            settingsButton?.focus();
          }}
        />
      </Show>
      <Show when={ending()}>
        <EndDialog
          moderator={state().self?.moderator === true}
          confirm={() => session.hangUp()}
          leave={() => session.leave()}
          cancel={() => {
            setEnding(false);
            endButton?.focus();
          }}
        />
      </Show>
    </div>
  );
}
