// Sealed boxes: JSON encrypted and authenticated with AES-256-GCM under a key derived (HKDF-SHA-256)
// from a deployment secret and a purpose. Each purpose ("anteroom ticket v1", "anteroom login
// challenge v1") gets its own key, so a box sealed for one can never be opened as another.
// Sealed rather than signed: what is inside stays unreadable to whoever sees the box on its way.
import { base64url, fromBase64url } from "./encoding.ts";

const encoder = new TextEncoder();
const IV_BYTES = 12;
const keys = new Map<string, Promise<CryptoKey>>();

/** An AES-256-GCM key for this secret and purpose, cached. */
function key(secret: string, purpose: string): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let derived = keys.get(cacheKey);
  if (!derived) {
    derived = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(purpose) },
          material,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(cacheKey, derived);
  }
  return derived;
}

/** The value as a base64url box: a random 96-bit IV, then the ciphertext with its tag. */
export async function seal(secret: string, purpose: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await key(secret, purpose),
    encoder.encode(JSON.stringify(value)),
  );
  const box = new Uint8Array(IV_BYTES + sealed.byteLength);
  box.set(iv);
  box.set(new Uint8Array(sealed), IV_BYTES);
  return base64url(box);
}

/**
 * The JSON inside, if the box was sealed with this secret for this purpose; otherwise undefined.
 * Boxes longer than `maxLength` are refused before any crypto runs. The caller validates the shape.
 */
export async function unseal(secret: string, purpose: string, box: string, maxLength: number): Promise<unknown> {
  if (box.length > maxLength) return undefined;
  const bytes = fromBase64url(box);
  if (!bytes || bytes.length <= IV_BYTES) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES) },
      await key(secret, purpose),
      bytes.slice(IV_BYTES),
    );
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return undefined;
  }
}
