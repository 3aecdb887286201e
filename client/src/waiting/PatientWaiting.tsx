// The patient in the waiting room, after entering: their place, how long they have waited, what the
// practice says, and every way the wait can end. Loaded when the patient enters (screens/Join.tsx).
import { createEffect, createSignal, Match, onCleanup, Show, Switch } from "solid-js";
import { CloseCode, type DeviceCheck, type RoomStatus } from "../../../schema/messages.ts";
import { prefetchCallScreen } from "../call-screen.ts";
import { chime } from "../chime.ts";
import { formatTime, formatWaited, type MessageKey, t, tf } from "../i18n.ts";
import { focusWhenShown, useNow } from "../page.ts";
import { connectRoom, type RoomConnection, type RoomStop } from "../room.ts";
import { dropWaitingTicket, keepTicket, keepWaitingTicket, takeWaitingTicket } from "../tickets.ts";
import "./i18n-waiting.ts";
import { useWaitedMinutes } from "./use-waited.ts";

/** Tries to get back into a dropped waiting room before asking the patient to enter again. */
const MAX_RECONNECTS = 6;

/** Ways the waiting room can close for good, and what the patient is told. */
const closedFor: Partial<Record<number, MessageKey>> = {
  [CloseCode.replaced]: "replacedWaiting",
  [CloseCode.revoked]: "linkWithdrawn",
  [CloseCode.alreadyAdmitted]: "alreadyAdmitted",
  [CloseCode.idle]: "waitedTooLong",
  [CloseCode.flooded]: "tooManyMessages",
};

const statusText: Record<RoomStatus, MessageKey> = {
  available: "providerAvailable",
  busy: "providerBusy",
  away: "providerAway",
  offline: "providerNotHereYet",
};

type Phase =
  | { name: "connecting" }
  | { name: "waiting" }
  | { name: "reconnecting" }
  | { name: "denied"; message: string | null; retryAt: number }
  | { name: "left" }
  /** This link is in its consultation right now (another tab or device): the ticket moves the call here. */
  | { name: "in-call"; consultationId: string; ticket: string }
  /** Nothing more to do on this page. */
  | { name: "closed"; message: MessageKey; code: number };

export interface PatientWaitingProps {
  /** The invite link's token: the key under which the waiting ticket is kept for a reload. */
  token: string;
  ticket: string;
  /** The device check's result, reported to the providers once the room greets us. */
  device(): DeviceCheck;
  admitted(consultationId: string): void;
  /**
   * The wait ended without a call (denied, left, closed for good): camera and microphone are of no
   * more use here and go off. `back` opens them again for the check before entering again.
   */
  releaseDevices(): void;
  /** Back to the form: after leaving, after a deny's pause, or when entering again may help. */
  back(message?: string): void;
  /** Whether the link itself still works; asked when the room refuses us. */
  linkProblem(): Promise<string | undefined>;
}

export default function PatientWaiting(props: PatientWaitingProps) {
  const [phase, setPhase] = createSignal<Phase>({ name: "connecting" });
  const [position, setPosition] = createSignal(0);
  /** When the wait began, on this device's clock (the room says how long it has been). */
  const [waitingSince, setWaitingSince] = createSignal(Date.now());
  const [status, setStatus] = createSignal<{ status: RoomStatus; message: string | null }>({
    status: "offline",
    message: null,
  });
  const [notice, setNotice] = createSignal<string>();
  const [hold, setHold] = createSignal<{ message: string | null }>();
  const [transferredTo, setTransferredTo] = createSignal<string>();
  // For the deny's "ask again at": it only needs to notice that the time has come.
  const now = useNow(5_000);
  const waitedMinutes = useWaitedMinutes(waitingSince);
  let room: RoomConnection | undefined;
  let disposed = false;
  onCleanup(() => {
    disposed = true;
    room?.close();
  });

  function connect(ticket: string) {
    keepWaitingTicket(props.token, ticket);
    room = connectRoom(
      { path: "/api/ws/waiting", ticket, maxReconnects: MAX_RECONNECTS, capMs: 10_000 },
      {
        message(message) {
          switch (message.type) {
            case "hello":
              room?.send({ type: "device", device: props.device() });
              return;
            case "position":
              setPosition(message.position);
              setWaitingSince(Date.now() - message.waitedMs);
              if (phase().name !== "waiting") setPhase({ name: "waiting" });
              // In the queue: the call screen loads now, so that being let in does not wait for it.
              prefetchCallScreen();
              return;
            case "room-status":
              setStatus({ status: message.status, message: message.message });
              return;
            case "notice":
              setNotice(message.text);
              return;
            case "on-hold":
              setHold({ message: message.message });
              return;
            case "hold-released":
              setHold(undefined);
              return;
            case "ticket":
              keepWaitingTicket(props.token, message.ticket);
              return;
            case "transferred":
              // The room closes this socket next (4009); the colleague's room takes the new ticket.
              keepWaitingTicket(props.token, message.ticket);
              setTransferredTo(message.to);
              setHold(undefined);
              return;
            case "admitted":
              dropWaitingTicket(props.token);
              keepTicket(message.consultationId, message.ticket);
              document.title = `${t("admittedTitle")} · ${t("appName")}`;
              chime();
              props.admitted(message.consultationId);
              return;
            case "in-call":
              // Never a second place: the room closes this socket next (4006) and queues nobody.
              dropWaitingTicket(props.token);
              setPhase({ name: "in-call", consultationId: message.consultationId, ticket: message.ticket });
              return;
            case "denied":
              dropWaitingTicket(props.token);
              setPhase({ name: "denied", message: message.message, retryAt: message.retryAt });
              return;
          }
        },
        state(state) {
          if (state === "reconnecting") setPhase({ name: "reconnecting" });
        },
        stopped: (stop) => void stopped(stop),
      },
    );
  }

  async function stopped(stop: RoomStop) {
    if (disposed || stop.code === CloseCode.admitted || phase().name === "denied" || phase().name === "in-call") return;
    // Moved to a colleague, or to the practice's (or one's own) room: the new room takes the new ticket.
    if (stop.code === CloseCode.transferred || stop.code === CloseCode.reopened) {
      const moved = takeWaitingTicket(props.token);
      if (moved) return connect(moved);
    }
    dropWaitingTicket(props.token);
    if (stop.code === CloseCode.denied) return setPhase({ name: "denied", message: null, retryAt: Date.now() });
    const closed = closedFor[stop.code];
    if (closed) return setPhase({ name: "closed", message: closed, code: stop.code });
    // Refused or lost: if the link itself is no longer good, say why; otherwise entering again hands
    // out a fresh ticket (after a new server secret, say).
    const problem = await props.linkProblem();
    if (!disposed) props.back(problem ?? t("enterAgain"));
  }

  /** Leaving removes the patient from the queue at once; the camera goes off until they enter again. */
  function leave() {
    room?.send({ type: "leave" });
    room?.close();
    room = undefined;
    dropWaitingTicket(props.token);
    setPhase({ name: "left" });
  }

  /** The call moves to this tab: the older tab's connection to it is replaced, and it says so. */
  function moveCallHere(call: { consultationId: string; ticket: string }) {
    keepTicket(call.consultationId, call.ticket);
    props.admitted(call.consultationId);
  }

  createEffect(() => {
    const name = phase().name;
    // In the call elsewhere: this tab's camera goes off; moving the call here opens it again.
    if (name === "denied" || name === "left" || name === "closed" || name === "in-call") props.releaseDevices();
  });

  connect(props.ticket);

  return (
    <Switch>
      <Match when={phase().name === "connecting"}>
        <p class="muted card" role="status" data-testid="waiting-status">
          {t("joining")}
        </p>
      </Match>
      <Match when={phase().name === "waiting"}>
        <div class="card waiting-card" role="status" aria-live="polite" data-testid="waiting-status">
          {/* One true thing at a time: "let in shortly" only while the provider is online and available. */}
          <h2 tabindex="-1" ref={focusWhenShown} data-testid="provider-status" data-state={status().status}>
            {t(statusText[status().status])}
          </h2>
          {/* Place and time right under the status: short, and what a patient looks for first. */}
          <p class="waiting-place">
            {t("positionInQueue")} <strong data-testid="waiting-position">{position()}</strong>
          </p>
          <p class="muted waiting-place" data-testid="waiting-time">
            {tf("waitedFor", { time: formatWaited(waitedMinutes()) })}
          </p>
          <Show when={transferredTo()}>{(name) => <p class="ok">{tf("transferredTo", { name: name() })}</p>}</Show>
          <Show when={status().message}>
            {(message) => (
              <p class="notice" data-testid="practice-message">
                <strong>{t("practiceSays")}:</strong> {message()}
              </p>
            )}
          </Show>
          <Show when={hold()}>
            {(held) => (
              <div class="notice" data-testid="on-hold">
                <p>{t("onHold")}</p>
                <Show when={held().message}>{(message) => <p>{message()}</p>}</Show>
              </div>
            )}
          </Show>
          <Show when={notice()}>
            {(text) => (
              <p class="notice" role="alert" data-testid="patient-notice">
                <strong>{t("noticeFromPractice")}:</strong> {text()}
              </p>
            )}
          </Show>
          <button type="button" class="secondary" data-testid="leave-waiting-room" onClick={leave}>
            {t("leaveWaitingRoom")}
          </button>
        </div>
      </Match>
      <Match when={phase().name === "left"}>
        <div class="card" role="status">
          <h2 tabindex="-1" ref={focusWhenShown}>
            {t("leftWaitingRoom")}
          </h2>
          <button type="button" onClick={() => props.back()}>
            {t("enterAgainButton")}
          </button>
        </div>
      </Match>
      <Match when={phase().name === "in-call" && (phase() as Extract<Phase, { name: "in-call" }>)}>
        {(call) => (
          <div class="card" role="alert" data-testid="already-in-call">
            <h2 tabindex="-1" ref={focusWhenShown}>
              {t("alreadyInCall")}
            </h2>
            <p>{t("alreadyInCallHelp")}</p>
            <button type="button" data-testid="move-call-here" onClick={() => moveCallHere(call())}>
              {t("moveCallHere")}
            </button>
          </div>
        )}
      </Match>
      <Match when={phase().name === "reconnecting"}>
        <p class="error card" role="status" data-testid="waiting-status">
          {t("disconnected")}
        </p>
      </Match>
      <Match when={phase().name === "denied" && (phase() as Extract<Phase, { name: "denied" }>)}>
        {(denied) => (
          <div class="error card" role="alert" data-testid="waiting-denied">
            <div data-testid="denied">
              <h2 tabindex="-1" ref={focusWhenShown}>
                {t("denied")}
              </h2>
              <Show when={denied().message}>
                {(message) => (
                  <p class="notice">
                    <strong>{t("practiceSays")}:</strong> {message()}
                  </p>
                )}
              </Show>
            </div>
            <Show
              when={now() >= denied().retryAt}
              fallback={<p>{tf("deniedAskAgainAt", { time: formatTime(denied().retryAt) })}</p>}
            >
              <button type="button" class="secondary" onClick={() => props.back()}>
                {t("askAgain")}
              </button>
            </Show>
          </div>
        )}
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
  );
}
