// What the practice's activity log (opt-in, docs/DATA.md) learns of a call: who led it, when it started,
// the most people in it at once, whether a relay carried anyone's media. Kept in the object's storage
// while the call runs (ids, times and counts only) and written to D1 once at its end, only when the
// practice has the log on then: the setting is read in the same statement that writes the entry.

/** Storage key of the running call's facts; deleted at its end. */
export const ACTIVITY_KEY = "activity";

export interface StoredActivity {
  /** The leading provider's id: the moderator when the first person connected (or that first provider). */
  leader?: string;
  startedAt: number;
  /** The most people in the call at once, providers included. */
  peak: number;
  relayed: boolean;
}

export interface ActivityStore {
  save(activity: StoredActivity): void;
  clear(): void;
}

/** One consultation's entry, as the log stores it (no patient's name: the leader is a provider). */
export interface ActivityFacts {
  leader: string;
  startedAt: number;
  durationSeconds: number;
  participants: number;
  relayed: boolean;
}

export class CallActivity {
  constructor(
    private stored: StoredActivity | undefined,
    private readonly store: ActivityStore,
  ) {}

  /** Someone is in the call: `present` people are in it now; `leader` is who leads it now, if known. */
  joined(now: number, present: number, leader: string | undefined): void {
    const before = this.stored;
    const next: StoredActivity = before ?? { startedAt: now, peak: 0, relayed: false };
    const updated = { ...next, peak: Math.max(next.peak, present), leader: next.leader ?? leader };
    if (before && updated.peak === before.peak && updated.leader === before.leader) return;
    this.save(updated);
  }

  /** A participant's media goes through a relay: said once, whoever says it again. */
  relayed(): void {
    if (!this.stored || this.stored.relayed) return;
    this.save({ ...this.stored, relayed: true });
  }

  /** The call ended at `now`: its facts, once (none for a call nobody joined or no provider led); storage forgets them. */
  ended(now: number): ActivityFacts | undefined {
    const facts = this.stored;
    if (!facts) return undefined;
    this.stored = undefined;
    this.store.clear();
    if (facts.leader === undefined) return undefined;
    return {
      leader: facts.leader,
      startedAt: facts.startedAt,
      durationSeconds: Math.max(0, Math.round((now - facts.startedAt) / 1000)),
      participants: facts.peak,
      relayed: facts.relayed,
    };
  }

  private save(activity: StoredActivity): void {
    this.stored = activity;
    this.store.save(activity);
  }
}

/**
 * Writes the entry if, and only if, the leader's practice has the log on now: one statement, so a
 * practice that switched it off during the call gets nothing. The leader's name is the one they have now.
 */
export async function logActivity(db: D1Database, facts: ActivityFacts): Promise<void> {
  await db
    .prepare(
      `INSERT INTO activity_entries (id, practice_id, provider_name, started_at, duration_seconds, participants, relayed)
       SELECT ?, pr.id, p.display_name, ?, ?, ?, ?
       FROM providers AS p JOIN practices AS pr ON pr.id = p.practice_id
       WHERE p.id = ? AND pr.activity_log_on = 1`,
    )
    .bind(
      crypto.randomUUID(),
      facts.startedAt,
      facts.durationSeconds,
      facts.participants,
      facts.relayed ? 1 : 0,
      facts.leader,
    )
    .run();
}
