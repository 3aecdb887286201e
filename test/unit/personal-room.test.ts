import { describe, expect, it } from "vitest";
import { isRoomName, roomNameFrom, suggestRoomName } from "../../schema/personal-room.ts";

describe("a personal room's name", () => {
  it("is 3 to 32 lowercase letters and digits with single hyphens between them", () => {
    expect(["anna", "dr-anna-schmidt", "abc", "a1b2", "x".repeat(32)].every(isRoomName)).toBe(true);
    expect(
      ["ab", "x".repeat(33), "Anna", "-anna", "anna-", "an--na", "an_na", "anna schmidt", "änna"].some(isRoomName),
    ).toBe(false);
  });

  it("is made from the display name as it is written without umlauts and accents", () => {
    expect(roomNameFrom("Dr. Jürgen Groß")).toBe("dr-juergen-gross");
    expect(roomNameFrom("Zoë Çelik")).toBe("zoe-celik");
    expect(roomNameFrom("Анна")).toBeUndefined();
    expect(roomNameFrom(`Dr. ${"Verylongname ".repeat(5)}`)?.length).toBeLessThanOrEqual(32);
  });

  it("is suggested with a number when a colleague uses it, and 'room' when the name gives nothing", () => {
    expect(suggestRoomName("Anna", new Set())).toBe("anna");
    expect(suggestRoomName("Anna", new Set(["anna", "anna-2"]))).toBe("anna-3");
    expect(suggestRoomName("Анна", new Set(["room"]))).toBe("room-2");
    const long = "x".repeat(32);
    const next = suggestRoomName(long, new Set([long]));
    expect(isRoomName(next)).toBe(true);
    expect(next.endsWith("-2")).toBe(true);
  });
});
