// The dashboard's calendar: which view (day, week, list) and which days, in the provider's zone; the
// switch and the navigation; the grid for day and week. Each appointment's row (the unit every view
// shows, with its actions) comes from the dashboard and stands below the grid, or alone as the list.
import { type Accessor, createMemo, createSignal, For, type JSX, Show } from "solid-js";
import type { AppointmentView } from "../../../../schema/api-types.ts";
import { type MessageKey, t, tf } from "../../shared/i18n.ts";
import "./calendar.css";
import { rangeTitle, zoneDiffers } from "./calendar-format.ts";
import { CalendarGrid } from "./calendar-grid.tsx";
import { type CalendarView, type Day, dayOf, stepAnchor, viewDays, viewRange } from "./calendar-time.ts";
import { createMinuteClock } from "./minute-clock.ts";

export interface CalendarState {
  zone: string;
  view: Accessor<CalendarView>;
  anchor: Accessor<Day>;
  /** The instants the view spans, [from, to): what the dashboard asks the server for. */
  range: Accessor<{ from: number; to: number }>;
  now: Accessor<number>;
  setView(view: CalendarView): void;
  step(direction: -1 | 1): void;
  today(): void;
  /** Brings this instant into view (a new appointment on another day), keeping the view. */
  reveal(ms: number): void;
}

/** The list view first: it is what the dashboard showed before there was a calendar. */
export function createCalendar(zone: string): CalendarState {
  const now = createMinuteClock();
  const [view, setView] = createSignal<CalendarView>("list");
  const [anchor, setAnchor] = createSignal<Day>(dayOf(Date.now(), zone));
  const range = createMemo(() => viewRange(view(), anchor(), zone), undefined, {
    equals: (a, b) => a.from === b.from && a.to === b.to,
  });
  return {
    zone,
    view,
    anchor,
    range,
    now,
    setView,
    step: (direction) => setAnchor(stepAnchor(view(), anchor(), direction)),
    today: () => setAnchor(dayOf(Date.now(), zone)),
    reveal(ms) {
      const { from, to } = range();
      if (ms < from || ms >= to) setAnchor(dayOf(ms, zone));
    },
  };
}

const views: { view: CalendarView; label: MessageKey }[] = [
  { view: "day", label: "calDay" },
  { view: "week", label: "calWeek" },
  { view: "list", label: "calList" },
];

function CalendarNav(props: { calendar: CalendarState }) {
  const byDay = () => props.calendar.view() === "day";
  return (
    <div class="cal-toolbar">
      <fieldset class="cal-views">
        <legend class="visually-hidden">{t("calView")}</legend>
        <For each={views}>
          {({ view, label }) => (
            <button
              type="button"
              class="secondary"
              data-testid={`calendar-view-${view}`}
              aria-pressed={props.calendar.view() === view}
              onClick={() => props.calendar.setView(view)}
            >
              {t(label)}
            </button>
          )}
        </For>
      </fieldset>
      <div class="cal-nav">
        <button type="button" class="secondary" data-testid="calendar-prev" onClick={() => props.calendar.step(-1)}>
          <span aria-hidden="true">‹</span>
          <span class="visually-hidden">{t(byDay() ? "calPrevDay" : "calPrevWeek")}</span>
        </button>
        <button type="button" class="secondary" data-testid="calendar-today" onClick={() => props.calendar.today()}>
          {t("calToday")}
        </button>
        <button type="button" class="secondary" data-testid="calendar-next" onClick={() => props.calendar.step(1)}>
          <span aria-hidden="true">›</span>
          <span class="visually-hidden">{t(byDay() ? "calNextDay" : "calNextWeek")}</span>
        </button>
      </div>
    </div>
  );
}

export function Calendar(props: {
  calendar: CalendarState;
  /** The range's appointments, soonest first; none while the first load is under way. */
  appointments: AppointmentView[] | undefined;
  /** Loading or failed: said in place of the appointments, with the navigation still at hand. */
  fallback: JSX.Element;
  /** The rows: each appointment's own component, from the dashboard. */
  rows(appointments: AppointmentView[]): JSX.Element;
}) {
  const calendar = () => props.calendar;
  const days = () => viewDays(calendar().view(), calendar().anchor());
  const grid = () => calendar().view() !== "list";
  let rowsBox: HTMLDivElement | undefined;

  /** A grid's appointment opens its row below: the keyboard goes there, to its details and actions. */
  function open(appointmentId: string) {
    const row = rowsBox?.querySelector<HTMLElement>(
      `[data-testid="appointment"][data-appointment-id="${CSS.escape(appointmentId)}"]`,
    );
    if (!row) return;
    row.tabIndex = -1;
    row.scrollIntoView({ block: "nearest" });
    row.focus();
  }

  return (
    <div class="calendar" data-testid="calendar" data-view={calendar().view()}>
      <CalendarNav calendar={calendar()} />
      <h3 class="cal-title" aria-live="polite">
        {rangeTitle(calendar().view(), calendar().anchor())}
      </h3>
      <Show when={zoneDiffers(calendar().zone, calendar().anchor())}>
        <p class="muted">{tf("calZone", { zone: calendar().zone })}</p>
      </Show>
      <Show when={props.appointments} fallback={props.fallback}>
        {(appointments) => (
          <>
            <Show when={grid()}>
              <CalendarGrid
                days={days()}
                zone={calendar().zone}
                now={calendar().now()}
                appointments={appointments()}
                open={open}
              />
            </Show>
            <div class="cal-rows" ref={rowsBox}>
              <Show when={appointments().length > 0} fallback={<p class="muted">{t("calNone")}</p>}>
                {props.rows(appointments())}
              </Show>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
