// The page for an address that matches no route (main.tsx), in its own chunk: every other page's first
// load is lighter without it.
import { t } from "./i18n.ts";
import { focusWhenShown, usePageTitle } from "./page.ts";

export default function NotFoundPage() {
  usePageTitle(() => "pageNotFound");
  return (
    <div class="card narrow" role="alert" data-testid="not-found">
      <h1 tabindex="-1" ref={focusWhenShown}>
        {t("pageNotFound")}
      </h1>
      <p>{t("notFound")}</p>
    </div>
  );
}
