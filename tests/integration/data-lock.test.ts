/**
 * One writer per data folder (issue 10 item 6): real station processes on one folder.
 * The second exits non-zero saying the folder is in use and by which process; a lock
 * left by a SIGKILLed station is recovered; a station that stops gives the lock up.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from '../../electron/core/data-lock';
import { tempDir, waitFor } from './util';
import { testKeyDir } from '../helpers/station';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
  /** How it ended, for a failure's message: exit code or signal, and the end of its stderr. */
  ending: () => string;
}

function station(dataDir: string): Run {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/cli/web.ts',
      '--data',
      dataDir,
      '--key-dir',
      testKeyDir(dataDir),
      '--rate',
      '0',
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  let ended = 'still running';
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      ended = `code ${code}, signal ${signal}; stderr: ${err.slice(-2000)}`;
      resolve(code);
    }),
  );
  return { child, out: () => out, err: () => err, exited, ending: () => ended };
}

describe('the data folder lock, between real station processes', () => {
  it('refuses a second station, recovers after SIGKILL, and is released on a clean stop', async () => {
    const dataDir = tempDir('rs-lock-');
    const first = station(dataDir);
    await waitFor(() => /^ready: /m.test(first.out()), 'first station ready', 120_000);
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(first.child.pid);

    const second = station(dataDir);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.out()).not.toMatch(/ready:/);
    expect(second.err()).toMatch(/already in use/);
    expect(second.err()).toContain(`process ${first.child.pid}`);
    // The first is untouched and still holds the folder.
    expect(first.child.exitCode).toBeNull();

    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true); // SIGKILL leaves it behind

    const third = station(dataDir);
    await waitFor(() => /^ready: /m.test(third.out()), 'third station ready', 120_000);
    expect(third.err()).toMatch(/recovered a stale lock of process \d+/);
    third.child.kill('SIGTERM');
    expect(await third.exited, third.ending()).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    // Three station processes start one after another; on a loaded machine that takes a while.
  }, 240_000);
});

describe('lockDataFolder', () => {
  it('names the holder when the folder is taken, and can be taken again once released', async () => {
    const dir = tempDir('rs-lock-');
    const lock = await lockDataFolder(dir);
    const error = await lockDataFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFolderInUseError);
    expect((error as DataFolderInUseError).holder.pid).toBe(process.pid);
    expect(String(error)).toMatch(/already in use by another station \(process \d+/);
    await lock.release();
    await lock.release();
    const again = await lockDataFolder(dir);
    await again.release();
  });

  it('recovers a lock whose process has exited', async () => {
    const dir = tempDir('rs-lock-');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout.toString());
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid, host: (await import('node:os')).hostname(), since: 'earlier' }),
    );
    const logged: string[] = [];
    const lock = await lockDataFolder(dir, { log: (l) => logged.push(l) });
    expect(logged).toEqual([
      `data folder lock: recovered a stale lock of process ${deadPid} (no longer running)`,
    ]);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('treats a recycled pid (same pid, other start time) as stale', async () => {
    const dir = tempDir('rs-lock-');
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({
        pid: process.pid,
        host: (await import('node:os')).hostname(),
        processStart: process.platform === 'linux' ? '1' : null,
        since: 'earlier',
      }),
    );
    if (process.platform !== 'linux') return;
    const lock = await lockDataFolder(dir);
    await lock.release();
  });

  it('recovers an unreadable (half-written) lock only after a second look', async () => {
    const dir = tempDir('rs-lock-');
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    const lock = await lockDataFolder(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });
});
