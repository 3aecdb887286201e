// Timers and the time as one small interface, so that every rule that waits (reconnecting, the waited
// minutes, a countdown, a call's deadlines) can be tested with a fake clock instead of real time. Its own
// module: the patient's first page needs a clock, not the room connection.

export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const browserClock: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};
