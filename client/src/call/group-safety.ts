// The safety code the top bar shows: over this side's certificate and every other participant's
// whose peer agreed on keys with us, hashed by groupSafetyCode. In a 1:1 call it is exactly the pair's
// code (safety-code.ts), so nothing changes for two people. Pure apart from the hash, so the choice
// of who counts is tested on its own (test/client/group-safety.test.ts).
import type { ParticipantView } from "./call-state.ts";
import { groupSafetyCode } from "./safety-code.ts";

/** The fingerprint sets a group code covers: this side's first, then each counted participant's. */
export interface CodeInput {
  readonly sets: readonly (readonly string[])[];
  /** People it covers, this side included: shown beside the code so people compare codes over the same group. */
  readonly participants: number;
}

/**
 * A peer counts once its DTLS handshake is done and while its path is alive: connected, or
 * reconnecting (an ICE restart keeps the certificates, and a code that vanished mid-read-out on a
 * network blip would help nobody). Connecting peers have no keys yet; failed ones are out of the call
 * as far as media goes.
 */
function counts(view: ParticipantView): boolean {
  return (view.media === "connected" || view.media === "reconnecting") && view.fingerprints !== undefined;
}

/** A fingerprint set as one comparable string, whatever order the SDP listed it in. */
const setKey = (set: readonly string[]) => [...set].sort().join(",");

/**
 * What to hash, or undefined when there is no code to show: nobody counted yet, or this side's own
 * fingerprint differs between two of its connections (it uses one certificate per call, so that
 * would be something wrong, and no code is better than a code that proves nothing).
 */
export function codeInput(participants: Readonly<Record<string, ParticipantView>>): CodeInput | undefined {
  const counted = Object.values(participants).filter(counts);
  const first = counted[0]?.fingerprints;
  if (!first) return undefined;
  const mine = setKey(first.local);
  if (!counted.every((view) => view.fingerprints && setKey(view.fingerprints.local) === mine)) return undefined;
  const others = counted.map((view) => view.fingerprints?.remote ?? []);
  return { sets: [first.local, ...others], participants: counted.length + 1 };
}

/** Whether two inputs hash to the same code over the same people: the screen hashes again only when not. */
export function sameCodeInput(a: CodeInput | undefined, b: CodeInput | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.participants === b.participants && a.sets.map(setKey).sort().join("\n") === b.sets.map(setKey).sort().join("\n")
  );
}

/** The code with the number of people it covers, or undefined (see `codeInput`). */
export async function callSafetyCode(
  participants: Readonly<Record<string, ParticipantView>>,
): Promise<{ code: string; participants: number } | undefined> {
  const input = codeInput(participants);
  if (!input) return undefined;
  const code = await groupSafetyCode(input.sets);
  return code === undefined ? undefined : { code, participants: input.participants };
}
