/**
 * The transparency report over the bench archive (1,000 deployments, 1,000,000 entries;
 * archive-load.ts makes and loads it), with its equality section, timed four ways beside
 * a floor measured in the same run (SHA-256 of every line once, one core, no I/O):
 *  1. first `--reverify`, nothing recorded yet: every journal hashed from seq 1 (the last
 *     100 deployments' stations still shipping, half their entries in: unsealed journals,
 *     not counted, their windows having ended in 2025);
 *  2. incremental `--reverify` after those 100 deployments shipped the rest: each journal
 *     picked up at its recorded checkpoint, only the new lines hashed;
 *  3. `--reverify --from-scratch` over all 1,000,000 (what a first run over the whole
 *     archive costs);
 *  4. without `--reverify` (recorded verdicts reused where the rows hash the same).
 * Each is the report command itself, in a fresh process (timedCommand), as a force runs it.
 * The report runs as a login of lfr_verifier, the role that records verdicts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createArchivePool } from '../electron/archive/connection';
import { buildTransparencyReport, type TransparencyReport } from '../electron/archive/transparency';
import { deploymentFigures } from '../electron/archive/transparency-figures';
import type { TestPostgres } from '../tests/helpers/postgres';
import { benchStations, loadBenchArchive, loadHeldBack } from './archive-load';

export interface ReportRun {
  ms: number;
  linesHashed: number;
  resumed: number;
  counted: number;
  /**
   * Deployments not counted: the bench's last hundred, half shipped. Their windows ended in
   * 2025, so the report calls their journals unsealed (not counted), not "in progress".
   */
  notCounted: number;
}

export interface TransparencyBench {
  deployments: number;
  entries: number;
  firstEntries: number;
  loadSeconds: number;
  bareSha256Ms: number;
  figuresMs: number;
  first: ReportRun;
  incremental: ReportRun;
  fromScratch: ReportRun;
  warmMs: number;
  equality: { shownGroups: number; hidden: { primary: number; secondary: number } };
}

/** The quoted figure is 1,000; RS_BENCH_ARCHIVE_DEPLOYMENTS makes a smaller archive for a quick look. */
const DEPLOYMENTS = Number(process.env.RS_BENCH_ARCHIVE_DEPLOYMENTS ?? 1000);
const PER_DEPLOYMENT = 1000;
const GROWING = Math.ceil(DEPLOYMENTS / 10);

/** The report in this process, untimed: the equality section's figures, which the command puts in its files. */
async function reportInProcess(url: string): Promise<TransparencyReport> {
  // As the report command opens it (electron/cli/archive-report.ts).
  const db = createArchivePool(url, { max: 3 });
  try {
    return await buildTransparencyReport(db, { from: '2025-01-01', to: '2025-12-31', url });
  } finally {
    await db.end();
  }
}

/** The command's first line (electron/cli/archive-report.ts), the figures a run is judged by. */
const TOTALS_LINE =
  /^transparency \S+: (\d+) deployments counted, (\d+) not counted .*?, (\d+) in progress, .*\((\d+) picked up at a recorded checkpoint; (\d+) lines hashed\)$/m;

/**
 * `npm run report -- --archive-file <file> --transparency …` timed from its start to its
 * exit: a fresh process, started through tsx as npm starts it (npm's own start left out),
 * so its load and its code's first runs are counted, as in every run a force makes. An
 * earlier bench called the report inside its own warm process, which left out about a
 * second of a first run (docs/benchmarks.md, "6 Dec, late"). The archive's address is in
 * a file only this user can read, never on the command line.
 */
async function timedCommand(
  url: string,
  opts: { reverify?: boolean; fromScratch?: boolean },
): Promise<ReportRun> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-bench-report-'));
  const urlFile = join(dir, 'archive-url');
  writeFileSync(urlFile, `${url}\n`, { mode: 0o600 });
  const args = ['--import', 'tsx', 'electron/cli/report.ts', '--archive-file', urlFile];
  args.push('--from', '2025-01-01', '--to', '2025-12-31', '--transparency');
  if (opts.reverify) args.push('--reverify');
  if (opts.fromScratch) args.push('--from-scratch');
  try {
    const t = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = execFile(
        process.execPath,
        args,
        { maxBuffer: 64 * 1024 * 1024 },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    const ms = performance.now() - t;
    const totals = TOTALS_LINE.exec(stdout);
    // 1 is a report written with some journals not counted (the bench's unsealed tails); 2 is a failure.
    if ((code !== 0 && code !== 1) || !totals)
      throw new Error(`report command exited ${code}: ${(stderr || stdout).slice(0, 300)}`);
    const [, counted, notCounted, inProgress, resumed, linesHashed] = totals.map(Number);
    return {
      ms,
      counted: counted!,
      notCounted: inProgress! + notCounted!,
      resumed: resumed!,
      linesHashed: linesHashed!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchTransparency(server: TestPostgres, ownerUrl: string): Promise<TransparencyBench> {
  const signers = benchStations();
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  for (const s of signers)
    await owner.query('INSERT INTO lfr.stations (station_id, public_key, login) VALUES ($1, $2, $3)', [
      s.stationId,
      s.publicKey,
      `bench_${s.stationId.replace(/-/g, '_')}`,
    ]);
  await owner.end();
  await server.query(
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_verifier') THEN CREATE ROLE bench_verifier LOGIN PASSWORD 'bench' IN ROLE lfr_verifier; END IF; END $$;`,
  );
  const verifierUrl = server.url('bench', 'bench_verifier', 'bench');
  const loaded = await loadBenchArchive(ownerUrl, signers, {
    deployments: DEPLOYMENTS,
    perDeployment: PER_DEPLOYMENT,
    growing: GROWING,
  });

  const db = createArchivePool(verifierUrl, { max: 2 });
  let figuresMs: number;
  try {
    const journals = (
      await db.query<{ station_id: string; deployment_id: string }>(
        'SELECT station_id, deployment_id FROM lfr.journals',
      )
    ).rows.map((r) => ({ stationId: r.station_id, deploymentId: r.deployment_id }));
    const t = performance.now();
    await deploymentFigures(db, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', journals);
    figuresMs = performance.now() - t;
  } finally {
    await db.end();
  }
  const first = await timedCommand(verifierUrl, { reverify: true });
  const tails = await loadHeldBack(ownerUrl, loaded.heldBack);
  const incremental = await timedCommand(verifierUrl, { reverify: true });
  const fromScratch = await timedCommand(verifierUrl, { reverify: true, fromScratch: true });
  const warm = await timedCommand(verifierUrl, {});
  const eq = (await reportInProcess(verifierUrl)).equality;
  return {
    deployments: DEPLOYMENTS,
    entries: loaded.entries + tails,
    firstEntries: loaded.entries,
    loadSeconds: loaded.seconds,
    bareSha256Ms: loaded.bareSha256Ms,
    figuresMs,
    first,
    incremental,
    fromScratch,
    warmMs: warm.ms,
    equality: {
      shownGroups: [...eq.sex.groups, ...eq.ethnicity.groups].filter((g) => g.counts.alerts.value !== null)
        .length,
      hidden: eq.hidden,
    },
  };
}
