import { afterEach, describe, expect, it, vi } from "vitest";
import { chosenStatus, keepChosenStatus } from "../../client/src/waiting/chosen-status.ts";

/** The tab's sessionStorage, as a map. */
function fakeSessionStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  vi.stubGlobal("sessionStorage", {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => values.set(key, value),
  });
}

afterEach(() => vi.unstubAllGlobals());

describe("the status a provider chose, kept for the tab", () => {
  it("comes back as it was kept", () => {
    fakeSessionStorage();
    keepChosenStatus({ status: "away", message: "Back at 2" });
    expect(chosenStatus()).toEqual({ status: "away", message: "Back at 2" });
  });

  it("starts available when what is stored is unreadable, busy, or not a status at all", () => {
    for (const stored of ["{", JSON.stringify({ status: "busy", message: "" }), JSON.stringify({ status: "away" })]) {
      fakeSessionStorage({ "anteroom.status": stored });
      expect(chosenStatus()).toEqual({ status: "available", message: "" });
    }
  });
});
