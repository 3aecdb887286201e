// Before each render test file: the browser globals the page's words read at load (an English page),
// and the core words loaded, so components render their text as a person would read it.
import { vi } from "vitest";

vi.stubGlobal("localStorage", { getItem: () => "en", setItem: () => undefined });
vi.stubGlobal("document", { documentElement: { lang: "" } });
vi.stubGlobal("navigator", { language: "en-US", languages: ["en-US"] });
vi.stubGlobal("matchMedia", () => ({ matches: false }));

const { loadLanguage } = await import("../../client/src/shared/i18n.ts");
await loadLanguage("en");
await import("../../client/src/call/i18n-call.ts");
