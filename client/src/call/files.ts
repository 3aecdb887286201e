// Files between the people in a call, over the data link only: offered, accepted, sent in chunks
// with backpressure, checked against the SHA-256 the sender announced after the last chunk. The file
// is read in slices and both sides hash each chunk as it passes (sha256.ts), so sending starts at once
// and no step holds the page for long, however large the file. Nothing passes through the
// server and nothing is kept: a received file is a Blob in this page's memory until it is closed.
// Each pair of participants speaks the 1:1 protocol: a page takes one file at a time from each sender and
// sends one at a time to each recipient (later ones wait their turn), so it never holds more than one
// incoming file per sender, and that only as the chunks that actually arrived. A file to everyone is
// one transfer per recipient, each checked by its receiver.
import {
  FILE_CHUNK_BYTES,
  MAX_FILE_BYTES,
  MAX_FILE_NAME_LENGTH,
  type PeerMessage,
  type PeerMessageOf,
} from "../../../schema/peer-messages.ts";
import { isPlainLine } from "../../../schema/text.ts";
import type { DataChannelLike, DataLink } from "./link.ts";
import { Sha256 } from "./sha256.ts";

/**
 * Above this much queued in the channel, sending pauses until it drains to the low mark (announced
 * by bufferedamountlow, not polled). The low mark is what keeps the link busy while this page does
 * other work (a frame of video, the next slice's read): at loopback speeds 2 MiB lasts tens of
 * milliseconds. Chromium closes a channel whose queue passes 16 MiB, so the high mark stays well below.
 */
export const HIGH_WATER_BYTES = 8 * 1024 * 1024;
export const LOW_WATER_BYTES = 2 * 1024 * 1024;
/** The file is read this much at a time, the next slice while this one is sent: memory stays small. */
export const READ_BYTES = 1024 * 1024;
/** At most this many chunks are sent in one task before the page may draw or answer a click. */
export const CHUNKS_PER_TASK = 4;
/** Progress is announced (and redrawn) at most once per this share of the file: 100 times a file. */
const PROGRESS_STEPS = 100;
const HEADER_BYTES = 4;

/** "waiting": an outgoing file queued behind the one being sent; the other side knows nothing of it yet. */
export type TransferState = "waiting" | "sending" | "receiving" | "done" | "failed";
/**
 * "busy": offered while the receiver was still receiving another file, so refused. "unreadable": the
 * sender's browser could not read the file (moved or changed on disk after it was picked). "silenced":
 * the other side flooded the link or sent malformed frames, so nothing of theirs is listened to.
 */
export type TransferProblem = "cancelled" | "checksum" | "lost" | "refused" | "busy" | "unreadable" | "silenced";

export interface Transfer {
  /** Unique on this side: direction, the sender and its connection (incoming only) and the sender's number. */
  readonly key: string;
  readonly id: number;
  readonly direction: "out" | "in";
  /** The other participant (connection id): the recipient of an outgoing file, the sender of an incoming one. */
  readonly peer: string;
  /** Already made safe to show and to save under (safeFileName). */
  readonly name: string;
  readonly size: number;
  /** Bytes sent (out) or received (in) so far. */
  readonly bytes: number;
  readonly state: TransferState;
  /** Lowercase hex, once the receiver has verified it. */
  readonly sha256?: string;
  readonly problem?: TransferProblem;
  /** A received file, verified: a Blob URL to save it. */
  readonly url?: string;
}

export type SendResult = "sending" | "too-large" | "not-connected";
/** Everyone whose link is open, or one participant by connection id. */
export type Recipient = "all" | { peer: string };

export interface FileTransfersOptions {
  createUrl?(blob: Blob): string;
  revokeUrl?(url: string): void;
}

/** Longest extension kept when a long name is shortened, so "….pdf" still opens as a PDF. */
const MAX_EXTENSION_LENGTH = 16;
const PATH_SEPARATORS = /[/\\]+/g;
const LEADING_DOTS_AND_SPACES = /^[.\s]+/;

/**
 * A file name as it may be shown and used as a download name. The other side may run a modified page,
 * so its names get the rule every other name follows (schema/text.ts): control characters and
 * direction overrides are removed, as they could make "report‮fdp.exe" read as "reportexe.pdf".
 * Path separators become "_" and leading dots go, so a name is never a folder, "..", or hidden. Capped
 * at the protocol's length in UTF-16 units, as the schema counts, without splitting a character.
 */
export function safeFileName(name: string): string {
  const readable = [...name].filter((char) => isPlainLine(char)).join("");
  const flat = readable.replace(PATH_SEPARATORS, "_").replace(LEADING_DOTS_AND_SPACES, "").trim();
  return capped(flat || "file");
}

function capped(name: string): string {
  if (name.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH ? name.slice(dot) : "";
  let stem = "";
  for (const char of name.slice(0, name.length - extension.length)) {
    if (stem.length + char.length + extension.length > MAX_FILE_NAME_LENGTH) break;
    stem += char;
  }
  return stem + extension;
}

/** One binary frame: the sender's transfer number (4 bytes, big-endian), then the chunk. */
export function frame(id: number, chunk: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(HEADER_BYTES + chunk.byteLength);
  new DataView(out.buffer).setUint32(0, id);
  out.set(chunk, HEADER_BYTES);
  return out;
}

export function unframe(data: ArrayBuffer): { id: number; chunk: Uint8Array<ArrayBuffer> } | null {
  if (data.byteLength < HEADER_BYTES || data.byteLength > HEADER_BYTES + FILE_CHUNK_BYTES) return null;
  return { id: new DataView(data).getUint32(0), chunk: new Uint8Array(data, HEADER_BYTES) };
}

interface Outgoing {
  transfer: Transfer;
  /** The picked file, read a slice at a time while sending; dropped once the transfer is over. */
  file: Blob | undefined;
  /** Known once the last chunk was hashed. */
  sha256?: string;
  accepted: boolean;
}

interface Incoming {
  transfer: Transfer;
  /**
   * What arrived: memory grows with what was received, never with what was announced. Every READ_BYTES
   * the newest chunks become a Blob part, so the browser takes them out of the page's heap as they come
   * and the file's Blob at the end is made of parts, not one copy of everything in one step.
   */
  parts: Blob[];
  /** Chunks since the last part. */
  chunks: Uint8Array<ArrayBuffer>[];
  chunkBytes: number;
  /** Fed each chunk as it arrives, so the check at the end costs nothing. */
  hash: Sha256;
  /** From the sender's file-end, which may come before the last chunks (another channel). */
  announcedSha256?: string;
}

/** Which of the PROGRESS_STEPS a transfer has reached: a new one is worth redrawing. */
const progressStep = (bytes: number, size: number): number =>
  size === 0 ? PROGRESS_STEPS : Math.floor((bytes * PROGRESS_STEPS) / size);

/** The bytes of file[from, from + READ_BYTES), or null when the browser cannot read them. */
function readSlice(file: Blob, from: number): Promise<Uint8Array | null> {
  return file
    .slice(from, from + READ_BYTES)
    .arrayBuffer()
    .then(
      (buffer) => new Uint8Array(buffer),
      () => null,
    );
}

export class FileTransfers {
  /** Outgoing transfers by this side's number: one numbering for all recipients. */
  private readonly outgoing = new Map<number, Outgoing>();
  /** Incoming transfers by sender, then the sender's number; a sender's are dropped when its link is lost. */
  private readonly incoming = new Map<string, Map<number, Incoming>>();
  /**
   * Counts lost links. A sender numbers its files from 1 on each page load and may come back on the same
   * connection with a new peer connection: incoming keys carry this count to stay unique.
   */
  private connection = 0;
  /** Every transfer by its key, in the order they began (a Map keeps insertion order). */
  private readonly byKey = new Map<string, Outgoing | Incoming>();
  private nextId = 1;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[];
  private readonly createUrl: (blob: Blob) => string;
  private readonly revokeUrl: (url: string) => void;

  constructor(
    private readonly link: DataLink,
    options: FileTransfersOptions = {},
  ) {
    this.createUrl = options.createUrl ?? ((blob) => URL.createObjectURL(blob));
    this.revokeUrl = options.revokeUrl ?? ((url) => URL.revokeObjectURL(url));
    this.unsubscribe = [
      link.onMessage((message, from) => void this.received(message, from)),
      link.onBinary((data, from) => void this.chunk(data, from)),
      link.onOpenChange((open, peer) => {
        if (!open) this.peerLost(peer, "lost");
      }),
      link.onSilenced((peer) => this.peerLost(peer, "silenced")),
    ];
  }

  /** Every transfer, oldest first. */
  list(): Transfer[] {
    return [...this.byKey.values()].map((entry) => entry.transfer);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Offers a file to everyone (one transfer each) or to one participant; a file over the limit is
   * refused before anything is sent. Those whose messages are ignored get nothing: their answers would not be heard.
   */
  async send(file: Blob, name: string, to: Recipient = "all"): Promise<SendResult> {
    if (file.size > MAX_FILE_BYTES) return "too-large";
    const candidates = to === "all" ? this.link.openPeers() : [to.peer];
    const recipients = candidates.filter((peer) => this.link.isOpen(peer) && !this.link.isSilenced(peer));
    if (recipients.length === 0) return "not-connected";
    for (const peer of recipients) {
      const id = this.nextId++;
      // The name the other side will see, so this side shows the same.
      const transfer: Transfer = {
        key: `out:${id}`,
        id,
        direction: "out",
        peer,
        name: safeFileName(name),
        size: file.size,
        bytes: 0,
        state: "waiting",
      };
      // Each recipient's transfer reads the same Blob: no copy of the file is made.
      const entry: Outgoing = { transfer, file, accepted: false };
      this.outgoing.set(id, entry);
      this.byKey.set(transfer.key, entry);
    }
    this.changed();
    for (const peer of recipients) this.offerNext(peer);
    return "sending";
  }

  cancel(key: string): void {
    const transfer = this.byKey.get(key)?.transfer;
    if (!transfer) return;
    const { id, peer } = transfer;
    if (transfer.direction === "out") {
      if (transfer.state !== "sending" && transfer.state !== "waiting") return;
      // A waiting file was never offered: the other side has nothing to stop.
      if (transfer.state === "sending") this.link.sendTo(peer, { type: "file-cancel", id, by: "sender" });
      this.finishOut(id, "failed", "cancelled");
      return;
    }
    if (transfer.state !== "receiving") return;
    this.link.sendTo(peer, { type: "file-cancel", id, by: "receiver" });
    this.finishIn(peer, id, { state: "failed", problem: "cancelled" });
  }

  /** Stops listening and frees every received file's memory. */
  dispose(): void {
    for (const stop of this.unsubscribe) stop();
    for (const { transfer } of this.byKey.values()) if (transfer.url) this.revokeUrl(transfer.url);
    this.listeners.clear();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** An outgoing transfer, only if it went to this participant: nobody else may accept, end or judge it. */
  private outTo(id: number, peer: string): Outgoing | undefined {
    const entry = this.outgoing.get(id);
    return entry?.transfer.peer === peer ? entry : undefined;
  }

  private updateOut(id: number, change: Partial<Transfer>): void {
    const entry = this.outgoing.get(id);
    if (!entry) return;
    entry.transfer = { ...entry.transfer, ...change };
    this.changed();
  }

  /** Counts bytes on their way; listeners hear of it only at the next step, not at every chunk. */
  private progressed(entry: Outgoing | Incoming, bytes: number): void {
    const { size, bytes: before } = entry.transfer;
    entry.transfer = { ...entry.transfer, bytes };
    if (progressStep(bytes, size) !== progressStep(before, size)) this.changed();
  }

  private finishOut(id: number, state: "done" | "failed", problem?: TransferProblem, sha256?: string): void {
    const entry = this.outgoing.get(id);
    if (entry?.transfer.state !== "sending" && entry?.transfer.state !== "waiting") return;
    // The file is no longer needed once the other side has it, or will not.
    entry.file = undefined;
    this.updateOut(id, { state, problem, sha256 });
    this.offerNext(entry.transfer.peer);
  }

  /**
   * Offers the oldest file waiting for this recipient once none is being sent to them: they take one
   * at a time from us and refuse an offer while another of ours is arriving.
   */
  private offerNext(peer: string): void {
    const entries = [...this.outgoing.values()].filter((entry) => entry.transfer.peer === peer);
    if (entries.some((entry) => entry.transfer.state === "sending")) return;
    const next = entries.find((entry) => entry.transfer.state === "waiting");
    if (!next) return;
    const { id, name, size } = next.transfer;
    this.updateOut(id, { state: "sending" });
    if (!this.link.sendTo(peer, { type: "file-offer", id, name, size })) {
      this.finishOut(id, "failed", "lost");
    }
  }

  private finishIn(peer: string, id: number, change: Partial<Transfer>): void {
    const entry = this.incoming.get(peer)?.get(id);
    if (entry?.transfer.state !== "receiving") return;
    // A failed file leaves nothing behind to save.
    entry.parts = [];
    entry.chunks = [];
    entry.transfer = { ...entry.transfer, ...change };
    this.changed();
  }

  private received(message: PeerMessage, from: string): void {
    if (message.type === "file-offer") this.offered(message, from);
    else if (message.type === "file-accept") this.accepted(message.id, from);
    else if (message.type === "file-end") this.ended(from, message.id, message.sha256);
    else if (message.type === "file-refused") {
      if (this.outTo(message.id, from)) this.finishOut(message.id, "failed", "busy");
    } else if (message.type === "file-cancel" && message.by === "receiver") {
      if (this.outTo(message.id, from)) this.finishOut(message.id, "failed", "cancelled");
    } else if (message.type === "file-cancel") {
      this.finishIn(from, message.id, { state: "failed", problem: "cancelled" });
    } else if (message.type === "file-result") {
      const entry = this.outTo(message.id, from);
      if (!entry) return;
      if (message.ok) this.finishOut(message.id, "done", undefined, entry.sha256);
      else this.finishOut(message.id, "failed", "checksum");
    }
  }

  private accepted(id: number, from: string): void {
    const entry = this.outTo(id, from);
    if (!entry || entry.accepted || entry.transfer.state !== "sending") return;
    entry.accepted = true;
    void this.stream(id);
  }

  private offered(offer: PeerMessageOf<"file-offer">, from: string): void {
    let fromSender = this.incoming.get(from);
    if (!fromSender) {
      fromSender = new Map();
      this.incoming.set(from, fromSender);
    }
    // The same number twice from one sender is a broken or hostile page: refuse it. The schema already
    // drops an offer over the limit unparsed; this check keeps that true if the schema ever changes.
    if (fromSender.has(offer.id) || offer.size > MAX_FILE_BYTES) {
      this.link.sendTo(from, { type: "file-cancel", id: offer.id, by: "receiver" });
      return;
    }
    // One file at a time from each sender; others may send theirs meanwhile.
    const busy = [...fromSender.values()].some((entry) => entry.transfer.state === "receiving");
    const transfer: Transfer = {
      key: `in:${from}:${this.connection}:${offer.id}`,
      id: offer.id,
      direction: "in",
      peer: from,
      name: safeFileName(offer.name),
      size: offer.size,
      bytes: 0,
      // A second one is shown as refused, so this side knows it was offered.
      ...(busy ? { state: "failed", problem: "busy" } : { state: "receiving" }),
    };
    const entry: Incoming = { transfer, parts: [], chunks: [], chunkBytes: 0, hash: new Sha256() };
    fromSender.set(offer.id, entry);
    this.byKey.set(transfer.key, entry);
    this.changed();
    if (busy) {
      this.link.sendTo(from, { type: "file-refused", id: offer.id, reason: "busy" });
      return;
    }
    this.link.sendTo(from, { type: "file-accept", id: offer.id });
  }

  private ended(from: string, id: number, sha256: string): void {
    const entry = this.incoming.get(from)?.get(id);
    // Only the first announcement counts: a second one cannot change what is checked.
    if (entry?.transfer.state !== "receiving" || entry.announcedSha256 !== undefined) return;
    entry.announcedSha256 = sha256;
    if (entry.transfer.bytes === entry.transfer.size) this.verify(from, id);
  }

  private chunk(data: ArrayBuffer, from: string): void {
    const parsed = unframe(data);
    if (!parsed) return;
    const entry = this.incoming.get(from)?.get(parsed.id);
    if (entry?.transfer.state !== "receiving") return;
    const { bytes, size } = entry.transfer;
    if (bytes + parsed.chunk.byteLength > size) {
      // More than announced: the file cannot be what was offered.
      this.link.sendTo(from, { type: "file-cancel", id: parsed.id, by: "receiver" });
      this.finishIn(from, parsed.id, { state: "failed", problem: "checksum" });
      return;
    }
    entry.hash.update(parsed.chunk);
    entry.chunks.push(parsed.chunk);
    entry.chunkBytes += parsed.chunk.byteLength;
    if (entry.chunkBytes >= READ_BYTES) {
      entry.parts.push(new Blob(entry.chunks));
      entry.chunks = [];
      entry.chunkBytes = 0;
    }
    this.progressed(entry, bytes + parsed.chunk.byteLength);
    if (entry.transfer.bytes === size && entry.announcedSha256 !== undefined) this.verify(from, parsed.id);
  }

  /**
   * Checks the received file against the announced SHA-256, once every byte and the announcement are
   * here; only a file that matches is offered to save. The verdict goes back to its sender alone.
   */
  private verify(from: string, id: number): void {
    const entry = this.incoming.get(from)?.get(id);
    if (entry?.transfer.state !== "receiving") return;
    // The chunks that were hashed as they arrived are the ones the parts were made of (a Blob copies
    // them when made, and cannot change): what is offered for saving is exactly what was checked.
    const actual = entry.hash.hex();
    const blob = new Blob([...entry.parts, new Blob(entry.chunks)]);
    entry.parts = [];
    entry.chunks = [];
    const ok = actual === entry.announcedSha256;
    this.link.sendTo(from, { type: "file-result", id, ok });
    if (!ok) {
      this.finishIn(from, id, { state: "failed", problem: "checksum" });
      return;
    }
    this.finishIn(from, id, { state: "done", sha256: actual, url: this.createUrl(blob) });
  }

  /**
   * Sends the file in chunks, never queueing more than the high-water mark in the channel, reading the
   * next slice while this one goes out and hashing each chunk as it is sent; then announces the hash.
   */
  private async stream(id: number): Promise<void> {
    const entry = this.outgoing.get(id);
    const peer = entry?.transfer.peer;
    const channel = peer === undefined ? undefined : this.link.fileChannel(peer);
    if (!entry?.file || !channel || peer === undefined) return this.streamLost(id);
    channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;
    const { file } = entry;
    const hash = new Sha256();
    let next = readSlice(file, 0);
    let sent = 0;
    for (let offset = 0; offset < file.size; offset += READ_BYTES) {
      const slice = await next;
      if (entry.transfer.state !== "sending") return;
      if (!slice) return this.streamFailed(id, "unreadable");
      if (offset + READ_BYTES < file.size) next = readSlice(file, offset + READ_BYTES);
      for (let at = 0; at < slice.byteLength; at += FILE_CHUNK_BYTES) {
        // Framing, sending and hashing a chunk takes about a millisecond; with the queue to fill and
        // the next slice already read, nothing else would end the task: the page gets its turn here.
        if (sent > 0 && sent % CHUNKS_PER_TASK === 0) await nextTask();
        if (channel.bufferedAmount > HIGH_WATER_BYTES) await drained(channel);
        if (entry.transfer.state !== "sending") return;
        if (channel.readyState !== "open") return this.streamLost(id);
        const chunk = slice.subarray(at, at + FILE_CHUNK_BYTES);
        try {
          channel.send(frame(id, chunk));
        } catch {
          return this.streamLost(id);
        }
        sent++;
        hash.update(chunk);
        this.progressed(entry, offset + at + chunk.byteLength);
      }
    }
    entry.sha256 = hash.hex();
    // The receiver answers with file-result once it has checked; without this it would wait forever.
    if (!this.link.sendTo(peer, { type: "file-end", id, sha256: entry.sha256 })) this.finishOut(id, "failed", "lost");
  }

  /**
   * The file channel failed while the control channel may still be open: the receiver is told, or it
   * would keep waiting for the rest and refuse the next file as busy.
   */
  private streamLost(id: number): void {
    this.streamFailed(id, "lost");
  }

  private streamFailed(id: number, problem: TransferProblem): void {
    const peer = this.outgoing.get(id)?.transfer.peer;
    if (peer !== undefined) this.link.sendTo(peer, { type: "file-cancel", id, by: "sender" });
    this.finishOut(id, "failed", problem);
  }

  /**
   * This participant's link was lost (they left, or a new peer connection replaces it), or they were
   * silenced: their transfers stop, everyone else's go on. A silenced participant still hears from us
   * (only what they send is ignored), so they are told, and stop waiting.
   */
  private peerLost(peer: string, problem: "lost" | "silenced"): void {
    for (const [id, entry] of this.outgoing) {
      const { state } = entry.transfer;
      if (entry.transfer.peer !== peer || (state !== "sending" && state !== "waiting")) continue;
      if (problem === "silenced" && state === "sending")
        this.link.sendTo(peer, { type: "file-cancel", id, by: "sender" });
      this.finishOut(id, "failed", problem);
    }
    for (const [id, entry] of this.incoming.get(peer) ?? []) {
      if (entry.transfer.state !== "receiving") continue;
      if (problem === "silenced") this.link.sendTo(peer, { type: "file-cancel", id, by: "receiver" });
      this.finishIn(peer, id, { state: "failed", problem });
    }
    if (problem === "silenced") return;
    // The next connection may be a reloaded page counting from 1 again: its numbers are new transfers.
    // Received files stay listed (byKey) and savable.
    this.incoming.delete(peer);
    this.connection++;
  }
}

/**
 * Resolves in a task of its own, after whatever waits (drawing, input). A message, not a timer: timers
 * in a background tab run once a second at most, which would slow a file to a crawl there.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Resolves when the channel's queue has drained to its low mark, or the channel closed. */
function drained(channel: DataChannelLike): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      channel.removeEventListener("bufferedamountlow", done);
      channel.removeEventListener("close", done);
      resolve();
    };
    channel.addEventListener("bufferedamountlow", done);
    channel.addEventListener("close", done);
  });
}
