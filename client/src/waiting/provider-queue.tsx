// The provider's waiting room on the dashboard: everyone waiting, live, with what each came for and how
// their device check went; admit, admit next, deny, hold, transfer and a one-way notice; and the
// provider's status with a message for everyone waiting. It draws the desk session's state and passes
// clicks on to it (desk-session.ts); the session lives in the provider's presence (presence-context.tsx),
// which outlives this list while the provider visits their other pages.
import { createComputed, createEffect, createSignal, For, Match, on, Show, Switch } from "solid-js";
import { MAX_NOTICE_LENGTH, MAX_STATUS_MESSAGE_LENGTH } from "../../../schema/limits.ts";
import type { ErrorCode, WaitingPatient } from "../../../schema/messages.ts";
import { Field } from "../forms/field.tsx";
import { firstInvalid } from "../forms/first-invalid.ts";
import { labelText } from "../provider/appointments/invitation-label.ts";
import { useDisplayZone } from "../provider/calendar/display-zone.ts";
import { enableSound, soundOn } from "../shared/chime.ts";
import { formatTime, type MessageKey, t, tf } from "../shared/i18n.ts";
import { notificationsAllowed } from "./announce.ts";
import type { Colleague, DeskSession } from "./desk-session.ts";
import type { NameOpener } from "./open-names.ts";
import { PatientName, useShownName } from "./patient-name.tsx";
import type { ProviderPresence } from "./presence-context.tsx";
import { useWaitedMinutes } from "./use-waited.ts";
import { formatWaited } from "./waited-text.ts";

/** The action whose form is open in a patient's row. */
type Action = "deny" | "hold" | "transfer" | "notify";

const errorText: Partial<Record<ErrorCode, MessageKey>> = {
  "not-found": "queueGone",
  conflict: "queueConflict",
  "rate-limited": "rateLimited",
  forbidden: "errorGeneric",
  "server-error": "errorGeneric",
};

export function WaitingRoomPanel(props: { presence: ProviderPresence }) {
  const state = () => props.presence.state();
  const desk = () => props.presence.desk;
  const patients = () => state().patients;
  const [statusSaved, setStatusSaved] = createSignal(false);
  const problem = (): MessageKey | undefined => {
    const code = state().problem;
    return code ? (errorText[code] ?? "errorGeneric") : undefined;
  };
  const [notifying, setNotifying] = createSignal(notificationsAllowed());

  let list: HTMLUListElement | undefined;
  let heading: HTMLHeadingElement | undefined;
  // The row the provider acted in went (denied, transferred): focus goes to the list's heading instead
  // of falling to the page's start. A computation runs before the rows leave the page, so it can still
  // see where the focus was; the effect after it, once they have left.
  let focusInList = false;
  createComputed(
    on(patients, () => {
      focusInList = list?.contains(document.activeElement) === true;
    }),
  );
  createEffect(
    on(
      patients,
      () => {
        if (focusInList && !list?.contains(document.activeElement)) heading?.focus();
      },
      { defer: true },
    ),
  );

  async function askForNotifications() {
    await Notification.requestPermission().catch(() => "denied");
    setNotifying(notificationsAllowed());
  }

  function saveStatus(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    props.presence.saveStatus({
      status: form.get("status") === "away" ? "away" : "available",
      message: String(form.get("message") ?? "").trim(),
    });
    setStatusSaved(true);
  }

  const admissible = () => patients().some((p) => !p.onHold && !p.forCall);

  return (
    <section class="card" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading" tabindex="-1" ref={heading}>
        {t("waitingRoom")} <span class="badge">{patients().length}</span>
      </h2>
      <div class="actions">
        <Show when={!soundOn()}>
          <button type="button" class="secondary" data-testid="sound-on" onClick={enableSound}>
            {t("queueSoundOn")}
          </button>
        </Show>
        <Show when={"Notification" in window && !notifying() && Notification.permission === "default"}>
          <button type="button" class="secondary" data-testid="notifications-on" onClick={askForNotifications}>
            {t("queueNotificationsOn")}
          </button>
        </Show>
      </div>
      <form class="status-form" onSubmit={saveStatus} onInput={() => setStatusSaved(false)}>
        <label>
          {t("queueStatus")}
          <select name="status" data-testid="status-select" value={state().status.status}>
            <option value="available">{t("queueAvailable")}</option>
            <option value="away">{t("queueAway")}</option>
          </select>
        </label>
        <label>
          {t("queueStatusMessage")}
          <input
            name="message"
            maxLength={MAX_STATUS_MESSAGE_LENGTH}
            value={state().status.message}
            placeholder={t("queueStatusMessageExample")}
            data-testid="status-message"
          />
        </label>
        <button type="submit" class="secondary" data-testid="status-save">
          {t("queueStatusSave")}
        </button>
        <span class="ok" role="status">
          {statusSaved() ? t("queueStatusSaved") : ""}
        </span>
      </form>
      <Switch>
        <Match when={state().connection === "connecting"}>
          <p class="muted">{t("connecting")}</p>
        </Match>
        <Match when={state().connection === "lost"}>
          <p class="error">{t("disconnected")}</p>
        </Match>
      </Switch>
      <p class="error" role="alert">
        <Show when={problem()}>{(key) => t(key())}</Show>
      </p>
      <p class="ok status" role="status" data-testid="notice-sent">
        {/* Named as the row named them (their opened name, or its stand-in): said aloud, as before. */}
        <Show when={state().noticeSentTo}>
          {(patient) => <NoticeSent names={props.presence.names} patient={patient()} />}
        </Show>
      </p>
      <Show when={state().connection === "open" && patients().length === 0}>
        <p class="muted" data-testid="waiting-empty">
          {t("nobodyWaiting")}
        </p>
      </Show>
      <Show when={patients().length > 0}>
        <button type="button" data-testid="admit-next" disabled={!admissible()} onClick={() => desk().admitNext()}>
          {t("queueAdmitNext")}
        </button>
      </Show>
      <ul class="list queue" aria-live="polite" ref={list}>
        {/* Rows are keyed by id, not by the patient object an update replaces: a row (its open form,
            the focus on its buttons) stays while the patient's hold or device check changes. */}
        <For each={patients().map((patient) => patient.id)}>
          {(patientId) => (
            <Show when={patients().find((patient) => patient.id === patientId)}>
              {(patient) => (
                <PatientRow
                  patient={patient()}
                  colleagues={state().colleagues}
                  desk={desk()}
                  names={props.presence.names}
                />
              )}
            </Show>
          )}
        </For>
      </ul>
    </section>
  );
}

function deviceText(device: WaitingPatient["device"]): MessageKey {
  if (!device) return "queueDeviceUnknown";
  if (!device.microphone) return "queueDeviceFailed";
  return device.camera ? "queueDeviceOk" : "queueDeviceAudioOnly";
}

function NoticeSent(props: { names: NameOpener; patient: WaitingPatient }) {
  const shown = useShownName(props.names, () => props.patient);
  return <>{tf("queueNoticeSent", { name: shown().spoken })}</>;
}

function PatientRow(props: {
  patient: WaitingPatient;
  colleagues: readonly Colleague[];
  desk: DeskSession;
  names: NameOpener;
}) {
  const [open, setOpen] = createSignal<Action>();
  /** The buttons that open each form: focus returns to the one used when its form closes. */
  const opener: Partial<Record<Action, HTMLButtonElement>> = {};
  const id = () => props.patient.id;
  const shown = useShownName(props.names, () => props.patient);
  // The buttons name whom they act on as the row shows them (the stand-in with the label, when no name).
  const label = (key: MessageKey) => `${t(key)}: ${shown().spoken}`;
  // The dashboard's zone, like the calendar beside the queue: a laptop set elsewhere must not shift times.
  const zone = useDisplayZone();
  const waitedMinutes = useWaitedMinutes(() => props.patient.waitingSince);

  /** Sends what the open form says, then closes it. */
  function submit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault();
    // Checked in our words, under the field (the browser's bubble speaks the browser's language).
    const wrong = firstInvalid(event.currentTarget);
    if (wrong) return wrong.focus();
    const form = new FormData(event.currentTarget);
    const text = String(form.get("text") ?? "").trim();
    const action = open();
    if (action === "deny") props.desk.deny(id(), text);
    if (action === "hold") props.desk.hold(id(), text);
    if (action === "notify") props.desk.notify(id(), text);
    if (action === "transfer") props.desk.transfer(id(), String(form.get("to")));
    close();
  }

  /** Closes the open form; the keyboard continues from the button that opened it. */
  function close() {
    const action = open();
    setOpen(undefined);
    if (action) queueMicrotask(() => opener[action]?.focus());
  }

  /** Hold toggles: a held patient's Hold button releases the hold at once, with nothing to write. */
  function holdOrRelease() {
    if (props.patient.onHold) props.desk.release(id());
    else setOpen("hold");
  }

  const focusFirst = (element: HTMLElement) => queueMicrotask(() => element.focus());

  return (
    <li
      data-testid="waiting-patient"
      data-label={props.patient.label}
      class="queue-patient"
      classList={{ held: props.patient.onHold }}
    >
      <div class="who">
        <strong>
          <PatientName shown={shown()} />
        </strong>
        <Show when={props.patient.label}>{(label) => <span class="invitation-label">{labelText(label())}</span>}</Show>
        <Show when={props.patient.walkIn}>
          {/* Came through the provider's personal room: the practice sees at once there is no appointment. */}
          <span class="invitation-label" data-testid="no-appointment">
            {t("queueWalkIn")}
          </span>
        </Show>
        <Show when={props.patient.onHold}>
          <span class="badge">{t("queueOnHold")}</span>
        </Show>
        <Show
          when={props.patient.walkIn}
          fallback={
            <span class="muted" data-testid="waiting-appointment">
              {props.patient.appointment
                ? [
                    props.patient.appointment.title,
                    formatTime(props.patient.appointment.startsAt, zone),
                    props.patient.appointment.with,
                  ]
                    .filter(Boolean)
                    .join(" · ")
                : t("queueNoAppointment")}
            </span>
          }
        >
          {/* In a shared room: whose personal room the walk-in came through. */}
          {(walkIn) => (
            <Show when={walkIn().with}>
              <span class="muted" data-testid="waiting-appointment">
                {walkIn().with}
              </span>
            </Show>
          )}
        </Show>
        <span class="muted">
          {t("waitingSince")} {formatTime(props.patient.waitingSince, zone)} ·{" "}
          <span data-testid="waiting-duration">{formatWaited(waitedMinutes())}</span>
        </span>
        <span
          class="muted"
          data-testid="waiting-device"
          data-camera={String(props.patient.device?.camera ?? "")}
          data-microphone={String(props.patient.device?.microphone ?? "")}
        >
          {t(deviceText(props.patient.device))} · {t("queueConsentGiven")}
        </span>
      </div>
      <Show
        when={open()}
        fallback={
          <div class="actions">
            {/* Waiting to join a consultation that runs now: they are added from that call, not into a new one. */}
            <Show
              when={!props.patient.forCall}
              fallback={
                <span class="muted" data-testid="waiting-for-call">
                  {t("queueForCall")}
                </span>
              }
            >
              <button
                type="button"
                data-testid="admit"
                aria-label={label("admit")}
                onClick={() => props.desk.admit(id())}
              >
                {t("admit")}
              </button>
            </Show>
            <button
              type="button"
              class="secondary"
              data-testid="deny"
              aria-label={label("queueDeny")}
              ref={(button) => (opener.deny = button)}
              onClick={() => setOpen("deny")}
            >
              {t("queueDeny")}
            </button>
            <button
              type="button"
              class="secondary"
              data-testid="hold"
              aria-label={label(props.patient.onHold ? "queueRelease" : "queueHold")}
              ref={(button) => (opener.hold = button)}
              onClick={holdOrRelease}
            >
              {t(props.patient.onHold ? "queueRelease" : "queueHold")}
            </button>
            <Show when={props.colleagues.length > 0}>
              <button
                type="button"
                class="secondary"
                data-testid="transfer"
                aria-label={label("queueTransfer")}
                ref={(button) => (opener.transfer = button)}
                onClick={() => setOpen("transfer")}
              >
                {t("queueTransfer")}
              </button>
            </Show>
            <button
              type="button"
              class="secondary"
              data-testid="notify"
              aria-label={label("queueNotify")}
              ref={(button) => (opener.notify = button)}
              onClick={() => setOpen("notify")}
            >
              {t("queueNotify")}
            </button>
          </div>
        }
      >
        {(action) => (
          <form class="queue-action" noValidate onSubmit={submit}>
            <Switch>
              <Match when={action() === "transfer"}>
                <label>
                  {t("queueTransferTo")}
                  <select name="to" data-testid="transfer-to" ref={focusFirst}>
                    <For each={props.colleagues}>
                      {(colleague) => <option value={colleague.id}>{colleague.name}</option>}
                    </For>
                  </select>
                </label>
              </Match>
              <Match when={true}>
                <Field
                  label={t(action() === "notify" ? "queueNoticeText" : "queueMessageOptional")}
                  name="text"
                  maxLength={MAX_NOTICE_LENGTH}
                  required={action() === "notify"}
                  missingMessage={t("queueNoticeMissing")}
                  data-testid={textField[action()]}
                  ref={focusFirst}
                />
              </Match>
            </Switch>
            <div class="actions">
              <button
                type="submit"
                class={action() === "deny" ? "danger" : undefined}
                data-testid={action() === "notify" ? "notify-send" : action()}
              >
                {t(submitLabel[action()])}
              </button>
              <button type="button" class="secondary" onClick={close}>
                {t("cancel")}
              </button>
            </div>
          </form>
        )}
      </Show>
    </li>
  );
}

/** The hooks of each form's text field, spelled out so that a search for a hook finds it. */
const textField: Record<Action, string> = {
  deny: "deny-message",
  hold: "hold-message",
  transfer: "transfer-to",
  notify: "notify-text",
};

const submitLabel: Record<Action, MessageKey> = {
  deny: "queueDeny",
  hold: "queueHold",
  transfer: "queueTransfer",
  notify: "queueNotifySend",
};
