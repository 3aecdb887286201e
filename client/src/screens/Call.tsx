// The consultation: a 1:1 call that fills the screen. The call session (call/session.ts) holds all of
// its state; this screen shows that state and passes the person's clicks on. Chat and files load
// when first used.
import { A, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createSignal, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { CloseCode } from "../../../schema/messages.ts";
import { browserPeerConnection } from "../call/negotiation.ts";
import {
  type CallPhase,
  type CallSession,
  type CallState,
  createCallSession,
  INITIAL_CALL_STATE,
} from "../call/session.ts";
import { ControlBar } from "../call/ui/controls.tsx";
import { DeviceSettings } from "../call/ui/device-settings.tsx";
import { EndDialog } from "../call/ui/end-dialog.tsx";
import { RemoteView, SelfView } from "../call/ui/stage.tsx";
import { ConnectionStatus, QualityIndicator, SafetyCode } from "../call/ui/top-bar.tsx";
import { formatTime, type MessageKey, t, tf } from "../i18n.ts";
import { relayOnly, rtcConfiguration, setRelayOnly } from "../ice.ts";
import { openCameraAndMicrophone, stopStream, takeOrOpenCameraAndMicrophone } from "../media.ts";
import { focusWhenShown, usePageTitle } from "../page.ts";
import { dropTicket, openedAsProvider, takeTicket } from "../tickets.ts";
import "../call/call.css";

type ChatModule = typeof import("../call/chat-panel.tsx");
/** The chat, once loaded: its module (for the panel and the save button) and its store. */
interface LoadedChat {
  module: ChatModule;
  chat: ReturnType<ChatModule["createCallChat"]>;
}

const noTicket: CallState = { ...INITIAL_CALL_STATE, phase: { name: "failed", problem: "ticketMissing" } };

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

/** Opens the handed-over stream, or camera and microphone, or the microphone alone: a call needs at least a voice. */
async function openCallMedia(): Promise<
  { ok: true; stream: MediaStream; audioOnlyFallback: boolean } | { ok: false; problem: MessageKey }
> {
  const media = await takeOrOpenCameraAndMicrophone();
  if (media.ok) return { ...media, audioOnlyFallback: false };
  const voice = await openCameraAndMicrophone({ audioOnly: true });
  return voice.ok ? { ...voice, audioOnlyFallback: true } : media;
}

function LiveCall(props: { session: CallSession; state: CallState; chat: LoadedChat | undefined; loadChat(): void }) {
  const state = () => props.state;
  const session = props.session;
  const phase = () => state().phase;
  const [ending, setEnding] = createSignal(false);
  const [settingsOpen, setSettingsOpen] = createSignal(false);
  const [chatOpen, setChatOpen] = createSignal(false);
  const chat = () => props.chat;
  const [speaker, setSpeaker] = createSignal<string>();
  const [fullscreen, setFullscreen] = createSignal(false);
  const [notice, setNotice] = createSignal<MessageKey>();
  let root!: HTMLDivElement;
  let endButton: HTMLButtonElement | undefined;
  let settingsButton: HTMLButtonElement | undefined;
  let chatButton: HTMLButtonElement | undefined;

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

  const names = () => ({ me: t("you"), them: state().peer?.name });

  return (
    <div class="call" ref={root} data-sharing={state().local.sharing || undefined}>
      <h1 class="visually-hidden">{t("callTitle")}</h1>
      <div class="call-top">
        <Show when={state().media !== "failed" && connectionState(state().media)}>
          {(connection) => <ConnectionStatus state={connection()} />}
        </Show>
        <Show when={state().quality}>{(quality) => <QualityIndicator quality={quality()} />}</Show>
        <Show when={state().safetyCode}>{(code) => <SafetyCode code={code()} role={state().role} />}</Show>
      </div>
      <div class="stage">
        <RemoteView
          stream={state().remoteStream}
          name={state().peer?.name}
          remote={state().remote}
          audioOnlyHere={state().local.audioOnly}
          sinkId={speaker()}
        />
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
          setChatOpen(!chatOpen());
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
          close={() => {
            setSettingsOpen(false);
            settingsButton?.focus();
          }}
        />
      </Show>
      <Show when={ending()}>
        <EndDialog
          role={state().role}
          confirm={() => session.hangUp()}
          cancel={() => {
            setEnding(false);
            endButton?.focus();
          }}
        />
      </Show>
    </div>
  );
}

export default function Call() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const ticket = takeTicket(params.id);
  // Without a ticket there is nothing to connect: the page says so and opens no camera.
  const session =
    ticket === null
      ? undefined
      : createCallSession({
          consultationId: params.id,
          ticket,
          iceConfiguration: rtcConfiguration,
          createConnection: browserPeerConnection,
          forgetTicket: () => dropTicket(params.id),
          loadQuality: () => import("../call/quality.ts"),
        });
  const [state, setState] = createSignal<CallState>(session?.state ?? noTicket);
  session?.subscribe(setState);
  const phase = () => state().phase;
  const [startedAudioOnly, setStartedAudioOnly] = createSignal(false);
  // The chat outlives the live call: the ended screen offers to save it.
  const [chat, setChat] = createSignal<LoadedChat>();
  let chatRequested = false;
  function loadChat() {
    if (!session || chatRequested) return;
    chatRequested = true;
    import("../call/chat-panel.tsx").then(
      (module) => {
        if (!disposed) setChat({ module, chat: module.createCallChat(session.link) });
      },
      () => {
        // A chunk that fails to load (an update meanwhile): the next click tries again.
        chatRequested = false;
      },
    );
  }
  usePageTitle(() => (phase().name === "ended" ? "callEndedTitle" : "callTitle"));
  let disposed = false;

  onMount(async () => {
    if (!session) return;
    const media = await openCallMedia();
    if (disposed) {
      if (media.ok) stopStream(media.stream);
      return;
    }
    if (!media.ok) return session.fail(media.problem);
    setStartedAudioOnly(media.audioOnlyFallback);
    session.start(media.stream);
  });

  onCleanup(() => {
    disposed = true;
    session?.dispose();
    chat()?.chat.dispose();
  });

  // A provider whose login ended (logout elsewhere, expiry) logs in again; a patient is told to use the link.
  createEffect(() => {
    const current = phase();
    const loggedOut =
      current.name === "failed" &&
      current.code === CloseCode.unauthorized &&
      (state().role === "provider" || openedAsProvider(params.id));
    if (loggedOut) navigate("/login", { replace: true });
  });

  return (
    <Switch>
      <Match when={phase().name === "failed" && (phase() as Extract<CallPhase, { name: "failed" }>)}>
        {(failed) => (
          <div class="card narrow" role="alert" data-testid="call-error">
            <h1 tabindex="-1" ref={focusWhenShown}>
              {t(failed().problem)}
            </h1>
          </div>
        )}
      </Match>
      <Match when={phase().name === "ended" && (phase() as Extract<CallPhase, { name: "ended" }>)}>
        {(ended) => (
          <div class="card narrow" role="status" data-testid="call-ended">
            <h1 tabindex="-1" ref={focusWhenShown}>
              {t("callEnded")}
            </h1>
            <p>{ended().note ? t(ended().note as MessageKey) : t("callEndedNothingKept")}</p>
            <Show when={chat()}>
              {(kept) => {
                const Save = kept().module.SaveChatButton;
                return <Save chat={kept().chat} names={{ me: t("you"), them: state().peer?.name }} />;
              }}
            </Show>
            <Show when={state().role === "provider"}>
              <A href="/dashboard">{t("backToDashboard")}</A>
            </Show>
          </div>
        )}
      </Match>
      <Match when={session}>
        {(live) => (
          <>
            <Show when={startedAudioOnly()}>
              <p class="visually-hidden" role="status">
                {t("startedAudioOnly")}
              </p>
            </Show>
            <LiveCall session={live()} state={state()} chat={chat()} loadChat={loadChat} />
          </>
        )}
      </Match>
    </Switch>
  );
}
