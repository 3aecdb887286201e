// The little Durable Object storage the objects use: expiring ids and one alarm to expire them.
import { ExpiringSet } from "./expiring-set.ts";

/** Loads the ids stored under `prefix`; the returned set writes through to storage. */
export async function loadExpiringSet(storage: DurableObjectStorage, prefix: string): Promise<ExpiringSet> {
  const stored = await storage.list<number>({ prefix });
  const entries = new Map([...stored].map(([key, until]) => [key.slice(prefix.length), until]));
  return new ExpiringSet(entries, {
    // Output gates hold the object's replies until these writes are durable: no await needed.
    put: (id, until) => void storage.put(prefix + id, until),
    delete: (id) => void storage.delete(prefix + id),
  });
}

/**
 * The object's one alarm, set to its next deadline. Rooms ask after every message, and most messages
 * change no deadline: the alarm is read from storage once per wake-up and written only when it changes.
 */
export class Alarm {
  /** The alarm as last read or written; undefined until read. */
  private known: number | null | undefined;

  constructor(private readonly storage: DurableObjectStorage) {}

  async setTo(next: number | undefined): Promise<void> {
    const wanted = next ?? null;
    if (this.known === undefined) this.known = await this.storage.getAlarm();
    if (this.known === wanted) return;
    if (wanted === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(wanted);
    this.known = wanted;
  }

  /** The alarm went off: storage no longer holds it. */
  fired(): void {
    this.known = null;
  }
}
