// A waiting patient's name wherever a provider's screen shows one (the queue, the call's waiting lists,
// the buttons that name whom they act on), as this device can read it (open-names.ts). When it cannot,
// the text says so under one hook, `name-sealed-unavailable`, for both reasons: no name reached this
// device, whether none was sent or it is sealed to the provider's other devices.
import { type Accessor, createSignal, onCleanup, Show } from "solid-js";
import { sealPurposeOf } from "../../../schema/sealed-name.ts";
import { labelText } from "../provider/appointments/invitation-label.ts";
import { t } from "../shared/i18n.ts";
import "./i18n-patient-name.ts";
import type { NameOpener, NameState, SealedPatient } from "./open-names.ts";

/** A name as the screen shows it. */
export interface ShownName {
  /** The name, or what stands in for it. */
  readonly text: string;
  /** No name on this device (the hook's case). */
  readonly unavailable: boolean;
  /** For a button's accessible name: the stand-in with the invitation's label, so rows can be told apart. */
  readonly spoken: string;
}

export function shownName(state: NameState, label: string | undefined): ShownName {
  const withLabel = (text: string) => (label ? `${text} (${labelText(label)})` : text);
  switch (state.kind) {
    case "open":
      return { text: state.name, unavailable: false, spoken: state.name };
    case "pending": {
      // A guest as the call will have them: an invitation labelled "patient" is the patient's own.
      const text = t(sealPurposeOf(label) === "guest-name" ? "nameGuestPending" : "namePending");
      return { text, unavailable: false, spoken: withLabel(text) };
    }
    case "unavailable": {
      const text = t(state.reason === "not-shared" ? "nameNotShared" : "nameOnOtherDevices");
      return { text, unavailable: true, spoken: withLabel(text) };
    }
    default:
      return state satisfies never;
  }
}

/** The patient's name as it stands, following the opener (an opening that finishes, a box that came). */
export function useShownName(names: NameOpener, patient: Accessor<SealedPatient>): Accessor<ShownName> {
  const [version, setVersion] = createSignal(0);
  onCleanup(names.subscribe(() => setVersion((n) => n + 1)));
  return () => {
    version();
    const current = patient();
    return shownName(names.state(current), current.label);
  };
}

/** The name's text, as before; the stand-in, hooked, when this device has none. */
export function PatientName(props: { shown: ShownName; class?: string }) {
  return (
    <Show when={props.shown.unavailable} fallback={<span class={props.class}>{props.shown.text}</span>}>
      {/* Muted: it reads as a note about the name, not as a name. */}
      <span class={props.class} classList={{ muted: true }} data-testid="name-sealed-unavailable">
        {props.shown.text}
      </span>
    </Show>
  );
}
