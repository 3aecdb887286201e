// Where deleting one's account ends: a plain statement that it is done, rather than a login page that
// leaves the person wondering whether it worked.
import { A } from "@solidjs/router";
import { t } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";

export default function AccountDeleted() {
  usePageTitle(() => "acctDeletedTitle");
  return (
    <div class="card narrow" role="status" data-testid="account-deleted">
      <h1 tabindex="-1" ref={focusWhenShown}>
        {t("acctDeletedTitle")}
      </h1>
      <p>{t("acctDeletedText")}</p>
      <A href="/login">{t("acctDeletedLogin")}</A>
    </div>
  );
}
