// The device key store on IndexedDB: one database, one object store keyed by provider id. Thin on
// purpose (the logic above it is tested against a map); it fails, never hangs, where IndexedDB is
// missing or refused (some private modes), and the caller then simply has no key on this device.
import type { DeviceKeyRecord, DeviceKeyStore } from "./store.ts";

const DATABASE = "anteroom-device-keys";
const STORE = "keys";

function opened(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") return reject(new Error("no IndexedDB"));
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "providerId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("IndexedDB blocked"));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await opened();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      // Resolved once the transaction commits, so a put is on disk before the caller relies on it.
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error ?? request.error);
      transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
    });
  } finally {
    db.close();
  }
}

function isRecord(value: unknown): value is DeviceKeyRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Partial<DeviceKeyRecord>;
  return (
    typeof record.kid === "string" &&
    record.keyPair?.privateKey instanceof CryptoKey &&
    record.keyPair.publicKey instanceof CryptoKey
  );
}

export const indexedDbStore: DeviceKeyStore = {
  async get(providerId) {
    const found = await run<unknown>("readonly", (store) => store.get(providerId));
    return isRecord(found) ? found : undefined;
  },
  put: (record) => run<void>("readwrite", (store) => store.put(record)),
  delete: (providerId) => run<void>("readwrite", (store) => store.delete(providerId)),
};
