// Runs the whole suite with vitest and closes with the plain "N passed, N failed, N skipped" line that
// CI reads (vitest's own summary is not one of the formats CI recognises). The services the tests need
// are checked first, then the web UI is built, so the browser tests (test/e2e) drive the bundle of this
// checkout, on a fresh clone too.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { missingTestServices } from './check-test-services.mjs';

const missing = await missingTestServices();
if (missing.length > 0) {
  for (const line of missing) console.log(line);
  console.log(`\nNo tests were run.\n0 passed, ${missing.length} failed, 0 skipped`);
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build:ui'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('\nThe web UI did not build (npm run build:ui): no tests were run.\n0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const report = '.vitest.json';
rmSync(report, { force: true });
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A file that fails to load, or whose beforeAll throws, fails without a failed test to count (its tests are
  // skipped): make each such file visible as one failure, so the line never says "0 failed" on a red run.
  failed += results.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
} catch {
  failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
