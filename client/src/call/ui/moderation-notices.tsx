// What moderation shows to everyone in the call (so it lives in the call chunk, not the moderator's):
// the notice on the page of someone asked to mute, and the countdown when the moderator left and no
// provider is in the call.
import { createSignal, onCleanup, onMount } from "solid-js";
import { countdownText, watchCountdown } from "../../patient/countdown.ts";
import { browserClock } from "../../shared/clock.ts";
import { t, tf } from "../../shared/i18n.ts";

/** Who asked; "OK" takes it away and hands the focus to the microphone, which the person may want next. */
export function AskedToMuteNotice(props: { by: string; dismiss(): void; focusAfter(): void }) {
  return (
    <div class="banner" role="status" data-testid="asked-to-mute">
      <span>{tf("askedToMute", { name: props.by })}</span>
      <button
        type="button"
        class="secondary"
        data-testid="asked-to-mute-dismiss"
        onClick={() => {
          props.dismiss();
          props.focusAfter();
        }}
      >
        {t("askedToMuteOk")}
      </button>
    </div>
  );
}

/**
 * The call ends at `endsAt` unless a provider comes (back): said once, with the figure in a timer that
 * screen readers do not read out every second.
 */
export function GraceNotice(props: { endsAt: number }) {
  const [left, setLeft] = createSignal(props.endsAt - browserClock.now());
  // In the browser only (a server render draws the figure once).
  onMount(() => onCleanup(watchCountdown(browserClock, props.endsAt, setLeft, () => setLeft(0))));
  return (
    <p class="banner" role="status" data-testid="grace-period">
      <span>
        {t("graceNotice")}{" "}
        <span role="timer" class="countdown">
          {countdownText(left())}
        </span>
      </span>
    </p>
  );
}
