// Ends of a call's data link in memory, two or a full mesh: per pair a control channel that delivers
// at once (asynchronously, as a network would) and a file channel that queues what is sent until the test lets it through, with
// the bufferedAmount and bufferedamountlow events senders rely on for backpressure.
import { type LinkEvents, MeshLink } from "../../client/src/call/link.ts";
import { FakeDataChannel } from "./fake-peer-connection.ts";

export class QueuedChannel extends FakeDataChannel {
  private queue: unknown[] = [];
  /** The most that was ever waiting in this channel. */
  highest = 0;

  override send(data: unknown): void {
    if (this.readyState !== "open") throw new DOMException("not open", "InvalidStateError");
    const size = data instanceof Uint8Array ? data.byteLength : String(data).length;
    this.bufferedAmount += size;
    this.highest = Math.max(this.highest, this.bufferedAmount);
    this.queue.push(data);
  }

  /** Delivers up to `count` queued messages to the other end; returns how many it delivered. */
  flush(count = Number.POSITIVE_INFINITY): number {
    let delivered = 0;
    while (delivered < count && this.queue.length > 0) {
      const data = this.queue.shift();
      const before = this.bufferedAmount;
      const size = data instanceof Uint8Array ? data.byteLength : String(data).length;
      this.bufferedAmount -= size;
      const bytes = data instanceof Uint8Array ? data.slice().buffer : data;
      if (this.partner?.readyState === "open") this.partner.emit("message", bytes);
      if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.emit("bufferedamountlow");
      }
      delivered++;
    }
    return delivered;
  }

  get queued(): number {
    return this.queue.length;
  }
}

const CONTROL = "anteroom-control";
const FILES = "anteroom-files";
const quiet: LinkEvents = { flags() {}, name() {}, other() {}, dropped() {}, openChange() {} };

/** One end's channels to another end. */
export interface Channels {
  control: FakeDataChannel;
  files: QueuedChannel;
}

export interface LinkEnd {
  /** This end's connection id, as the others' links know it. */
  readonly name: string;
  link: MeshLink;
  /** The channels to each other end, by its name. */
  readonly to: Record<string, Channels>;
  /** Malformed frames dropped, by sender. */
  dropped: number;
  /** Media flags read, by sender: a silenced sender's still are. */
  readonly flags: { from: string; muted: boolean }[];
  /** For two ends: the other end's name and the channels to it. */
  readonly peer: string;
  readonly control: FakeDataChannel;
  readonly files: QueuedChannel;
}

/**
 * A full mesh of ends with these names, every pair's channels open. `now` is every link's clock
 * (the flood guard's); real time by default.
 */
export function mesh(names: string[], now: () => number = Date.now): Record<string, LinkEnd> {
  const ends: Record<string, LinkEnd> = {};
  for (const name of names) {
    const to: Record<string, Channels> = {};
    for (const other of names) {
      if (other !== name) to[other] = { control: new FakeDataChannel(CONTROL, 0), files: new QueuedChannel(FILES, 1) };
    }
    const peer = names.find((other) => other !== name) ?? "";
    const end: LinkEnd = {
      name,
      to,
      dropped: 0,
      flags: [],
      peer,
      control: to[peer]?.control ?? new FakeDataChannel(CONTROL, 0),
      files: to[peer]?.files ?? new QueuedChannel(FILES, 1),
      link: undefined as unknown as MeshLink,
    };
    end.link = new MeshLink(
      {
        ...quiet,
        dropped: () => end.dropped++,
        flags: ({ flags }, from) => end.flags.push({ from, muted: flags.muted }),
      },
      now,
    );
    for (const [other, channels] of Object.entries(to)) end.link.attach(other, channels);
    ends[name] = end;
  }
  for (const [i, name] of names.entries()) {
    for (const other of names.slice(i + 1)) {
      const mine = ends[name]?.to[other];
      const theirs = ends[other]?.to[name];
      if (!mine || !theirs) continue;
      FakeDataChannel.link(mine.control, theirs.control);
      FakeDataChannel.link(mine.files, theirs.files);
    }
  }
  return ends;
}

/** Two linked ends, open. */
export function linkedPair(): [LinkEnd, LinkEnd] {
  const { a, b } = mesh(["a", "b"]);
  if (!a || !b) throw new Error("no pair");
  return [a, b];
}

/** Lets queued microtasks and promise chains (hashing, sends) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/**
 * Moves file chunks through both ends until `done()` holds, yielding a macrotask between rounds so the
 * work in between (reading a Blob, hashing, the offer and its answer) can finish. It never gives up
 * after some number of quiet rounds: on a slow machine it waits longer; a transfer that never finishes
 * fails the test by its timeout, not by a guess about how long hashing takes.
 */
export async function pump(ends: LinkEnd[], done: () => boolean): Promise<void> {
  for (;;) {
    for (const end of ends) for (const channels of Object.values(end.to)) channels.files.flush();
    if (done()) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
