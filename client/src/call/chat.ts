// The chat of one call: messages both ways over the data link, in this page's memory only. At the end
// each side may save the transcript as a text file; otherwise it is gone with the page.
import { MAX_CHAT_TEXT_LENGTH, type PeerMessage } from "../../../schema/peer-messages.ts";
import { readableText } from "../../../schema/text.ts";
import type { DataLink } from "./link.ts";

export interface ChatEntry {
  readonly id: string;
  readonly from: "me" | "them";
  readonly text: string;
  readonly at: number;
}

export type ChatSendResult = "sent" | "empty" | "too-long" | "not-connected";

export class ChatLog {
  private entries: ChatEntry[] = [];
  private unseen = 0;
  private visible = false;
  private readonly listeners = new Set<() => void>();
  private readonly stop: () => void;

  constructor(
    private readonly link: DataLink,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.stop = link.onMessage((message) => this.received(message));
  }

  get messages(): readonly ChatEntry[] {
    return this.entries;
  }

  /** Messages from the other side that arrived while the chat was not shown. */
  get unread(): number {
    return this.unseen;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** While shown, new messages count as read. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.unseen > 0) {
      this.unseen = 0;
      this.changed();
    }
  }

  send(text: string): ChatSendResult {
    // What the other side's schema refuses is cleaned here, so a pasted tab does not lose the message.
    const trimmed = readableText(text).trim();
    if (!trimmed) return "empty";
    if (trimmed.length > MAX_CHAT_TEXT_LENGTH) return "too-long";
    const entry: ChatEntry = { id: this.newId(), from: "me", text: trimmed, at: this.now() };
    if (!this.link.send({ type: "chat", id: entry.id, text: entry.text, sentAt: entry.at })) return "not-connected";
    this.entries = [...this.entries, entry];
    this.changed();
    return "sent";
  }

  /** The transcript as plain text, one line per message: "[14:03] Name: text". */
  asText(names: { me: string; them: string }, formatTime: (ms: number) => string): string {
    return this.entries
      .map((entry) => `[${formatTime(entry.at)}] ${entry.from === "me" ? names.me : names.them}: ${entry.text}`)
      .join("\n")
      .concat(this.entries.length ? "\n" : "");
  }

  dispose(): void {
    this.stop();
    this.listeners.clear();
  }

  private received(message: PeerMessage): void {
    if (message.type !== "chat") return;
    // Our clock, not the sender's: a wrong clock on the other side cannot reorder the chat.
    this.entries = [...this.entries, { id: message.id, from: "them", text: message.text, at: this.now() }];
    if (!this.visible) this.unseen++;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
