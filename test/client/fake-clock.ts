import type { Clock } from "../../client/src/shared/clock.ts";

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

/** Timers that fire only when a test moves time forward: no test waits on the real clock. */
export class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.push({ id, due: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Delays of the timers still pending, from now, soonest first. */
  pendingDelays(): number[] {
    return this.timers.map((timer) => timer.due - this.time).sort((a, b) => a - b);
  }

  /** Moves time forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((timer) => timer.due <= end).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.time = next.due;
      next.callback();
    }
    this.time = end;
  }

  /** Fires the next pending timer, however far away; returns how far time moved. */
  runNext(): number {
    const delay = this.pendingDelays()[0];
    if (delay === undefined) throw new Error("no timer pending");
    this.advance(delay);
    return delay;
  }
}
