// /terms: the terms of use, in German and English, readable without login.
import { LegalPage } from "./legal-page.tsx";
import { termsTexts } from "./texts-terms.ts";

export default function Terms() {
  return <LegalPage testid="terms" title="pageTerms" texts={termsTexts} />;
}
