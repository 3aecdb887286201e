// The short-name rule and how a typed join code is read (schema/short-name.ts): what a patient types on
// a phone, and what a new practice's name becomes.
import { describe, expect, it } from "vitest";
import {
  formatJoinCode,
  isShortName,
  parseJoinCode,
  ShortName,
  shortNameFrom,
  shortNameVariant,
} from "../../schema/short-name.ts";

describe("short names", () => {
  it("are 3 to 16 lowercase letters or digits, a letter first", () => {
    for (const good of ["abc", "mueller", "praxis2", "a".repeat(16)]) expect(isShortName(good), good).toBe(true);
    for (const bad of ["ab", "2praxis", "Mueller", "dr-mueller", "dr mueller", "müller", "a".repeat(17), ""]) {
      expect(isShortName(bad), bad).toBe(false);
    }
    expect(ShortName.safeParse("mueller").success).toBe(true);
    expect(ShortName.safeParse("dr-mueller").success).toBe(false);
  });

  it("are made from a practice's name: umlauts spelt out, accents and signs dropped, cut to 16", () => {
    expect(shortNameFrom("Dr. Müller")).toBe("drmueller");
    expect(shortNameFrom("Praxis Weiß & Söhne")).toBe("praxisweisssoehn");
    expect(shortNameFrom("Cabinet Médical Genève")).toBe("cabinetmedicalge");
    expect(shortNameFrom("1. Hausarztpraxis")).toBe("hausarztpraxis");
    expect(shortNameFrom("Ö")).toBe("praxisoe");
    expect(shortNameFrom("日本")).toBe("praxis");
    for (const name of ["Dr. Müller", "Ö", "日本", "1. Hausarztpraxis"])
      expect(isShortName(shortNameFrom(name))).toBe(true);
  });

  it("get digits when taken, cut to stay within 16 characters", () => {
    expect(shortNameVariant("drmueller", 2)).toBe("drmueller2");
    expect(shortNameVariant("praxisweisssoehn", 12)).toBe("praxisweisssoe12");
  });
});

describe("a typed join code", () => {
  it("forgives capitals, spaces, hyphens, dots and umlauts", () => {
    const expected = { shortName: "mueller", digits: "482913" };
    for (const typed of [
      "mueller 482 913",
      "Mueller482913",
      " MUELLER-482-913 ",
      "müller 482.913",
      "mueller 48 29 13",
    ]) {
      expect(parseJoinCode(typed), typed).toEqual(expected);
    }
  });

  it("takes the last six digits as the code, so a name may end in a digit", () => {
    expect(parseJoinCode("praxis2 482 913")).toEqual({ shortName: "praxis2", digits: "482913" });
  });

  it("is nothing without a valid name or with fewer than six digits", () => {
    for (const typed of ["482913", "mu 482913", "mueller 48291", "mueller", "mueller 48291x", ""]) {
      expect(parseJoinCode(typed), typed).toBeUndefined();
    }
  });

  it("is shown to the practice in groups of three", () => {
    expect(formatJoinCode("mueller", "482913")).toBe("mueller 482 913");
  });
});
