/** Starts bench/floors/bare-writer.ts as a child process and waits until it is connected to the feed. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BareWriter {
  pid: number;
  stop(): Promise<void>;
}

/** `decode`: the writer also decodes every image in full before it acknowledges (bare-writer.ts). */
export async function startBareWriter(feedUrl: string, token: string, decode = false): Promise<BareWriter> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-bench-floor-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/floors/bare-writer.ts', feedUrl, token, dir, ...(decode ? ['decode'] : [])],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bare writer did not connect within 30 s\n${err}`)),
      30_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bare writer exited (${code})\n${err}`));
    });
  });
  return {
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
