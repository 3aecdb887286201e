// The background blur toggle and its notice, for the device check and the call's settings. Small on
// purpose: the join page carries it in its first load; what it switches is blur-switch.ts.
import { Show } from "solid-js";
import { t } from "../../shared/i18n.ts";
import type { BlurSwitch } from "./blur-switch.ts";

export function BlurToggle(props: { blur: BlurSwitch }) {
  return (
    <>
      <button
        type="button"
        class="secondary"
        data-testid="blur-toggle"
        aria-pressed={props.blur.on()}
        onClick={() => props.blur.toggle()}
      >
        {t("blurBackground")}
      </button>
      <BlurNotice blur={props.blur} />
    </>
  );
}

/** Why blur is off though the person turned it on: the browser cannot, or the device is too slow. */
export function BlurNotice(props: { blur: BlurSwitch }) {
  return (
    <Show when={props.blur.problem()}>
      {(problem) => (
        <p class="banner" role="status" data-testid="blur-unavailable">
          {t(problem())}
        </p>
      )}
    </Show>
  );
}
