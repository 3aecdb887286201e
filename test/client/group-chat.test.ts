// Chat and files in a group call: three (or four) pages, each pair with its own data channels, the
// same 1:1 protocol on each. Chat goes to everyone; a file to everyone (one transfer per person, each
// checked by its receiver) or to one; a participant who floods or sends junk is silenced in the chat
// alone; someone leaving stops only their own transfers.
import { describe, expect, it } from "vitest";
import { type ChatEntry, ChatLog } from "../../client/src/call/chat.ts";
import { FileTransfers, type Transfer } from "../../client/src/call/files.ts";
import { MAX_FRAMES_PER_WINDOW, MAX_MALFORMED_PER_WINDOW } from "../../client/src/call/flood-guard.ts";
import { type LinkEnd, mesh, pump, settle } from "./fake-data-link.ts";

function bytes(size: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 7 + (i >> 9)) & 0xff;
  return data;
}

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

interface Page {
  end: LinkEnd;
  chat: ChatLog;
  files: FileTransfers;
}

/** Pages named a, b, c… in a full mesh; time stands still unless a test moves it (the flood guard's clock). */
function group(names = ["a", "b", "c"]) {
  let time = 1_000;
  let ids = 0;
  const now = () => time;
  const ends = mesh(names, now);
  const pages: Record<string, Page> = {};
  for (const [name, end] of Object.entries(ends)) {
    pages[name] = {
      end,
      chat: new ChatLog(end.link, now, () => `${name}${++ids}`),
      files: new FileTransfers(end.link, { createUrl: () => `blob:${++ids}`, revokeUrl: () => undefined }),
    };
  }
  const page = (name: string): Page => {
    const found = pages[name];
    if (!found) throw new Error(`no page ${name}`);
    return found;
  };
  return {
    page,
    ends: Object.values(ends),
    at(ms: number) {
      time = ms;
    },
  };
}

const said = (chat: ChatLog) =>
  chat.messages.map((entry: ChatEntry) =>
    entry.kind === "message" ? `${entry.from}: ${entry.text}` : `${entry.from} silenced`,
  );

const settled =
  (...sides: FileTransfers[]) =>
  (): boolean =>
    sides.every((files) => files.list().every((transfer) => transfer.state === "done" || transfer.state === "failed"));

const brief = (transfer: Transfer) => ({ peer: transfer.peer, state: transfer.state, problem: transfer.problem });

describe("chat in a group", () => {
  it("goes to everyone, each message named by who sent it", async () => {
    const { page } = group();
    expect(page("a").chat.send("Guten Tag zusammen")).toBe("sent");
    await settle();
    page("c").chat.send("Hallo");
    await settle();
    expect(said(page("a").chat)).toEqual(["me: Guten Tag zusammen", "c: Hallo"]);
    expect(said(page("b").chat)).toEqual(["a: Guten Tag zusammen", "c: Hallo"]);
    expect(said(page("c").chat)).toEqual(["a: Guten Tag zusammen", "me: Hallo"]);
  });

  it("still reaches the others when one of them has left", async () => {
    const { page } = group();
    page("a").end.link.detach("b");
    expect(page("a").chat.send("Noch da?")).toBe("sent");
    await settle();
    expect(said(page("c").chat)).toEqual(["a: Noch da?"]);
    expect(said(page("b").chat)).toEqual([]);
  });
});

describe("files in a group", () => {
  it("sends a file to one person only: the others get nothing, not even the offer", async () => {
    const { page, ends } = group();
    const data = bytes(300_000);
    expect(await page("a").files.send(new Blob([data]), "befund.pdf", { peer: "b" })).toBe("sending");
    await pump(ends, settled(page("a").files, page("b").files));
    expect(page("a").files.list().map(brief)).toEqual([{ peer: "b", state: "done", problem: undefined }]);
    expect(page("b").files.list()).toMatchObject([{ name: "befund.pdf", state: "done", sha256: await sha256(data) }]);
    expect(page("c").files.list()).toEqual([]);
    expect(page("a").end.to.c?.files.highest).toBe(0);
  });

  it("sends a file to everyone as one transfer per person, each checked by its receiver", async () => {
    const { page, ends } = group(["a", "b", "c", "d"]);
    const data = bytes(1_500_000);
    const checksum = await sha256(data);
    expect(await page("a").files.send(new Blob([data]), "plan.pdf")).toBe("sending");
    await pump(ends, settled(...["a", "b", "c", "d"].map((name) => page(name).files)));
    expect(
      page("a")
        .files.list()
        .map((transfer) => [transfer.peer, transfer.state, transfer.sha256]),
    ).toEqual([
      ["b", "done", checksum],
      ["c", "done", checksum],
      ["d", "done", checksum],
    ]);
    for (const name of ["b", "c", "d"]) {
      expect(page(name).files.list()).toMatchObject([{ peer: "a", state: "done", sha256: checksum }]);
      // Each receiver sent its own verdict back, to the sender alone.
      const verdicts = page(name)
        .end.to.a?.control.sent.map((text) => JSON.parse(String(text)))
        .filter((message: { type: string }) => message.type === "file-result");
      expect(verdicts).toEqual([{ type: "file-result", id: expect.any(Number), ok: true }]);
    }
  });

  it("takes one file at a time from each sender, but files from two senders at once", async () => {
    const { page, ends } = group();
    await page("a").files.send(new Blob([bytes(200_000)]), "von-a.pdf", { peer: "c" });
    await page("b").files.send(new Blob([bytes(200_000)]), "von-b.pdf", { peer: "c" });
    await pump(ends, settled(page("a").files, page("b").files, page("c").files));
    expect(
      page("c")
        .files.list()
        .map((transfer) => [transfer.peer, transfer.name, transfer.state]),
    ).toEqual([
      ["a", "von-a.pdf", "done"],
      ["b", "von-b.pdf", "done"],
    ]);
  });

  it("stops only the transfer to someone who leaves mid-way; the others' arrives whole", async () => {
    const { page, ends } = group();
    const data = bytes(3 * 1024 * 1024);
    await page("a").files.send(new Blob([data]), "scan.tif");
    await settle();
    // Some chunks are through to both; then c's page is gone.
    for (const end of ends) for (const channels of Object.values(end.to)) channels.files.flush(3);
    await settle();
    page("a").end.link.detach("c");
    page("c").end.link.detach("a");
    await pump(ends, settled(page("a").files, page("b").files));
    expect(page("a").files.list().map(brief)).toEqual([
      { peer: "b", state: "done", problem: undefined },
      { peer: "c", state: "failed", problem: "lost" },
    ]);
    expect(page("b").files.list()).toMatchObject([{ state: "done", sha256: await sha256(data) }]);
    expect(page("c").files.list()).toMatchObject([{ state: "failed", problem: "lost" }]);
  });

  it("does not let another participant accept or judge a file that was not sent to them", async () => {
    const { page, ends } = group();
    await page("a").files.send(new Blob([bytes(100_000)]), "nur-fuer-b.pdf", { peer: "b" });
    await settle();
    const id = page("a").files.list()[0]?.id ?? 0;
    // c, a modified page, claims the transfer: a's file stays b's.
    page("c").end.link.sendTo("a", { type: "file-result", id, ok: false });
    page("c").end.link.sendTo("a", { type: "file-cancel", id, by: "receiver" });
    await pump(ends, settled(page("a").files, page("b").files));
    expect(page("a").files.list().map(brief)).toEqual([{ peer: "b", state: "done", problem: undefined }]);
    expect(page("b").files.list()).toMatchObject([{ state: "done" }]);
  });
});

describe("a participant who floods the link or sends junk", () => {
  it("is silenced in the chat after a flood, with a notice; the others' chat still arrives and its flags are still read", async () => {
    const { page } = group();
    const b = page("b").end.link;
    for (let i = 0; i < MAX_FRAMES_PER_WINDOW + 20; i++)
      b.sendTo("a", { type: "chat", id: `f${i}`, text: `spam ${i}`, sentAt: 1 });
    await settle();
    const fromB = page("a").chat.messages.filter((entry) => entry.from === "b");
    expect(fromB.filter((entry) => entry.kind === "message")).toHaveLength(MAX_FRAMES_PER_WINDOW);
    expect(fromB.at(-1)?.kind).toBe("silenced");
    expect(page("a").end.link.isSilenced("b")).toBe(true);
    // Nothing of b's is heard any more, however slowly it comes.
    b.sendTo("a", { type: "chat", id: "later", text: "ich bin es nur", sentAt: 1 });
    page("c").chat.send("Ich bin auch noch da");
    await settle();
    expect(said(page("a").chat).slice(-2)).toEqual(["b silenced", "c: Ich bin auch noch da"]);
    // Its mute still shows: the call goes on with b in it.
    b.sendTo("a", { type: "flags", flags: { muted: true, cameraOff: false, audioOnly: false, sharing: false } });
    await settle();
    expect(page("a").end.flags).toContainEqual({ from: "b", muted: true });
    expect(page("a").end.link.isOpen("b")).toBe(true);
    // Only a stopped listening to b: c still hears it.
    page("b").chat.send("An alle");
    await settle();
    expect(said(page("c").chat)).toEqual(["me: Ich bin auch noch da", "b: An alle"]);
    expect(said(page("a").chat).at(-1)).toBe("c: Ich bin auch noch da");
  });

  it("is silenced after the 11th malformed frame within ten seconds, and its files stop too", async () => {
    const { page, ends, at } = group();
    await page("b").files.send(new Blob([bytes(2 * 1024 * 1024)]), "gross.bin", { peer: "a" });
    await settle();
    const control = page("b").end.to.a?.control;
    for (let i = 0; i <= MAX_MALFORMED_PER_WINDOW; i++) {
      at(1_000 + i * 500);
      control?.send("{not json");
      await settle(1);
    }
    await settle();
    expect(page("a").end.dropped).toBe(MAX_MALFORMED_PER_WINDOW + 1);
    expect(said(page("a").chat)).toEqual(["b silenced"]);
    await pump(ends, settled(page("a").files, page("b").files));
    // The file in flight from b stops on both sides: a told b, so b does not wait forever.
    expect(page("a").files.list().map(brief)).toEqual([{ peer: "b", state: "failed", problem: "silenced" }]);
    expect(page("b").files.list().map(brief)).toEqual([{ peer: "a", state: "failed", problem: "cancelled" }]);
    // Not offered anything any more: its answers would not be heard.
    expect(await page("a").files.send(new Blob([bytes(10)]), "x.txt", { peer: "b" })).toBe("not-connected");
    // c's files still come through.
    await page("c").files.send(new Blob([bytes(50_000)]), "von-c.pdf", { peer: "a" });
    await pump(ends, settled(page("a").files, page("c").files));
    expect(page("a").files.list().at(-1)).toMatchObject({ peer: "c", state: "done" });
  });

  it("is not silenced by malformed frames spread over more than ten seconds", async () => {
    const { page, at } = group();
    const control = page("b").end.to.a?.control;
    for (let i = 0; i < 3 * MAX_MALFORMED_PER_WINDOW; i++) {
      at(1_000 + i * 1_500);
      control?.send("{not json");
      await settle(1);
    }
    page("b").chat.send("Entschuldigung");
    await settle();
    expect(said(page("a").chat)).toEqual(["b: Entschuldigung"]);
  });

  it("is still said when the chat loads after it happened", async () => {
    const { page } = group();
    const b = page("b").end.link;
    for (let i = 0; i <= MAX_FRAMES_PER_WINDOW; i++)
      b.sendTo("a", { type: "flags", flags: { muted: false, cameraOff: false, audioOnly: false, sharing: false } });
    await settle();
    const late = new ChatLog(page("a").end.link);
    expect(late.messages.map((entry) => [entry.kind, entry.from])).toEqual([["silenced", "b"]]);
    expect(late.unread).toBe(1);
  });
});
