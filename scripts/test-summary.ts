// Prints one closing line for all vitest runs ("N passed, N failed"), read from their JSON reports.
import { readFileSync } from "node:fs";

type Report = { numPassedTests: number; numFailedTests: number; numPendingTests: number };

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, "utf8")) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
