// The chat of one call: messages to everyone else in it over the data link, in this page's memory
// only. At the end each side may save the transcript as a text file; otherwise it is gone with the page.
import { MAX_CHAT_TEXT_LENGTH, type PeerMessage } from "../../../schema/peer-messages.ts";
import { readableText } from "../../../schema/text.ts";
import type { DataLink } from "./link.ts";

/** A message, this side's or another participant's (by connection id: the name is looked up to show it). */
export interface ChatMessage {
  readonly kind: "message";
  readonly id: string;
  readonly from: "me" | string;
  readonly text: string;
  readonly at: number;
}

/** Said in the chat where it happened: this participant's chat and files are ignored from now on. */
export interface ChatNotice {
  readonly kind: "silenced";
  readonly id: string;
  readonly from: string;
  readonly at: number;
}

export type ChatEntry = ChatMessage | ChatNotice;

export type ChatSendResult = "sent" | "empty" | "too-long" | "not-connected";

export class ChatLog {
  private entries: ChatEntry[] = [];
  private unseen = 0;
  private visible = false;
  private readonly listeners = new Set<() => void>();
  private readonly stop: (() => void)[];

  constructor(
    private readonly link: DataLink,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    // Someone silenced before the chat loaded is said at once.
    for (const peerId of link.silencedPeers()) this.silenced(peerId);
    this.stop = [
      link.onMessage((message, from) => this.received(message, from)),
      link.onSilenced((peerId) => this.silenced(peerId)),
    ];
  }

  get messages(): readonly ChatEntry[] {
    return this.entries;
  }

  /** Entries from the others that arrived while the chat was not shown. */
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

  /** Sends to everyone whose link is open. */
  send(text: string): ChatSendResult {
    // What the other side's schema refuses is cleaned here, so a pasted tab does not lose the message.
    const trimmed = readableText(text).trim();
    if (!trimmed) return "empty";
    if (trimmed.length > MAX_CHAT_TEXT_LENGTH) return "too-long";
    const entry: ChatMessage = { kind: "message", id: this.newId(), from: "me", text: trimmed, at: this.now() };
    if (!this.link.send({ type: "chat", id: entry.id, text: entry.text, sentAt: entry.at })) return "not-connected";
    this.add(entry);
    this.changed();
    return "sent";
  }

  /** The transcript as plain text, one line per message: "[14:03] Name: text". Notices are not part of it. */
  asText(nameOf: (from: ChatMessage["from"]) => string, formatTime: (ms: number) => string): string {
    const lines = this.entries
      .filter((entry) => entry.kind === "message")
      .map((entry) => `[${formatTime(entry.at)}] ${nameOf(entry.from)}: ${entry.text}\n`);
    return lines.join("");
  }

  dispose(): void {
    for (const stop of this.stop) stop();
    this.listeners.clear();
  }

  private received(message: PeerMessage, from: string): void {
    if (message.type !== "chat") return;
    // Our clock, not the sender's: a wrong clock on the other side cannot reorder the chat.
    this.add({ kind: "message", id: message.id, from, text: message.text, at: this.now() });
    if (!this.visible) this.unseen++;
    this.changed();
  }

  private silenced(peerId: string): void {
    this.add({ kind: "silenced", id: this.newId(), from: peerId, at: this.now() });
    if (!this.visible) this.unseen++;
    this.changed();
  }

  private add(entry: ChatEntry): void {
    this.entries = [...this.entries, entry];
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
