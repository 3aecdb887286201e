// /privacy: the privacy notice (GDPR Art. 13), in German and English, readable without login, with the
// table of stored data generated from the list a test holds equal to docs/DATA.md.
import { language } from "../shared/i18n.ts";
import { StoredDataTable } from "./data-table.tsx";
import { labels } from "./labels.ts";
import { LegalPage } from "./legal-page.tsx";
import { privacyTexts } from "./texts-privacy.ts";

export default function Privacy() {
  return (
    <LegalPage
      testid="privacy"
      title="pagePrivacy"
      texts={privacyTexts}
      dataTable={(recoveryDays) => (
        <StoredDataTable language={language()} labels={labels[language()]} recoveryDays={recoveryDays} />
      )}
    />
  );
}
