// Now, to the minute: the calendar's current-time line moves once a minute, on the minute.
import { type Accessor, createSignal, onCleanup } from "solid-js";

export function createMinuteClock(): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    setNow(Date.now());
    // Aligned to the next full minute, so the line moves when the clock on the wall does.
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000));
  };
  timer = setTimeout(tick, 60_000 - (Date.now() % 60_000));
  onCleanup(() => clearTimeout(timer));
  return now;
}
