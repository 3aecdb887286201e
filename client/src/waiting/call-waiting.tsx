// During a consultation the provider stays in their waiting room, as busy: patients see that, and the
// provider sees in the call's top bar who waits, on screen only. No sound, no notification (KBV
// Anlage 31b: no other callers' sounds in a consultation); other tabs of this browser stay silent too.
// A patient of this call who left it and came back through their link can be let back in from here;
// others invited to its appointment (an interpreter) wait for it and can be added (for-this-call.tsx).
import { createEffect, createSignal, For, lazy, on, onCleanup, Show, Suspense } from "solid-js";
import { api } from "../shared/api.ts";
import { t, tf } from "../shared/i18n.ts";
import { chosenStatus, markInConsultation } from "./chosen-status.ts";
import { createDeskSession, type DeskState } from "./desk-session.ts";
import { thisDeviceKeySource } from "./device-key-source.ts";
import { ForThisCall, waitingAround } from "./for-this-call.tsx";
import { createNameOpener, type NameOpener, type SealedPatient } from "./open-names.ts";
import { PatientName, useShownName } from "./patient-name.tsx";

/** "Invite someone" and "Invite a colleague": the moderator's only, loaded when they are moderator. */
const Invitations = lazy(() => import("../call/invite/invitations.tsx"));

/** Gives up on a first connection that does not open soon: the list is a help here, not the point. */
const MAX_FIRST_CONNECTS = 3;

export default function CallWaiting(props: { consultationId: string; moderator?: boolean }) {
  // Folded by default: a patient coming back to this call opens it, so the provider sees them at once.
  const [open, setOpen] = createSignal(false);
  let summary: HTMLElement | undefined;
  const desk = createDeskSession({
    // Busy, with the message the provider left for those waiting ("running late").
    status: { status: "busy", message: chosenStatus().message },
    maxFirstConnects: MAX_FIRST_CONNECTS,
    events: {
      returning(_patientId, consultationId) {
        if (consultationId === props.consultationId) setOpen(true);
      },
    },
  });
  const [state, setState] = createSignal<DeskState>(desk.state);
  onCleanup(desk.subscribe(setState));
  desk.start();
  onCleanup(() => desk.stop());
  onCleanup(markInConsultation());
  // The call's page does not know who is logged in: asked once, when a sealed name is first to be opened
  // (again after a failed answer).
  let providerId: Promise<string> | undefined;
  const whoAmI = () => {
    providerId ??= api.me().then(
      (me) => me.id,
      (error: unknown) => {
        providerId = undefined;
        throw error;
      },
    );
    return providerId;
  };
  const names = createNameOpener({ key: () => whoAmI().then((id) => thisDeviceKeySource.keyFor(id)) });
  onCleanup(() => names.dispose());

  // Someone waiting to join this call is listed once, under "Waiting to join this call", not counted
  // again among those who wait for the provider's next consultation.
  const around = () => waitingAround(state().patients, props.consultationId);
  const patients = () => around().others;
  const backToThisCall = (patientId: string) => state().returning.get(patientId) === props.consultationId;
  const forThisCall = () => around().forThisCall;

  // Someone was added (they left the list into the call): the focus goes to the next one waiting for
  // this call, or to the call's heading. A refusal keeps it on the button and says why.
  createEffect(
    on(
      () => state().adding,
      (adding, before) => {
        if (before === undefined || adding !== undefined || state().addFailed) return;
        queueMicrotask(() => {
          const target =
            document.querySelector<HTMLElement>("[data-testid=add-to-call]") ??
            document.querySelector<HTMLElement>("[data-testid=call-heading]");
          target?.focus();
        });
      },
      { defer: true },
    ),
  );

  // The patient being let back in went (into the call): focus stays in the panel, or goes to the call's
  // heading. A refusal keeps the focus on the button and says so instead.
  createEffect(
    on(
      () => state().letting,
      (letting, before) => {
        if (before === undefined || letting !== undefined || state().letBackInFailed) return;
        queueMicrotask(() => {
          const target = summary?.isConnected
            ? summary
            : document.querySelector<HTMLElement>("[data-testid=call-heading]");
          target?.focus();
        });
      },
      { defer: true },
    ),
  );

  return (
    <>
      <Show when={props.moderator}>
        <Suspense>
          <Invitations consultationId={props.consultationId} />
        </Suspense>
      </Show>
      <ForThisCall
        people={forThisCall()}
        adding={state().adding}
        failed={state().addFailed}
        add={(patientId) => desk.addToCall(patientId, props.consultationId)}
        names={names}
      />
      <Show when={patients().length > 0}>
        <details
          class="call-waiting"
          data-testid="call-waiting-list"
          open={open()}
          onToggle={(event) => setOpen(event.currentTarget.open)}
        >
          <summary ref={summary}>
            <span role="status" data-testid="call-waiting-count">
              {tf(patients().length === 1 ? "callWaitingOne" : "callWaitingMany", { n: String(patients().length) })}
            </span>
          </summary>
          <ul>
            <For each={patients()}>
              {(patient) => (
                <li data-testid="call-waiting-patient" data-returning={backToThisCall(patient.id) || undefined}>
                  <WaitingName names={names} patient={patient} />
                  <Show when={backToThisCall(patient.id)}>
                    <span class="call-waiting-back">{t("callWaitingBack")}</span>
                    <button
                      type="button"
                      data-testid="let-back-in"
                      disabled={state().letting === patient.id}
                      onClick={() => desk.letBackIn(patient.id)}
                    >
                      {t("letBackIn")}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <Show when={state().letBackInFailed}>
            <p role="alert">{t("letBackInFailed")}</p>
          </Show>
        </details>
      </Show>
    </>
  );
}

function WaitingName(props: { names: NameOpener; patient: SealedPatient }) {
  const shown = useShownName(props.names, () => props.patient);
  return <PatientName class="call-waiting-name" shown={shown()} />;
}
