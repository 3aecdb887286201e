// Two ends of a call's data link in memory: a control channel that delivers at once (asynchronously,
// as a network would) and a file channel that queues what is sent until the test lets it through, with
// the bufferedAmount and bufferedamountlow events senders rely on for backpressure.
import { CallLink, type LinkEvents } from "../../client/src/call/link.ts";
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

const quiet: LinkEvents = { flags() {}, other() {}, dropped() {}, openChange() {} };

export interface LinkEnd {
  link: CallLink;
  control: FakeDataChannel;
  files: QueuedChannel;
  dropped: number;
}

/** Two linked ends, open. */
export function linkedPair(): [LinkEnd, LinkEnd] {
  const ends = [0, 1].map((): LinkEnd => {
    const end: LinkEnd = {
      control: new FakeDataChannel("anteroom-control", 0),
      files: new QueuedChannel("anteroom-files", 1),
      dropped: 0,
      link: undefined as unknown as CallLink,
    };
    end.link = new CallLink({ ...quiet, dropped: () => end.dropped++ });
    end.link.attach({ control: end.control, files: end.files });
    return end;
  }) as [LinkEnd, LinkEnd];
  FakeDataChannel.link(ends[0].control, ends[1].control);
  FakeDataChannel.link(ends[0].files, ends[1].files);
  return ends;
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
    for (const end of ends) end.files.flush();
    if (done()) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
