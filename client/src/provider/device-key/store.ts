// What this browser keeps of its device key (issue 25), one record per provider logged in here: the id
// the server gave the public key, and the key pair itself. The private key is non-extractable: the
// store holds it by structured clone, so it can be used here and never read out, not even by the page.

export interface DeviceKeyRecord {
  providerId: string;
  /** The id the server gave the registered public key. */
  kid: string;
  keyPair: CryptoKeyPair;
}

/** Where the records live; IndexedDB in the browser (idb-store.ts), a map in tests. */
export interface DeviceKeyStore {
  get(providerId: string): Promise<DeviceKeyRecord | undefined>;
  put(record: DeviceKeyRecord): Promise<void>;
  delete(providerId: string): Promise<void>;
}
