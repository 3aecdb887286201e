// Invitation links as a provider's page shows and copies them (issue 25): with `#k=<commitment>` to the
// practice's device keys (GET /api/practice/device-keys, every member's, so a transfer to a colleague is
// covered), which the patient's page checks before it seals a name (client/src/shared/key-commitment.ts).
// No keys yet, or no answer: the plain link, whose page then trusts the keys the server offers, as for a
// join code. Provider-only: no patient's page imports this.
import { type Accessor, createEffect, createSignal } from "solid-js";
import type { SealKeyList } from "../../../schema/api-types.ts";
import { apiGet } from "../shared/api.ts";
import { commitmentOf } from "../shared/key-commitment.ts";

/**
 * How long one answer serves the links a page makes: the links shown at once (an appointment's
 * invitations) ask once, and the next link made asks again, so a device registered meanwhile (a
 * colleague's, or the provider's own second browser) is named by it: a new device shows the unavailable
 * state for the patients before it and opens the next one's name (issue 25).
 */
export const COMMITMENT_FRESH_MS = 2_000;

/** What follows `#k=` for the practice's keys now; "" for none, or when they cannot be had. */
export type CommitmentSource = () => Promise<string>;

/** Asks `keys` at most once per freshness window; a failed answer is not kept, so the next link asks again. */
export function commitmentSource(
  keys: () => Promise<readonly { publicKey: string }[]>,
  now: () => number = () => Date.now(),
): CommitmentSource {
  let kept: { at: number; commitment: Promise<string> } | undefined;
  return () => {
    if (!kept || now() - kept.at >= COMMITMENT_FRESH_MS) {
      const commitment = keys().then(commitmentOf);
      const entry = { at: now(), commitment };
      kept = entry;
      commitment.catch(() => {
        if (kept === entry) kept = undefined;
      });
    }
    return kept.commitment.catch(() => "");
  };
}

/** The link with the commitment as its fragment (replacing any), or as it is for an empty commitment. */
export function withCommitment(url: string, commitment: string): string {
  return commitment ? `${url.split("#")[0]}#k=${commitment}` : url;
}

/** One source per page load, shared by every place that shows a link. */
export const practiceCommitment = commitmentSource(
  async () => (await apiGet<SealKeyList>("/api/practice/device-keys")).keys,
);

/**
 * The committed form of `url()`, or undefined while it is being computed (a request and a few hashes):
 * the page shows no link until then, so nobody copies one without its commitment, and what is shown is
 * exactly what is copied.
 */
export function createCommittedLink(
  url: Accessor<string | undefined>,
  commitment: CommitmentSource = practiceCommitment,
): Accessor<string | undefined> {
  const [link, setLink] = createSignal<string>();
  let asked = 0;
  createEffect(() => {
    const plain = url();
    const mine = ++asked;
    setLink(undefined);
    if (plain === undefined) return;
    void commitment().then((made) => {
      // A newer link meanwhile: this answer is for one no longer shown.
      if (mine === asked) setLink(withCommitment(plain, made));
    });
  });
  return link;
}
