import { describe, expect, it } from "vitest";
import { pickLocale } from "../../client/src/shared/locale.ts";

describe("the locale for dates and times", () => {
  it("keeps the person's region for the chosen language", () => {
    expect(pickLocale("en", ["en-GB", "en-US"])).toBe("en-GB");
    expect(pickLocale("de", ["en-US", "de-AT"])).toBe("de-AT");
  });

  it("falls back to the language itself when the browser does not speak it", () => {
    expect(pickLocale("de", ["en-US", "fr-FR"])).toBe("de");
  });

  it("does not mistake a language that merely starts with the same letters", () => {
    expect(pickLocale("de", ["del", "de-CH"])).toBe("de-CH");
  });
});
