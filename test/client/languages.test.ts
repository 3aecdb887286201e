// Every word the app shows exists in German and in English: a key missing in one language would show the
// other language's text (t() falls back to English) or the key itself. This finds every dictionary the
// client registers, wherever it lives, by the one call each makes (addMessages), so a new screen's words
// are checked without being listed here. German pages showing English are caught in the browser suite
// too (test/browser/axe.ts checks each German screen it audits).
import { describe, expect, it, vi } from "vitest";

type Dictionary = Record<string, string>;
interface Registered {
  file: string;
  en: Dictionary;
  de: Dictionary;
}

const registered: Registered[] = [];
let loadingFile = "";

vi.mock("../../client/src/shared/i18n.ts", () => ({
  addMessages: (messages: { en: Dictionary; de: Dictionary }) =>
    registered.push({ file: loadingFile, en: messages.en, de: messages.de }),
  // What the dictionaries' modules may import besides: never called while they load.
  t: (key: string) => key,
  tf: (key: string) => key,
  language: () => "en",
}));

// Every client module's source (Vite reads them at transform time) and a loader for each.
const sources = import.meta.glob<string>(["../../client/src/**/*.ts", "../../client/src/**/*.tsx"], {
  query: "?raw",
  import: "default",
  eager: true,
});
const loaders = import.meta.glob(["../../client/src/**/*.ts", "../../client/src/**/*.tsx"]);

/** The modules that register a dictionary: the call itself, not a mention in a comment. */
const dictionaryFiles = Object.entries(sources)
  .filter(([file, source]) => !file.endsWith("shared/i18n.ts") && /^addMessages\(/m.test(source))
  .map(([file]) => file);

async function loadAll(): Promise<Registered[]> {
  for (const file of dictionaryFiles) {
    loadingFile = file.replace("../../client/src/", "");
    await loaders[file]?.();
  }
  const core = {
    file: "shared/messages-*.ts",
    en: (await import("../../client/src/shared/messages-en.ts")).en as Dictionary,
    de: (await import("../../client/src/shared/messages-de.ts")).de as Dictionary,
  };
  return [core, ...registered];
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/**
 * Messages that are rightly the same in both languages: names, loanwords German uses as they are, and
 * symbols. Anything else equal in both is a German page showing English.
 */
const SAME_IN_BOTH = new Set([
  "Anteroom",
  "Chat",
  "E-Mail",
  "OK",
  "Status",
  "Link",
  "Links",
  "Team",
  "Admin",
  "Provider",
  "Name",
  "Details",
  "Code",
  "Moderator",
  "Start",
  "Interpreter",
  "English",
  "Deutsch",
  "CSV",
  "Logo",
  "Text",
]);

describe("every text in both languages", async () => {
  const dictionaries = await loadAll();

  it("finds the core words and every feature's dictionary", () => {
    // The provider's, the call's, the chat's and the waiting room's at least (i18n.ts names them).
    const files = dictionaries.map((dictionary) => dictionary.file).join(" ");
    for (const part of [
      "provider/i18n-provider.ts",
      "call/i18n-call.ts",
      "call/i18n-chat.ts",
      "waiting/i18n-waiting.ts",
    ])
      expect(files).toContain(part);
  });

  it.each(dictionaries.map((dictionary) => [dictionary.file, dictionary] as const))(
    "%s has every key in German and in English, none empty, with the same placeholders",
    (_file, { en, de }) => {
      expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
      for (const [key, english] of Object.entries(en)) {
        const german = de[key] ?? "";
        expect(english.trim(), `${key} (en)`).not.toBe("");
        expect(german.trim(), `${key} (de)`).not.toBe("");
        expect(placeholders(german), key).toEqual(placeholders(english));
      }
    },
  );

  it.each(dictionaries.map((dictionary) => [dictionary.file, dictionary] as const))(
    "%s shows no English on a German page: each German text differs from the English one",
    (_file, { en, de }) => {
      const untranslated = Object.entries(en)
        .filter(([key, english]) => de[key] === english && !SAME_IN_BOTH.has(english) && /[a-z]{3}/i.test(english))
        .map(([key, english]) => `${key}: ${english}`);
      expect(untranslated).toEqual([]);
    },
  );

  it("defines a key once across all dictionaries, so one cannot silently override another's words", () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const { file, en } of dictionaries) {
      for (const key of Object.keys(en)) {
        const first = seen.get(key);
        if (first && first !== file) twice.push(`${key}: ${first} and ${file}`);
        seen.set(key, file);
      }
    }
    expect(twice).toEqual([]);
  });
});
