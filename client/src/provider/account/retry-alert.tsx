import { t } from "../../shared/i18n.ts";

/** Within an account page's card: what it shows could not be loaded; say so, and offer to ask again. */
export function RetryAlert(props: { retry: () => void }) {
  return (
    <div role="alert">
      <p class="error">{t("errorGeneric")}</p>
      <button type="button" class="secondary" onClick={() => props.retry()}>
        {t("retry")}
      </button>
    </div>
  );
}
