// A provider's screen opens each waiting patient's sealed name with this device's key, once, and shows
// whatever does not open as unavailable, never as an error (issue 25). Real WebCrypto, real seals.
import { describe, expect, it } from "vitest";
import { newDeviceKeyPair, sealName } from "../../client/src/shared/name-seal.ts";
import {
  createNameOpener,
  NAME_GRACE_MS,
  type NameOpener,
  type NameState,
  type OpeningKey,
  type SealedPatient,
} from "../../client/src/waiting/open-names.ts";
import type { WaitingPatient } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";

async function device(kid: string) {
  const pair = await newDeviceKeyPair();
  return { kid, publicKey: pair.publicKey, privateKey: pair.privateKey };
}

const waiting = (more: Partial<WaitingPatient> = {}): SealedPatient => ({ id: "w-1", sealedFor: "inv-1", ...more });

/** The state once it is no longer pending (the opening is asynchronous; the opener says when it is done). */
function settled(opener: NameOpener, patient: SealedPatient): Promise<NameState> {
  return new Promise((resolve) => {
    const check = () => {
      const state = opener.state(patient);
      if (state.kind === "pending") return false;
      resolve(state);
      return true;
    };
    if (check()) return;
    const stop = opener.subscribe(() => {
      if (check()) stop();
    });
  });
}

const openerWith = (key: OpeningKey | undefined, clock = new FakeClock()) =>
  createNameOpener({ key: async () => key, clock });

describe("opening the names of those waiting", () => {
  it("shows the name sealed to this device for the patient's invitation", async () => {
    const laptop = await device("laptop");
    const sealedName = await sealName("Zebulon Quaxley", [laptop], { invitation: "inv-1", purpose: "patient-name" });
    const patient = waiting({ sealedName });
    const opener = openerWith(laptop);
    expect(opener.state(patient)).toEqual({ kind: "pending" });
    expect(await settled(opener, patient)).toEqual({ kind: "open", name: "Zebulon Quaxley" });
  });

  it("opens a guest's name as a guest's: sealed as the patient's, it does not open", async () => {
    const laptop = await device("laptop");
    const asGuest = await sealName("Ivo Dolmetscher", [laptop], { invitation: "inv-1", purpose: "guest-name" });
    const asPatient = await sealName("Ivo Dolmetscher", [laptop], { invitation: "inv-1", purpose: "patient-name" });
    const opener = openerWith(laptop);
    const guest = waiting({ id: "g-1", label: "interpreter", sealedName: asGuest });
    const relabelled = waiting({ id: "g-2", label: "interpreter", sealedName: asPatient });
    expect(await settled(opener, guest)).toEqual({ kind: "open", name: "Ivo Dolmetscher" });
    expect(await settled(opener, relabelled)).toEqual({ kind: "unavailable", reason: "not-on-this-device" });
  });

  it("says the name is on other devices when it was sealed to another device's key", async () => {
    const laptop = await device("laptop");
    const phone = await device("phone");
    const sealedName = await sealName("Zebulon Quaxley", [phone], { invitation: "inv-1", purpose: "patient-name" });
    const patient = waiting({ sealedName });
    expect(await settled(openerWith(laptop), patient)).toEqual({ kind: "unavailable", reason: "not-on-this-device" });
  });

  it("does not open a name sealed for another invitation (a box moved to another patient)", async () => {
    const laptop = await device("laptop");
    const sealedName = await sealName("Zebulon Quaxley", [laptop], { invitation: "inv-2", purpose: "patient-name" });
    const patient = waiting({ sealedName });
    expect(await settled(openerWith(laptop), patient)).toEqual({ kind: "unavailable", reason: "not-on-this-device" });
  });

  it("refuses a name sealed with a text-direction override or control characters, as the join once did", async () => {
    const laptop = await device("laptop");
    const opener = openerWith(laptop);
    for (const [i, disguised] of ["Ada\u202e Patient", "Ada\u0000Lovelace", "Ada\nLovelace"].entries()) {
      const sealedName = await sealName(disguised, [laptop], { invitation: "inv-1", purpose: "patient-name" });
      const patient = waiting({ id: `w-${i}`, sealedName });
      expect(await settled(opener, patient)).toEqual({ kind: "unavailable", reason: "not-on-this-device" });
    }
  });

  it("reads garbage in the box as unavailable, without throwing", async () => {
    const laptop = await device("laptop");
    const garbage = { v: 1, epk: "!!", iv: "x", ct: "y", to: [{ kid: "laptop", iv: "z", key: "w" }] };
    const patient = waiting({ sealedName: garbage as unknown as WaitingPatient["sealedName"] });
    expect(await settled(openerWith(laptop), patient)).toEqual({ kind: "unavailable", reason: "not-on-this-device" });
  });

  it("reads every name as unavailable on a device without a key, or when the key store fails", async () => {
    const laptop = await device("laptop");
    const sealedName = await sealName("Zebulon Quaxley", [laptop], { invitation: "inv-1", purpose: "patient-name" });
    const patient = waiting({ sealedName });
    expect(await settled(openerWith(undefined), patient)).toEqual({
      kind: "unavailable",
      reason: "not-on-this-device",
    });
    const broken = createNameOpener({ key: () => Promise.reject(new Error("IndexedDB blocked")) });
    expect(await settled(broken, patient)).toEqual({ kind: "unavailable", reason: "not-on-this-device" });
  });

  it("opens each box once, and a new box of the same patient anew", async () => {
    const laptop = await device("laptop");
    let asked = 0;
    const opener = createNameOpener({
      key: async () => {
        asked++;
        return laptop;
      },
    });
    const first = waiting({
      sealedName: await sealName("Zeb", [laptop], { invitation: "inv-1", purpose: "patient-name" }),
    });
    expect(await settled(opener, first)).toEqual({ kind: "open", name: "Zeb" });
    // The same box again (every update of the patient carries it): answered at once, from what was opened.
    expect(opener.state({ ...first })).toEqual({ kind: "open", name: "Zeb" });
    const second = waiting({
      sealedName: await sealName("Zebulon", [laptop], { invitation: "inv-1", purpose: "patient-name" }),
    });
    expect(await settled(opener, second)).toEqual({ kind: "open", name: "Zebulon" });
    // The key was asked for once: it is kept once found.
    expect(asked).toBe(1);
  });

  it("waits a moment for a patient's box, then says no name was shared; a box arriving later still opens", async () => {
    const laptop = await device("laptop");
    const clock = new FakeClock();
    const opener = openerWith(laptop, clock);
    const patient = waiting();
    expect(opener.state(patient)).toEqual({ kind: "pending" });
    clock.advance(NAME_GRACE_MS - 1);
    expect(opener.state(patient)).toEqual({ kind: "pending" });
    clock.advance(1);
    expect(opener.state(patient)).toEqual({ kind: "unavailable", reason: "not-shared" });
    const sealedName = await sealName("Zeb", [laptop], { invitation: "inv-1", purpose: "patient-name" });
    expect(await settled(opener, { ...patient, sealedName })).toEqual({ kind: "open", name: "Zeb" });
  });
});
