import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import type { AppointmentView, InviteLink, ProviderView } from "../../../schema/api-types.ts";
import { MAX_APPOINTMENT_MINUTES, MAX_TITLE_LENGTH, MIN_APPOINTMENT_MINUTES } from "../../../schema/limits.ts";
import { CopyButton } from "../forms/copy-button.tsx";
import { Field } from "../forms/field.tsx";
import { Form } from "../forms/form.tsx";
import { createSubmit } from "../forms/submit.ts";
import { api } from "../shared/api.ts";
import { formatDateTime, t } from "../shared/i18n.ts";
import { usePresence, useWaitingCount } from "../waiting/presence-context.tsx";
import { WaitingRoomPanel } from "../waiting/provider-queue.tsx";
import { ProviderHeading, ProviderPage } from "./provider-page.tsx";

/** Now, rounded up to the next quarter hour, as a datetime-local value. */
function nextQuarterHour(): string {
  const d = new Date(Math.ceil(Date.now() / 900_000) * 900_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function InviteBox(props: { invite: InviteLink }) {
  let field: HTMLInputElement | undefined;
  // Each new link (created or reissued) takes the focus: the keyboard is where the link is, ready to copy.
  createEffect(
    on(
      () => props.invite,
      () => queueMicrotask(() => field?.focus()),
    ),
  );
  return (
    <div class="invite" role="status">
      <p>{t("inviteReady")}</p>
      <div class="row">
        <input
          readonly
          ref={field}
          value={props.invite.inviteUrl}
          data-testid="invite-link"
          aria-label={t("inviteLinkLabel")}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={props.invite.inviteUrl} testid="invite-copy" />
      </div>
    </div>
  );
}

function NewAppointment(props: { created(invite: InviteLink): void }) {
  const [open, setOpen] = createSignal(false);
  let opener: HTMLButtonElement | undefined;
  /** Cancelled: the keyboard continues from the button that opened the form. */
  function cancel() {
    setOpen(false);
    queueMicrotask(() => opener?.focus());
  }
  const creating = createSubmit(async (form) => {
    const created = await api.createAppointment({
      title: String(form.get("title")),
      startsAt: new Date(String(form.get("start"))).toISOString(),
      durationMinutes: Number(form.get("duration")),
    });
    setOpen(false);
    props.created(created.invite);
  });

  return (
    <Show
      when={open()}
      fallback={
        <button type="button" data-testid="new-appointment" ref={opener} onClick={() => setOpen(true)}>
          {t("newAppointment")}
        </button>
      }
    >
      <Form
        class="card"
        submission={creating}
        submitLabel={t("create")}
        submitTestid="appointment-create"
        actions={
          <button type="button" class="secondary" onClick={cancel}>
            {t("cancel")}
          </button>
        }
      >
        <Field
          label={t("title")}
          name="title"
          required
          missingMessage={t("fieldTitle")}
          maxLength={MAX_TITLE_LENGTH}
          data-testid="appointment-title"
          ref={(field: HTMLInputElement) => queueMicrotask(() => field.focus())}
        />
        <Field
          label={t("start")}
          name="start"
          type="datetime-local"
          required
          value={nextQuarterHour()}
          data-testid="appointment-start"
        />
        <Field
          label={t("duration")}
          name="duration"
          type="number"
          min={MIN_APPOINTMENT_MINUTES}
          max={MAX_APPOINTMENT_MINUTES}
          value={30}
          required
          data-testid="appointment-duration"
        />
      </Form>
    </Show>
  );
}

function AppointmentList(props: { appointments: AppointmentView[]; reissued(invite: InviteLink): void }) {
  return (
    <Show when={props.appointments.length > 0} fallback={<p class="muted">{t("noAppointments")}</p>}>
      <ul class="list" data-testid="appointment-list">
        <For each={props.appointments}>
          {(appointment) => (
            <li>
              <span>
                <strong>{appointment.title}</strong>{" "}
                <span class="muted">
                  {formatDateTime(appointment.startsAt)} · {appointment.durationMinutes} min
                </span>
              </span>
              <button
                type="button"
                class="secondary"
                onClick={async () => props.reissued(await api.reissueInvite(appointment.id))}
              >
                {t("newLink")}
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

export default function Dashboard() {
  // Someone waiting shows in the tab title, even while the provider works in another tab.
  const waiting = useWaitingCount();
  return (
    <ProviderPage title={() => (waiting() > 0 ? "waitingRoom" : "dashboardTitle")} enrolledOnly>
      {({ me }) => <Appointments me={me()} />}
    </ProviderPage>
  );
}

function Appointments(props: { me: ProviderView }) {
  const presence = usePresence();
  const [appointments, { refetch }] = createResource(() => api.appointments().then((r) => r.appointments));
  const [invite, setInvite] = createSignal<InviteLink>();
  const shown = (link: InviteLink) => {
    setInvite(link);
    void refetch();
  };

  return (
    <div class="dashboard">
      <ProviderHeading>
        {t("dashboardTitle")} · {props.me.displayName}
      </ProviderHeading>
      <Show when={presence}>{(shared) => <WaitingRoomPanel presence={shared()} />}</Show>
      <section class="card" aria-labelledby="appointments-heading">
        <h2 id="appointments-heading">{t("appointments")}</h2>
        <NewAppointment created={shown} />
        <Show when={invite()}>{(link) => <InviteBox invite={link()} />}</Show>
        <Show when={!appointments.loading} fallback={<p class="muted">{t("loading")}</p>}>
          <Show when={!appointments.error} fallback={<p class="error">{t("errorGeneric")}</p>}>
            <AppointmentList appointments={appointments() ?? []} reissued={shown} />
          </Show>
        </Show>
      </section>
    </div>
  );
}
