// How many messages one socket may send: a token bucket per connection. A page sends a handful a
// minute; a flood is refused (one error), and a socket that keeps flooding is closed.

export interface ThrottleRules {
  /** Messages accepted in a burst. */
  burst: number;
  /** Messages per second the bucket refills with. */
  perSecond: number;
  /** Refused messages after which the socket is closed. */
  closeAfter: number;
}

export const SOCKET_THROTTLE: ThrottleRules = { burst: 30, perSecond: 5, closeAfter: 50 };

/** accept: handle it; refuse: answer with one error, the first time in a flood; close: close the socket. */
export type Verdict = "accept" | "refuse" | "refuse-quietly" | "close";

interface Bucket {
  tokens: number;
  at: number;
  refused: number;
}

export class Throttle {
  // In memory only: a hibernating object has heard nothing for a while, so a fresh bucket is right.
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rules: ThrottleRules,
    private readonly now: () => number,
  ) {}

  take(connectionId: string): Verdict {
    const now = this.now();
    const bucket = this.buckets.get(connectionId) ?? { tokens: this.rules.burst, at: now, refused: 0 };
    bucket.tokens = Math.min(this.rules.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rules.perSecond);
    bucket.at = now;
    this.buckets.set(connectionId, bucket);
    // A flood ends when the bucket is full again, not at the first message the refill lets through: a
    // flood that goes on gets one error and is closed, however slowly the room works through it.
    if (bucket.tokens >= this.rules.burst) bucket.refused = 0;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return "accept";
    }
    bucket.refused += 1;
    if (bucket.refused >= this.rules.closeAfter) return "close";
    return bucket.refused === 1 ? "refuse" : "refuse-quietly";
  }

  forget(connectionId: string): void {
    this.buckets.delete(connectionId);
  }
}
