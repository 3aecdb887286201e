// Many callers asking for one thing each, answered together: while one lookup runs, every key asked
// for meanwhile waits for the next, which asks for all of them at once. A thousand patients whose
// sockets arrive together cost about ten queries, not a thousand.

interface Waiter<Value> {
  resolve(value: Value | undefined): void;
  reject(error: unknown): void;
}

export class Batched<Key, Value> {
  /** Keys asked for and not yet looked up, each with everyone waiting for it. */
  private readonly queued = new Map<Key, Waiter<Value>[]>();
  private running = false;

  /**
   * @param lookUp answers many keys at once; a key it leaves out is answered `undefined`.
   * @param maxKeys at most this many keys per lookup (D1 binds at most 100 parameters per query).
   */
  constructor(
    private readonly lookUp: (keys: Key[]) => Promise<Map<Key, Value>>,
    private readonly maxKeys = 100,
  ) {}

  get(key: Key): Promise<Value | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.queued.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.queued.set(key, [{ resolve, reject }]);
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queued.size > 0) await this.lookUpNext();
    } finally {
      this.running = false;
    }
  }

  private async lookUpNext(): Promise<void> {
    const batch: [Key, Waiter<Value>[]][] = [];
    for (const entry of this.queued) {
      if (batch.length === this.maxKeys) break;
      batch.push(entry);
    }
    for (const [key] of batch) this.queued.delete(key);
    try {
      const found = await this.lookUp(batch.map(([key]) => key));
      for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
    } catch (error) {
      // Only this batch failed: its callers hear so, and the next batch tries again.
      for (const [, waiters] of batch) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
