// How many messages one socket may send: a token bucket per connection. A waiting page sends a handful
// a minute, a call page bursts of signaling; a flood is refused (one error), and a socket that keeps
// flooding is closed.

export interface ThrottleRules {
  /** Messages accepted in a burst. */
  burst: number;
  /** Messages per second the bucket refills with. */
  perSecond: number;
  /** Refused messages after which the socket is closed. */
  closeAfter: number;
}

/** A waiting room's sockets. */
export const SOCKET_THROTTLE: ThrottleRules = { burst: 30, perSecond: 5, closeAfter: 50 };

/**
 * A consultation's sockets, whose signaling comes in bursts that must never be refused: joining a call
 * of five opens four peer connections at once, each an offer or answer and its trickled ICE candidates
 * (host, server-reflexive and relay ones for every interface and TURN transport: up to a few dozen per
 * peer), about 170 messages; a network change right after restarts ICE with all four, as many again, and
 * a screen share renegotiates with each. 400 at once covers both together, and 40 a second refills that
 * in ten seconds; a page that floods (a loop sends thousands a second) is refused within a fraction of one.
 */
export const CALL_THROTTLE: ThrottleRules = { burst: 400, perSecond: 40, closeAfter: 400 };

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
