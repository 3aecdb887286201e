// A provider's browser holds a registered device key (issue 25): the first visit makes and registers one
// and keeps it; later visits only mark it as used; a key the server no longer has (removed on the account
// page, lapsed) is replaced; and no failure of the browser's storage or the network ever reaches the page.
import { describe, expect, it } from "vitest";
import type { DeviceKeyApi } from "../../client/src/provider/device-key/api.ts";
import { ensureDeviceKey } from "../../client/src/provider/device-key/ensure.ts";
import type { DeviceKeyRecord, DeviceKeyStore } from "../../client/src/provider/device-key/store.ts";
import { ApiError } from "../../client/src/shared/api.ts";
import { keyFingerprint, newDeviceKeyPair, publicKeyRaw } from "../../client/src/shared/name-seal.ts";
import type { DeviceKeyRegister } from "../../schema/api-types.ts";

/** IndexedDB's part, in a map; `broken` makes every call fail as a refused IndexedDB would. */
function fakeStore(options: { broken?: "all" | "put" } = {}) {
  const records = new Map<string, DeviceKeyRecord>();
  const store: DeviceKeyStore = {
    async get(providerId) {
      if (options.broken === "all") throw new Error("IndexedDB unavailable");
      return records.get(providerId);
    },
    async put(record) {
      if (options.broken) throw new Error("IndexedDB unavailable");
      records.set(record.providerId, record);
    },
    async delete(providerId) {
      records.delete(providerId);
    },
  };
  return { store, records };
}

/** The server's device-key routes as far as this browser sees them. */
function fakeApi(options: { gone?: Set<string>; offline?: boolean } = {}) {
  const registered: DeviceKeyRegister[] = [];
  const seen: string[] = [];
  const removed: string[] = [];
  let next = 0;
  const reachable = () => {
    if (options.offline) throw new TypeError("Failed to fetch");
  };
  const api: DeviceKeyApi = {
    async list() {
      reachable();
      return { keys: [] };
    },
    async register(body) {
      reachable();
      registered.push(body);
      const id = `kid-${++next}`.padEnd(22, "x");
      const now = new Date().toISOString();
      return { id, label: body.label, fingerprint: "", publicKey: body.publicKey, createdAt: now, lastUsedAt: now };
    },
    async remove(id) {
      reachable();
      removed.push(id);
    },
    async seen(id) {
      reachable();
      if (options.gone?.has(id)) throw new ApiError(404, "Not found", { code: "not-found" });
      seen.push(id);
    },
  };
  return { api, registered, seen, removed };
}

const deps = (store: DeviceKeyStore, api: DeviceKeyApi) => ({
  store,
  api,
  label: "Firefox on Linux",
  newKeyPair: newDeviceKeyPair,
  publicKeyRaw,
});

async function fingerprintOfRaw(raw: string) {
  const bytes = Uint8Array.from(atob(raw.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", bytes, { name: "ECDH", namedCurve: "P-256" }, true, []);
  return keyFingerprint(key);
}

describe("this browser's device key", () => {
  it("is made, registered with the browser's label and kept on the first visit", async () => {
    const { store, records } = fakeStore();
    const server = fakeApi();
    const record = await ensureDeviceKey("prov-1", deps(store, server.api));

    expect(server.registered).toHaveLength(1);
    const sent = server.registered[0] as DeviceKeyRegister;
    expect(sent.label).toBe("Firefox on Linux");
    expect(sent.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const kept = records.get("prov-1");
    expect(kept?.kid).toBe(record?.kid);
    expect(kept?.kid).toMatch(/^kid-1/);
    // What the server got is the public half of the pair kept here; the private half cannot be read out.
    expect(await fingerprintOfRaw(sent.publicKey)).toBe(await keyFingerprint(kept?.keyPair.publicKey as CryptoKey));
    expect(kept?.keyPair.privateKey.extractable).toBe(false);
    expect(server.seen).toEqual([]);
  });

  it("is only marked as used on a later visit, and neither made nor registered again", async () => {
    const { store, records } = fakeStore();
    const server = fakeApi();
    const first = await ensureDeviceKey("prov-1", deps(store, server.api));
    const again = await ensureDeviceKey("prov-1", deps(store, server.api));

    expect(server.registered).toHaveLength(1);
    expect(server.seen).toEqual([first?.kid]);
    expect(again).toBe(first);
    expect(records.get("prov-1")).toBe(first);
  });

  it("is replaced by a new key, registered and kept, once the server no longer has it (removed or lapsed)", async () => {
    const { store, records } = fakeStore();
    const gone = new Set<string>();
    const server = fakeApi({ gone });
    const old = (await ensureDeviceKey("prov-1", deps(store, server.api))) as DeviceKeyRecord;
    gone.add(old.kid);

    const fresh = await ensureDeviceKey("prov-1", deps(store, server.api));
    expect(server.registered).toHaveLength(2);
    expect(fresh?.kid).not.toBe(old.kid);
    expect(records.get("prov-1")?.kid).toBe(fresh?.kid);
    expect(server.registered[1]?.publicKey).not.toBe(server.registered[0]?.publicKey);
  });

  it("is kept per provider: a colleague logging in on the same browser gets a key of their own", async () => {
    const { store, records } = fakeStore();
    const server = fakeApi();
    await ensureDeviceKey("prov-1", deps(store, server.api));
    await ensureDeviceKey("prov-2", deps(store, server.api));
    expect(server.registered).toHaveLength(2);
    expect(records.get("prov-1")?.kid).not.toBe(records.get("prov-2")?.kid);
  });

  it("stays as it is while the network is down, and is used again once it is back", async () => {
    const { store, records } = fakeStore();
    const kept = (await ensureDeviceKey("prov-1", deps(store, fakeApi().api))) as DeviceKeyRecord;
    const offline = fakeApi({ offline: true });

    await expect(ensureDeviceKey("prov-1", deps(store, offline.api))).resolves.toBe(kept);
    expect(records.get("prov-1")).toBe(kept);
  });

  it("leaves the page working, with no key on this device, where the browser keeps nothing (private mode)", async () => {
    const { store } = fakeStore({ broken: "all" });
    const server = fakeApi();
    await expect(ensureDeviceKey("prov-1", deps(store, server.api))).resolves.toBeUndefined();
    // A key nobody could keep is never registered, so it never shows on the account page.
    expect(server.registered).toEqual([]);
  });

  it("takes back a key it registered but could not keep, so nothing is sealed to a key nobody holds", async () => {
    const { store } = fakeStore({ broken: "put" });
    const server = fakeApi();
    await expect(ensureDeviceKey("prov-1", deps(store, server.api))).resolves.toBeUndefined();
    expect(server.registered).toHaveLength(1);
    expect(server.removed).toHaveLength(1);
  });

  it("leaves the page working, with no key, when registering fails (offline on the first visit)", async () => {
    const { store, records } = fakeStore();
    const server = fakeApi({ offline: true });
    await expect(ensureDeviceKey("prov-1", deps(store, server.api))).resolves.toBeUndefined();
    expect(records.size).toBe(0);
  });
});
