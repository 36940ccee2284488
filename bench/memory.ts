/**
 * Issue 25 item 5: "memory bounded by what is open, not by the deployment. A 100,000-alert
 * deployment, all decided, leaves the station under 300 MB RSS."
 *
 * Measured on the real station core in a child Node process (memory-station.ts runs
 * startStationCore, the core `npm run web` starts, without its web server and renderer,
 * bundled as the app's main process is: see bundledStation),
 * so the figure is the station's own heap and nothing of the bench's. The data is prepared
 * as a real station would have left it: the key folder opened with the station's own code
 * (openStationKeys: key, alarms, checkpoint ledger), a 100,000-alert journal of decided
 * alerts signed with that key (replay.ts writeSyntheticJournal, written straight to disk),
 * and its last checkpoint noted in the ledger with CheckpointLedger.note, as the station
 * does after each checkpoint (at start the station raises a rollback for a journal that
 * lacks the checkpoint the ledger names; with no ledger entry it has nothing to compare,
 * so the entry is recorded to open the journal as a station that wrote it would). The
 * deployment's window ends in the future, so start-up's retention run purges nothing. The child forces GC after start-up and reports RSS and heapUsed; its peak RSS
 * is reported too. After it closes, the bench checks the station really continued the
 * journal (its journal-closed was appended) and raised no rollback.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { openStationKeys } from '../electron/core/station-keys';
import { ChainChecker, readLines } from '../electron/core/journal/chain';
import { writeSyntheticJournal } from './replay';

export interface MemoryBenchResult {
  alerts: number;
  entries: number;
  journalMiB: number;
  openMs: number;
  rssMiB: number;
  heapUsedMiB: number;
  peakRssMiB: number;
}

const MiB = 2 ** 20;
const DEPLOYMENT = 'bench-deployment';

interface ChildReport {
  openMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  peakRssBytes: number;
  log: string[];
}

/**
 * The station core bundled as the app ships it (build/scripts/build-main.mjs bundles the
 * main process with esbuild and leaves packages to node_modules), not run through tsx,
 * whose loader and transformed sources are about 40 MB of RSS no station carries (168
 * against 126 MB at 500 alerts, 6 Dec 2026). ESM rather than main.cjs's CommonJS only
 * because memory-station.ts awaits at its top level. Written under dist/ so the packages
 * resolve from the project's node_modules.
 */
async function bundledStation(): Promise<string> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const packages = Object.keys(pkg.dependencies ?? {});
  const outfile = join(root, 'dist', 'bench', 'memory-station.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['bench/memory-station.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: ['electron', ...packages, ...packages.map((name) => `${name}/*`)],
  });
  return outfile;
}

async function runStation(dataDir: string, keyDir: string): Promise<ChildReport> {
  const script = await bundledStation();
  const child = spawn(process.execPath, ['--expose-gc', script, dataDir, keyDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{'))
        return reject(new Error(`station exited with ${code}: ${err.slice(-2000)}`));
      resolve(JSON.parse(line) as ChildReport);
    });
  });
}

/** The types of the last entries of a journal, each verified (the whole chain is read). */
async function lastTypes(file: string, count: number): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const checker = new ChainChecker();
    const types: string[] = [];
    for await (const line of readLines(handle)) {
      const result = checker.feed(line.text, line.terminated);
      if (!result.ok) throw new Error(`journal does not verify at seq ${result.seq}: ${result.reason}`);
      types.push(result.entry.type);
      if (types.length > count) types.shift();
    }
    return types;
  } finally {
    await handle.close();
  }
}

export async function benchMemory(alerts = 100_000): Promise<MemoryBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-bench-memory-data-'));
  const keyDir = await mkdtemp(join(tmpdir(), 'rs-bench-memory-keys-'));
  try {
    const keys = await openStationKeys({ dataDir, keyDir, log: () => undefined });
    const journal = await writeSyntheticJournal(join(dataDir, 'deployments', DEPLOYMENT), {
      alerts,
      signer: keys.signer,
      deploymentId: DEPLOYMENT,
      endsAt: '2099-12-31T20:00:00.000Z',
    });
    keys.checkpoints.note(DEPLOYMENT, journal.lastCheckpoint);
    await keys.checkpoints.flush();
    const sizeBefore = (await stat(journal.file)).size;

    const report = await runStation(dataDir, keyDir);
    const trouble = report.log.filter((l) => /rollback|rolled back|set aside|tamper/i.test(l));
    if (trouble.length > 0)
      throw new Error(`the station did not open the journal cleanly: ${trouble.join(' | ')}`);
    // The station continued this very journal: its quit is journalled at the end, signed.
    const tail = await lastTypes(journal.file, 2);
    if ((await stat(journal.file)).size <= sizeBefore || tail.join(',') !== 'journal-closed,checkpoint')
      throw new Error(`the station did not continue the journal (last entries ${tail.join(', ')})`);
    return {
      alerts: journal.alerts,
      entries: journal.entries,
      journalMiB: sizeBefore / MiB,
      openMs: report.openMs,
      rssMiB: report.rssBytes / MiB,
      heapUsedMiB: report.heapUsedBytes / MiB,
      peakRssMiB: report.peakRssBytes / MiB,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(keyDir, { recursive: true, force: true });
  }
}
