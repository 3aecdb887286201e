// That this browser holds a registered device key for the provider logged in (issue 25): a key it has is
// marked as used (which keeps it from lapsing); a key the server no longer has (removed on the account
// page, lapsed after 90 days unused) or none at all is replaced by a new pair, registered, then kept.
// Never throws: without IndexedDB (some private modes) or a network, this device simply has no key, and
// patients' names show as visible on the provider's other devices.
import { ApiError } from "../../shared/api.ts";
import type { DeviceKeyApi } from "./api.ts";
import type { DeviceKeyRecord, DeviceKeyStore } from "./store.ts";

export interface EnsureDeps {
  store: DeviceKeyStore;
  api: DeviceKeyApi;
  /** How the key is labelled on the account page ("Firefox on Linux"). */
  label: string;
  newKeyPair(): Promise<CryptoKeyPair>;
  /** The public key as the server takes it (raw point, base64url). */
  publicKeyRaw(publicKey: CryptoKey): Promise<string>;
}

/** This device's record for the provider once it is registered, or undefined where that cannot be. */
export async function ensureDeviceKey(providerId: string, deps: EnsureDeps): Promise<DeviceKeyRecord | undefined> {
  let kept: DeviceKeyRecord | undefined;
  try {
    kept = await deps.store.get(providerId);
  } catch {
    // No store, no key: a key registered now could not be kept, and would only clutter the account page.
    return undefined;
  }
  if (kept) {
    try {
      await deps.api.seen(kept.kid);
      return kept;
    } catch (e) {
      // Anything but "gone" (offline, a server error) leaves the key as it is: it may well still count.
      if (!(e instanceof ApiError && e.status === 404)) return kept;
    }
  }
  return registerNew(providerId, deps);
}

async function registerNew(providerId: string, deps: EnsureDeps): Promise<DeviceKeyRecord | undefined> {
  let registered: string;
  let keyPair: CryptoKeyPair;
  try {
    keyPair = await deps.newKeyPair();
    const publicKey = await deps.publicKeyRaw(keyPair.publicKey);
    registered = (await deps.api.register({ publicKey, label: deps.label })).id;
  } catch {
    return undefined;
  }
  const record: DeviceKeyRecord = { providerId, kid: registered, keyPair };
  try {
    await deps.store.put(record);
    return record;
  } catch {
    // Registered but not kept: nobody holds its private key, so nothing must be sealed to it any more.
    await deps.api.remove(registered).catch(() => undefined);
    return undefined;
  }
}
