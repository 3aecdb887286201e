// What moderation shows to everyone in the call: the notice on the page of someone asked to mute, and
// the countdown when the moderator left and no provider is in the call. In the group chunk, which every
// call screen prefetches, so neither weighs on the call chunk.
import { createSignal, onCleanup, onMount } from "solid-js";
import { t, tf } from "../../shared/i18n.ts";
import "./i18n-notices.ts";

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

/** This side moderates now (handed the role, or taking over from a moderator who left); "OK" takes it away. */
export function NowModeratorNotice(props: { dismiss(): void }) {
  return (
    <div class="banner" role="status" data-testid="now-moderator">
      <span>{t("nowModerator")}</span>
      <button type="button" class="secondary" data-testid="now-moderator-dismiss" onClick={() => props.dismiss()}>
        {t("askedToMuteOk")}
      </button>
    </div>
  );
}

/**
 * "m:ss" left, rounded up so it shows 0:00 only at the end. Not patient/countdown.ts: that module is on
 * the join page, and sharing it with this lazy chunk split it into a chunk of its own on the first load.
 */
export function graceText(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * The call ends at `endsAt` unless a provider comes (back): said once, with the figure in a timer that
 * screen readers do not read out every second. The room ends the call itself; this only counts down.
 */
export function GraceNotice(props: { endsAt: number }) {
  const [left, setLeft] = createSignal(props.endsAt - Date.now());
  // In the browser only (a server render draws the figure once).
  onMount(() => {
    const timer = setInterval(() => setLeft(props.endsAt - Date.now()), 1000);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <p class="banner" role="status" data-testid="grace-period">
      <span>
        {t("graceNotice")}{" "}
        <span role="timer" class="countdown">
          {graceText(left())}
        </span>
      </span>
    </p>
  );
}
