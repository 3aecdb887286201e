import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from "solid-js";
import type {
  AppointmentCreated,
  AppointmentSaved,
  AppointmentView,
  InviteLink,
  MemberView,
  ProviderView,
} from "../../../schema/api-types.ts";
import { CopyButton } from "../forms/copy-button.tsx";
import { api } from "../shared/api.ts";
import { browserClock } from "../shared/clock.ts";
import { t, tf } from "../shared/i18n.ts";
import { CallRequests } from "../waiting/call-requests.tsx";
import { usePresence, useWaitingCount } from "../waiting/presence-context.tsx";
import { WaitingRoomPanel } from "../waiting/provider-queue.tsx";
import { type AppointmentEntries, AppointmentForm } from "./appointments/appointment-form.tsx";
import { AppointmentRow } from "./appointments/appointment-row.tsx";
import type { IssuedLink } from "./appointments/invitations.tsx";
import { InviteSend } from "./appointments/invite-send.tsx";
import { issuedAfterChange } from "./appointments/issued-after-change.ts";
import { listFreshness, pageVisibility } from "./appointments/list-freshness.ts";
import { reconciledSignal } from "./appointments/reconciled-signal.ts";
import { Calendar, createCalendar } from "./calendar/calendar.tsx";
import { calendarZone } from "./calendar/calendar-time.ts";
import { DisplayZone } from "./calendar/display-zone.ts";
import { createCommittedLink } from "./committed-link.ts";
import { ProviderHeading, ProviderPage } from "./provider-page.tsx";

function InviteBox(props: { invite: InviteLink }) {
  let field: HTMLInputElement | undefined;
  // Shown once it carries the practice's key commitment (committed-link.ts): what is copied is what is shown.
  const link = createCommittedLink(() => props.invite.inviteUrl);
  // Each new link (created or reissued) takes the focus: the keyboard is where the link is, ready to copy.
  createEffect(
    on(link, (shown) => {
      if (shown) queueMicrotask(() => field?.focus());
    }),
  );
  return (
    <div class="invite" role="status">
      <Show when={link()}>
        {(url) => (
          <>
            <p>{t("inviteReady")}</p>
            <div class="row">
              <input
                readonly
                ref={field}
                value={url()}
                data-testid="invite-link"
                aria-label={t("inviteLinkLabel")}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton text={url()} testid="invite-copy" />
            </div>
          </>
        )}
      </Show>
    </div>
  );
}

/** A new appointment's link, and the forms to send it to the patient right away. */
function FirstLink(props: { invite: InviteLink; invitationId?: string; startsAt?: string }) {
  return (
    <>
      <InviteBox invite={props.invite} />
      <Show when={props.invitationId}>
        {(id) => (
          // Drawn anew when an edit moves the start: a line about the old time's reminder would mislead.
          <Show when={props.startsAt} keyed>
            {(startsAt) => <InviteSend invitationId={id()} inviteUrl={props.invite.inviteUrl} startsAt={startsAt} />}
          </Show>
        )}
      </Show>
    </>
  );
}

function NewAppointment(props: {
  members?: MemberView[];
  providerId: string;
  created(result: AppointmentCreated): void;
}) {
  const [open, setOpen] = createSignal(false);
  let opener: HTMLButtonElement | undefined;
  /** Cancelled: the keyboard continues from the button that opened the form. */
  function close() {
    setOpen(false);
    queueMicrotask(() => opener?.focus());
  }
  async function save(entries: AppointmentEntries) {
    const created = await api.createAppointment(entries);
    setOpen(false);
    props.created(created);
  }

  return (
    <Show
      when={open()}
      fallback={
        <button type="button" data-testid="new-appointment" ref={opener} onClick={() => setOpen(true)}>
          {t("newAppointment")}
        </button>
      }
    >
      <AppointmentForm members={props.members} providerId={props.providerId} save={save} close={close} />
    </Show>
  );
}

function AppointmentList(props: {
  appointments: AppointmentView[];
  issued: IssuedLink | undefined;
  issue(link: IssuedLink): void;
  changed(result: AppointmentSaved, how: "saved" | "cancelled"): void;
}) {
  return (
    <ul class="list" data-testid="appointment-list">
      <For each={props.appointments}>
        {(appointment) => (
          <AppointmentRow appointment={appointment} issued={props.issued} issue={props.issue} changed={props.changed} />
        )}
      </For>
    </ul>
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

/** What the last save or cancellation did, said in the list's status line (which takes the focus). */
interface Outcome {
  text: string;
  overlaps: boolean;
}

function Appointments(props: { me: ProviderView }) {
  const presence = usePresence();
  // An admin sees and schedules for every member; the list shows one member's appointments at a time.
  const [members] = createResource(
    () => props.me.role === "admin",
    () => api.members().then((r) => r.members),
  );
  const [member, setMember] = createSignal(props.me.id);
  // The calendar reads the provider's own clock (their account's zone), whichever device they are on.
  const calendar = createCalendar(calendarZone(props.me.timeZone));
  const query = createMemo(() => {
    const { from, to } = calendar.range();
    const params = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    if (member() !== props.me.id) params.set("providerId", member());
    return params;
  });
  const load = (params: URLSearchParams) => api.appointments(params).then((r) => r.appointments);
  // Reconciled by id: a reload keeps each row (and an open form's input and the focus in it) and changes
  // only what changed, such as a status.
  const [appointments, { refetch, mutate }] = createResource(query, load, { storage: reconciledSignal });
  // What the waiting rooms know changes without this page: read again when the waiting count changes and
  // once a minute. A failed background read keeps the list shown; the next one tries again.
  const freshness = listFreshness(
    () => {
      const params = query();
      load(params).then(
        (list) => query() === params && mutate(list),
        () => undefined,
      );
    },
    browserClock,
    pageVisibility,
  );
  onCleanup(() => freshness.stop());
  createEffect(on(useWaitingCount(), () => freshness.changed(), { defer: true }));
  /** What the calendar shows: the last list while the next range loads, so it does not flicker. */
  const shown = () =>
    appointments.state === "ready" || appointments.state === "refreshing" ? appointments.latest : undefined;
  // One just-issued link at a time on the page: a new appointment's above the list, an invitation's
  // beside that invitation. Issuing another replaces it (it is shown once, for copying).
  const [issued, setIssued] = createSignal<IssuedLink>();
  const [outcome, setOutcome] = createSignal<Outcome>();
  let outcomeLine: HTMLParagraphElement | undefined;
  const issue = (link: IssuedLink) => {
    setIssued(link);
    setOutcome(undefined);
  };
  const firstLink = () => {
    const link = issued();
    return link && link.invitationId === undefined ? link : undefined;
  };
  function created(result: AppointmentCreated) {
    // The new link takes the focus (InviteBox); an overlap is said beside it.
    setOutcome(result.overlaps.length > 0 ? { text: "", overlaps: true } : undefined);
    setIssued({
      invite: result.invite,
      appointmentId: result.appointment.id,
      firstInvitationId: result.invitationId,
      firstStartsAt: result.appointment.startsAt,
    });
    const before = query();
    // The new appointment shows where it was put: its member's calendar, on its day.
    setMember(result.appointment.providerId);
    calendar.reveal(Date.parse(result.appointment.startsAt));
    if (query() === before) void refetch();
  }
  function changed(result: AppointmentSaved, how: "saved" | "cancelled") {
    const title = result.appointment.title;
    const done = tf(how === "saved" ? "apptSaved" : "apptCancelled", { title });
    // The change stands; the provider learns who with a reminder was told of it, and who could not be.
    const sent = result.sentNotices ? ` ${tf("apptNoticesSent", { n: String(result.sentNotices) })}` : "";
    const unsent = result.unsentNotices ? ` ${tf("apptNoticesUnsent", { n: String(result.unsentNotices) })}` : "";
    setOutcome({
      text: `${done}${sent}${unsent}`,
      overlaps: result.overlaps.length > 0,
    });
    setIssued((link) => issuedAfterChange(link, result.appointment, how));
    void refetch();
    // The row that had the focus is drawn anew: the keyboard continues at what happened.
    queueMicrotask(() => outcomeLine?.focus());
  }

  return (
    <DisplayZone.Provider value={calendar.zone}>
      <div class="dashboard">
        <ProviderHeading>
          {t("dashboardTitle")} · {props.me.displayName}
        </ProviderHeading>
        <Show when={presence}>
          {(shared) => (
            <>
              <CallRequests requests={shared().state().callRequests} desk={shared().desk} />
              <WaitingRoomPanel presence={shared()} />
            </>
          )}
        </Show>
        <section class="card" aria-labelledby="appointments-heading">
          <h2 id="appointments-heading">{t("appointments")}</h2>
          <Show when={(members()?.length ?? 0) > 1 && members()}>
            {(all) => (
              <label>
                {t("apptProvider")}
                <select
                  data-testid="calendar-member"
                  onChange={(e) => {
                    setOutcome(undefined);
                    setMember(e.currentTarget.value);
                  }}
                >
                  <For each={all()}>
                    {(m) => (
                      <option value={m.id} selected={m.id === member()}>
                        {m.displayName}
                      </option>
                    )}
                  </For>
                </select>
              </label>
            )}
          </Show>
          <NewAppointment members={members()} providerId={member()} created={created} />
          <Show when={firstLink()}>
            {(link) => (
              <FirstLink
                invite={link().invite}
                invitationId={link().firstInvitationId}
                startsAt={link().firstStartsAt}
              />
            )}
          </Show>
          <p class="status ok" role="status" tabindex="-1" ref={outcomeLine}>
            {outcome()?.text}
          </p>
          <Show when={outcome()?.overlaps}>
            <p class="warning" data-testid="appointment-overlap-warning">
              {t("apptOverlap")}
            </p>
          </Show>
          <Calendar
            calendar={calendar}
            appointments={shown()}
            fallback={
              <Show when={appointments.error} fallback={<p class="muted">{t("loading")}</p>}>
                <p class="error">{t("errorGeneric")}</p>
              </Show>
            }
            rows={(list) => <AppointmentList appointments={list} issued={issued()} issue={issue} changed={changed} />}
          />
        </section>
      </div>
    </DisplayZone.Provider>
  );
}
