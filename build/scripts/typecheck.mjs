#!/usr/bin/env node
// `npm run typecheck`: the whole tree once (tsconfig.json, DOM and Node together, as the
// tests see it), then each runtime with only its own types, so a Node module in the
// renderer, a DOM global in the core or an Electron import outside electron/main/ is a
// type error. Incremental (.tsbuild/), so a second run checks only what changed.
import { spawnSync } from 'node:child_process';

export const TSCONFIGS = [
  'tsconfig.json',
  'tsconfig.shared.json',
  'tsconfig.node.json',
  'tsconfig.main.json',
  'tsconfig.preload.json',
  'tsconfig.renderer.json',
];

let failed = 0;
for (const project of TSCONFIGS) {
  const run = spawnSync('npx', ['tsc', '-p', project, '--noEmit'], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    process.stderr.write(`typecheck: ${project} failed\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
