// The names of those waiting, as this device can read them (issue 25): the server relays each patient's
// name sealed to the practice's device keys, and only a device holding one of those keys opens it. One
// opener per screen that lists patients (the dashboard's presence, the call's waiting list): it opens each
// box once, keeps the answer, and tells its listeners when one changes. It never throws: whatever does
// not open (no key here, another key, another invitation, a changed or oversized box) is "unavailable".
import { DisplayName, type WaitingPatient } from "../../../schema/messages.ts";
import { type SealPurpose, sealPurposeOf } from "../../../schema/sealed-name.ts";
import { browserClock, type Clock } from "../shared/clock.ts";
import { openName } from "../shared/name-seal.ts";

/** This device's private key for the provider, as the device-key store gives it (device-key-source.ts). */
export interface OpeningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * pending: no box yet (the patient's page sends it right after connecting), or opening;
 * open: the name; unavailable: no name on this device: none was sent (`not-shared`), or it does not open here.
 */
export type NameState =
  | { kind: "pending" }
  | { kind: "open"; name: string }
  | { kind: "unavailable"; reason: "not-shared" | "not-on-this-device" };

/** What the opener reads of a waiting patient. */
export type SealedPatient = Pick<WaitingPatient, "id" | "sealedName" | "sealedFor" | "label">;

export interface NameOpener {
  /** What is known of this patient's name now; starts opening their box the first time it is asked. */
  state(patient: SealedPatient): NameState;
  /** Told whenever a name's state changes (an opening finished, a patient's wait for a box ran out). */
  subscribe(listener: () => void): () => void;
  /** The screen is gone: its timers stop and nobody is told anything more. */
  dispose(): void;
}

/**
 * How long a patient without a box reads as pending: their page seals and sends the name within a moment
 * of connecting, so a patient still without one after this sent none (no key to seal to, or a page that
 * did not), and the screen says so instead of waiting on.
 */
export const NAME_GRACE_MS = 8000;

const PENDING: NameState = { kind: "pending" };
const NOT_SHARED: NameState = { kind: "unavailable", reason: "not-shared" };
const NOT_HERE: NameState = { kind: "unavailable", reason: "not-on-this-device" };

/** What a name was sealed as: a guest's (an interpreter's, a relative's) or the patient's own, as the room asked. */
export const purposeOf = (patient: Pick<WaitingPatient, "label">): SealPurpose => sealPurposeOf(patient.label);

interface Entry {
  /** The box this entry is for: a new box (the page sent another) is opened anew. */
  box: string | undefined;
  state: NameState;
}

export interface NameOpenerOptions {
  /** This device's key for the logged-in provider; undefined when it has none. Asked lazily, once it answers with one. */
  key(): Promise<OpeningKey | undefined>;
  clock?: Clock;
}

export function createNameOpener(options: NameOpenerOptions): NameOpener {
  const clock = options.clock ?? browserClock;
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  const timers = new Set<unknown>();
  let disposed = false;
  let key: Promise<OpeningKey | undefined> | undefined;

  const changed = () => {
    if (!disposed) for (const listener of listeners) listener();
  };

  /** The key, asked once it is needed; a device with none yet is asked again for the next box (one may be made meanwhile). */
  async function deviceKey(): Promise<OpeningKey | undefined> {
    key ??= options.key().catch(() => undefined);
    const found = await key;
    if (!found) key = undefined;
    return found;
  }

  async function open(patient: SealedPatient, entry: Entry) {
    let name: string | undefined;
    try {
      const found = await deviceKey();
      name = found
        ? await openName(patient.sealedName, found, { invitation: patient.sealedFor, purpose: purposeOf(patient) })
        : undefined;
    } catch {
      name = undefined;
    }
    // A newer box for the same patient replaced this one meanwhile: its own opening answers.
    if (entries.get(patient.id) !== entry) return;
    // The server no longer checks a patient's name (it never sees it): a name a modified page sealed
    // with control characters or a text-direction override is refused here, as the join once did.
    entry.state = name === undefined || !DisplayName.safeParse(name).success ? NOT_HERE : { kind: "open", name };
    changed();
  }

  function waitForBox(id: string, entry: Entry) {
    const timer = clock.setTimeout(() => {
      timers.delete(timer);
      if (entries.get(id) !== entry || entry.state !== PENDING) return;
      entry.state = NOT_SHARED;
      changed();
    }, NAME_GRACE_MS);
    timers.add(timer);
  }

  return {
    state(patient) {
      const box = patient.sealedName === undefined ? undefined : JSON.stringify(patient.sealedName);
      const known = entries.get(patient.id);
      // No box now but one before (a reconnect that has not re-sent it yet): the name opened stays.
      if (known && (known.box === box || box === undefined)) return known.state;
      const entry: Entry = { box, state: PENDING };
      entries.set(patient.id, entry);
      if (disposed) return entry.state;
      if (box === undefined) waitForBox(patient.id, entry);
      else void open(patient, entry);
      return entry.state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      listeners.clear();
      for (const timer of timers) clock.clearTimeout(timer);
      timers.clear();
    },
  };
}
