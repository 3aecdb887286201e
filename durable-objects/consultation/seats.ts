// Seats promised to people being added to a running call: the waiting room asks for one (`admission`),
// then mints their ticket and sends it; until they connect, their seat counts as taken, so that two
// providers' adds at the same moment cannot make six. Memory only: after an eviction the promise is gone,
// and the roster's own check at connect (MAX_PARTICIPANTS) still holds.

/** How long a promised seat waits for its person: their page needs a few seconds to open the call. */
export const SEAT_HOLD_MS = 60_000;

export class Seats {
  /** Participant id → until when their seat is held. */
  private readonly held = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  hold(participantId: string): void {
    this.held.set(participantId, this.now() + SEAT_HOLD_MS);
  }

  /** They arrived (or their seat is no longer needed): it is theirs as a participant now. */
  release(participantId: string): void {
    this.held.delete(participantId);
  }

  /** Participants whose seat is still held for them. */
  waitingFor(): string[] {
    const now = this.now();
    for (const [id, until] of this.held) if (until <= now) this.held.delete(id);
    return [...this.held.keys()];
  }
}
