// How much one other participant may send over the data link before this page stops listening to
// their chat and files. A modified or broken page could otherwise flood the chat or keep this page
// busy parsing; the call itself (media, media flags) is not this guard's business. Pure, with the
// clock injected, so the limits are tested without waiting (test/client/flood-guard.test.ts).

/** More control frames than this within FRAME_WINDOW_MS is a flood: a person types far slower. */
export const MAX_FRAMES_PER_WINDOW = 50;
export const FRAME_WINDOW_MS = 1000;
/** More malformed frames than this within MALFORMED_WINDOW_MS is a page that is broken or hostile. */
export const MAX_MALFORMED_PER_WINDOW = 10;
export const MALFORMED_WINDOW_MS = 10_000;

/** Counts one peer's frames; once a limit is passed, the peer stays silenced for the rest of the call. */
export class FloodGuard {
  private readonly frames: number[] = [];
  private readonly malformed: number[] = [];
  private tripped = false;

  constructor(private readonly now: () => number) {}

  /** Whether this peer's chat and file messages are ignored from now on. */
  get silenced(): boolean {
    return this.tripped;
  }

  /** Counts a frame on the control channel; true only for the frame that silences the peer. */
  frame(): boolean {
    return this.count(this.frames, FRAME_WINDOW_MS, MAX_FRAMES_PER_WINDOW);
  }

  /** Counts a frame that could not be read; true only for the frame that silences the peer. */
  malformedFrame(): boolean {
    return this.count(this.malformed, MALFORMED_WINDOW_MS, MAX_MALFORMED_PER_WINDOW);
  }

  /** A sliding window of the times of recent frames, never longer than limit + 1 entries. */
  private count(times: number[], windowMs: number, limit: number): boolean {
    if (this.tripped) return false;
    const now = this.now();
    times.push(now);
    while (times.length > 0 && (times[0] ?? now) <= now - windowMs) times.shift();
    if (times.length <= limit) return false;
    this.tripped = true;
    // Nothing is counted any more: the arrays are not needed.
    this.frames.length = 0;
    this.malformed.length = 0;
    return true;
  }
}
