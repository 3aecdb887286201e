import { describe, expect, it } from "vitest";
import {
  addDays,
  calendarZone,
  dayOf,
  hourSpan,
  inputValueIn,
  instantOf,
  instantOfInput,
  layOut,
  segmentIn,
  startOfDay,
  stepAnchor,
  viewDays,
  viewRange,
  wallMinutes,
  weekStart,
} from "../../client/src/provider/calendar/calendar-time.ts";

const BERLIN = "Europe/Berlin";
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe("days in a zone", () => {
  it("puts an instant on the provider's calendar day, not the browser's or UTC's", () => {
    // 23:30 UTC on 14 January is already the 15th in Berlin and still the 14th in New York.
    expect(dayOf(at("2026-01-14T23:30:00Z"), BERLIN)).toBe("2026-01-15");
    expect(dayOf(at("2026-01-14T23:30:00Z"), "America/New_York")).toBe("2026-01-14");
  });

  it("starts a day at the zone's midnight", () => {
    expect(startOfDay("2026-01-15", BERLIN)).toBe(at("2026-01-14T23:00:00Z"));
    expect(startOfDay("2026-07-15", BERLIN)).toBe(at("2026-07-14T22:00:00Z"));
    expect(startOfDay("2026-07-15", "Asia/Kolkata")).toBe(at("2026-07-14T18:30:00Z"));
  });

  it("counts days on the calendar across months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("starts a week on Monday", () => {
    expect(weekStart("2026-03-29")).toBe("2026-03-23"); // a Sunday
    expect(weekStart("2026-03-23")).toBe("2026-03-23"); // a Monday
    expect(weekStart("2026-01-01")).toBe("2025-12-29"); // a Thursday, the week begins in the old year
  });

  it("falls back to the browser's zone when the account's is unknown here", () => {
    const browser = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(calendarZone("Mars/Olympus_Mons")).toBe(browser);
    expect(calendarZone("")).toBe(browser);
    expect(calendarZone(BERLIN)).toBe(BERLIN);
  });
});

describe("the daylight saving changes in Europe/Berlin", () => {
  it("makes the last Sunday of March 23 hours long and the last Sunday of October 25", () => {
    const march = viewRange("day", "2026-03-29", BERLIN);
    expect(march.to - march.from).toBe(23 * HOUR);
    const october = viewRange("day", "2026-10-25", BERLIN);
    expect(october.to - october.from).toBe(25 * HOUR);
  });

  it("spans a week with a change in 167 or 169 hours, from Monday's midnight to the next Monday's", () => {
    const spring = viewRange("week", "2026-03-26", BERLIN);
    expect(spring.from).toBe(at("2026-03-22T23:00:00Z"));
    expect(spring.to).toBe(at("2026-03-29T22:00:00Z"));
    expect(spring.to - spring.from).toBe(167 * HOUR);
    const autumn = viewRange("week", "2026-10-25", BERLIN);
    expect(autumn.to - autumn.from).toBe(169 * HOUR);
  });

  it("reads a time skipped in spring as the hour after, and a time shown twice in autumn as the first", () => {
    // 02:30 does not exist on 29 March: the clock jumps from 02:00 to 03:00.
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN)).toBe(at("2026-03-29T01:30:00Z"));
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 3, minute: 0 }, BERLIN)).toBe(at("2026-03-29T01:00:00Z"));
    // 02:30 happens twice on 25 October, first in summer time (UTC+2).
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN)).toBe(at("2026-10-25T00:30:00Z"));
  });

  it("places appointments by the wall clock on those days, so they line up with the hour labels", () => {
    // 09:00 CEST on 29 March is 07:00 UTC, eight real hours after midnight, but sits at the 09:00 line.
    expect(segmentIn("2026-03-29", BERLIN, at("2026-03-29T07:00:00Z"), 30)).toEqual({ top: 540, bottom: 570 });
    // 09:00 CET on 25 October is 08:00 UTC, ten real hours after midnight.
    expect(segmentIn("2026-10-25", BERLIN, at("2026-10-25T08:00:00Z"), 60)).toEqual({ top: 540, bottom: 600 });
    // Across the change in spring: 01:30 for an hour ends at 03:30 on the wall.
    expect(segmentIn("2026-03-29", BERLIN, at("2026-03-29T00:30:00Z"), 60)).toEqual({ top: 90, bottom: 210 });
  });

  it("keeps an appointment's length when falling back makes its end show before its start", () => {
    // 02:45 CEST for 30 minutes ends at 02:15 CET.
    expect(segmentIn("2026-10-25", BERLIN, at("2026-10-25T00:45:00Z"), 30)).toEqual({ top: 165, bottom: 195 });
  });
});

describe("a view's days and its navigation", () => {
  it("shows the anchor day, its Monday-to-Sunday week, or seven days from it as a list", () => {
    expect(viewDays("day", "2026-03-26")).toEqual(["2026-03-26"]);
    expect(viewDays("week", "2026-03-26")).toEqual([
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
      "2026-03-26",
      "2026-03-27",
      "2026-03-28",
      "2026-03-29",
    ]);
    expect(viewDays("list", "2026-03-26")).toHaveLength(7);
    expect(viewDays("list", "2026-03-26")[0]).toBe("2026-03-26");
  });

  it("moves back and forward by a day in the day view and by a week in the others", () => {
    expect(stepAnchor("day", "2026-03-01", -1)).toBe("2026-02-28");
    expect(stepAnchor("week", "2026-03-26", 1)).toBe("2026-04-02");
    expect(stepAnchor("list", "2026-12-30", 1)).toBe("2027-01-06");
  });
});

describe("where an appointment sits", () => {
  it("shows an appointment that runs past midnight in both days' columns", () => {
    const start = at("2026-01-15T22:30:00Z"); // 23:30 in Berlin
    expect(segmentIn("2026-01-15", BERLIN, start, 60)).toEqual({ top: 1410, bottom: 1440 });
    expect(segmentIn("2026-01-16", BERLIN, start, 60)).toEqual({ top: 0, bottom: 30 });
    expect(segmentIn("2026-01-17", BERLIN, start, 60)).toBeUndefined();
  });

  it("leaves out an appointment that ends exactly at the day's start", () => {
    expect(segmentIn("2026-01-15", BERLIN, at("2026-01-14T22:00:00Z"), 60)).toBeUndefined();
  });

  it("reads the current time off the provider's wall clock", () => {
    expect(wallMinutes(at("2026-07-01T08:15:00Z"), BERLIN)).toBe(615);
  });

  it("shows a working day, widened to early and late appointments and to now", () => {
    expect(hourSpan([])).toEqual({ first: 7, last: 19 });
    expect(
      hourSpan([
        { top: 390, bottom: 420 },
        { top: 1200, bottom: 1245 },
      ]),
    ).toEqual({ first: 6, last: 21 });
    expect(hourSpan([], 1425)).toEqual({ first: 7, last: 24 });
  });

  it("puts overlapping appointments side by side and lets the others take the whole width", () => {
    const laid = layOut([
      { item: "a", segment: { top: 540, bottom: 600 } },
      { item: "b", segment: { top: 570, bottom: 630 } },
      { item: "c", segment: { top: 600, bottom: 660 } },
      { item: "d", segment: { top: 720, bottom: 750 } },
    ]);
    expect(laid.map(({ item, lane, lanes }) => [item, lane, lanes])).toEqual([
      ["a", 0, 2],
      ["b", 1, 2],
      ["c", 0, 2],
      ["d", 0, 1],
    ]);
  });
});

describe("the form's start on the provider's wall clock", () => {
  it("shows an instant as the provider's clock reads it and reads it back the same", () => {
    const start = at("2026-07-01T07:15:00Z");
    expect(inputValueIn(start, BERLIN)).toBe("2026-07-01T09:15");
    expect(instantOfInput("2026-07-01T09:15", BERLIN)).toBe(start);
    expect(inputValueIn(start, "America/New_York")).toBe("2026-07-01T03:15");
  });

  it("reads a start typed into the hour Berlin skips as the hour after, and refuses what is no time", () => {
    expect(inputValueIn(instantOfInput("2026-03-29T02:30", BERLIN), BERLIN)).toBe("2026-03-29T03:30");
    expect(instantOfInput("2026-10-25T02:30", BERLIN)).toBe(at("2026-10-25T00:30:00Z"));
    expect(instantOfInput("tomorrow", BERLIN)).toBeNaN();
  });
});
