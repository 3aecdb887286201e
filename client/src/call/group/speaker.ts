// Who is talking in a group call, from each other person's audio level sampled a few times a second:
// who is speaking now (their tile says so) and who is the active speaker (shown large in speaker view).
// The active speaker changes only when someone else has been the loudest for a whole second, and stays
// through silence, so the large picture does not jump at every cough or pause. Pure: time and levels
// come in, so the rules are tested with a fake clock and made-up levels (test/client/speaker.test.ts).

/** How often the levels are read: often enough to follow a conversation, rarely enough to cost nothing. */
export const SAMPLE_EVERY_MS = 250;
/**
 * Linear audio level (0 to 1, 1 = full scale, as WebRTC reports it) above which a person counts as
 * talking: speech at a normal distance reads well above (about −30 dBov and louder), a quiet room
 * behind noise suppression, or a muted microphone, well below.
 */
export const SPEAKING_LEVEL = 0.03;
/** How long someone else must be the loudest before the large picture changes to them. */
export const TAKE_OVER_MS = 1000;
/** A person still counts as talking this long after their last loud sample: the pauses between words. */
export const HOLD_MS = 750;

export interface Speakers {
  /** Who is talking now, by connection id (or was, within the pause between words). */
  readonly speaking: ReadonlySet<string>;
  /** Whom speaker view shows large; undefined before anyone has spoken or after they left. */
  readonly active: string | undefined;
}

export const NOBODY: Speakers = { speaking: new Set(), active: undefined };

export class SpeakerDetector {
  /** When each person was last loud. */
  private readonly lastLoud = new Map<string, number>();
  private active: string | undefined;
  /** Someone louder than the active speaker, and since when they have been the loudest. */
  private challenger: { id: string; since: number } | undefined;

  /** One sample: every other person's level now (a person missing here has left). */
  update(now: number, levels: ReadonlyMap<string, number>): Speakers {
    for (const id of this.lastLoud.keys()) if (!levels.has(id)) this.lastLoud.delete(id);
    if (this.active !== undefined && !levels.has(this.active)) this.active = undefined;
    if (this.challenger && !levels.has(this.challenger.id)) this.challenger = undefined;

    let loudest: string | undefined;
    let highest = SPEAKING_LEVEL;
    for (const [id, level] of levels) {
      if (!(level >= SPEAKING_LEVEL)) continue;
      this.lastLoud.set(id, now);
      if (level >= highest) {
        loudest = id;
        highest = level;
      }
    }
    this.choose(now, loudest);
    const speaking = new Set<string>();
    for (const [id, at] of this.lastLoud) if (now - at < HOLD_MS) speaking.add(id);
    return { speaking, active: this.active };
  }

  private choose(now: number, loudest: string | undefined): void {
    // Nobody shown yet (or they left): whoever talks first takes the stage at once.
    if (this.active === undefined) {
      this.active = loudest;
      this.challenger = undefined;
      return;
    }
    if (loudest === undefined) {
      // Silence: the active speaker stays; a challenger who paused longer than between words is no more.
      const challenger = this.challenger;
      if (challenger && now - (this.lastLoud.get(challenger.id) ?? Number.NEGATIVE_INFINITY) >= HOLD_MS) {
        this.challenger = undefined;
      }
      return;
    }
    if (loudest === this.active) {
      this.challenger = undefined;
      return;
    }
    if (this.challenger?.id !== loudest) this.challenger = { id: loudest, since: now };
    if (now - this.challenger.since < TAKE_OVER_MS) return;
    this.active = loudest;
    this.challenger = undefined;
  }
}

/** Whether two samples say the same, so the screen changes only when something did. */
export function sameSpeakers(a: Speakers, b: Speakers): boolean {
  if (a.active !== b.active || a.speaking.size !== b.speaking.size) return false;
  for (const id of a.speaking) if (!b.speaking.has(id)) return false;
  return true;
}
