// Who waits to join this call: people invited to the same appointment (an interpreter, a relative),
// shown with their invitation's label, each with "Add to this call". Open, not folded: they wait for
// this call, not for the provider's next one. Part of the provider's call-waiting panel (call-waiting.tsx).
import { For, Show } from "solid-js";
import type { ErrorCode, WaitingPatient } from "../../../schema/messages.ts";
import { labelText } from "../provider/appointments/invitation-label.ts";
import { type MessageKey, t } from "../shared/i18n.ts";
import "./for-this-call.css";
import "./i18n-add-to-call.ts";
import type { NameOpener } from "./open-names.ts";
import { PatientName, useShownName } from "./patient-name.tsx";

/** Why the room refused to add someone, in the provider's words. */
const refusals: Partial<Record<ErrorCode, MessageKey>> = {
  full: "addToCallFull",
  locked: "addToCallLocked",
  "not-found": "addToCallEnded",
  forbidden: "addToCallForbidden",
};

/**
 * Everyone waiting, split for a provider in `consultationId`: those waiting to join this very call (shown
 * here), and the others, who wait for the provider's next consultation (the folded list, and its count).
 */
export function waitingAround(
  patients: readonly WaitingPatient[],
  consultationId: string,
): { forThisCall: WaitingPatient[]; others: WaitingPatient[] } {
  const forThisCall = patients.filter((patient) => patient.forCall === consultationId);
  return { forThisCall, others: patients.filter((patient) => patient.forCall !== consultationId) };
}

export function ForThisCall(props: {
  people: readonly WaitingPatient[];
  /** The person being added: their button waits for the room. */
  adding: string | undefined;
  failed: ErrorCode | undefined;
  add(patientId: string): void;
  /** Their names, as this device opens them. */
  names: NameOpener;
}) {
  return (
    <Show when={props.people.length > 0}>
      <section class="call-waiting" data-testid="call-waiting" aria-labelledby="call-waiting-heading">
        <h2 id="call-waiting-heading">{t("waitingForThisCall")}</h2>
        <ul>
          <For each={props.people}>
            {(person) => (
              <Person
                person={person}
                names={props.names}
                adding={props.adding === person.id}
                add={() => {
                  if (props.adding === undefined) props.add(person.id);
                }}
              />
            )}
          </For>
        </ul>
        <Show when={props.failed}>
          {(code) => (
            <p role="alert" data-testid="add-to-call-failed">
              {t(refusals[code()] ?? "addToCallFailed")}
            </p>
          )}
        </Show>
      </section>
    </Show>
  );
}

function Person(props: { person: WaitingPatient; names: NameOpener; adding: boolean; add(): void }) {
  const shown = useShownName(props.names, () => props.person);
  return (
    <li data-testid="call-waiting-person" data-label={props.person.label}>
      <PatientName class="call-waiting-name" shown={shown()} />
      <Show when={props.person.label}>{(label) => <span class="invitation-label">{labelText(label())}</span>}</Show>
      {/* aria-disabled, not disabled: the focus stays on the button while the room answers. */}
      <button
        type="button"
        data-testid="add-to-call"
        aria-label={`${t("addToCall")}: ${shown().spoken}`}
        aria-disabled={props.adding || undefined}
        onClick={() => props.add()}
      >
        {t("addToCall")}
      </button>
    </li>
  );
}
