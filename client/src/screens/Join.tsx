// The patient's path: check the link, see yourself, give a name and consent, wait to be admitted.
import { useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, Match, onCleanup, Show, Switch } from "solid-js";
import type { InviteState } from "../../../schema/api-types.ts";
import { CONSENT_TEXT_VERSION } from "../../../schema/consent.ts";
import { CloseCode } from "../../../schema/messages.ts";
import { api } from "../api.ts";
import { describeError } from "../form.ts";
import { formatDateTime, type MessageKey, t } from "../i18n.ts";
import { handOverStream, type MediaResult, openCameraAndMicrophone, stopStream } from "../media.ts";
import { connectRoom, type RoomConnection, reconnectDelay } from "../socket.ts";
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

type Phase =
  | { name: "form" }
  | { name: "joining" }
  | { name: "waiting"; position: number; providerPresent: boolean }
  | { name: "reconnecting" }
  | { name: "denied" }
  | { name: "failed"; message: string };

export default function Join() {
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const [invite] = createResource(() => params.token, api.inviteStatus);
  let disposed = false;
  const [media, { refetch: retryMedia }] = createResource<MediaResult>(async () => {
    const result = await openCameraAndMicrophone();
    // The page may have been left while the browser asked for permission.
    if (disposed && result.ok) stopStream(result.stream);
    return result;
  });
  const [phase, setPhase] = createSignal<Phase>({ name: "form" });
  let room: RoomConnection | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let admitted = false;

  onCleanup(() => {
    disposed = true;
    clearTimeout(retry);
    room?.close();
    const current = media();
    if (current?.ok && !admitted) stopStream(current.stream);
  });

  function enterWaitingRoom(ticket: string) {
    room = connectRoom(
      "/api/ws/waiting",
      {
        message(message) {
          if (message.type === "waiting") {
            attempt = 0;
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
        async closed(code) {
          if (disposed || code === CloseCode.admitted || code === CloseCode.denied || phase().name === "denied") return;
          if (code === CloseCode.replaced) return setPhase({ name: "failed", message: t("replacedWaiting") });
          // The ticket no longer opens (a new server secret, say): entering again hands out a fresh one.
          if (code === CloseCode.unauthorized) return setPhase({ name: "failed", message: t("enterAgain") });
          if (attempt >= MAX_RECONNECTS) return setPhase({ name: "failed", message: t("enterAgain") });
          // A dropped connection: check the link is still good, then come back with the same ticket.
          setPhase({ name: "reconnecting" });
          const status = await api.inviteStatus(params.token).catch(() => undefined);
          if (disposed) return;
          if (status && status.status !== "valid") {
            return setPhase({
              name: "failed",
              message: t(inviteProblem[status.status as Exclude<InviteState, "valid">]),
            });
          }
          if (code === CloseCode.forbidden) return setPhase({ name: "failed", message: t("enterAgain") });
          retry = setTimeout(() => enterWaitingRoom(ticket), reconnectDelay(attempt++, 10_000));
        },
      },
      ticket,
    );
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setPhase({ name: "joining" });
    try {
      const { ticket } = await api.join(params.token, {
        name: String(form.get("name")),
        consent: true,
        consentVersion: CONSENT_TEXT_VERSION,
      });
      enterWaitingRoom(ticket);
    } catch (e) {
      setPhase({ name: "failed", message: describeError(e) });
    }
  }

  return (
    <Switch fallback={<p class="muted">{t("loading")}</p>}>
      <Match when={invite.error}>
        <div class="card narrow" role="alert">
          <p class="error">{t("errorGeneric")}</p>
          <button type="button" onClick={() => location.reload()}>
            {t("retry")}
          </button>
        </div>
      </Match>
      <Match when={invite()?.status !== "valid" && invite()}>
        {(status) => (
          <div class="card narrow" role="alert" data-testid="invite-error" data-status={status().status}>
            <h1>{t("joinTitle")}</h1>
            <p>
              {t(inviteProblem[status().status as Exclude<InviteState, "valid">])}
              <Show when={status().status === "not-yet-valid" && status().validFrom}>
                {(from) => <> {formatDateTime(from())}.</>}
              </Show>
            </p>
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
                        <button type="button" onClick={() => void retryMedia()}>
                          {t("retry")}
                        </button>
                      </div>
                    }
                  >
                    {(ok) => (
                      <>
                        <Video
                          stream={(ok() as Extract<MediaResult, { ok: true }>).stream}
                          muted
                          testid="local-video"
                        />
                        <p class="ok">{t("cameraOk")}</p>
                      </>
                    )}
                  </Show>
                )}
              </Show>
            </section>
            <Switch>
              <Match when={phase().name === "form" || phase().name === "joining" || phase().name === "failed"}>
                <form class="card" onSubmit={submit}>
                  <label>
                    {t("yourName")}
                    <input name="name" required maxLength={60} autocomplete="name" data-testid="patient-name" />
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
                  <button type="submit" disabled={phase().name === "joining"} data-testid="join-waiting-room">
                    {phase().name === "joining" ? t("joining") : t("enterWaitingRoom")}
                  </button>
                </form>
              </Match>
              <Match when={phase().name === "waiting" && (phase() as Extract<Phase, { name: "waiting" }>)}>
                {(waiting) => (
                  <div class="card" role="status" aria-live="polite" data-testid="waiting-status">
                    <p>
                      <strong>{t("waitingForProvider")}</strong>
                    </p>
                    <p>
                      {t("positionInQueue")} {waiting().position}
                    </p>
                    <Show when={!waiting().providerPresent}>
                      <p class="muted">{t("providerNotHereYet")}</p>
                    </Show>
                  </div>
                )}
              </Match>
              <Match when={phase().name === "reconnecting"}>
                <p class="error card" role="status" data-testid="waiting-status">
                  {t("disconnected")}
                </p>
              </Match>
              <Match when={phase().name === "denied"}>
                <p class="error card" role="alert" data-testid="denied">
                  {t("denied")}
                </p>
              </Match>
            </Switch>
          </div>
        )}
      </Match>
    </Switch>
  );
}
