import { describe, expect, it } from "vitest";
import {
  CHUNKS_PER_TASK,
  FileTransfers,
  frame,
  HIGH_WATER_BYTES,
  READ_BYTES,
  safeFileName,
  type Transfer,
} from "../../client/src/call/files.ts";
import { FILE_CHUNK_BYTES, MAX_FILE_BYTES, MAX_FILE_NAME_LENGTH } from "../../schema/peer-messages.ts";
import { type LinkEnd, linkedPair, pump, settle } from "./fake-data-link.ts";

function bytes(size: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 8)) & 0xff;
  return data;
}

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The index of the first byte that differs (or the shorter length), -1 when both are the same. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.byteLength === b.byteLength ? -1 : length;
}

function transfers() {
  const [a, b] = linkedPair();
  const urls: string[] = [];
  const revoked: string[] = [];
  /** Every Blob offered for saving, by its URL, so a test reads back what a person would save. */
  const blobs = new Map<string, Blob>();
  const options = {
    createUrl: (blob: Blob) => {
      const url = `blob:${urls.length}`;
      urls.push(url);
      blobs.set(url, blob);
      return url;
    },
    revokeUrl: (url: string) => revoked.push(url),
  };
  /** The bytes a person would save from this transfer's download link. */
  async function saved(transfer: Transfer): Promise<Uint8Array> {
    const blob = transfer.url ? blobs.get(transfer.url) : undefined;
    if (!blob) throw new Error(`nothing to save for ${transfer.key}`);
    return new Uint8Array(await blob.arrayBuffer());
  }
  return {
    a,
    b,
    sender: new FileTransfers(a.link, options),
    receiver: new FileTransfers(b.link, options),
    urls,
    revoked,
    saved,
  };
}

const only = (files: FileTransfers): Transfer => {
  const [transfer] = files.list();
  if (!transfer) throw new Error("no transfer");
  return transfer;
};

/** One read of a slice of a picked file, held until the test releases it. */
interface Read {
  from: number;
  to: number;
  release(): void;
}

/**
 * A picked file the browser reads only when the test lets it, so a test sees how far the sender has
 * read; `unreadableFrom` makes reads from that offset on fail, as for a file moved after picking.
 */
function heldFile(data: Uint8Array<ArrayBuffer>, unreadableFrom = Number.POSITIVE_INFINITY) {
  const reads: Read[] = [];
  const file = {
    size: data.byteLength,
    slice: (from: number, to: number) => ({
      arrayBuffer: () =>
        new Promise<ArrayBuffer>((resolve, reject) => {
          const release = () =>
            from >= unreadableFrom
              ? reject(new DOMException("gone", "NotReadableError"))
              : resolve(data.slice(from, to).buffer);
          reads.push({ from, to, release });
        }),
    }),
  } as unknown as Blob;
  return { file, reads };
}

/** Like pump, letting every read of a held file through as it is asked for. */
async function pumpReading(ends: LinkEnd[], reads: Read[], done: () => boolean): Promise<void> {
  let released = 0;
  for (;;) {
    while (released < reads.length) reads[released++]?.release();
    for (const end of ends) end.files.flush();
    if (done()) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/** True once `files` has `count` transfers and none of them is still waiting, sending or receiving. */
const finished =
  (count: number, ...sides: FileTransfers[]) =>
  (): boolean =>
    sides.every((files) => {
      const list = files.list();
      return (
        list.length === count && list.every((transfer) => transfer.state === "done" || transfer.state === "failed")
      );
    });

/** The messages this end sent on its control channel, parsed. */
const sentMessages = (end: { control: { sent: unknown[] } }): unknown[] =>
  end.control.sent.map((text) => JSON.parse(String(text)));

/** Bytes this process holds in ArrayBuffers (Node's count): what a page's memory would hold. */
const arrayBufferBytes = (): number =>
  (globalThis as unknown as { process: { memoryUsage(): { arrayBuffers: number } } }).process.memoryUsage()
    .arrayBuffers;

describe("file transfer over the data link", () => {
  it("delivers a 5 MB file with the same SHA-256 on both sides, with progress, and offers it to save", async () => {
    const { a, b, sender, receiver, urls, saved } = transfers();
    const data = bytes(5 * 1024 * 1024);
    const expected = await sha256(data);
    const progress: number[] = [];
    receiver.onChange(() => progress.push(receiver.list()[0]?.bytes ?? 0));
    expect(await sender.send(new Blob([data]), "befund.pdf")).toBe("sending");
    await pump([a, b], finished(1, sender, receiver));
    expect(only(receiver)).toMatchObject({
      state: "done",
      direction: "in",
      name: "befund.pdf",
      size: data.byteLength,
      sha256: expected,
      url: urls[0],
    });
    expect(only(sender)).toMatchObject({
      state: "done",
      direction: "out",
      bytes: data.byteLength,
      sha256: expected,
    });
    // What the person saves is the file that was sent, byte for byte.
    expect(firstDifference(await saved(only(receiver)), data)).toBe(-1);
    // Progress was shown on the way, not only at the end.
    expect(new Set(progress).size).toBeGreaterThan(10);
  });

  it("never queues much more than the high-water mark in the channel", async () => {
    const { a, b, sender, receiver } = transfers();
    await sender.send(new Blob([bytes(2 * HIGH_WATER_BYTES)]), "scan.png");
    await settle();
    // The receiver accepted; the sender filled the channel up to the mark and waits.
    expect(a.files.bufferedAmount).toBeLessThanOrEqual(HIGH_WATER_BYTES + FILE_CHUNK_BYTES + 4);
    await pump([a, b], finished(1, sender, receiver));
    expect(a.files.highest).toBeLessThanOrEqual(HIGH_WATER_BYTES + FILE_CHUNK_BYTES + 4);
    expect(only(receiver).state).toBe("done");
  });

  it("refuses a file over 50 MB before sending anything", async () => {
    const { a, sender } = transfers();
    const huge = { size: MAX_FILE_BYTES + 1 } as Blob;
    expect(await sender.send(huge, "video.mov")).toBe("too-large");
    expect(sender.list()).toEqual([]);
    expect(a.control.sent).toEqual([]);
  });

  it("lets the sender cancel: nothing of the file stays on the other side", async () => {
    const { a, b, sender, receiver } = transfers();
    // Larger than the channel holds at once, so the sender is still sending when it cancels.
    await sender.send(new Blob([bytes(2 * HIGH_WATER_BYTES)]), "x.bin");
    await settle();
    b.files.flush(0);
    a.files.flush(3);
    await settle();
    sender.cancel(only(sender).key);
    await pump([a, b], finished(1, sender, receiver));
    expect(only(sender)).toMatchObject({ state: "failed", problem: "cancelled" });
    expect(only(receiver)).toMatchObject({ state: "failed", problem: "cancelled" });
    expect(only(receiver).url).toBeUndefined();
  });

  it("lets the receiver cancel", async () => {
    const { a, b, sender, receiver } = transfers();
    await sender.send(new Blob([bytes(2 * 1024 * 1024)]), "x.bin");
    await settle();
    receiver.cancel(only(receiver).key);
    await pump([a, b], finished(1, sender, receiver));
    expect(only(sender)).toMatchObject({ state: "failed", problem: "cancelled" });
    expect(only(receiver)).toMatchObject({ state: "failed", problem: "cancelled" });
  });

  it("marks a file whose bytes do not match the checksum failed, and offers nothing to save", async () => {
    const { a, b, sender, receiver, urls } = transfers();
    // A page that announces one file and sends another.
    const realSend = a.files.send.bind(a.files);
    a.files.send = (data: unknown) => {
      const copy = new Uint8Array(data as Uint8Array);
      copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
      realSend(copy);
    };
    await sender.send(new Blob([bytes(100_000)]), "x.bin");
    await pump([a, b], finished(1, sender, receiver));
    expect(only(receiver)).toMatchObject({ state: "failed", problem: "checksum" });
    expect(only(receiver).url).toBeUndefined();
    expect(only(sender)).toMatchObject({ state: "failed", problem: "checksum" });
    expect(urls).toEqual([]);
  });

  it("ignores chunks for transfers it never accepted and frames of the wrong size, without throwing", async () => {
    const { a, b, receiver } = transfers();
    a.files.send(frame(7, new Uint8Array(10)));
    a.files.send(new Uint8Array(2));
    a.files.send(new Uint8Array(FILE_CHUNK_BYTES + 100));
    await pump([a, b], () => a.files.queued === 0);
    expect(receiver.list()).toEqual([]);
  });

  it("fails transfers in flight when the link is lost", async () => {
    const { a, b, sender, receiver } = transfers();
    await sender.send(new Blob([bytes(2 * 1024 * 1024)]), "x.bin");
    await settle();
    a.files.flush(2);
    a.link.detach(a.peer);
    b.link.detach(b.peer);
    await settle();
    expect(only(sender)).toMatchObject({ state: "failed", problem: "lost" });
    expect(only(receiver)).toMatchObject({ state: "failed", problem: "lost" });
  });

  it("frees received files' memory when the chat is disposed", async () => {
    const { a, b, sender, receiver, revoked } = transfers();
    await sender.send(new Blob([bytes(1000)]), "x.bin");
    await pump([a, b], finished(1, receiver));
    receiver.dispose();
    expect(revoked).toEqual([only(receiver).url]);
  });

  it("starts sending before the file is read to its end, reading it a slice at a time", async () => {
    const { a, b, sender, receiver, saved } = transfers();
    const data = bytes(4 * READ_BYTES + 1000);
    const { file, reads } = heldFile(data);
    await sender.send(file, "scan.tif");
    await settle();
    // Offered and accepted; the first slice asked for and nothing more.
    expect(reads.map(({ from }) => from)).toEqual([0]);
    reads[0]?.release();
    await settle();
    // The first slice is on its way while the rest of the file is still unread (one slice read ahead).
    expect(a.files.queued).toBeGreaterThan(0);
    expect(only(sender).bytes).toBe(READ_BYTES);
    expect(reads.map(({ from }) => from)).toEqual([0, READ_BYTES]);
    await pumpReading([a, b], reads, finished(1, sender, receiver));
    expect(only(receiver).state).toBe("done");
    expect(firstDifference(await saved(only(receiver)), data)).toBe(-1);
    expect(only(sender).sha256).toBe(await sha256(data));
    expect(Math.max(...reads.map(({ from, to }) => to - from))).toBe(READ_BYTES);
  });

  it("fails a file that can no longer be read, says so, and the other side keeps nothing of it", async () => {
    const { a, b, sender, receiver } = transfers();
    const { file, reads } = heldFile(bytes(3 * READ_BYTES), READ_BYTES);
    await sender.send(file, "moved.pdf");
    await pumpReading([a, b], reads, finished(1, sender, receiver));
    expect(only(sender)).toMatchObject({ state: "failed", problem: "unreadable" });
    expect(only(receiver)).toMatchObject({ state: "failed", problem: "cancelled" });
    expect(only(receiver).url).toBeUndefined();
    // The next file goes through.
    await sender.send(new Blob([bytes(1000)]), "again.pdf");
    await pump([a, b], finished(2, sender, receiver));
    expect(receiver.list()[1]).toMatchObject({ name: "again.pdf", state: "done" });
  });

  it("lets the page draw and answer clicks while it sends: only a few chunks go out in one task", async () => {
    const { a, b, sender, receiver } = transfers();
    // A task queued behind the sender's (as a click or a frame would be) notes how far the file got.
    const progressAtEachTask: number[] = [];
    let watching = true;
    const watch = () => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        port1.close();
        progressAtEachTask.push(sender.list()[0]?.bytes ?? 0);
        if (watching) watch();
      };
      port2.postMessage(null);
    };
    watch();
    await sender.send(new Blob([bytes(4 * READ_BYTES)]), "scan.tif");
    await pump([a, b], finished(1, sender, receiver));
    watching = false;
    expect(only(receiver).state).toBe("done");
    const steps = progressAtEachTask.slice(1).map((bytes, i) => bytes - (progressAtEachTask[i] ?? 0));
    expect(Math.max(...steps)).toBeGreaterThan(0);
    expect(Math.max(...steps)).toBeLessThanOrEqual(CHUNKS_PER_TASK * FILE_CHUNK_BYTES);
  });

  it("tells the page about progress once per percent, not at every chunk, so a large file does not redraw the chat hundreds of times", async () => {
    const { a, b, sender, receiver } = transfers();
    const size = 16 * 1024 * 1024;
    expect(size / FILE_CHUNK_BYTES).toBeGreaterThan(200);
    let senderChanges = 0;
    let receiverChanges = 0;
    sender.onChange(() => senderChanges++);
    receiver.onChange(() => receiverChanges++);
    await sender.send(new Blob([bytes(size)]), "video.mp4");
    await pump([a, b], finished(1, sender, receiver));
    expect(only(receiver).state).toBe("done");
    // A hundred steps, plus the few changes of state (waiting, sending or receiving, done).
    expect(senderChanges).toBeLessThanOrEqual(105);
    expect(receiverChanges).toBeLessThanOrEqual(105);
    expect(receiverChanges).toBeGreaterThan(50);
  });
});

describe("what a page accepts from the other side", () => {
  it("reserves no memory for an offered file before its bytes arrive", async () => {
    const { a, receiver } = transfers();
    const before = arrayBufferBytes();
    // A page that announces the largest file allowed and then sends nothing.
    a.link.send({ type: "file-offer", id: 1, name: "big.bin", size: MAX_FILE_BYTES });
    await settle();
    expect(only(receiver)).toMatchObject({ state: "receiving", size: MAX_FILE_BYTES, bytes: 0 });
    // Garbage collected meanwhile can only make this smaller; 50 MB reserved up front would show.
    expect(arrayBufferBytes() - before).toBeLessThan(1024 * 1024);
  });

  it("takes one incoming file at a time: a second offer while one arrives is refused, and both sides say so", async () => {
    const { a, b, sender, receiver } = transfers();
    // Another file of this page is still arriving (offered by hand: the honest sender waits, see below).
    a.link.send({ type: "file-offer", id: 99, name: "first.pdf", size: 100_000 });
    await settle();
    await sender.send(new Blob([bytes(50_000)]), "second.pdf");
    await settle();
    expect(receiver.list().map(({ name, state, problem }) => ({ name, state, problem }))).toEqual([
      { name: "first.pdf", state: "receiving", problem: undefined },
      { name: "second.pdf", state: "failed", problem: "busy" },
    ]);
    expect(only(sender)).toMatchObject({ name: "second.pdf", state: "failed", problem: "busy" });
    expect(sentMessages(b)).toEqual([
      { type: "file-accept", id: 99 },
      { type: "file-refused", id: 1, reason: "busy" },
    ]);
    // Nothing of the refused file was sent or kept.
    expect(a.files.queued).toBe(0);
    expect(receiver.list()[1]?.url).toBeUndefined();
  });

  it("sends files picked one after another in turn: the next waits until the one before is through", async () => {
    const { a, b, sender, receiver, saved } = transfers();
    const front = bytes(2 * 1024 * 1024);
    const back = bytes(300_000).reverse();
    await sender.send(new Blob([front]), "card-front.jpg");
    await sender.send(new Blob([back]), "card-back.jpg");
    await settle();
    expect(sender.list().map((transfer) => transfer.state)).toEqual(["sending", "waiting"]);
    expect(receiver.list().map((transfer) => transfer.name)).toEqual(["card-front.jpg"]);
    await pump([a, b], finished(2, sender, receiver));
    expect(receiver.list().map(({ name, state }) => ({ name, state }))).toEqual([
      { name: "card-front.jpg", state: "done" },
      { name: "card-back.jpg", state: "done" },
    ]);
    const [first, second] = receiver.list() as [Transfer, Transfer];
    expect(firstDifference(await saved(first), front)).toBe(-1);
    expect(firstDifference(await saved(second), back)).toBe(-1);
  });

  it("lets the sender cancel a file still waiting its turn: the other side never hears of it", async () => {
    const { a, b, sender, receiver } = transfers();
    await sender.send(new Blob([bytes(2 * 1024 * 1024)]), "first.bin");
    await sender.send(new Blob([bytes(1000)]), "second.bin");
    await settle();
    sender.cancel(sender.list()[1]?.key ?? "");
    await pump([a, b], finished(1, receiver));
    expect(sender.list().map(({ state, problem }) => ({ state, problem }))).toEqual([
      { state: "done", problem: undefined },
      { state: "failed", problem: "cancelled" },
    ]);
    expect(receiver.list().map((transfer) => transfer.name)).toEqual(["first.bin"]);
  });

  it("checks a file once both its last chunk and the sender's checksum are here, whichever comes last", async () => {
    const { a, b, receiver } = transfers();
    const data = bytes(3 * FILE_CHUNK_BYTES);
    const checksum = await sha256(data);
    const chunks = [0, 1, 2].map((i) => frame(1, data.subarray(i * FILE_CHUNK_BYTES, (i + 1) * FILE_CHUNK_BYTES)));
    const state = (id: number) => receiver.list().find((transfer) => transfer.id === id)?.state;

    // The checksum first (it travels on the other channel and may overtake the last chunks).
    a.link.send({ type: "file-offer", id: 1, name: "a.bin", size: data.byteLength });
    await settle();
    for (const chunk of chunks.slice(0, 2)) a.files.send(chunk);
    a.files.flush();
    a.link.send({ type: "file-end", id: 1, sha256: checksum });
    await settle();
    expect(state(1)).toBe("receiving");
    a.files.send(chunks[2] as Uint8Array);
    a.files.flush();
    expect(state(1)).toBe("done");

    // Every chunk first, then the checksum.
    a.link.send({ type: "file-offer", id: 2, name: "b.bin", size: data.byteLength });
    await settle();
    for (const chunk of chunks) a.files.send(new Uint8Array(frame(2, chunk.subarray(4))));
    a.files.flush();
    await settle();
    expect(state(2)).toBe("receiving");
    a.link.send({ type: "file-end", id: 2, sha256: checksum });
    await settle();
    expect(receiver.list().find((transfer) => transfer.id === 2)).toMatchObject({ state: "done", sha256: checksum });
    expect(sentMessages(b)).toContainEqual({ type: "file-result", id: 2, ok: true });
  });

  it("drops an offer over the size limit unread, before anything is reserved", async () => {
    const { a, b, receiver } = transfers();
    a.control.send(JSON.stringify({ type: "file-offer", id: 1, name: "huge.bin", size: MAX_FILE_BYTES + 1 }));
    await settle();
    expect(receiver.list()).toEqual([]);
    expect(b.dropped).toBe(1);
    expect(b.control.sent).toEqual([]);
  });

  it("shows and saves a received file under a name without control characters, direction overrides or folders", async () => {
    const { a, receiver } = transfers();
    const empty = await sha256(new Uint8Array(0));
    // "Befund‮fdp.exe" reads as "Befundexe.pdf" in a browser: the override must not reach the page.
    a.link.send({ type: "file-offer", id: 1, name: "../../Befund\u202efdp.exe\u0007", size: 0 });
    a.link.send({ type: "file-end", id: 1, sha256: empty });
    await settle();
    expect(only(receiver)).toMatchObject({ state: "done", name: "_.._Befundfdp.exe" });
  });

  it("sends a file with a long name of emoji under a name the other side accepts, ending as it did", async () => {
    const { a, b, sender, receiver } = transfers();
    // 150 emoji are 300 UTF-16 units: the protocol counts those, so the name must be cut by them.
    const name = `${"📄".repeat(150)}.pdf`;
    await sender.send(new Blob([bytes(1000)]), name);
    await pump([a, b], finished(1, sender, receiver));
    expect(only(receiver).state).toBe("done");
    expect(only(receiver).name).toBe(only(sender).name);
    expect(only(receiver).name.endsWith("📄.pdf")).toBe(true);
    expect(only(receiver).name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
  });
});

describe("a new connection", () => {
  it("takes files from the other side again after its page was reloaded and numbers them from 1 again", async () => {
    const { a, b, sender, receiver, urls } = transfers();
    await sender.send(new Blob([bytes(1000)]), "first.pdf");
    await pump([a, b], finished(1, receiver));
    // The other side reloads: a new page on a new connection, counting its files from 1 again.
    const [again, theirs] = linkedPair();
    b.link.attach(b.peer, { control: theirs.control, files: theirs.files });
    const reloaded = new FileTransfers(again.link);
    await reloaded.send(new Blob([bytes(2000)]), "second.pdf");
    await pump([again, theirs], finished(1, reloaded));
    expect(only(reloaded).state).toBe("done");
    expect(receiver.list().map(({ name, state, url }) => ({ name, state, url }))).toEqual([
      { name: "first.pdf", state: "done", url: urls[0] },
      { name: "second.pdf", state: "done", url: urls[1] },
    ]);
  });
});

describe("safeFileName", () => {
  it.each([
    ["befund.pdf", "befund.pdf"],
    ["  scan 2.png ", "scan 2.png"],
    ["C:\\Users\\x\\report.pdf", "C:_Users_x_report.pdf"],
    [".bashrc", "bashrc"],
    ["..", "file"],
    ["\u202e\u2066\u0000", "file"],
    ["line\nbreak.txt", "linebreak.txt"],
  ])("makes %j safe as %j", (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it("cuts a long name to the protocol's length, keeping its extension and every character whole", () => {
    const safe = safeFileName(`${"a".repeat(150)}${"😀".repeat(100)}.docx`);
    expect(safe.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(safe.endsWith("😀.docx")).toBe(true);
    // No half of a surrogate pair left at the cut.
    expect(safe).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});
