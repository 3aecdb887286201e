// The patient in the waiting room, after entering: their place, how long they have waited, what the
// practice says, and every way the wait can end. It draws the patient waiting session's state
// (patient-session.ts) and passes clicks on. Loaded when the patient enters (patient/Join.tsx).
import { createEffect, createMemo, createSignal, Match, on, onCleanup, Show, Switch } from "solid-js";
import { CloseCode, type DeviceCheck } from "../../../schema/messages.ts";
import { prefetchCallScreen } from "../call/call-screen.ts";
import { chime } from "../shared/chime.ts";
import { formatTime, t, tf } from "../shared/i18n.ts";
import { keepLinkCommitment, keepOwnName, linkCommitment, ownName } from "../shared/own-name.ts";
import { focusWhenShown } from "../shared/page.ts";
import { formatWaited } from "./waited-text.ts";
import "./i18n-waiting.ts";
import {
  createPatientWaitingSession,
  type PatientWaitingState,
  releasesDevices,
  statusLine,
} from "./patient-session.ts";
import { tabTickets } from "./tab-tickets.ts";

export interface PatientWaitingProps {
  /** The invite link's token: the key under which the waiting ticket is kept for a reload. */
  token: string;
  ticket: string;
  /**
   * The name just typed on the form, kept here for this link (own-name.ts); none after a reload, when the
   * one kept is used. It never goes to the server in plain text: it is sealed on every `seal-to`.
   */
  name?: string;
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
  /** The room does not open yet (the appointment moved later): the page shows its countdown again. */
  early(): void;
  /** Whether the link itself still works; asked when the room refuses us. */
  linkProblem(): Promise<string | undefined>;
}

/**
 * A withdrawn link keeps its old hook; a cancelled appointment has the link page's `invite-state`; a link
 * made in a call that has ended says so.
 */
function closedHook(code: number): string | undefined {
  if (code === CloseCode.revoked) return "invite-error";
  if (code === CloseCode.cancelled) return "invite-state";
  if (code === CloseCode.ended) return "waiting-call-ended";
  return undefined;
}

export default function PatientWaiting(props: PatientWaitingProps) {
  // Kept in the tab before the room asks for the name (issue 25): the name just typed, and the link's key
  // commitment from the address, which is still the one the join page was opened with.
  if (props.name) keepOwnName(props.token, props.name.trim());
  keepLinkCommitment(props.token, location.hash);
  const session = createPatientWaitingSession({
    ticket: props.ticket,
    tickets: tabTickets(props.token),
    device: () => props.device(),
    linkProblem: () => props.linkProblem(),
    prefetchCall: prefetchCallScreen,
    name: () => ownName(props.token),
    keyCommitment: () => linkCommitment(props.token),
  });
  const [state, setState] = createSignal<PatientWaitingState>(session.state);
  session.subscribe(setState);
  onCleanup(() => session.dispose());

  // A memo: the hand-offs below run once per new phase, not once per minute the wait counts on.
  const phase = createMemo(() => state().phase);
  // Narrowed views of the phase, for the screens that need its details.
  const denied = () => {
    const current = phase();
    return current.name === "denied" ? current : undefined;
  };
  const closed = () => {
    const current = phase();
    return current.name === "closed" ? current : undefined;
  };

  // Where the wait hands over: to the call, or back to the form. In the call elsewhere, this tab's
  // camera goes off; moving the call here opens it again.
  createEffect(
    on(phase, (current) => {
      if (releasesDevices(current)) props.releaseDevices();
      if (current.name === "gone") props.back(current.problem ?? t("enterAgain"));
      if (current.name === "early") props.early();
      if (current.name !== "admitted") return;
      if (!current.movedHere) {
        document.title = `${t("admittedTitle")} · ${t("appName")}`;
        chime();
      }
      props.admitted(current.consultationId);
    }),
  );

  return (
    <Switch>
      <Match when={phase().name === "connecting"}>
        <p class="muted card" role="status" data-testid="waiting-status">
          {t("joining")}
        </p>
      </Match>
      <Match when={phase().name === "waiting"}>
        <div class="card waiting-card" role="status" aria-live="polite" data-testid="waiting-status">
          {/*
            One true thing at a time: "let in shortly" only while the provider is online and available.
            Someone waiting for the running call of their appointment (an interpreter) is added to it.
          */}
          <h2
            tabindex="-1"
            ref={focusWhenShown}
            data-testid="provider-status"
            data-state={state().status.status}
            data-for-call={state().status.forCall || undefined}
          >
            {t(statusLine(state().status))}
          </h2>
          {/* Place and time right under the status: short, and what a patient looks for first. */}
          <p class="waiting-place">
            {t("positionInQueue")} <strong data-testid="waiting-position">{state().position}</strong>
          </p>
          <p class="muted waiting-place" data-testid="waiting-time">
            {tf("waitedFor", { time: formatWaited(state().waitedMinutes) })}
          </p>
          <Show when={state().transferredTo}>
            {(name) => <p class="ok">{tf("transferredTo", { name: name() })}</p>}
          </Show>
          <Show when={state().status.message}>
            {(message) => (
              <p class="notice" data-testid="practice-message">
                <strong>{t("practiceSays")}:</strong> {message()}
              </p>
            )}
          </Show>
          <Show when={state().hold}>
            {(held) => (
              <div class="notice" data-testid="on-hold">
                <p>{t("onHold")}</p>
                <Show when={held().message}>
                  {(message) => (
                    <p>
                      <strong>{t("practiceSays")}:</strong> {message()}
                    </p>
                  )}
                </Show>
              </div>
            )}
          </Show>
          <Show when={state().keysMismatch}>
            <p class="notice" data-testid="sealing-mismatch">
              {t("sealingMismatch")}
            </p>
          </Show>
          <Show when={state().notice}>
            {(text) => (
              <p class="notice" role="alert" data-testid="patient-notice">
                <strong>{t("noticeFromPractice")}:</strong> {text()}
              </p>
            )}
          </Show>
          <button type="button" class="secondary" data-testid="leave-waiting-room" onClick={() => session.leave()}>
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
      <Match when={phase().name === "in-call"}>
        <div class="card" role="alert" data-testid="already-in-call">
          <h2 tabindex="-1" ref={focusWhenShown}>
            {t("alreadyInCall")}
          </h2>
          <p>{t("alreadyInCallHelp")}</p>
          <button type="button" data-testid="move-call-here" onClick={() => session.moveCallHere()}>
            {t("moveCallHere")}
          </button>
        </div>
      </Match>
      <Match when={phase().name === "reconnecting"}>
        <p class="error card" role="status" data-testid="waiting-status">
          {t("disconnected")}
        </p>
      </Match>
      <Match when={denied()}>
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
              when={denied().mayAskAgain}
              fallback={<p>{tf("deniedAskAgainAt", { time: formatTime(denied().retryAt) })}</p>}
            >
              <button type="button" class="secondary" onClick={() => props.back()}>
                {t("askAgain")}
              </button>
            </Show>
          </div>
        )}
      </Match>
      <Match when={closed()}>
        {(closed) => (
          <div
            class="card"
            role="alert"
            data-testid={closedHook(closed().code)}
            data-status={closed().code === CloseCode.revoked ? "revoked" : undefined}
            data-state={closed().code === CloseCode.cancelled ? "cancelled" : undefined}
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
