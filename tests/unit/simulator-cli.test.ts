import { spawn } from 'node:child_process';
import { randomUUID, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';

const CLI = ['--import', 'tsx', 'electron/cli/simulator.ts'];

function run(args: string[]) {
  const child = spawn(process.execPath, [...CLI, ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('simulator CLI', () => {
  it.each([
    [['--port', 'abc']],
    [['--port', '0', '--drill', 'nope']],
    [['--port', '0', '--bogus']],
    [['--rate', '3']],
  ])('exits 2 with a usage line for %j', async (args) => {
    const p = run(args);
    expect(await p.exited).toBe(2);
    expect(p.err()).toMatch(/^simulator: .+\nusage: npm run simulator -- --port <n>/);
  });

  it('prints where it listens, logs a connection, and stops cleanly on SIGTERM', async () => {
    const p = run([
      '--port',
      '0',
      '--rate',
      '0',
      '--drill',
      'low-threshold,unreviewed-watchlist',
      '--token',
      't0k',
    ]);
    try {
      await until(() => /listening: http:\/\/127\.0\.0\.1:\d+\/lfr\/v1\n/.test(p.out()), 'listening line');
      const url = /listening: (\S+)/.exec(p.out())![1]!;
      const { publicKey } = generateKeyPairSync('ed25519');
      const socket = io(url, {
        reconnection: false,
        forceNew: true,
        transports: ['websocket'],
        auth: {
          token: 't0k',
          stationId: randomUUID(),
          stationKey: publicKey.export({ format: 'jwk' }).x!,
          clientVersion: 't',
          resume: null,
        },
      });
      const threshold = await new Promise<number>((resolve) =>
        socket.once('deployment', (d: { threshold: number }) => resolve(d.threshold)),
      );
      expect(threshold).toBe(0.55);
      await until(() => p.out().includes('connection: station'), 'connection log line');
      socket.close();
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.out()).toContain('SIGTERM: stopping');
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
  });
});
