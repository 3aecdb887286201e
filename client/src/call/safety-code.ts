// The safety code: a short number both sides compute from the DTLS certificate fingerprints in their
// local and remote session descriptions. Media is encrypted with keys agreed over DTLS, and each side
// checks the other's certificate against the fingerprint it received through signaling. A signaling
// server that wanted to listen in would have to swap fingerprints, presenting its own certificate to
// each side; then each side hashes a different pair of fingerprints and the codes differ. Read out
// and compared over the call itself, which the server cannot alter unnoticed, they prove the keys.

const LABEL = "anteroom safety code v1";
const FINGERPRINT_LINE = /^a=fingerprint:(\S+)\s+([0-9A-Fa-f:]+)\s*$/gm;

/** The DTLS fingerprints of an SDP (session or media level), normalised and deduplicated. */
export function dtlsFingerprints(sdp: string): string[] {
  const found = new Set<string>();
  for (const [, algorithm, hex] of sdp.matchAll(FINGERPRINT_LINE)) {
    if (algorithm && hex) found.add(`${algorithm.toLowerCase()} ${hex.toUpperCase()}`);
  }
  return [...found].sort();
}

/**
 * Four groups of four digits, the same whichever side computes it (the two sides' fingerprints are
 * sorted first); undefined if either description has no fingerprint.
 */
export async function safetyCode(localSdp: string, remoteSdp: string): Promise<string | undefined> {
  return groupSafetyCode([dtlsFingerprints(localSdp), dtlsFingerprints(remoteSdp)]);
}

/**
 * The code of a group: one fingerprint set per participant (each uses one certificate for all its
 * connections in a call, so a participant is one set whoever looks at it). The sets are sorted, so
 * every device that sees the same certificates computes the same code; for two sets it is exactly
 * the 1:1 code above, so pairs keep the code they have always had. Undefined if any set is empty or
 * there are fewer than two: a code over one's own certificate proves nothing.
 */
export async function groupSafetyCode(fingerprintSets: readonly (readonly string[])[]): Promise<string | undefined> {
  if (fingerprintSets.length < 2) return undefined;
  if (fingerprintSets.some((set) => set.length === 0)) return undefined;
  const participants = fingerprintSets.map((set) => [...set].sort().join(",")).sort();
  const input = new TextEncoder().encode(`${LABEL}\n${participants.join("\n")}`);
  const digest = new DataView(await crypto.subtle.digest("SHA-256", input));
  // 64 bits mod 10^16: the bias (10^16 does not divide 2^64) is below 0.1 % and makes no code guessable.
  const value = digest.getBigUint64(0) % 10n ** 16n;
  const digits = value.toString().padStart(16, "0");
  return digits.match(/.{4}/g)?.join(" ");
}
