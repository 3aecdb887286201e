// When a patient may enter the waiting room: from a practice-set number of minutes before the start.
// The worker asks it when a patient joins; the waiting room asks it again when their socket arrives.
// Everything here is an instant (ms since 1970, UTC): a change of the clocks (Europe/Berlin's last
// Sunday of March) moves no opening, and "15 minutes before" is always 900,000 ms before.

export function waitingRoomOpensAt(startsAt: number, opensMinutesBefore: number): number {
  return startsAt - opensMinutesBefore * 60_000;
}

/** Whether the waiting room is open for this appointment at `now` (its opening's first millisecond counts). */
export function waitingRoomOpen(startsAt: number, opensMinutesBefore: number, now: number): boolean {
  return now >= waitingRoomOpensAt(startsAt, opensMinutesBefore);
}
