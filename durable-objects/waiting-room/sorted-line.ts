// The order of a waiting room as a data structure: who came first. Kept sorted as patients arrive and
// leave, so that an arrival costs a binary search instead of a sort, and a position is an index plus one.

/** What the line needs of a waiting patient. */
export interface InLine {
  connectionId: string;
  waitingSince: number;
}

/** Earlier first; the connection id breaks ties, so every room orders the same patients the same way. */
function before(a: InLine, b: InLine): boolean {
  return a.waitingSince < b.waitingSince || (a.waitingSince === b.waitingSince && a.connectionId < b.connectionId);
}

export class SortedLine<Entry extends InLine> {
  private readonly entries: Entry[] = [];

  get length(): number {
    return this.entries.length;
  }

  /** Puts `entry` in its place and returns its index. */
  insert(entry: Entry): number {
    const index = this.indexBefore(entry);
    this.entries.splice(index, 0, entry);
    return index;
  }

  /** Takes `entry` out; returns the index it had, or undefined if it was not in line. */
  remove(entry: InLine): number | undefined {
    const index = this.indexOf(entry);
    if (index !== undefined) this.entries.splice(index, 1);
    return index;
  }

  indexOf(entry: InLine): number | undefined {
    const index = this.indexBefore(entry);
    return this.entries[index]?.connectionId === entry.connectionId ? index : undefined;
  }

  at(index: number): Entry | undefined {
    return this.entries[index];
  }

  /** The entries from `index` on, in order. */
  from(index: number): readonly Entry[] {
    return this.entries.slice(index);
  }

  /** The first entry that `accept`s, in order. */
  find(accept: (entry: Entry) => boolean): Entry | undefined {
    return this.entries.find(accept);
  }

  all(): readonly Entry[] {
    return this.entries;
  }

  /** The index of the first entry that does not come before `entry` (binary search). */
  private indexBefore(entry: InLine): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(this.entries[middle] as Entry, entry)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
