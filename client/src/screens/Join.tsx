// The patient's path: check the link, see yourself, give a name and consent, wait to be admitted.
import { useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, Match, onCleanup, Show, Switch } from "solid-js";
import type { InviteState, InviteStatus } from "../../../schema/api-types.ts";
import { CONSENT_TEXT_VERSION } from "../../../schema/consent.ts";
import { MAX_NAME_LENGTH } from "../../../schema/limits.ts";
import { CloseCode } from "../../../schema/messages.ts";
import { api } from "../api.ts";
import { describeError } from "../form.ts";
import { formatDateTime, formatWait, type MessageKey, t, tf } from "../i18n.ts";
import { relayOnly, setRelayOnly } from "../ice.ts";
import { LoadFailed } from "../load-failed.tsx";
import { handOverStream, type MediaResult, openCameraAndMicrophone, stopStream } from "../media.ts";
import { focusWhenShown, useNow, usePageTitle } from "../page.ts";
import { connectRoom, type RoomConnection, type RoomStop } from "../room.ts";
import { keepTicket } from "../tickets.ts";
import { Video } from "../video.tsx";

const inviteProblem: Record<Exclude<InviteState, "valid">, MessageKey> = {
  unknown: "inviteUnknown",
  expired: "inviteExpired",
  revoked: "inviteRevoked",
  "not-yet-valid": "inviteNotYetValid",
};

/** Tries to get back into a dropped waiting room before asking the patient to enter again. */
const MAX_RECONNECTS = 4;

/** Ways the waiting room can close for good, and what the patient is told. */
const closedFor: Partial<Record<number, MessageKey>> = {
  [CloseCode.replaced]: "replacedWaiting",
  [CloseCode.revoked]: "linkWithdrawn",
  [CloseCode.alreadyAdmitted]: "alreadyAdmitted",
};

type Phase =
  | { name: "form" }
  | { name: "joining" }
  | { name: "waiting"; position: number; providerPresent: boolean }
  | { name: "reconnecting" }
  | { name: "denied" }
  /** The patient left on purpose; entering again is one click. */
  | { name: "left" }
  /** Entering again may help: the form is shown with the message. */
  | { name: "failed"; message: string }
  /** Nothing more to do on this page. */
  | { name: "closed"; message: MessageKey; code: number };

/** The practice's name and its contact line, so a patient knows where they are and whom to call. */
function PracticeLine(props: { status: InviteStatus }) {
  return (
    <Show when={props.status.practiceName}>
      <p class="muted" data-testid="practice-info">
        {props.status.practiceName}
        <Show when={props.status.contactLine}>{(line) => <> · {line()}</>}</Show>
      </p>
    </Show>
  );
}

export default function Join() {
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const [invite] = createResource(() => params.token, api.inviteStatus);
  let disposed = false;
  /** The patient chose to go on without a camera (blocked, missing or refused). */
  const [audioOnly, setAudioOnly] = createSignal(false);
  // The source is an object: Solid does not fetch while a source is false.
  const [media, { refetch: retryMedia }] = createResource(
    () => ({ audioOnly: audioOnly() }),
    async (choice): Promise<MediaResult> => {
      const result = await openCameraAndMicrophone(choice);
      // The page may have been left while the browser asked for permission.
      if (disposed && result.ok) stopStream(result.stream);
      return result;
    },
  );
  const [phase, setPhase] = createSignal<Phase>({ name: "form" });
  let room: RoomConnection | undefined;
  let admitted = false;
  usePageTitle(() => "pageWaitingRoom");

  onCleanup(() => {
    disposed = true;
    room?.close();
    const current = media();
    if (current?.ok && !admitted) stopStream(current.stream);
  });

  async function stopped(stop: RoomStop) {
    if (disposed || phase().name === "denied") return;
    if (stop.code === CloseCode.admitted) return;
    if (stop.code === CloseCode.denied) return setPhase({ name: "denied" });
    const closed = closedFor[stop.code];
    if (closed) return setPhase({ name: "closed", message: closed, code: stop.code });
    // Refused or lost: if the link itself is no longer good, say why; otherwise entering again hands
    // out a fresh ticket (after a new server secret, say).
    const status = await api.inviteStatus(params.token).catch(() => undefined);
    if (disposed) return;
    if (status && status.status !== "valid") {
      return setPhase({ name: "failed", message: t(inviteProblem[status.status as Exclude<InviteState, "valid">]) });
    }
    setPhase({ name: "failed", message: t("enterAgain") });
  }

  function enterWaitingRoom(ticket: string) {
    room = connectRoom(
      { path: "/api/ws/waiting", ticket, maxReconnects: MAX_RECONNECTS, capMs: 10_000 },
      {
        message(message) {
          if (message.type === "waiting") {
            setPhase({ name: "waiting", position: message.position, providerPresent: message.providerPresent });
          } else if (message.type === "admitted") {
            admitted = true;
            const current = media();
            if (current?.ok) handOverStream(current.stream);
            keepTicket(message.consultationId, message.ticket);
            navigate(`/c/${message.consultationId}`);
          } else if (message.type === "denied") {
            setPhase({ name: "denied" });
          }
        },
        state(state) {
          if (state === "reconnecting") setPhase({ name: "reconnecting" });
        },
        stopped: (stop) => void stopped(stop),
      },
    );
  }

  /** A patient is let in with a working microphone at least: never silently with nothing. */
  const deviceReady = () => media()?.ok === true;

  /** The name given when entering, kept for entering again after leaving. */
  let enteredName = "";
  /** When this patient entered: the page counts their wait from then. */
  let enteredAt = Date.now();
  const now = useNow();

  /** Leaving removes the patient from the queue at once; the camera check stays for entering again. */
  function leave() {
    room?.send({ type: "leave" });
    room?.close();
    room = undefined;
    setPhase({ name: "left" });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!deviceReady()) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    enteredName = String(form.get("name"));
    setPhase({ name: "joining" });
    try {
      const { ticket } = await api.join(params.token, {
        name: String(form.get("name")),
        consent: true,
        consentVersion: CONSENT_TEXT_VERSION,
      });
      enteredAt = Date.now();
      enterWaitingRoom(ticket);
    } catch (e) {
      setPhase({ name: "failed", message: describeError(e) });
    }
  }

  return (
    <Switch fallback={<p class="muted">{t("loading")}</p>}>
      <Match when={invite.error}>
        <LoadFailed />
      </Match>
      <Match when={invite()?.status !== "valid" && invite()}>
        {(status) => (
          <div class="card narrow" role="alert" data-testid="invite-error" data-status={status().status}>
            <h1 tabindex="-1" ref={focusWhenShown}>
              {t("joinTitle")}
            </h1>
            <p>
              {t(inviteProblem[status().status as Exclude<InviteState, "valid">])}
              <Show when={status().status === "not-yet-valid" && status().validFrom}>
                {(from) => <> {formatDateTime(from())}.</>}
              </Show>
            </p>
            <PracticeLine status={status()} />
          </div>
        )}
      </Match>
      <Match when={invite()}>
        {(status) => (
          <div class="join">
            <h1>
              {t("joinTitle")}
              <Show when={status().providerName}>
                {" "}
                {t("withProvider")} {status().providerName}
              </Show>
            </h1>
            <Show when={status().startsAt}>{(at) => <p class="muted">{formatDateTime(at())}</p>}</Show>
            <PracticeLine status={status()} />
            <section class="card" aria-labelledby="device-heading">
              <h2 id="device-heading">{t("cameraCheck")}</h2>
              <Show when={media()} fallback={<p class="muted">{t("loading")}</p>}>
                {(result) => (
                  <Show
                    when={result().ok && result()}
                    fallback={
                      <div role="alert">
                        <p class="error" data-testid="device-problem">
                          {t((result() as Extract<MediaResult, { ok: false }>).problem)}
                        </p>
                        <div class="actions">
                          <button type="button" onClick={() => void retryMedia()}>
                            {t("retry")}
                          </button>
                          <Show when={!audioOnly() && result().ok === false && result()}>
                            {(failed) => (
                              <Show
                                when={(failed() as Extract<MediaResult, { ok: false }>).problem !== "cameraUnsupported"}
                              >
                                <button
                                  type="button"
                                  class="secondary"
                                  data-testid="audio-only-continue"
                                  onClick={() => setAudioOnly(true)}
                                >
                                  {t("continueAudioOnly")}
                                </button>
                              </Show>
                            )}
                          </Show>
                        </div>
                      </div>
                    }
                  >
                    {(ok) => (
                      <>
                        <Show when={!audioOnly()}>
                          <Video
                            stream={(ok() as Extract<MediaResult, { ok: true }>).stream}
                            muted
                            testid="local-video"
                          />
                        </Show>
                        <p class="ok">{audioOnly() ? t("audioOnlyOk") : t("cameraOk")}</p>
                      </>
                    )}
                  </Show>
                )}
              </Show>
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="relay-only"
                  checked={relayOnly()}
                  aria-describedby="relay-only-help"
                  onChange={(e) => setRelayOnly(e.currentTarget.checked)}
                />
                <span>
                  {t("hideAddress")}
                  <br />
                  <small class="muted" id="relay-only-help">
                    {t("hideAddressHelp")}
                  </small>
                </span>
              </label>
            </section>
            <Switch>
              <Match when={phase().name === "form" || phase().name === "joining" || phase().name === "failed"}>
                <form class="card" onSubmit={submit}>
                  <label>
                    {t("yourName")}
                    <input
                      name="name"
                      required
                      maxLength={MAX_NAME_LENGTH}
                      autocomplete="name"
                      value={enteredName}
                      data-testid="patient-name"
                    />
                  </label>
                  <label class="check">
                    <input type="checkbox" name="consent" required data-testid="consent-checkbox" />
                    <span>{t("consentText")}</span>
                  </label>
                  <Show when={phase().name === "failed"}>
                    <p class="error" role="alert">
                      {(phase() as Extract<Phase, { name: "failed" }>).message}
                    </p>
                  </Show>
                  <Show when={media() && !deviceReady()}>
                    <p class="muted">{t("checkFirst")}</p>
                  </Show>
                  <button
                    type="submit"
                    disabled={phase().name === "joining" || !deviceReady()}
                    data-testid="join-waiting-room"
                  >
                    {phase().name === "joining" ? t("joining") : t("enterWaitingRoom")}
                  </button>
                </form>
              </Match>
              <Match when={phase().name === "waiting" && (phase() as Extract<Phase, { name: "waiting" }>)}>
                {(waiting) => (
                  <div class="card" role="status" aria-live="polite" data-testid="waiting-status">
                    {/* One true thing at a time: "let in shortly" only while the provider is online. */}
                    <h2 tabindex="-1" ref={focusWhenShown} data-testid="provider-status">
                      {waiting().providerPresent ? t("waitingForProvider") : t("providerNotHereYet")}
                    </h2>
                    <p>
                      {t("positionInQueue")} <strong data-testid="waiting-position">{waiting().position}</strong>
                    </p>
                    <p class="muted" data-testid="waiting-time">
                      {tf("waitedFor", { time: formatWait(Math.max(0, (now() - enteredAt) / 1000)) })}
                    </p>
                    <button type="button" class="secondary" data-testid="leave-waiting-room" onClick={leave}>
                      {t("leaveWaitingRoom")}
                    </button>
                  </div>
                )}
              </Match>
              <Match when={phase().name === "left"}>
                <div class="card" role="status">
                  <h2 tabindex="-1" ref={focusWhenShown}>
                    {t("leftWaitingRoom")}
                  </h2>
                  <button type="button" onClick={() => setPhase({ name: "form" })}>
                    {t("enterAgainButton")}
                  </button>
                </div>
              </Match>
              <Match when={phase().name === "reconnecting"}>
                <p class="error card" role="status" data-testid="waiting-status">
                  {t("disconnected")}
                </p>
              </Match>
              <Match when={phase().name === "denied"}>
                <p class="error card" role="alert" data-testid="denied">
                  <span data-testid="waiting-denied">{t("denied")}</span>
                </p>
              </Match>
              <Match when={phase().name === "closed" && (phase() as Extract<Phase, { name: "closed" }>)}>
                {(closed) => (
                  <div
                    class="card"
                    role="alert"
                    data-testid={closed().code === CloseCode.revoked ? "invite-error" : undefined}
                    data-status={closed().code === CloseCode.revoked ? "revoked" : undefined}
                  >
                    <h2 tabindex="-1" ref={focusWhenShown}>
                      {t(closed().message)}
                    </h2>
                  </div>
                )}
              </Match>
            </Switch>
          </div>
        )}
      </Match>
    </Switch>
  );
}
