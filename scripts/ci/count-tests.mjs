// Prints "tests: N passed, N failed" from a vitest JSON report (the runner's own counts).
// A missing or unreadable report counts as one failure, so CI never passes silently.
import { readFileSync } from "node:fs";

const path = process.argv[2] ?? ".vitest-results.json";
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(path, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  // Test files that failed to load contribute no test counts: count each as a failure.
  for (const file of report.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) failed++;
  }
} catch (error) {
  console.error(`could not read the test report ${path}: ${error.message}`);
  failed = Math.max(failed, 1);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
