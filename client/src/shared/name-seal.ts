// Sealing a name to device keys and opening it again, with WebCrypto only (issue 25). The patient's page
// seals; a provider's device opens with its private key, which never leaves that browser. Any failure to
// open (another key, another invitation, a changed byte) is one answer, `undefined`: the page shows the
// name as unavailable and never tells why, so a forged box learns nothing.

import { MAX_SEALED_NAME_CHARS, type SealBinding, SealedName } from "../../../schema/sealed-name.ts";
import { fromBase64Url, toBase64Url } from "./key-commitment.ts";

const CURVE = { name: "ECDH", namedCurve: "P-256" } as const;
const INFO_PREFIX = "anteroom name seal v1";

export interface DeviceKey {
  /** The id the server gave the device's registered public key. */
  kid: string;
  /** Its public key (ECDH P-256). */
  publicKey: CryptoKey;
}

const encoder = new TextEncoder();

// Typed once for both type libraries that check this module: the DOM's (the pages) and workerd's (the
// workerd tests seal and open names as pages do). Both runtimes take these calls; their types differ.
const newKeyPair = () => crypto.subtle.generateKey(CURVE, false, ["deriveBits"]) as Promise<CryptoKeyPair>;
const rawBytes = async (key: CryptoKey) => new Uint8Array((await crypto.subtle.exportKey("raw", key)) as ArrayBuffer);
const ecdhWith = (publicKey: CryptoKey) =>
  ({ name: "ECDH", public: publicKey }) as unknown as Parameters<typeof crypto.subtle.deriveBits>[0];

/** What is bound into the content's associated data and every wrapping key's derivation. */
const bindingBytes = (binding: SealBinding) => encoder.encode(JSON.stringify([binding.invitation, binding.purpose]));

/** The key that wraps the content key for one device: HKDF over the ECDH secret, bound to device and use. */
async function wrappingKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  ephemeralRaw: Uint8Array<ArrayBuffer>,
  kid: string,
  binding: SealBinding,
  usage: "encrypt" | "decrypt",
): Promise<CryptoKey> {
  const secret = await crypto.subtle.deriveBits(ecdhWith(publicKey), privateKey, 256);
  const material = await crypto.subtle.importKey("raw", secret, "HKDF", false, ["deriveKey"]);
  const info = encoder.encode(`${INFO_PREFIX}\n${kid}\n${JSON.stringify([binding.invitation, binding.purpose])}`);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: ephemeralRaw, info },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

/** Seals `text` so that each of `devices` (and nobody else) can open it, for this binding only. */
export async function sealName(text: string, devices: readonly DeviceKey[], binding: SealBinding): Promise<SealedName> {
  if (devices.length === 0) throw new Error("no device key to seal to");
  if ([...text].length > MAX_SEALED_NAME_CHARS) throw new Error("text too long to seal");
  const ephemeral = await newKeyPair();
  const ephemeralRaw = await rawBytes(ephemeral.publicKey);
  const contentKeyRaw = crypto.getRandomValues(new Uint8Array(32));
  const contentKey = await crypto.subtle.importKey("raw", contentKeyRaw, "AES-GCM", false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: bindingBytes(binding) },
      contentKey,
      encoder.encode(text),
    ),
  );
  const to = await Promise.all(
    devices.map(async (device) => {
      const key = await wrappingKey(
        ephemeral.privateKey,
        device.publicKey,
        ephemeralRaw,
        device.kid,
        binding,
        "encrypt",
      );
      const wrapIv = crypto.getRandomValues(new Uint8Array(12));
      const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: wrapIv }, key, contentKeyRaw));
      return { kid: device.kid, iv: toBase64Url(wrapIv), key: toBase64Url(wrapped) };
    }),
  );
  return { v: 1, epk: toBase64Url(ephemeralRaw), iv: toBase64Url(iv), ct: toBase64Url(ct), to };
}

/**
 * Opens a sealed name with this device's private key, or answers `undefined`: not sealed to this device,
 * bound to another invitation or purpose, changed, too large or not a sealed name at all.
 */
export async function openName(
  sealed: unknown,
  device: { kid: string; privateKey: CryptoKey },
  binding: SealBinding,
): Promise<string | undefined> {
  const parsed = SealedName.safeParse(sealed);
  if (!parsed.success) return undefined;
  const box = parsed.data;
  const mine = box.to.find((entry) => entry.kid === device.kid);
  if (!mine) return undefined;
  try {
    const ephemeralRaw = fromBase64Url(box.epk);
    const ephemeral = await crypto.subtle.importKey("raw", ephemeralRaw, CURVE, false, []);
    const key = await wrappingKey(device.privateKey, ephemeral, ephemeralRaw, device.kid, binding, "decrypt");
    const contentKeyRaw = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64Url(mine.iv) },
      key,
      fromBase64Url(mine.key),
    );
    const contentKey = await crypto.subtle.importKey("raw", contentKeyRaw, "AES-GCM", false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64Url(box.iv), additionalData: bindingBytes(binding) },
      contentKey,
      fromBase64Url(box.ct),
    );
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(plain);
    return [...text].length <= MAX_SEALED_NAME_CHARS ? text : undefined;
  } catch {
    // Any cryptographic or decoding failure is the same answer: this device cannot open it.
    return undefined;
  }
}

/** A device's key pair: the private key cannot be exported, so it never leaves the browser that made it. */
export function newDeviceKeyPair(): Promise<CryptoKeyPair> {
  return newKeyPair();
}

/** The public key as the server registers it: the raw uncompressed point (65 bytes), base64url. */
export async function publicKeyRaw(publicKey: CryptoKey): Promise<string> {
  return toBase64Url(await rawBytes(publicKey));
}

/** The fingerprint people compare: SHA-256 of the raw public key, as 8 groups of 4 hex digits. */
export async function keyFingerprint(publicKey: CryptoKey): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", await rawBytes(publicKey)));
  const hex = [...hash.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return hex.match(/.{4}/g)?.join(" ") ?? hex;
}
