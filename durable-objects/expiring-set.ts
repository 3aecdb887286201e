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

  add(id: string, until: number): void {
    this.entries.set(id, Math.max(until, this.entries.get(id) ?? 0));
    this.store.put(id, this.entries.get(id) ?? until);
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
    const deadlines = [...this.entries.values()];
    return deadlines.length ? Math.min(...deadlines) : undefined;
  }
}

/** A set that forgets everything with the process: for unit tests and nothing else. */
export function memorySet(): ExpiringSet {
  return new ExpiringSet(new Map(), { put() {}, delete() {} });
}
