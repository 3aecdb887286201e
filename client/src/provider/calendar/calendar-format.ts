// The calendar's words for dates and times: Intl in the page's locale and the provider's zone, so that
// "Mo., 30. März" and "Mon, Mar 30" come from the browser, not from strings of ours.
import { locale } from "../../shared/i18n.ts";
import { type CalendarView, type Day, startOfDay, viewDays } from "./calendar-time.ts";

/** Noon of a day: a moment that lies on that day in every zone's calendar, whatever its offset. */
const noon = (day: Day) => Date.parse(`${day}T12:00:00Z`);

/** A day's column heading: weekday and date, short ("Mon 30"). */
export function dayHeading(day: Day): { weekday: string; date: string } {
  const at = new Date(noon(day));
  return {
    weekday: new Intl.DateTimeFormat(locale(), { weekday: "short", timeZone: "UTC" }).format(at),
    date: new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", timeZone: "UTC" }).format(at),
  };
}

/** What the calendar shows, said in full: "Monday, 30 March 2026" or "23 – 29 March 2026". */
export function rangeTitle(view: CalendarView, anchor: Day): string {
  const days = viewDays(view, anchor);
  const first = days[0] ?? anchor;
  const last = days[days.length - 1] ?? anchor;
  if (first === last) {
    return new Intl.DateTimeFormat(locale(), { dateStyle: "full", timeZone: "UTC" }).format(noon(first));
  }
  const format = new Intl.DateTimeFormat(locale(), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return format.formatRange(noon(first), noon(last));
}

/** An hour line's label ("17 Uhr", "5 PM"): the wall clock's hour, the same on every day. */
export function hourLabel(hour: number): string {
  return new Intl.DateTimeFormat(locale(), { hour: "numeric", timeZone: "UTC" }).format(
    Date.UTC(2000, 0, 1, hour % 24),
  );
}

/** A time of day in the provider's zone. */
export function timeIn(ms: number, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: "short", timeZone: zone }).format(ms);
}

/** A day and time in the provider's zone, for a label that must stand on its own. */
export function dateTimeIn(ms: number, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "full", timeStyle: "short", timeZone: zone }).format(ms);
}

/** Whether the provider's zone is not the browser's: then the calendar names it. */
export function zoneDiffers(zone: string, day: Day): boolean {
  const browser = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (browser === zone) return false;
  // Two names for the same clock (Europe/Berlin and Europe/Vienna) need no notice.
  const at = startOfDay(day, zone);
  const read = (z: string) =>
    new Intl.DateTimeFormat("en", { timeZone: z, hourCycle: "h23", hour: "numeric", minute: "numeric" }).format(at);
  return read(browser) !== read(zone);
}

/** An appointment's date and time in a row ("3 Dec 2026, 17:15"), in the provider's zone. */
export function dateTimeShort(ms: number, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(ms);
}
