// The patient's name sealed for the devices a waiting room's `seal-to` names (issue 25), checked against
// the link's key commitment first. Loaded by patient-session.ts on the first `seal-to` only, with the
// sealing itself (name-seal.ts) and the hashing (key-commitment.ts): none of it weighs on the join page.
//
// Which keys: with a commitment (`#k=` in the link), only the offered keys it names; without one (a join
// code, a personal room, a link made before issue 25 or while the practice had no device key), the
// server's keys as offered: there is nothing to check them against, and the page says so nowhere.
//
// When the name is not sent:
// - nothing offered: the practice has no device key (yet), or none left (keys lapse): there is nobody
//   to seal to, and no sign of a swap either, since a server that wanted the name would offer a key of
//   its own, not none. The practice sees the patient without a name; the patient is not alarmed.
// - offered, but none of them named by the link's commitment (or the commitment is malformed): the
//   server may have swapped the practice's keys for others, or the practice's devices all changed since
//   the link was made. Either way the name stays in the page, and the patient is told (`mismatch`).
// - anything failing (no WebCrypto, a key that does not import): nothing is sent, and the wait goes on.
import { MAX_NAME_LENGTH } from "../../../schema/limits.ts";
import type { WaitingRoomToPatient } from "../../../schema/messages.ts";
import type { SealedName } from "../../../schema/sealed-name.ts";
import { typedLine } from "../../../schema/typed-text.ts";
import { committedKeys, fromBase64Url, parseCommitment } from "../shared/key-commitment.ts";
import { type DeviceKey, sealName } from "../shared/name-seal.ts";

type SealTo = Extract<WaitingRoomToPatient, { type: "seal-to" }>;

export type NameSealing =
  | { outcome: "sealed"; sealed: SealedName }
  /** Nothing to seal to, or a name that is no plain line: nothing sent, nothing said. */
  | { outcome: "none" }
  /** Keys offered, none of them the link's: nothing sent, and the patient is told. */
  | { outcome: "mismatch" }
  /** WebCrypto missing or a key that does not import: nothing sent, nothing said. */
  | { outcome: "failed" };

/** The same rule the call's peer message has for a name (schema/peer-messages.ts): trimmed, one plain line. */
const NameLine = typedLine(MAX_NAME_LENGTH, 1);

async function deviceKey(key: SealTo["keys"][number]): Promise<DeviceKey> {
  const publicKey = await crypto.subtle.importKey(
    "raw",
    fromBase64Url(key.publicKey),
    { name: "ECDH", namedCurve: "P-256" },
    true,
    [],
  );
  return { kid: key.kid, publicKey };
}

/**
 * Seals `name` to the keys of `request` that the link's fragment (`commitment`, as kept; undefined for a
 * link without one) names, bound to the request's invitation and purpose.
 */
export async function sealOwnName(name: string, request: SealTo, commitment: string | undefined): Promise<NameSealing> {
  const line = NameLine.safeParse(name);
  if (!line.success || request.keys.length === 0) return { outcome: "none" };
  try {
    const committed = commitment === undefined ? undefined : parseCommitment(commitment);
    const keys = committed ? await committedKeys(request.keys, committed) : request.keys;
    if (keys.length === 0) return { outcome: "mismatch" };
    const devices = await Promise.all(keys.map(deviceKey));
    const sealed = await sealName(line.data, devices, { invitation: request.for, purpose: request.purpose });
    return { outcome: "sealed", sealed };
  } catch {
    return { outcome: "failed" };
  }
}
