// The page's words: only the chosen language is fetched at first, and switching fetches the other
// before anything on the page changes, so nobody ever reads a message's key or half of each language.
import { afterEach, describe, expect, it, vi } from "vitest";

type I18n = typeof import("../../client/src/shared/i18n.ts");

/** A fresh module for a browser that stored `stored` (or nothing) and speaks `browser`. */
async function freshI18n(
  stored: string | null,
  browser = "en-US",
): Promise<{ i18n: I18n; saved: Map<string, string> }> {
  const saved = new Map<string, string>(stored ? [["anteroom.language", stored]] : []);
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => saved.get(key) ?? null,
    setItem: (key: string, value: string) => saved.set(key, value),
  });
  vi.stubGlobal("document", { documentElement: { lang: "" } });
  vi.stubGlobal("navigator", { language: browser, languages: [browser] });
  vi.resetModules();
  return { i18n: await import("../../client/src/shared/i18n.ts"), saved };
}

describe("the page's language", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows the browser's language once its words are in, and says they are not before", async () => {
    const { i18n } = await freshI18n(null, "de-DE");
    expect(i18n.language()).toBe("de");
    expect(i18n.messagesReady()).toBe(false);
    await i18n.loadLanguage(i18n.language());
    expect(i18n.messagesReady()).toBe(true);
    expect(i18n.t("joinTitle")).toBe("Ihre Videosprechstunde");
    expect(document.documentElement.lang).toBe("de");
  });

  it("keeps the old language until the new one's words are in, then switches, remembers it and back again", async () => {
    const { i18n, saved } = await freshI18n(null);
    await i18n.loadLanguage(i18n.language());
    expect(i18n.t("joinTitle")).toBe("Your video consultation");

    const switching = i18n.setLanguage("de");
    // Still fetching the German words: the page stays English, never a key.
    expect(i18n.t("joinTitle")).toBe("Your video consultation");
    expect(i18n.language()).toBe("en");
    await switching;
    expect(i18n.t("joinTitle")).toBe("Ihre Videosprechstunde");
    expect(i18n.tf("appointmentAt", { time: "10:00" })).toBe("Termin: 10:00");
    expect(document.documentElement.lang).toBe("de");
    expect(saved.get("anteroom.language")).toBe("de");

    await i18n.setLanguage("en");
    expect(i18n.t("joinTitle")).toBe("Your video consultation");
    expect(saved.get("anteroom.language")).toBe("en");
  });

  it("starts in the language the person chose last time", async () => {
    const { i18n } = await freshI18n("de", "en-US");
    await i18n.loadLanguage(i18n.language());
    expect(i18n.t("enterWaitingRoom")).toBe("Wartezimmer betreten");
  });

  it("keeps a feature's words, added before the switch, in the new language", async () => {
    const { i18n } = await freshI18n(null);
    await i18n.loadLanguage("en");
    await import("../../client/src/call/i18n-call.ts");
    expect(i18n.t("callEnded")).toBe("The consultation has ended.");
    await i18n.setLanguage("de");
    expect(i18n.t("callEnded")).toBe("Die Sprechstunde ist beendet.");
    expect(i18n.t("joinTitle")).toBe("Ihre Videosprechstunde");
  });

  it("lets the switch asked for last win when two overlap", async () => {
    const { i18n } = await freshI18n(null);
    await i18n.loadLanguage("en");
    const toGerman = i18n.setLanguage("de");
    const backToEnglish = i18n.setLanguage("en");
    await Promise.all([toGerman, backToEnglish]);
    expect(i18n.language()).toBe("en");
    expect(i18n.t("joinTitle")).toBe("Your video consultation");
  });
});
