// One appointment in the dashboard's list: when, its status, and what the practice can do with it:
// a change, a cancellation (asked first, saying what it does), and its invitations below.
import { createSignal, Show } from "solid-js";
import type { AppointmentSaved, AppointmentStatus, AppointmentView } from "../../../../schema/api-types.ts";
import { ConfirmQuestion } from "../../forms/confirm-question.tsx";
import { describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { type MessageKey, t, tf } from "../../shared/i18n.ts";
import { dateTimeShort } from "../calendar/calendar-format.ts";
import { useDisplayZone } from "../calendar/display-zone.ts";
import { type AppointmentEntries, AppointmentForm } from "./appointment-form.tsx";
import { Invitations, type IssuedLink } from "./invitations.tsx";

const statusText: Record<AppointmentStatus, MessageKey> = {
  scheduled: "apptStatusScheduled",
  waiting: "apptStatusWaiting",
  "in-consultation": "apptStatusInConsultation",
  done: "apptStatusDone",
  cancelled: "apptStatusCancelled",
};

export function AppointmentRow(props: {
  appointment: AppointmentView;
  /** The link issued last on the page (shown once, beside its invitation), and how to show a new one. */
  issued: IssuedLink | undefined;
  issue(link: IssuedLink): void;
  /** Saved or cancelled: the dashboard says so and reloads the list. */
  changed(result: AppointmentSaved, how: "saved" | "cancelled"): void;
}) {
  const [mode, setMode] = createSignal<"view" | "edit" | "confirm">("view");
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const zone = useDisplayZone();
  let editButton: HTMLButtonElement | undefined;
  let cancelButton: HTMLButtonElement | undefined;
  const open = () => props.appointment.status !== "cancelled" && props.appointment.status !== "done";

  /** Back to the row: the keyboard continues from the button that opened the form or the question. */
  function back(to: HTMLButtonElement | undefined) {
    setMode("view");
    queueMicrotask(() => to?.focus());
  }

  async function save(entries: AppointmentEntries) {
    const { providerId: _unchanged, ...change } = entries;
    const result = await api.updateAppointment(props.appointment.id, change);
    // The row stays when the list is read again (rows are kept by id): the form closes here.
    setMode("view");
    props.changed(result, "saved");
  }

  async function cancel() {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.cancelAppointment(props.appointment.id);
      setMode("view");
      setBusy(false);
      props.changed(result, "cancelled");
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }

  return (
    <li class="appointment" data-testid="appointment" data-appointment-id={props.appointment.id}>
      <span class="what">
        <strong translate="no">{props.appointment.title}</strong>{" "}
        <span class="muted">
          {dateTimeShort(Date.parse(props.appointment.startsAt), zone)} · {props.appointment.durationMinutes} min
        </span>{" "}
        <span
          class="status-tag"
          classList={{ [props.appointment.status]: true }}
          data-testid="appointment-status"
          data-state={props.appointment.status}
        >
          {t(statusText[props.appointment.status])}
        </span>
        <Show when={props.appointment.note}>
          <span class="muted note">{props.appointment.note}</span>
        </Show>
      </span>
      <Show when={open() && mode() === "view"}>
        <span class="row wrap">
          <button
            type="button"
            class="secondary"
            ref={editButton}
            data-testid="appointment-edit"
            onClick={() => setMode("edit")}
          >
            {t("apptEdit")}
          </button>
          <button
            type="button"
            class="secondary"
            ref={cancelButton}
            data-testid="appointment-cancel"
            onClick={() => setMode("confirm")}
          >
            {t("apptCancel")}
          </button>
        </span>
      </Show>
      {/* Drawn anew after each change of the appointment (its sequence), which moves or stops its links'
          validity; a mere reload of the list keeps it, with whatever is open in it. */}
      <Show when={String(props.appointment.sequence)} keyed>
        <Invitations
          appointmentId={props.appointment.id}
          startsAt={props.appointment.startsAt}
          open={open()}
          issued={props.issued}
          issue={(link) => props.issue(link)}
        />
      </Show>
      <Show when={mode() === "edit"}>
        <div class="full">
          <AppointmentForm appointment={props.appointment} save={save} close={() => back(editButton)} />
        </div>
      </Show>
      <Show when={mode() === "confirm"}>
        <ConfirmQuestion
          class="full"
          question={tf("apptCancelQuestion", { title: props.appointment.title })}
          confirmLabel={t("apptCancelConfirm")}
          confirmTestid="appointment-cancel-confirm"
          keepLabel={t("apptKeep")}
          busy={busy()}
          confirm={() => void cancel()}
          keep={() => back(cancelButton)}
        >
          <Show when={error()}>
            <p class="error" role="alert" data-testid="appointment-error">
              {error()}
            </p>
          </Show>
        </ConfirmQuestion>
      </Show>
    </li>
  );
}
