// During a consultation the provider stays in their waiting room, as busy: patients see that, and the
// provider sees how many wait, on screen only. No sound, no notification (KBV Anlage 31b: no other
// callers' sounds in a consultation); other tabs of this browser stay silent too.
import { createSignal, onCleanup, Show } from "solid-js";
import { CloseCode, type WaitingPatient } from "../../../schema/messages.ts";
import { tf } from "../i18n.ts";
import { connectRoom } from "../room.ts";
import { chosenStatus, markInConsultation } from "./chosen-status.ts";
import { applyQueueMessage } from "./queue-list.ts";

export default function CallWaiting() {
  const [waiting, setWaiting] = createSignal(0);
  let patients: readonly WaitingPatient[] = [];
  const room = connectRoom(
    { path: "/api/ws/waiting", maxReconnects: Number.POSITIVE_INFINITY, maxFirstConnects: 3 },
    {
      message(message) {
        if (message.type === "hello") {
          // Busy, with the message the provider left for those waiting ("running late").
          room.send({ type: "status", status: "busy", message: chosenStatus().message });
          return;
        }
        const next = applyQueueMessage(patients, message);
        if (next === patients) return;
        patients = next;
        setWaiting(next.length);
      },
      stopped(stop) {
        if (stop.code === CloseCode.reopened) room.reconnect();
      },
    },
  );
  onCleanup(() => room.close());
  onCleanup(markInConsultation());
  return (
    <Show when={waiting() > 0}>
      <p class="call-waiting" role="status" data-testid="call-waiting-count">
        {tf(waiting() === 1 ? "callWaitingOne" : "callWaitingMany", { n: String(waiting()) })}
      </p>
    </Show>
  );
}
