// Tells every provider when the operator has not configured its legal details (GET /api/legal): their
// patients would then read placeholders in the terms and the privacy notice. Every provider, as the issue
// asks, not only admins: whoever sees it first can ask whoever runs the service (the words say so).
import { createResource, Show } from "solid-js";
import type { LegalInfo } from "../../../schema/api-types.ts";
import { apiGet } from "../shared/api.ts";
import { t } from "../shared/i18n.ts";

/** Asked once per page load: the details change only with a deployment. A failed ask shows nothing. */
let asked: Promise<LegalInfo | undefined> | undefined;
const legalInfo = () => {
  asked ??= apiGet<LegalInfo>("/api/legal").catch(() => {
    asked = undefined;
    return undefined;
  });
  return asked;
};

export function OperatorDetailsBanner() {
  const [legal] = createResource(legalInfo);
  return (
    <Show when={legal()?.complete === false}>
      <div class="notice operator-missing" role="status" data-testid="operator-details-missing">
        <p>{t("operatorDetailsMissing")}</p>
        <p class="row wrap">
          <a href="/terms">{t("operatorDetailsTerms")}</a>
          <a href="/privacy">{t("privacyNotice")}</a>
        </p>
      </div>
    </Show>
  );
}
