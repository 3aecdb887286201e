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

/** Sets the alarm to the earliest of `deadlines`, or clears it when there is none. */
export async function scheduleAlarm(storage: DurableObjectStorage, deadlines: (number | undefined)[]): Promise<void> {
  const due = deadlines.filter((d): d is number => d !== undefined);
  const next = due.length ? Math.min(...due) : null;
  // Most messages change no deadline: reading the alarm is cheap, writing it is not.
  if ((await storage.getAlarm()) === next) return;
  if (next === null) await storage.deleteAlarm();
  else await storage.setAlarm(next);
}
