// What a screen tells the browser about itself: its title, and where keyboard and screen-reader
// focus goes when new content replaces what the person was acting on.
import { createEffect, createSignal, onCleanup } from "solid-js";
import { type MessageKey, t } from "./i18n.ts";

/**
 * "Waiting room · Anteroom", following the page's language; with a count, "(2) Waiting room · Anteroom",
 * which a tab shows even while it is in the background.
 */
export function usePageTitle(key: () => MessageKey, count: () => number = () => 0): void {
  createEffect(() => {
    const prefix = count() > 0 ? `(${count()}) ` : "";
    document.title = `${prefix}${t(key())} · ${t("appName")}`;
  });
}

/** The time now, updated every `everyMs` while the screen shows: for live "waiting for 3 minutes". */
export function useNow(everyMs = 15_000): () => number {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

/**
 * For `ref` on the heading of content that appears after an action (tabindex=-1 on it): moves focus
 * there, so a screen reader announces the new state and the keyboard continues from it. The element
 * is attached to the document only after the ref runs, hence the microtask.
 */
export function focusWhenShown(heading: HTMLElement): void {
  queueMicrotask(() => heading.focus());
}
