// The consultation: a 1:1 call. The call session (call/session.ts) holds all of its state; this
// screen shows that state and passes the person's clicks on.
import { A, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createSignal, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { CloseCode } from "../../../schema/messages.ts";
import { NO_FLAGS } from "../../../schema/peer-messages.ts";
import { browserPeerConnection } from "../call/negotiation.ts";
import { type CallPhase, type CallState, createCallSession } from "../call/session.ts";
import { type MessageKey, t } from "../i18n.ts";
import { relayOnly, rtcConfiguration, setRelayOnly } from "../ice.ts";
import { stopStream, takeOrOpenCameraAndMicrophone } from "../media.ts";
import { focusWhenShown, usePageTitle } from "../page.ts";
import { dropTicket, openedAsProvider, takeTicket } from "../tickets.ts";
import { Video } from "../video.tsx";

const noTicket: CallState = {
  phase: { name: "failed", problem: "ticketMissing" },
  peerEverSeen: false,
  media: "none",
  local: NO_FLAGS,
  remote: NO_FLAGS,
  suggestAudioOnly: false,
  peerMessages: 0,
  droppedPeerMessages: 0,
};

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
      <label class="check">
        <input type="checkbox" checked={relayOnly()} onChange={(e) => setRelayOnly(e.currentTarget.checked)} />
        <span>{t("relayOnlyOption")}</span>
      </label>
      <button type="button" data-testid="retry-connection" onClick={() => props.retry()}>
        {t("retry")}
      </button>
    </div>
  );
}

export default function Call() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [localStream, setLocalStream] = createSignal<MediaStream>();
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
        });
  const [state, setState] = createSignal<CallState>(session?.state ?? noTicket);
  session?.subscribe(setState);
  const phase = () => state().phase;
  usePageTitle(() => (phase().name === "ended" ? "callEndedTitle" : "callTitle"));
  let disposed = false;

  onMount(async () => {
    if (!session) return;
    const media = await takeOrOpenCameraAndMicrophone();
    if (disposed) {
      if (media.ok) stopStream(media.stream);
      return;
    }
    if (!media.ok) return session.fail(media.problem);
    setLocalStream(media.stream);
    session.start(media.stream);
  });

  onCleanup(() => {
    disposed = true;
    session?.dispose();
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
            <Show when={state().role === "provider"}>
              <A href="/dashboard">{t("backToDashboard")}</A>
            </Show>
          </div>
        )}
      </Match>
      <Match when={true}>
        <div class="call">
          <h1 class="visually-hidden">{t("callTitle")}</h1>
          <div class="stage">
            <Video stream={state().remoteStream} testid="remote-video" label={state().peer?.name} />
            <Show when={state().media !== "failed" && (!state().remoteStream || phase().name === "reconnecting")}>
              <p class="overlay" role="status" data-testid="call-status">
                {phase().name === "reconnecting"
                  ? t("disconnected")
                  : state().peerEverSeen && !state().peer
                    ? t("peerLeft")
                    : t("waitingForPeer")}
              </p>
            </Show>
            <Show when={state().media === "failed"}>
              <ConnectionFailed retry={() => session?.retry()} />
            </Show>
            <Show when={state().peer}>{(p) => <span class="name">{p().name}</span>}</Show>
            <div class="self">
              <Video stream={localStream()} muted testid="local-video" />
            </div>
          </div>
          <div class="controls">
            <Show when={state().media !== "failed" && connectionState(state().media)}>
              {(connection) => (
                <p class="connection" role="status" data-testid="connection-status" data-state={connection()}>
                  {connection() === "connected" ? t("connectionConnected") : t("connectionReconnecting")}
                </p>
              )}
            </Show>
            <button type="button" class="danger" data-testid="end-call" onClick={() => session?.hangUp()}>
              {state().role === "provider" ? t("endCall") : t("leaveCall")}
            </button>
          </div>
        </div>
      </Match>
    </Switch>
  );
}
