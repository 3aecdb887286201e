// This browser's device key for the provider logged in, wired to IndexedDB and the API: kept registered
// once a page load (provider-page.tsx starts it in the background), handed to what opens patients'
// names, and shown and forgotten on the account page.
import { keyFingerprint, newDeviceKeyPair, publicKeyRaw } from "../../shared/name-seal.ts";
import { deviceKeyApi } from "./api.ts";
import { ensureDeviceKey } from "./ensure.ts";
import { indexedDbStore } from "./idb-store.ts";
import { deviceLabel } from "./label.ts";

/** One run per provider and page load: moving between the provider's pages does not ask again. */
const running = new Map<string, Promise<unknown>>();

/** Two tabs opening at once would each register a key, and one of the two would be held by nobody. */
async function oneTabAtATime<T>(providerId: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (!locks) return work();
  return await locks.request(`anteroom-device-key:${providerId}`, work);
}

/** Makes sure this browser holds a registered key for the provider; never fails, never throws. */
export function keepDeviceKey(providerId: string): Promise<void> {
  let run = running.get(providerId);
  if (!run) {
    run = oneTabAtATime(providerId, () =>
      ensureDeviceKey(providerId, {
        store: indexedDbStore,
        api: deviceKeyApi,
        label: deviceLabel(typeof navigator === "undefined" ? "" : navigator.userAgent),
        newKeyPair: newDeviceKeyPair,
        publicKeyRaw,
      }),
    ).catch(() => undefined);
    running.set(providerId, run);
  }
  return run.then(() => undefined);
}

async function kept(providerId: string) {
  // A run under way may be about to store a new key: the answer waits for it.
  await running.get(providerId);
  return indexedDbStore.get(providerId).catch(() => undefined);
}

/** This device's key for opening names sealed to it, or undefined where this device has none. */
export async function thisDeviceKey(providerId: string): Promise<{ kid: string; privateKey: CryptoKey } | undefined> {
  const record = await kept(providerId);
  return record && { kid: record.kid, privateKey: record.keyPair.privateKey };
}

/** Which of the account page's keys is this device's, with the fingerprint computed here, not told. */
export async function thisDeviceListed(providerId: string): Promise<{ kid: string; fingerprint: string } | undefined> {
  const record = await kept(providerId);
  if (!record) return undefined;
  try {
    return { kid: record.kid, fingerprint: await keyFingerprint(record.keyPair.publicKey) };
  } catch {
    return undefined;
  }
}

/** After this device's key was removed: the next page load here makes and registers a new one. */
export function forgetThisDeviceKey(providerId: string): Promise<void> {
  return indexedDbStore.delete(providerId).catch(() => undefined);
}
