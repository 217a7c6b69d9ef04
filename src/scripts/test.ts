/**
 * `npm test`: every tier (unit, integration on a real PostgreSQL, end-to-end in headless Chromium) in one
 * vitest run, ending with one plain line `N passed, N failed` that CI and people can read.
 * Extra arguments go to vitest, e.g. `npm test -- --project unit`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const report = path.join(root, "test-results", "vitest.json");
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const run = spawnSync(
  path.join(root, "node_modules/.bin/vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
  },
);

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTestSuites: number;
    testResults: { status: string; message?: string; name: string }[];
  };
  passed = result.numPassedTests;
  failed = result.numFailedTests;
  // A file that fails to load has no tests to count; count it as a failure rather than hide it.
  const brokenFiles = result.testResults.filter(
    (file) => file.status === "failed" && (file as { assertionResults?: unknown[] }).assertionResults?.length === 0,
  );
  failed += brokenFiles.length;
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
