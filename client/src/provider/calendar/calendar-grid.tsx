// The day and week views: a column per day with hour lines, each appointment a button at its time
// (opening its row below), today's column marked and the current time drawn as a line.
import { createMemo, For, Show } from "solid-js";
import type { AppointmentStatus, AppointmentView } from "../../../../schema/api-types.ts";
import { type MessageKey, t, tf } from "../../shared/i18n.ts";
import { dateTimeIn, dayHeading, hourLabel, timeIn } from "./calendar-format.ts";
import { type Day, dayOf, hourSpan, layOut, type Segment, segmentIn, wallMinutes } from "./calendar-time.ts";

const statusText: Record<AppointmentStatus, MessageKey> = {
  scheduled: "apptStatusScheduled",
  waiting: "apptStatusWaiting",
  "in-consultation": "apptStatusInConsultation",
  done: "apptStatusDone",
  cancelled: "apptStatusCancelled",
};

export function CalendarGrid(props: {
  days: Day[];
  zone: string;
  now: number;
  appointments: AppointmentView[];
  open(appointmentId: string): void;
}) {
  const columns = createMemo(() =>
    props.days.map((day) => ({
      day,
      laid: layOut(
        props.appointments.flatMap((appointment) => {
          const segment = segmentIn(day, props.zone, Date.parse(appointment.startsAt), appointment.durationMinutes);
          return segment ? [{ item: appointment, segment }] : [];
        }),
      ),
    })),
  );
  const today = () => dayOf(props.now, props.zone);
  const nowMinute = () => (props.days.includes(today()) ? wallMinutes(props.now, props.zone) : undefined);
  const span = createMemo(() =>
    hourSpan(
      columns().flatMap((column) => column.laid.map((placed) => placed.segment)),
      nowMinute(),
    ),
  );
  const hours = () => Array.from({ length: span().last - span().first }, (_, i) => span().first + i);
  /** A wall-clock minute as a distance from the grid's top, in hours (the CSS scales them). */
  const offset = (minute: number) => `calc(var(--hour) * ${(minute - span().first * 60) / 60})`;
  const place = (segment: Segment, lane: number, lanes: number) => ({
    top: offset(segment.top),
    height: `calc(var(--hour) * ${(segment.bottom - segment.top) / 60})`,
    left: `${(lane / lanes) * 100}%`,
    width: `${100 / lanes}%`,
  });

  return (
    <div
      class="cal-grid"
      classList={{ week: props.days.length > 1 }}
      style={{
        "--hours": String(span().last - span().first),
        "grid-template-columns": `var(--gutter) repeat(${props.days.length}, minmax(0, 1fr))`,
      }}
    >
      <div class="cal-hours" aria-hidden="true">
        <div class="cal-corner" />
        <div class="cal-hours-body">
          <For each={hours()}>
            {(hour) => (
              <span class="cal-hour" data-hour={hour} style={{ top: offset(hour * 60) }}>
                {hourLabel(hour)}
              </span>
            )}
          </For>
        </div>
      </div>
      <For each={columns()}>
        {(column) => {
          const isToday = () => column.day === today();
          const heading = () => dayHeading(column.day);
          return (
            <section
              class="cal-day"
              classList={{ today: isToday() }}
              data-testid="calendar-day"
              data-day={column.day}
              aria-label={`${heading().weekday} ${heading().date}`}
            >
              <h4 class="cal-day-head" aria-current={isToday() ? "date" : undefined}>
                <span>{heading().weekday}</span> <span>{heading().date}</span>
                <Show when={isToday()}>
                  <span class="visually-hidden">, {t("calTodayMarker")}</span>
                </Show>
              </h4>
              <div class="cal-day-body">
                <Show when={isToday() && nowMinute() !== undefined}>
                  <div class="cal-now" data-testid="calendar-now" style={{ top: offset(nowMinute() ?? 0) }}>
                    <span class="visually-hidden">{tf("calNow", { time: timeIn(props.now, props.zone) })}</span>
                  </div>
                </Show>
                <For each={column.laid}>
                  {(placed) => {
                    const start = () => Date.parse(placed.item.startsAt);
                    return (
                      <button
                        type="button"
                        class="cal-event"
                        classList={{ [placed.item.status]: true }}
                        data-testid="appointment-open"
                        data-appointment-id={placed.item.id}
                        style={place(placed.segment, placed.lane, placed.lanes)}
                        onClick={() => props.open(placed.item.id)}
                      >
                        <span class="cal-event-time">{timeIn(start(), props.zone)}</span>{" "}
                        <span class="cal-event-title" translate="no">
                          {placed.item.title}
                        </span>
                        <span class="visually-hidden">
                          , {dateTimeIn(start(), props.zone)}, {placed.item.durationMinutes} min,{" "}
                          {t(statusText[placed.item.status])}
                        </span>
                      </button>
                    );
                  }}
                </For>
              </div>
            </section>
          );
        }}
      </For>
    </div>
  );
}
