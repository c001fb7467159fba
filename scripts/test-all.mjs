#!/usr/bin/env node
/**
 * `npm test`: builds the extension as shipped, then runs the unit and
 * component tests (jest + jsdom) and the end-to-end tests (real Chromium and
 * Firefox ESR), and ends with one line counting every test that ran.
 *
 *   --unit   only unit tests      --e2e   only end-to-end tests
 *   --no-build                    reuse dist/ as it is
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureSetup } from './setup.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';
const bin = (name) => path.join(root, 'node_modules/.bin', name);
// A fresh clone has neither node_modules nor the browsers: install them first (shared with `npm start`).
try {
  ensureSetup();
} catch (e) {
  console.error(`\nSetup failed: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true });

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let passed = 0;
let failed = 0;
let problems = 0;

if (only !== 'unit' && !args.has('--no-build')) {
  if (run(bin('webpack'), ['--mode', 'production']) !== 0) {
    console.error('Build failed: the end-to-end tests need dist/.');
    problems++;
  }
}

const suites = [
  ['unit', 'jest.config.cjs', []],
  ['e2e', 'jest.e2e.config.cjs', ['--runInBand']],
].filter(([name]) => only === 'all' || only === name);

for (const [name, config, extra] of suites) {
  const out = path.join(root, 'artifacts', `jest-${name}.json`);
  fs.rmSync(out, { force: true });
  const status = run(bin('jest'), ['-c', config, '--json', `--outputFile=${out}`, ...extra], { FORCE_COLOR: '0' });
  if (!fs.existsSync(out)) {
    console.error(`The ${name} tests did not report results (exit ${status}).`);
    problems++;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that failed to load has no failed tests but must not pass silently.
  const brokenSuites = report.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  if (brokenSuites) {
    console.error(`${brokenSuites} ${name} test file(s) failed to run.`);
    failed += brokenSuites;
  }
  console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
}

failed += problems;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
