import { describe, expect, it } from "vitest";
import { type ChatEntry, ChatLog } from "../../client/src/call/chat.ts";
import { MAX_CHAT_TEXT_LENGTH } from "../../schema/peer-messages.ts";
import { linkedPair, settle } from "./fake-data-link.ts";

const textOf = (entry: ChatEntry) => (entry.kind === "message" ? entry.text : `(${entry.kind})`);

function chats() {
  const [a, b] = linkedPair();
  let time = 1_000;
  let ids = 0;
  const now = () => time;
  const newId = () => `m${++ids}`;
  return {
    a,
    b,
    mine: new ChatLog(a.link, now, newId),
    theirs: new ChatLog(b.link, now, newId),
    at(t: number) {
      time = t;
    },
  };
}

describe("the chat", () => {
  it("carries messages both ways, in order, trimmed", async () => {
    const { mine, theirs, at } = chats();
    expect(mine.send("  Guten Tag  ")).toBe("sent");
    await settle();
    at(2_000);
    expect(theirs.send("Hallo!")).toBe("sent");
    await settle();
    expect(mine.messages.map((m) => [m.from, textOf(m)])).toEqual([
      ["me", "Guten Tag"],
      ["b", "Hallo!"],
    ]);
    expect(theirs.messages.map((m) => [m.from, textOf(m)])).toEqual([
      ["a", "Guten Tag"],
      ["me", "Hallo!"],
    ]);
  });

  it("sends a pasted tab as a space and drops hidden direction overrides, so the other side shows what was typed", async () => {
    const { mine, theirs } = chats();
    expect(mine.send("Dose:\t2x\u202e daily\nafter meals")).toBe("sent");
    await settle();
    expect(theirs.messages.map(textOf)).toEqual(["Dose: 2x daily\nafter meals"]);
  });

  it("drops a message from a modified page that hides a direction override in its text", async () => {
    const { a, theirs } = chats();
    a.link.send({ type: "chat", id: "x1", text: "Call \u202e0800", sentAt: 1 });
    await settle();
    expect(theirs.messages).toEqual([]);
  });

  it("refuses empty and over-long messages, and says when it is not connected", () => {
    const { a, mine } = chats();
    expect(mine.send("   ")).toBe("empty");
    expect(mine.send("x".repeat(MAX_CHAT_TEXT_LENGTH + 1))).toBe("too-long");
    a.link.detach("b");
    expect(mine.send("hello?")).toBe("not-connected");
    expect(mine.messages).toEqual([]);
  });

  it("counts messages as unread while the chat is closed, and as read once it shows", async () => {
    const { mine, theirs } = chats();
    mine.send("one");
    mine.send("two");
    await settle();
    expect(theirs.unread).toBe(2);
    theirs.setVisible(true);
    expect(theirs.unread).toBe(0);
    mine.send("three");
    await settle();
    expect(theirs.unread).toBe(0);
  });

  it("renders the transcript as plain text with names and times, for saving", async () => {
    const { mine, theirs } = chats();
    mine.send("Guten Tag");
    await settle();
    theirs.send("Hallo");
    await settle();
    const text = mine.asText(
      (from) => (from === "me" ? "Dr. Demo" : "Erika"),
      (ms) => `t${ms}`,
    );
    expect(text).toBe("[t1000] Dr. Demo: Guten Tag\n[t1000] Erika: Hallo\n");
  });

  it("drops malformed text from the other side without crashing or adding anything", async () => {
    const { a, b, theirs } = chats();
    a.control.send("<script>alert(1)</script>");
    a.control.send(JSON.stringify({ type: "chat", id: "x", text: "", sentAt: 1 }));
    await settle();
    expect(theirs.messages).toEqual([]);
    expect(b.dropped).toBe(2);
  });
});
