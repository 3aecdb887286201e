// German and English. The browser's language decides until the person picks one. Each language's core
// words are a chunk of their own (messages-en.ts, messages-de.ts): a patient's phone fetches only the
// page's language before the join page, and the other one only if they switch.
import { createSignal } from "solid-js";
import { pickLocale } from "./locale.ts";
import type { CoreMessageKey } from "./messages-en.ts";

/**
 * The keys of each feature's dictionary, loaded with its screens: the provider's
 * (provider/i18n-provider.ts), the call screen's (call/i18n-call.ts: also the call's endings), the chat panel's
 * (call/i18n-chat.ts), the waiting room's (waiting/i18n-waiting.ts). Each dictionary adds its own entry
 * here (declaration merging), so the core imports none of its features and `t()` still accepts every
 * key there is.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the feature dictionaries fill it in
export interface FeatureMessageKeys {}

/** Every message's key: the core ones here and every feature's. */
export type MessageKey = CoreMessageKey | FeatureMessageKeys[keyof FeatureMessageKeys];

export type Language = "en" | "de";

/** Each language's core words, fetched on first use. */
const coreMessages: Record<Language, () => Promise<Record<CoreMessageKey, string>>> = {
  en: () => import("./messages-en.ts").then((module) => module.en),
  de: () => import("./messages-de.ts").then((module) => module.de),
};

const dictionaries: Record<Language, Partial<Record<MessageKey, string>>> = { en: {}, de: {} };
const loads: Partial<Record<Language, Promise<void>>> = {};
const [loaded, setLoaded] = createSignal<readonly Language[]>([]);

/** Adds a set of messages in both languages (provider/i18n-provider.ts does, when a provider screen first loads). */
export function addMessages(messages: Record<Language, Partial<Record<MessageKey, string>>>): void {
  Object.assign(dictionaries.en, messages.en);
  Object.assign(dictionaries.de, messages.de);
}

/** Fetches a language's core words once; a fetch that failed (a lost line, an update meanwhile) is tried again next time. */
export function loadLanguage(wanted: Language): Promise<void> {
  const known = loads[wanted];
  if (known) return known;
  const started = coreMessages[wanted]().then((messages) => {
    Object.assign(dictionaries[wanted], messages);
    setLoaded((done) => [...done, wanted]);
  });
  loads[wanted] = started;
  started.catch(() => {
    if (loads[wanted] === started) delete loads[wanted];
  });
  return started;
}

const STORAGE_KEY = "anteroom.language";

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "de") return stored;
  return navigator.language.toLowerCase().startsWith("de") ? "de" : "en";
}

const [language, setLanguageSignal] = createSignal<Language>(initialLanguage());
document.documentElement.lang = language();

export { language };

/** Whether the page's language has its words yet: what needs them waits (main.tsx), never shows a key. */
export function messagesReady(): boolean {
  return loaded().includes(language());
}

/** The language asked for last: a slower earlier switch must not win over it. */
let requested: Language = language();

/** Switches once the other language's words are in, so the page never shows a key or half of each language. */
export async function setLanguage(next: Language): Promise<void> {
  requested = next;
  await loadLanguage(next);
  if (requested !== next) return;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  setLanguageSignal(next);
}

export function t(key: MessageKey): string {
  // A message asked for before its set loaded cannot happen through main.tsx's routes (each waits for
  // the page's language and its feature's words); the key itself is still better than nothing.
  return dictionaries[language()][key] ?? dictionaries.en[key] ?? key;
}

/** A message with its {placeholders} filled in. */
export function tf(key: MessageKey, values: Record<string, string>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function locale(): string {
  return pickLocale(language(), typeof navigator === "undefined" ? [] : navigator.languages);
}

export function formatDateTime(iso: string | number): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** A time of day; in `timeZone` where a page shows times in a zone of its own (the provider's dashboard). */
export function formatTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: "short", timeZone }).format(new Date(ms));
}

/** "30 seconds", "5 Minuten": a wait in the page's language, rounded up to whole minutes above a minute. */
export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), "second"] : [minutes, "minute"];
  return new Intl.NumberFormat(locale(), { style: "unit", unit, unitDisplay: "long" }).format(value);
}
