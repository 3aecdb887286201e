// The consultation: a 1:1 call that fills the screen. The call session (call/session.ts) holds all of
// its state; this screen shows that state and passes the person's clicks on. Chat and files load
// when first used.
import { useNavigate, useParams } from "@solidjs/router";
import { createEffect, createSignal, lazy, Match, onCleanup, Show, Suspense, Switch } from "solid-js";
import { CloseCode } from "../../../schema/messages.ts";
import { readBrand } from "../patient/kept-brand.ts";
import { type MessageKey, t } from "../shared/i18n.ts";
import { rtcConfiguration } from "../shared/ice.ts";
import { openCameraAndMicrophone, stopStream, takeOrOpenCameraAndMicrophone } from "../shared/media.ts";
import { callName } from "../shared/own-name.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import { dropTicket, openedAsProvider, takeTicket } from "../shared/tickets.ts";
import { browserPeerConnection } from "./negotiation.ts";
import { nameOf } from "./participant-name.ts";
import { type CallPhase, type CallState, createCallSession, INITIAL_CALL_STATE } from "./session.ts";
import { CallEnded } from "./ui/ended.tsx";
import { LiveCall, type LoadedChat } from "./ui/live-call.tsx";

// The group chunk (grid, participants panel) is fetched as soon as this screen's code is: the waiting
// room prefetches this module (call-screen.ts), so the group's is there at admission too, without a
// byte of it, or of this line, in the first load (call-screen.ts is part of the entry).
import("./group/index.ts").catch(() => undefined);

/** The provider's waiting room during the call (busy, who waits, silently): loaded for providers only. */
const CallWaiting = lazy(() => import("../waiting/call-waiting.tsx"));

const noTicket: CallState = { ...INITIAL_CALL_STATE, phase: { name: "failed", problem: "ticketMissing" } };

/** Opens the handed-over stream, or camera and microphone, or the microphone alone: a call needs at least a voice. */
async function openCallMedia(): Promise<
  { ok: true; stream: MediaStream; audioOnlyFallback: boolean } | { ok: false; problem: MessageKey }
> {
  const media = await takeOrOpenCameraAndMicrophone();
  if (media.ok) return { ...media, audioOnlyFallback: false };
  const voice = await openCameraAndMicrophone({ audioOnly: true });
  return voice.ok ? { ...voice, audioOnlyFallback: true } : media;
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
          loadQuality: () => import("./quality.ts"),
          // A patient's or guest's name as they typed it: told to the others, never to the server.
          ownName: () => callName(params.id),
        });
  const [state, setState] = createSignal<CallState>(session?.state ?? noTicket);
  session?.subscribe(setState);
  // Signaling and the camera start at once, before the screen is drawn (the patient's camera is handed
  // over; the provider's opens now): none of them needs the others.
  session?.open();
  const opening = session ? openCallMedia() : undefined;
  const phase = () => state().phase;
  const [startedAudioOnly, setStartedAudioOnly] = createSignal(false);
  // The chat outlives the live call: the ended screen offers to save it.
  const [chat, setChat] = createSignal<LoadedChat>();
  let chatRequested = false;
  function loadChat() {
    if (!session || chatRequested) return;
    chatRequested = true;
    import("./chat-panel.tsx").then(
      (module) => {
        // The others in the call, for their names beside their messages and the file's recipient.
        if (!disposed) setChat({ module, chat: module.createCallChat(session.link, () => state().participants) });
      },
      () => {
        // A chunk that fails to load (an update meanwhile): the next click tries again.
        chatRequested = false;
      },
    );
  }
  /** A provider by the room's word, or by this tab's own record when the room never said (no hello yet). */
  const isProvider = () => state().role === "provider" || openedAsProvider(params.id);
  usePageTitle(() => (phase().name === "ended" ? "callEndedTitle" : "callTitle"));
  /** The other side of a 1:1 call by name, for the saved chat (the chat itself keeps who said what). */
  const peerName = () => {
    const peer = state().peer;
    return peer ? nameOf({ participant: peer }) : undefined;
  };
  let disposed = false;

  // Not tied to the screen's mount: a screen gone before its camera came up still turns the camera off.
  void opening?.then((media) => {
    if (!session) return;
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
          <CallEnded
            note={ended().note}
            provider={isProvider()}
            brand={readBrand(params.id)}
            files={
              <Show when={chat()}>
                {(kept) => {
                  const Files = kept().module.ReceivedFiles;
                  return <Files chat={kept().chat} />;
                }}
              </Show>
            }
          >
            <Show when={chat()}>
              {(kept) => {
                const Save = kept().module.SaveChatButton;
                return <Save chat={kept().chat} names={{ me: t("you"), them: peerName() }} />;
              }}
            </Show>
          </CallEnded>
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
            <LiveCall
              session={live()}
              state={state()}
              chat={chat()}
              loadChat={loadChat}
              waiting={
                <Show when={isProvider()}>
                  <Suspense>
                    <CallWaiting consultationId={params.id} moderator={state().self?.moderator === true} />
                  </Suspense>
                </Show>
              }
            />
          </>
        )}
      </Match>
    </Switch>
  );
}
