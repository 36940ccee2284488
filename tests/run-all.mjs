#!/usr/bin/env node
// `npm test`: every gate and suite in order, each reported on its own, then one summary.
// Suites run even when an earlier one fails, so a red run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = join(process.cwd(), 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// Every temporary folder the suites make (data folders, key folders, PostgreSQL clusters,
// Chromium profiles) goes under one folder of this run, removed at the end, so a
// developer's /tmp does not gain hundreds of folders a run. Readable by others so the
// `postgres` user can reach the clusters made inside it. RS_KEEP_TEST_TMP=1 keeps it.
const runTmp = mkdtempSync(join(tmpdir(), 'rs-tests-'));
chmodSync(runTmp, 0o755);
const env = { ...process.env, TMPDIR: runTmp };

const vitest = (project) => ({
  name: `${project} tests`,
  cmd: [
    'npx',
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, `${project}.json`)}`,
  ],
  report: join(reports, `${project}.json`),
});

const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'] },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  vitest('unit'),
  vitest('component'),
  vitest('e2e'),
];

const results = [];
let passedTests = 0;
let failedTests = 0;
for (const step of steps) {
  const started = Date.now();
  process.stdout.write(`\n=== ${step.name}: ${step.cmd.join(' ')}\n`);
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env });
  const ok = run.status === 0;
  let counts = '';
  if (step.report) {
    try {
      const json = JSON.parse(readFileSync(step.report, 'utf8'));
      passedTests += json.numPassedTests;
      failedTests += json.numFailedTests + (json.numRuntimeErrors ?? 0);
      counts = ` (${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped)`;
      if (json.numTotalTests === 0) counts = ' (NO TESTS RAN)';
    } catch {
      counts = ' (no report)';
      if (!ok) failedTests += 1;
    }
  }
  results.push({
    name: step.name,
    ok: ok && counts !== ' (NO TESTS RAN)',
    seconds: (Date.now() - started) / 1000,
    counts,
  });
}

if (process.env.RS_KEEP_TEST_TMP === '1')
  process.stdout.write(`\nkept the run's temporary files: ${runTmp}\n`);
else rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });

process.stdout.write('\n=== summary\n');
for (const r of results)
  process.stdout.write(
    `${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(16)} ${r.seconds.toFixed(1).padStart(6)} s${r.counts}\n`,
  );
const failedSteps = results.filter((r) => !r.ok).length;
process.stdout.write(`steps: ${results.length - failedSteps} of ${results.length} green\n`);
process.stdout.write(`tests: ${passedTests} passed, ${failedTests} failed\n`);
process.exit(failedSteps === 0 ? 0 : 1);
