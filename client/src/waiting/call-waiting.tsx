// During a consultation the provider stays in their waiting room, as busy: patients see that, and the
// provider sees in the call's top bar who waits, on screen only. No sound, no notification (KBV
// Anlage 31b: no other callers' sounds in a consultation); other tabs of this browser stay silent too.
// A patient of this call who left it and came back through their link can be let back in from here.
import { createSignal, For, onCleanup, Show } from "solid-js";
import { CloseCode, type WaitingPatient } from "../../../schema/messages.ts";
import { t, tf } from "../i18n.ts";
import { connectRoom } from "../room.ts";
import { chosenStatus, markInConsultation } from "./chosen-status.ts";
import { applyQueueMessage } from "./queue-list.ts";

export default function CallWaiting(props: { consultationId: string }) {
  const [patients, setPatients] = createSignal<readonly WaitingPatient[]>([]);
  /** Waiting patients whose link is in a running call of this provider: patient id → consultation id. */
  const [returning, setReturning] = createSignal<ReadonlyMap<string, string>>(new Map());
  // Folded by default: a patient coming back to this call opens it, so the provider sees them at once.
  const [open, setOpen] = createSignal(false);
  /** The patient being let back in: their button waits for the room. */
  const [letting, setLetting] = createSignal<string>();
  const [failed, setFailed] = createSignal(false);
  let summary: HTMLElement | undefined;

  const backToThisCall = (patientId: string) => returning().get(patientId) === props.consultationId;

  /** The patient went (let in, or left): focus stays in the panel, or goes to the call's heading. */
  function departed(patientId: string) {
    if (letting() !== patientId) return;
    setLetting(undefined);
    queueMicrotask(() => {
      const target = summary?.isConnected ? summary : document.querySelector<HTMLElement>("[data-testid=call-heading]");
      target?.focus();
    });
  }

  const room = connectRoom(
    { path: "/api/ws/waiting", maxReconnects: Number.POSITIVE_INFINITY, maxFirstConnects: 3 },
    {
      message(message) {
        switch (message.type) {
          case "hello":
            // Busy, with the message the provider left for those waiting ("running late").
            room.send({ type: "status", status: "busy", message: chosenStatus().message });
            return;
          case "returning":
            setReturning(new Map(returning()).set(message.id, message.consultationId));
            if (message.consultationId === props.consultationId) setOpen(true);
            return;
          case "error":
            if (letting() === undefined) return;
            setLetting(undefined);
            setFailed(true);
            return;
          case "queue":
            // A fresh snapshot: the room tells again who is coming back.
            setReturning(new Map());
            break;
          case "departed":
            departed(message.id);
            break;
        }
        const next = applyQueueMessage(patients(), message);
        if (next !== patients()) setPatients(next);
      },
      stopped(stop) {
        if (stop.code === CloseCode.reopened) room.reconnect();
      },
    },
  );
  onCleanup(() => room.close());
  onCleanup(markInConsultation());

  function letBackIn(patientId: string) {
    setFailed(false);
    setLetting(patientId);
    room.send({ type: "let-back-in", patientId });
  }

  return (
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
                <span class="call-waiting-name">{patient.name}</span>
                <Show when={backToThisCall(patient.id)}>
                  <span class="call-waiting-back">{t("callWaitingBack")}</span>
                  <button
                    type="button"
                    data-testid="let-back-in"
                    disabled={letting() === patient.id}
                    onClick={() => letBackIn(patient.id)}
                  >
                    {t("letBackIn")}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={failed()}>
          <p role="alert">{t("letBackInFailed")}</p>
        </Show>
      </details>
    </Show>
  );
}
