// One form for a new appointment and for changing one: title, start, duration, the practice's note and,
// for an admin scheduling anew, whose appointment it is. The server's refusals show in its error line.
import { For, Show } from "solid-js";
import type { AppointmentView, MemberView } from "../../../../schema/api-types.ts";
import {
  MAX_APPOINTMENT_MINUTES,
  MAX_APPOINTMENT_NOTE_LENGTH,
  MAX_TITLE_LENGTH,
  MIN_APPOINTMENT_MINUTES,
} from "../../../../schema/limits.ts";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
import { t } from "../../shared/i18n.ts";
import { inputValueIn, instantOfInput } from "../calendar/calendar-time.ts";
import { useDisplayZone } from "../calendar/display-zone.ts";

/** Now, rounded up to the next quarter hour, as a datetime-local value in the provider's zone. */
const nextQuarterHour = (zone: string) => inputValueIn(Math.ceil(Date.now() / 900_000) * 900_000, zone);

/** What the form holds, ready for the API. */
export interface AppointmentEntries {
  title: string;
  startsAt: string;
  durationMinutes: number;
  note: string;
  providerId?: string;
}

/** The start is read on the provider's wall clock (their account's zone), as the calendar shows it. */
function entriesOf(form: FormData, zone: string): AppointmentEntries {
  const providerId = form.get("provider");
  return {
    title: String(form.get("title")),
    startsAt: new Date(instantOfInput(String(form.get("start")), zone)).toISOString(),
    durationMinutes: Number(form.get("duration")),
    note: String(form.get("note") ?? ""),
    ...(typeof providerId === "string" && providerId ? { providerId } : {}),
  };
}

export function AppointmentForm(props: {
  /** The appointment to change; none for a new one. */
  appointment?: AppointmentView;
  /** An admin's members, to schedule for; none for a provider (and when editing). */
  members?: MemberView[];
  /** The member preselected for a new appointment. */
  providerId?: string;
  save(entries: AppointmentEntries): Promise<unknown>;
  close(): void;
}) {
  const zone = useDisplayZone();
  const submission = createSubmit((form) => props.save(entriesOf(form, zone)));
  const editing = () => props.appointment !== undefined;
  return (
    <Form
      class="card appointment-form"
      submission={submission}
      submitLabel={editing() ? t("apptSave") : t("create")}
      submitTestid="appointment-create"
      errorTestid="appointment-error"
      actions={
        <button type="button" class="secondary" onClick={() => props.close()}>
          {t("cancel")}
        </button>
      }
    >
      <Show when={editing()}>
        <h3>{t("apptEditTitle")}</h3>
      </Show>
      <Field
        label={t("title")}
        name="title"
        required
        missingMessage={t("fieldTitle")}
        maxLength={MAX_TITLE_LENGTH}
        value={props.appointment?.title ?? ""}
        data-testid="appointment-title"
        ref={(field: HTMLInputElement) => queueMicrotask(() => field.focus())}
      />
      <Show when={!editing() && props.members && props.members.length > 1 && props.members}>
        {(members) => (
          <label>
            {t("apptProvider")}
            <select name="provider" data-testid="appointment-provider">
              <For each={members()}>
                {(member) => (
                  <option value={member.id} selected={member.id === props.providerId}>
                    {member.displayName}
                  </option>
                )}
              </For>
            </select>
          </label>
        )}
      </Show>
      <Field
        label={t("start")}
        name="start"
        type="datetime-local"
        required
        value={props.appointment ? inputValueIn(Date.parse(props.appointment.startsAt), zone) : nextQuarterHour(zone)}
        data-testid="appointment-start"
      />
      <Field
        label={t("duration")}
        name="duration"
        type="number"
        min={MIN_APPOINTMENT_MINUTES}
        max={MAX_APPOINTMENT_MINUTES}
        value={props.appointment?.durationMinutes ?? 30}
        required
        data-testid="appointment-duration"
      />
      <Field
        label={t("apptNote")}
        name="note"
        maxLength={MAX_APPOINTMENT_NOTE_LENGTH}
        value={props.appointment?.note ?? ""}
        data-testid="appointment-note"
      />
    </Form>
  );
}
