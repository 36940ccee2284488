import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/verify';
import { createEphemeralSigner } from '../../electron/core/identity';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';
import { keyFingerprint } from '../../electron/core/journal/trust';
import { capture } from '../helpers/cli';

const root = resolve(__dirname, '../..');
let dir: string;
let good: string;
let stationId: string;
let publicKey: string;
let sha: string;

async function run(args: string[]) {
  const out = capture();
  const err = capture();
  const code = await main(args, out, err);
  return { code, out: out.text, err: err.text };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-cli-'));
  good = join(dir, 'dep-7', 'journal.jsonl');
  const signer = createEphemeralSigner();
  stationId = signer.stationId;
  publicKey = signer.publicKey;
  const store = new ImageStore(join(dir, 'dep-7', 'images'));
  const probe = await store.put(Buffer.from('probe bytes'));
  sha = probe.sha256;
  const { journal } = await Journal.open({ file: good, deploymentId: 'dep-7', signer, appVersion: 't' });
  await journal.append('alert-received', null, {
    probe: { sha256: probe.sha256, mime: 'image/jpeg', width: 1, height: 1, bytes: probe.bytes },
  });
  for (let i = 0; i < 60; i++) await journal.append('alert-shown', null, { i });
  await journal.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verify CLI', () => {
  it('prints one line and exits 0 for a good journal', async () => {
    const r = await run([good]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    // The closing checkpoint (seq 65) signs journal-closed (seq 64): that entry's time is named.
    const closedAt = (JSON.parse((await readFile(good, 'utf8')).split('\n')[63]!) as { at: string }).at;
    expect(r.out).toBe(
      `verified: signed by the journal's own key (no trust file given), fingerprint ${keyFingerprint(publicKey)}; the last signed entry is seq 64 (${closedAt}), which the final checkpoint signs; 65 entries, 2 checkpoints, 1 images checked (0 purged under retention); deployment dep-7; station ${stationId}\n`,
    );
  });

  it('prints the report as JSON with --json', async () => {
    const r = await run(['--json', good]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: true,
      entries: 65,
      lastSeq: 65,
      deploymentId: 'dep-7',
      verdict: { kind: 'verified', key: { trust: 'journal-own-key', publicKey } },
    });
  });

  it('exits 1 with "tampered at seq N" for a tampered journal or a missing image', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, (await readFile(good, 'utf8')).replace('"i":7}', '"i":8}'));
    const r = await run([bad, '--images', join(dir, 'dep-7', 'images')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('tampered at seq 10: hash does not match the entry\n');

    const noImages = await run([good, '--images', join(dir, 'nowhere')]);
    expect(noImages.code).toBe(1);
    expect(noImages.out).toBe(
      `tampered at seq 2: image ${sha} (probe) named by alert-received at seq 2 is missing\n`,
    );
  });

  it('exits 2 with a message and usage for usage errors', async () => {
    for (const args of [
      [],
      ['--bogus', good],
      [join(dir, 'missing.jsonl')],
      [good, 'second'],
      [good, '--images'],
      [good, '--images='],
      [good, '--trust'],
      [good, '--trust', 'a', '--trust', 'b'],
      [dir],
    ]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^verify: .+\nusage: npm run verify -- <journal.jsonl>/);
    }
  });

  it('runs as a script through tsx with the same exit codes', () => {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const ok = spawnSync(tsx, ['electron/cli/verify.ts', good], { cwd: root, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^verified: .*; 65 entries, 2 checkpoints, .*\n$/);
    const usage = spawnSync(tsx, ['electron/cli/verify.ts'], { cwd: root, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('usage:');
  });

  it('finishes its work and keeps its exit code when the reader of its output leaves (| head)', async () => {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const run = (script: string, args: string[], readerLeaves: boolean) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(tsx, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        // The reader goes before the first line is written: every write the command makes fails (EPIPE).
        if (readerLeaves) child.stdout.destroy();
        else child.stdout.resume();
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => done({ code, stderr }));
      });
    expect(await run('electron/cli/verify.ts', [good], true)).toEqual({ code: 0, stderr: '' });
    // The report's own verdict on this bare journal is a failure (exit 1): kept when the reader leaves.
    const read = join(dir, 'read.csv');
    const left = join(dir, 'left.csv');
    const normally = await run('electron/cli/report.ts', [good, '--csv', read], false);
    expect(normally.stderr).toBe('');
    expect(await run('electron/cli/report.ts', [good, '--csv', left], true)).toEqual(normally);
    expect(await readFile(left, 'utf8')).toBe(await readFile(read, 'utf8'));
  });
});
