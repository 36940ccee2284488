/**
 * electron/core/feed/native-exit-guard.ts: a process that exits while its worker is inside
 * libjpeg-turbo's binding keeps its own exit code, instead of dying of SIGABRT. The worker
 * here (tests/fixtures/native-call-loop-worker.ts) calls the binding in a tight loop, nearly
 * all its time inside it; the process exits 50 ms after it starts. Unguarded, that exit died
 * of SIGABRT in 8 runs of 8 here: the guarded exit is tried five times, and the unguarded
 * one up to five times until it dies (so a binding that one day ends cleanly is noticed).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const module = (path: string) => JSON.stringify(resolve(here, path));

function exitWhileLooping(guarded: boolean) {
  const script = `
    import { NativeExitGuard } from ${module('../../electron/core/feed/native-exit-guard.ts')};
    import { workerFromFile } from ${module('../../electron/core/source-worker.ts')};
    const guard = ${guarded ? 'new NativeExitGuard()' : 'null'};
    const worker = workerFromFile(${module('../fixtures/native-call-loop-worker.ts')}, {
      workerData: { shared: guard?.shared },
    });
    worker.once('message', () => setTimeout(() => process.exit(7), 50));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, signal: run.signal, stderr: run.stderr };
}

describe('NativeExitGuard', () => {
  it('lets the process exit with its own code while its worker is inside the binding', () => {
    for (let i = 0; i < 5; i++) {
      const { status, signal, stderr } = exitWhileLooping(true);
      expect(stderr).not.toMatch(/terminate called/);
      expect({ status, signal }).toEqual({ status: 7, signal: null });
    }
  });

  // Why the guard exists, and that the test above can fail: the same worker unguarded.
  it('is needed: unguarded, the same exit dies of SIGABRT', () => {
    let died: ReturnType<typeof exitWhileLooping> | null = null;
    for (let i = 0; i < 5 && !died; i++) {
      const run = exitWhileLooping(false);
      if (run.signal !== null) died = run;
    }
    expect(died?.stderr).toMatch(/terminate called after throwing an instance of 'Napi::Error'/);
    expect(died?.signal).toBe('SIGABRT');
  });
});
