/**
 * The transparency report over the bench archive (1,000 deployments, 1,000,000 entries;
 * archive-load.ts makes and loads it), with its equality section, timed four ways beside
 * a floor measured in the same run (SHA-256 of every line once, one core, no I/O):
 *  1. first `--reverify`, nothing recorded yet: every journal hashed from seq 1 (the last
 *     100 deployments still running, half their entries in);
 *  2. incremental `--reverify` after those 100 deployments shipped the rest: each journal
 *     picked up at its recorded checkpoint, only the new lines hashed;
 *  3. `--reverify --from-scratch` over all 1,000,000 (what a first run over the whole
 *     archive costs);
 *  4. without `--reverify` (recorded verdicts reused where the rows hash the same).
 * The report runs as a login of lfr_verifier, the role that records verdicts.
 */
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
  inProgress: number;
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

async function timedReport(url: string, opts: { reverify?: boolean; fromScratch?: boolean }) {
  // As the report command opens it (electron/cli/archive-report.ts).
  const db = createArchivePool(url, { max: 3 });
  try {
    const t = performance.now();
    const report = await buildTransparencyReport(db, {
      from: '2025-01-01',
      to: '2025-12-31',
      url,
      ...opts,
    });
    const ms = performance.now() - t;
    return { report, run: runOf(report, ms) };
  } finally {
    await db.end();
  }
}

const runOf = (r: TransparencyReport, ms: number): ReportRun => ({
  ms,
  linesHashed: r.verification.linesHashed,
  resumed: r.verification.resumed,
  counted: r.rows.length,
  inProgress: r.inProgress.length + r.unverified.length,
});

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
  const first = await timedReport(verifierUrl, { reverify: true });
  const tails = await loadHeldBack(ownerUrl, loaded.heldBack);
  const incremental = await timedReport(verifierUrl, { reverify: true });
  const fromScratch = await timedReport(verifierUrl, { reverify: true, fromScratch: true });
  const warm = await timedReport(verifierUrl, {});
  const eq = fromScratch.report.equality;
  return {
    deployments: DEPLOYMENTS,
    entries: loaded.entries + tails,
    firstEntries: loaded.entries,
    loadSeconds: loaded.seconds,
    bareSha256Ms: loaded.bareSha256Ms,
    figuresMs,
    first: first.run,
    incremental: incremental.run,
    fromScratch: fromScratch.run,
    warmMs: warm.run.ms,
    equality: {
      shownGroups: [...eq.sex.groups, ...eq.ethnicity.groups].filter((g) => g.counts.alerts.value !== null)
        .length,
      hidden: eq.hidden,
    },
  };
}
