// The calendar's date arithmetic in a named time zone (the provider's, not the browser's): which days a
// view shows, the instants its range spans, and where an appointment sits in a day's grid. Plain
// functions over epoch milliseconds and calendar days ("2026-03-29"), so they are tested without a page.
// Days are counted on the calendar, never as 24 hours: a day in Europe/Berlin lasts 23 hours on the last
// Sunday of March and 25 on the last Sunday of October.

export type CalendarView = "day" | "week" | "list";

/** A calendar day, "YYYY-MM-DD", in whichever zone the caller means. */
export type Day = string;

const MINUTE = 60_000;
export const MINUTES_PER_DAY = 24 * 60;

/** How long the list view looks ahead, and how far its prev/next move: a week, from its first day. */
const LIST_DAYS = 7;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building them is the costly part of reading a wall clock. */
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this zone. */
export function isKnownZone(zone: string): boolean {
  if (!zone) return false;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The account's zone if the runtime knows it, else the browser's (a zone saved elsewhere may be unknown here). */
export function calendarZone(accountZone: string | undefined): string {
  if (accountZone && isKnownZone(accountZone)) return accountZone;
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** What a clock on the wall in `zone` shows at `ms`. */
export function wallClock(ms: number, zone: string): WallClock {
  const parts = partsFormatter(zone).formatToParts(new Date(ms));
  const read = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: read("year"), month: read("month"), day: read("day"), hour: read("hour"), minute: read("minute") };
}

/** The zone's offset from UTC at `ms`, in milliseconds (Berlin in summer: +2 h). */
function offsetAt(ms: number, zone: string): number {
  const wall = wallClock(ms, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The wall clock has no seconds here: compare against the instant floored to its minute.
  return asUtc - Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * The instant a wall clock in `zone` shows this time. Twice in a night of falling back: the first.
 * Never in the hour skipped in spring: then the instant an hour later, as a clock put forward shows.
 */
export function instantOf(wall: WallClock, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The offsets in force a day either side cover every change a zone makes in one night.
  const before = offsetAt(asUtc - 86_400_000, zone);
  const after = offsetAt(asUtc + 86_400_000, zone);
  const fitting = [asUtc - before, asUtc - after].filter((ms) => offsetAt(ms, zone) === asUtc - ms);
  if (fitting.length > 0) return Math.min(...fitting);
  // In the gap: read it with the offset from before the change, which lands after it.
  return asUtc - before;
}

/** The calendar day `ms` falls on in `zone`. */
export function dayOf(ms: number, zone: string): Day {
  const wall = wallClock(ms, zone);
  return dayString(wall.year, wall.month, wall.day);
}

function dayString(year: number, month: number, day: number): Day {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function dayParts(day: Day): { year: number; month: number; day: number } {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  return { year, month, day: date };
}

/** The day `n` calendar days after (or before) this one. */
export function addDays(day: Day, n: number): Day {
  const parts = dayParts(day);
  const moved = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + n));
  return dayString(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** The Monday of this day's week (weeks start on Monday, as in Germany and ISO 8601). */
export function weekStart(day: Day): Day {
  const parts = dayParts(day);
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The first instant of this day in `zone`: midnight, or the first minute after a change at midnight. */
export function startOfDay(day: Day, zone: string): number {
  return instantOf({ ...dayParts(day), hour: 0, minute: 0 }, zone);
}

/** The days a view shows around the day it is anchored on. */
export function viewDays(view: CalendarView, anchor: Day): Day[] {
  if (view === "day") return [anchor];
  const first = view === "week" ? weekStart(anchor) : anchor;
  return Array.from({ length: view === "week" ? 7 : LIST_DAYS }, (_, i) => addDays(first, i));
}

/** The instants a view spans: [from, to), from the first day's start to the start of the day after the last. */
export function viewRange(view: CalendarView, anchor: Day, zone: string): { from: number; to: number } {
  const days = viewDays(view, anchor);
  const first = days[0] ?? anchor;
  const last = days[days.length - 1] ?? anchor;
  return { from: startOfDay(first, zone), to: startOfDay(addDays(last, 1), zone) };
}

/** Back (-1) or forward (+1): a day in the day view, a week in the others. */
export function stepAnchor(view: CalendarView, anchor: Day, direction: -1 | 1): Day {
  return addDays(anchor, direction * (view === "day" ? 1 : 7));
}

/** Minutes since midnight on the wall clock: where a time sits on a day's grid of hour lines. */
export function wallMinutes(ms: number, zone: string): number {
  const wall = wallClock(ms, zone);
  return wall.hour * 60 + wall.minute;
}

/** The part of an appointment one day's column shows, in wall-clock minutes since midnight. */
export interface Segment {
  top: number;
  bottom: number;
}

/**
 * Where [start, start + duration) sits in this day's column, or nothing if it does not touch the day.
 * Placed by the wall clock, so that it lines up with the hour labels even on a day of 23 or 25 hours;
 * an appointment running past midnight shows in both days' columns.
 */
export function segmentIn(day: Day, zone: string, startsAt: number, durationMinutes: number): Segment | undefined {
  const dayFrom = startOfDay(day, zone);
  const dayTo = startOfDay(addDays(day, 1), zone);
  const endsAt = startsAt + durationMinutes * MINUTE;
  if (endsAt <= dayFrom || startsAt >= dayTo) return undefined;
  const top = startsAt <= dayFrom ? 0 : wallMinutes(startsAt, zone);
  const bottom = endsAt >= dayTo ? MINUTES_PER_DAY : wallMinutes(endsAt, zone);
  // Falling back, a clock may show an end before the start (02:45 for 30 minutes ends at 02:15): keep
  // the appointment's real length rather than drawing it upside down.
  return { top, bottom: bottom > top ? bottom : Math.min(MINUTES_PER_DAY, top + durationMinutes) };
}

/**
 * The hours a grid shows: a working day (07–19) widened to every segment and to now, so that nothing
 * is hidden and a quiet day does not need a tall page.
 */
export function hourSpan(segments: Segment[], now?: number): { first: number; last: number } {
  let first = 7;
  let last = 19;
  for (const minute of [...segments.flatMap((s) => [s.top, s.bottom]), ...(now === undefined ? [] : [now])]) {
    first = Math.min(first, Math.floor(minute / 60));
    last = Math.max(last, Math.ceil(minute / 60));
  }
  return { first, last: Math.max(last, first + 1) };
}

/** An appointment's place in a column: its segment, and which of how many side-by-side lanes it takes. */
export interface Laid<T> {
  item: T;
  segment: Segment;
  lane: number;
  lanes: number;
}

/**
 * Side by side where appointments overlap (allowed, and warned about when saved), each in the first
 * lane free at its start; a group of overlapping ones shares its width in as many lanes as it needs.
 */
export function layOut<T>(items: { item: T; segment: Segment }[]): Laid<T>[] {
  const sorted = [...items].sort((a, b) => a.segment.top - b.segment.top || b.segment.bottom - a.segment.bottom);
  const laid: Laid<T>[] = [];
  let group: Laid<T>[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -1;
  const closeGroup = () => {
    for (const placed of group) placed.lanes = laneEnds.length;
    group = [];
    laneEnds = [];
  };
  for (const { item, segment } of sorted) {
    if (segment.top >= groupEnd) closeGroup();
    let lane = laneEnds.findIndex((end) => end <= segment.top);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = segment.bottom;
    const placed = { item, segment, lane, lanes: 1 };
    group.push(placed);
    laid.push(placed);
    groupEnd = Math.max(groupEnd, segment.bottom);
  }
  closeGroup();
  return laid;
}

/** A time as a form's datetime-local value ("2026-03-29T09:00"), read off the wall clock in `zone`. */
export function inputValueIn(ms: number, zone: string): string {
  const wall = wallClock(ms, zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${dayString(wall.year, wall.month, wall.day)}T${two(wall.hour)}:${two(wall.minute)}`;
}

/** The instant a datetime-local value means on the wall clock in `zone`; NaN if it is none. */
export function instantOfInput(value: string, zone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return instantOf({ year: year ?? 0, month: month ?? 1, day: day ?? 1, hour: hour ?? 0, minute: minute ?? 0 }, zone);
}
