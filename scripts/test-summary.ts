// Prints one closing line for all vitest runs ("N passed, N failed, N skipped"), read from their JSON
// reports, and fails CI unless every test ran and passed. A skipped test fails too: a test that skips
// itself where a tool is missing would otherwise turn CI green without ever having run.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

type Assertion = { fullName: string; status: string };
type Report = {
  success?: boolean;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; message?: string; assertionResults: Assertion[] }[];
};

let passed = 0;
let failed = 0;
let unsuccessful = false;
/** Tests that neither passed nor failed (skipped, todo, or never finished), as "file › name". */
const notRun: string[] = [];
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, "utf8")) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails outside any test (an import error, a failed beforeAll) fails the run as well.
  if (report.success === false) unsuccessful = true;
  for (const result of report.testResults) {
    for (const test of result.assertionResults) {
      if (test.status === "passed" || test.status === "failed") continue;
      notRun.push(`${relative(process.cwd(), result.name)} › ${test.fullName} (${test.status})`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed${notRun.length ? `, ${notRun.length} skipped` : ""}`);
if (notRun.length > 0) {
  console.error(
    `These tests did not run, which fails CI (a test must fail with a reason, not skip itself):\n  - ${notRun.join("\n  - ")}`,
  );
}
process.exit(failed > 0 || passed === 0 || unsuccessful || notRun.length > 0 ? 1 : 0);
