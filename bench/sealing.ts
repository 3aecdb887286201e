// Issue 25's cost to the patient and the practice: how much the patient's page loads to seal a name (a
// chunk of its own, fetched on entering the waiting room, not at first load), and how long sealing to a
// practice's device keys and opening on one device take, against a floor measured in the same run: one
// bare AES-GCM encryption of the same name (what any sealing costs at least).
import { newDeviceKeyPair, openName, publicKeyRaw, sealName } from "../client/src/shared/name-seal.ts";
import { MAX_SEAL_RECIPIENTS } from "../schema/sealed-name.ts";

const NAME = "Erika Müller-Łukasiewicz";
const BINDING = { invitation: "8f0e6c1e-0000-4000-8000-000000000000", purpose: "patient-name" } as const;
const ROUNDS = 40;

async function median(task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface SealingTimes {
  /** One AES-GCM encryption of the name with a fresh key: the floor. */
  floorMs: number;
  /** Sealing to n devices, by n. */
  sealMs: Map<number, number>;
  /** Opening on one device (a box sealed to a practice's 4 devices). */
  openMs: number;
  /** The box's JSON size for the largest n, as the socket carries it. */
  largestBoxBytes: number;
}

export async function sealingTimes(): Promise<SealingTimes> {
  const devices = await Promise.all(
    Array.from({ length: MAX_SEAL_RECIPIENTS }, async (_, i) => {
      const pair = await newDeviceKeyPair();
      // As a page imports a registered key: from its raw point.
      const raw = Buffer.from(await publicKeyRaw(pair.publicKey), "base64url");
      const publicKey = await crypto.subtle.importKey("raw", raw, { name: "ECDH", namedCurve: "P-256" }, true, []);
      return { kid: `device-${i}`, publicKey, privateKey: pair.privateKey };
    }),
  );
  const text = new TextEncoder().encode(NAME);
  const floorMs = await median(async () => {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
    await crypto.subtle.encrypt({ name: "AES-GCM", iv: crypto.getRandomValues(new Uint8Array(12)) }, key, text);
  });
  const sealMs = new Map<number, number>();
  for (const n of [1, 4, MAX_SEAL_RECIPIENTS]) {
    sealMs.set(n, await median(() => sealName(NAME, devices.slice(0, n), BINDING)));
  }
  const box = await sealName(NAME, devices.slice(0, 4), BINDING);
  const openMs = await median(async () => {
    if ((await openName(box, devices[3]!, BINDING)) !== NAME) throw new Error("the box did not open");
  });
  const largest = await sealName(NAME, devices, BINDING);
  return { floorMs, sealMs, openMs, largestBoxBytes: JSON.stringify(largest).length };
}
