// What a screen tells the browser about itself: its title, and where keyboard and screen-reader
// focus goes when new content replaces what the person was acting on.
import { createEffect } from "solid-js";
import { type MessageKey, t } from "./i18n.ts";

/** "Waiting room · Anteroom", following the page's language. */
export function usePageTitle(key: () => MessageKey): void {
  createEffect(() => {
    document.title = `${t(key())} · ${t("appName")}`;
  });
}

/**
 * For `ref` on the heading of content that appears after an action (tabindex=-1 on it): moves focus
 * there, so a screen reader announces the new state and the keyboard continues from it. The element
 * is attached to the document only after the ref runs, hence the microtask.
 */
export function focusWhenShown(heading: HTMLElement): void {
  queueMicrotask(() => heading.focus());
}
