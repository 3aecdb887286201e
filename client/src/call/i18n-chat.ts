// Chat and file messages, loaded with the chat panel when it is first used.
import { addMessages } from "../i18n.ts";

const en = {
  chatTitle: "Chat",
} as const;

export type ChatMessageKey = keyof typeof en;

const de: Record<ChatMessageKey, string> = {
  chatTitle: "Chat",
};

addMessages({ en, de });
