// Ids an object must remember past hibernation and restarts, each only until its deadline: that a
// consultation ended, which waiting tickets were admitted. They name no person; the object's alarm
// deletes each one when its deadline passes (docs/DATA.md).

/** Where the set writes through to; the objects use Durable Object storage, tests a map. */
export interface DeadlineStore {
  put(id: string, until: number): void;
  delete(id: string): void;
}

export class ExpiringSet {
  constructor(
    private readonly entries: Map<string, number>,
    private readonly store: DeadlineStore,
  ) {}

  has(id: string, now: number): boolean {
    const until = this.entries.get(id);
    return until !== undefined && until > now;
  }

  /** Remembers `id` until `until`, or longer if it was already remembered longer. */
  add(id: string, until: number): void {
    const kept = Math.max(until, this.entries.get(id) ?? 0);
    this.entries.set(id, kept);
    this.store.put(id, kept);
  }

  /** Until: when `id` is forgotten, if it is remembered now. */
  until(id: string, now: number): number | undefined {
    const until = this.entries.get(id);
    return until !== undefined && until > now ? until : undefined;
  }

  delete(id: string): void {
    if (this.entries.delete(id)) this.store.delete(id);
  }

  /** Forgets every id whose deadline has passed. */
  expire(now: number): void {
    for (const [id, until] of this.entries) {
      if (until > now) continue;
      this.entries.delete(id);
      this.store.delete(id);
    }
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** The earliest deadline still ahead, for the object's alarm. */
  nextDeadline(): number | undefined {
    return earliest(...this.entries.values());
  }
}

/** The earliest of some deadlines, or undefined when there is none. */
export function earliest(...deadlines: (number | undefined)[]): number | undefined {
  const due = deadlines.filter((d): d is number => d !== undefined);
  return due.length ? Math.min(...due) : undefined;
}

/** A set that forgets everything with the process: for unit tests and nothing else. */
export function memorySet(): ExpiringSet {
  return new ExpiringSet(new Map(), { put() {}, delete() {} });
}
