// The patient's first load stays small: a 70-year-old on a phone and a slow line must not wait for the
// provider's screens. `npm run test:node` builds the client first.
import { describe, expect, it } from "vitest";
import { PATIENT_JS_BUDGET, patientPageJs } from "../../bench/page-weight.ts";

describe("the patient's path", () => {
  it("loads under 40 KB of JavaScript (gzip) before the join page shows", () => {
    const bytes = patientPageJs();
    expect(bytes).toBeGreaterThan(10 * 1024);
    expect(bytes).toBeLessThan(PATIENT_JS_BUDGET);
  });
});
