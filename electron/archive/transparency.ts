/**
 * The transparency report across deployments (`npm run report -- --archive ... --transparency`):
 * figures per deployment from the archive (transparency-figures.ts), counted only when
 * every station journal of the deployment verifies; the rest are listed apart with each
 * journal's verdict, never counted.
 *
 * Verification is the station's own verifier over each journal read back from the archive.
 * A verdict recorded earlier (lfr.verifications) is reused when the journal has not grown
 * since: the same last seq with the same hash, and the rows before it are guarded by the
 * append-only triggers. `reverify` checks every journal again regardless.
 */
import type pg from 'pg';
import type { VerdictKind } from '../../shared/journal/verdict';
import { verdictSentence } from '../../shared/journal/verdict';
import { materializeJournal } from './materialize';
import { deploymentFigures, type DeploymentFigures } from './transparency-figures';
import {
  byMonth,
  reportRow,
  sumRows,
  type Figures,
  type MonthFigures,
  type ReportRow,
} from './transparency-totals';
import { recordVerification, trustLabel, verifyMaterialized } from './verify-archive';
import type { PublishedEquality } from '../../shared/equality-publish';
import { transparencyEquality } from './transparency-equality';

export interface JournalVerdict {
  stationId: string;
  verdict: VerdictKind;
  detail: string;
  reused: boolean;
}

export interface UnverifiedDeployment {
  deploymentId: string;
  date: string;
  title: string;
  place: string;
  journals: JournalVerdict[];
}

export interface TransparencyReport {
  from: string;
  to: string;
  generatedAt: string;
  rows: ReportRow[];
  totals: Figures;
  months: MonthFigures[];
  unverified: UnverifiedDeployment[];
  /** Journals in the period whose deployment has no `deployment` record (so no date or place). */
  withoutRecord: Array<{ stationId: string; deploymentId: string; openedAt: string }>;
  verification: { journals: number; verifiedNow: number; reused: number };
  /** Equality monitoring over the counted deployments, as published (small counts hidden). */
  equality: PublishedEquality;
}

export interface TransparencyOptions {
  /** Inclusive dates, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  reverify?: boolean;
  now?: () => number;
  onProgress?: (done: number, total: number) => void;
}

interface Head {
  station_id: string;
  deployment_id: string;
  seq: string;
  hash: string;
}

async function journalVerdicts(
  db: pg.Pool,
  deploymentIds: string[],
  opts: TransparencyOptions,
): Promise<{
  verdicts: Map<string, JournalVerdict[]>;
  verifiedNow: number;
  reused: number;
  journals: number;
}> {
  const heads = await db.query<Head>(
    // Every journal with any entry in the archive, whether or not its seq 1 arrived.
    `WITH h AS (
       SELECT station_id, deployment_id, max(seq) AS seq FROM lfr.entry_index
       WHERE deployment_id = ANY($1) GROUP BY station_id, deployment_id
     )
     SELECT h.station_id, h.deployment_id, h.seq, i.hash FROM h
     JOIN lfr.entry_index i USING (station_id, deployment_id, seq)
     ORDER BY h.station_id, h.deployment_id`,
    [deploymentIds],
  );
  const recorded = opts.reverify
    ? new Map<
        string,
        { through_seq: string; through_hash: string | null; verdict: VerdictKind; detail: string }
      >()
    : new Map(
        (
          await db.query<{
            station_id: string;
            deployment_id: string;
            through_seq: string;
            through_hash: string | null;
            verdict: VerdictKind;
            detail: string;
          }>(
            `SELECT DISTINCT ON (station_id, deployment_id) station_id, deployment_id, through_seq, through_hash, verdict, detail
             FROM lfr.verifications WHERE trust = $2 AND deployment_id = ANY($1)
             ORDER BY station_id, deployment_id, id DESC`,
            [deploymentIds, trustLabel(null)],
          )
        ).rows.map((r) => [`${r.station_id}\n${r.deployment_id}`, r]),
      );
  const verdicts = new Map<string, JournalVerdict[]>();
  let verifiedNow = 0;
  let reused = 0;
  let done = 0;
  const judge = async (head: Head): Promise<void> => {
    const key = `${head.station_id}\n${head.deployment_id}`;
    const prior = recorded.get(key);
    let verdict: JournalVerdict;
    if (prior && Number(prior.through_seq) === Number(head.seq) && prior.through_hash === head.hash) {
      verdict = { stationId: head.station_id, verdict: prior.verdict, detail: prior.detail, reused: true };
      reused += 1;
    } else {
      const journal = await materializeJournal(db, {
        stationId: head.station_id,
        deploymentId: head.deployment_id,
      });
      try {
        const result = await verifyMaterialized(journal, null);
        await recordVerification(db, result, null);
        verdict = {
          stationId: head.station_id,
          verdict: result.verdict.kind,
          detail: verdictSentence(result.verdict),
          reused: false,
        };
      } finally {
        await journal.dispose();
      }
      verifiedNow += 1;
    }
    let list = verdicts.get(head.deployment_id);
    if (!list) verdicts.set(head.deployment_id, (list = []));
    list.push(verdict);
    opts.onProgress?.(++done, heads.rows.length);
  };
  // Two at a time: one journal is read out of the database while the other is verified.
  const queue = [...heads.rows];
  await Promise.all(
    [0, 1].map(async () => {
      for (let head = queue.shift(); head; head = queue.shift()) await judge(head);
    }),
  );
  for (const list of verdicts.values()) list.sort((a, b) => a.stationId.localeCompare(b.stationId));
  return { verdicts, verifiedNow, reused, journals: heads.rows.length };
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export async function buildTransparencyReport(
  db: pg.Pool,
  opts: TransparencyOptions,
): Promise<TransparencyReport> {
  const from = new Date(`${opts.from}T00:00:00Z`).toISOString();
  const to = dayAfter(opts.to);
  const figures = await deploymentFigures(db, from, to);
  const check = await journalVerdicts(
    db,
    figures.map((f) => f.deploymentId),
    opts,
  );
  const counted: ReportRow[] = [];
  const stops = new Map<ReportRow, number[]>();
  const unverified: UnverifiedDeployment[] = [];
  for (const f of figures) {
    const journals = check.verdicts.get(f.deploymentId) ?? [];
    if (journals.length > 0 && journals.every((j) => j.verdict === 'verified')) {
      const row = reportRow(f);
      stops.set(row, f.stopMinutes);
      counted.push(row);
    } else unverified.push(unverifiedOf(f, journals));
  }
  const stopsOf = (row: ReportRow) => stops.get(row) ?? [];
  const withoutRecord = await db.query<{ station_id: string; deployment_id: string; opened_at: Date }>(
    `SELECT j.station_id, j.deployment_id, j.opened_at FROM lfr.journals j
     WHERE j.opened_at >= $1 AND j.opened_at < $2 AND NOT j.training
       AND NOT EXISTS (SELECT 1 FROM lfr.entries e WHERE e.deployment_id = j.deployment_id AND e.type = 'deployment')
     ORDER BY j.opened_at`,
    [from, to],
  );
  return {
    from: opts.from,
    to: opts.to,
    generatedAt: new Date((opts.now ?? Date.now)()).toISOString(),
    rows: counted,
    totals: sumRows(counted, stopsOf),
    months: byMonth(counted, stopsOf),
    unverified,
    withoutRecord: withoutRecord.rows.map((r) => ({
      stationId: r.station_id,
      deploymentId: r.deployment_id,
      openedAt: r.opened_at.toISOString(),
    })),
    verification: { journals: check.journals, verifiedNow: check.verifiedNow, reused: check.reused },
    equality: await transparencyEquality(
      db,
      counted.map((r) => r.deploymentId),
    ),
  };
}

function unverifiedOf(f: DeploymentFigures, journals: JournalVerdict[]): UnverifiedDeployment {
  return { deploymentId: f.deploymentId, date: f.date, title: f.title, place: f.place, journals };
}
