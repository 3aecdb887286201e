import { t } from "./i18n.ts";
import { focusWhenShown } from "./page.ts";

/** What a screen shows when what it needs could not be loaded: say so, and offer to try again. */
export function LoadFailed() {
  return (
    <div class="card narrow" role="alert">
      <h1 class="error" tabindex="-1" ref={focusWhenShown}>
        {t("errorGeneric")}
      </h1>
      <button type="button" onClick={() => location.reload()}>
        {t("retry")}
      </button>
    </div>
  );
}
