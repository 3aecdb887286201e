// A name sealed on the patient's page opens on the practice's devices it was sealed to, for the invitation
// and purpose it was typed for, and nowhere else (issue 25's first slice: the sealing itself).
import { describe, expect, it } from "vitest";
import { keyFingerprint, newDeviceKeyPair, openName, sealName } from "../../client/src/shared/name-seal.ts";
import { MAX_SEAL_RECIPIENTS, type SealBinding, type SealedName } from "../../schema/sealed-name.ts";

const forPatient: SealBinding = { invitation: "inv-1", purpose: "patient-name" };

async function device(kid: string) {
  const pair = await newDeviceKeyPair();
  return { kid, publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** The box with one base64url character of `field` changed (the first one that changes its bytes). */
function changed(box: SealedName, field: "ct" | "iv" | "epk"): SealedName {
  const text = box[field];
  const swapped = `${text[0] === "A" ? "B" : "A"}${text.slice(1)}`;
  return { ...box, [field]: swapped };
}

describe("a sealed name", () => {
  it("opens on each device it was sealed to, umlauts and all", async () => {
    const laptop = await device("laptop");
    const phone = await device("phone");
    const sealed = await sealName("Jürgen Müller-Łukasiewicz", [laptop, phone], forPatient);
    expect(await openName(sealed, laptop, forPatient)).toBe("Jürgen Müller-Łukasiewicz");
    expect(await openName(sealed, phone, forPatient)).toBe("Jürgen Müller-Łukasiewicz");
  });

  it("holds the name nowhere in plain text, and two seals of the same name differ", async () => {
    const laptop = await device("laptop");
    const first = await sealName("Zebulon Quaxley", [laptop], forPatient);
    const second = await sealName("Zebulon Quaxley", [laptop], forPatient);
    const json = JSON.stringify(first);
    expect(json).not.toContain("Zebulon");
    expect(json).not.toContain(btoa("Zebulon").slice(0, 8));
    expect(first.ct).not.toBe(second.ct);
    expect(first.epk).not.toBe(second.epk);
  });

  it("does not open on a device it was not sealed to, nor with another key under a listed id", async () => {
    const laptop = await device("laptop");
    const stranger = await device("stranger");
    const sealed = await sealName("Ada", [laptop], forPatient);
    expect(await openName(sealed, stranger, forPatient)).toBeUndefined();
    // A server that relabels another key with the listed id still cannot open it.
    expect(await openName(sealed, { kid: "laptop", privateKey: stranger.privateKey }, forPatient)).toBeUndefined();
  });

  it("does not open for another invitation or another purpose", async () => {
    const laptop = await device("laptop");
    const sealed = await sealName("Ada", [laptop], forPatient);
    expect(await openName(sealed, laptop, { invitation: "inv-2", purpose: "patient-name" })).toBeUndefined();
    expect(await openName(sealed, laptop, { invitation: "inv-1", purpose: "notice" })).toBeUndefined();
  });

  it("does not open once any part was changed", async () => {
    const laptop = await device("laptop");
    const sealed = await sealName("Ada Lovelace", [laptop], forPatient);
    for (const field of ["ct", "iv", "epk"] as const) {
      expect(await openName(changed(sealed, field), laptop, forPatient), field).toBeUndefined();
    }
    const wrapped = sealed.to[0];
    if (!wrapped) throw new Error("sealed to nobody");
    const otherKey = `${wrapped.key[0] === "A" ? "B" : "A"}${wrapped.key.slice(1)}`;
    expect(await openName({ ...sealed, to: [{ ...wrapped, key: otherKey }] }, laptop, forPatient)).toBeUndefined();
    // Entries of one box moved into another do not open it either.
    const other = await sealName("Grace Hopper", [laptop], forPatient);
    expect(await openName({ ...other, to: sealed.to }, laptop, forPatient)).toBeUndefined();
  });

  it("answers 'unavailable' for what is not a sealed name: wrong shapes, oversized parts, too many devices", async () => {
    const laptop = await device("laptop");
    const sealed = await sealName("Ada", [laptop], forPatient);
    const entry = sealed.to[0];
    if (!entry) throw new Error("sealed to nobody");
    for (const bad of [
      null,
      "Ada",
      { ...sealed, v: 2 },
      { ...sealed, ct: "x".repeat(5000) },
      { ...sealed, epk: "not base64!" },
      { ...sealed, to: [] },
      { ...sealed, to: Array.from({ length: MAX_SEAL_RECIPIENTS + 1 }, () => entry) },
    ]) {
      expect(await openName(bad, laptop, forPatient)).toBeUndefined();
    }
  });

  it("refuses to seal to nobody or a text longer than a name can be", async () => {
    const laptop = await device("laptop");
    await expect(sealName("Ada", [], forPatient)).rejects.toThrow();
    await expect(sealName("A".repeat(201), [laptop], forPatient)).rejects.toThrow();
  });

  it("gives each device key a fingerprint of 8 groups of 4 hex digits, the same for the same key", async () => {
    const laptop = await device("laptop");
    const phone = await device("phone");
    const print = await keyFingerprint(laptop.publicKey);
    expect(print).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(await keyFingerprint(laptop.publicKey)).toBe(print);
    expect(await keyFingerprint(phone.publicKey)).not.toBe(print);
  });
});
