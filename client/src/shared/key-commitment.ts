// A link's commitment to the practice's device keys (issue 25): the provider's page that makes a link
// appends `#k=<h1>.<h2>…`, one short hash per device key the name may be sealed to. The fragment never
// reaches a server, so a server that later offers the patient's page other keys (its own, to read the
// name) is caught: the page seals only to keys the link names. Pure, with WebCrypto's SHA-256 only.

/** Bytes of SHA-256 a hash keeps: 96 bits, 16 base64url characters; a second preimage is out of reach. */
const HASH_BYTES = 12;
const HASH = /^[A-Za-z0-9_-]{16}$/;

/**
 * Bytes as base64url without padding; name-seal.ts uses these too, which also keeps this module in the
 * built pages' name-seal chunk (providers' committed-link.ts shares it with the patient's sealing) rather
 * than a chunk of its own that every patient's first load would list.
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of a base64url text without padding (a raw public key). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A device key's hash in a link: the first 12 bytes of SHA-256 over its raw 65-byte public key, base64url. */
export async function keyHash(publicKeyRaw: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", fromBase64Url(publicKeyRaw)));
  return toBase64Url(digest.slice(0, HASH_BYTES));
}

/**
 * What follows `#k=` in a link for these keys: their hashes sorted and without repeats, joined by dots, so
 * the same keys always make the same link. Empty for no keys: a link then carries no `#k=` at all (the
 * page trusts the server's keys), since an empty commitment would match no key ever offered.
 */
export async function commitmentOf(keys: readonly { publicKey: string }[]): Promise<string> {
  const hashes = await Promise.all(keys.map((key) => keyHash(key.publicKey)));
  return [...new Set(hashes)].sort().join(".");
}

/**
 * The hashes a link's fragment commits to: undefined when it has no `k=` (a join code, a personal room, a
 * link of before), and an empty set, matching nothing, when the `k=` is malformed in any part: a damaged
 * commitment is no reason to trust whatever the server offers.
 */
export function parseCommitment(fragment: string): Set<string> | undefined {
  const part = fragment
    .replace(/^#/, "")
    .split("&")
    .find((field) => field.startsWith("k="));
  if (part === undefined) return undefined;
  const hashes = part.slice(2).split(".");
  return hashes.every((hash) => HASH.test(hash)) ? new Set(hashes) : new Set();
}

/** The keys whose hash the commitment names, in the order offered. */
export async function committedKeys<Key extends { publicKey: string }>(
  keys: readonly Key[],
  commitment: ReadonlySet<string>,
): Promise<Key[]> {
  const hashes = await Promise.all(keys.map((key) => keyHash(key.publicKey)));
  return keys.filter((_key, i) => commitment.has(hashes[i] as string));
}
