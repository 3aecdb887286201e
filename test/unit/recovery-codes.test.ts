import { describe, expect, it } from "vitest";
import { normaliseRecoveryCode } from "../../worker/auth/recovery-codes.ts";

describe("a typed recovery code", () => {
  it("counts the same whatever its case, spaces or dashes", () => {
    const printed = normaliseRecoveryCode("k7m2p-x9q4r");
    for (const typed of ["K7M2P-X9Q4R", "k7m2p x9q4r", " k7m2px9q4r ", "k7m-2p-x9q-4r", "k7m2p - x9q4r"]) {
      expect(normaliseRecoveryCode(typed)).toBe(printed);
    }
  });

  it("reads o as 0 and i or l as 1, the letters people mistake for those digits", () => {
    expect(normaliseRecoveryCode("O1ab2-ILcd3")).toBe(normaliseRecoveryCode("01ab2-11cd3"));
  });

  it("keeps different codes different", () => {
    expect(normaliseRecoveryCode("k7m2p-x9q4r")).not.toBe(normaliseRecoveryCode("k7m2p-x9q4s"));
  });
});
