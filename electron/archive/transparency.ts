/**
 * The transparency report across deployments (`npm run report -- --archive ... --transparency`).
 *
 * Trust comes first: the report's trust list is the archive's enrolled stations, and every
 * station journal of a deployment in the period is judged (transparency-verdicts.ts). Only
 * journals that verify against an enrolled key reach the figures (transparency-figures.ts
 * reads those journals and nothing else, from `data` generated out of the verified line).
 * A journal of a station nobody enrolled, or under another key, is set apart with its
 * reason and the deployment is counted from the rest; a tampered or unsealed journal of an
 * enrolled station keeps its deployment out of the count, listed with each journal's
 * verdict; a deployment still running is "in progress". Where counted journals disagree
 * about an alert or the deployment record, the deployment is listed with the disagreement
 * instead of counted (transparency-disagreements.ts). Training deployments never count.
 */
import type pg from 'pg';
import { disagreements, type Disagreement } from './transparency-disagreements';
import {
  candidateDeployments,
  deploymentFigures,
  figuresAfterGuess,
  type CountedJournal,
  type DeploymentFigures,
} from './transparency-figures';
import {
  byMonth,
  reportRow,
  sumRows,
  type Figures,
  type MonthFigures,
  type ReportRow,
  type RowSamples,
} from './transparency-totals';
import { claimSamples } from './transparency-claims';
import { journalVerdicts, STANDING_WORDS, type JournalVerdict } from './transparency-verdicts';
import type { PublishedEquality } from '../../shared/equality-publish';
import { transparencyEquality } from './transparency-equality';

export type { JournalVerdict } from './transparency-verdicts';

export interface UnverifiedDeployment {
  deploymentId: string;
  date: string;
  title: string;
  place: string;
  journals: JournalVerdict[];
  /** Where the counted stations disagree (disagreementSentence says each); empty when the reason is a verdict. */
  disagreements: Disagreement[];
}

export interface TransparencyReport {
  from: string;
  to: string;
  generatedAt: string;
  rows: ReportRow[];
  totals: Figures;
  months: MonthFigures[];
  /** Deployments not counted: a journal of an enrolled station does not verify, or stations disagree. */
  unverified: UnverifiedDeployment[];
  /** Deployments still running (an unsealed journal before the deployment's end): not counted yet. */
  inProgress: UnverifiedDeployment[];
  /** Journals that never count whatever they say: not enrolled, or signed by another key. */
  setApart: JournalVerdict[];
  /** Practice deployments (deployment.training): never counted. */
  training: string[];
  /** Journals in the period whose deployment has no `deployment` record (so no date or place). */
  withoutRecord: Array<{ stationId: string; deploymentId: string; openedAt: string }>;
  verification: {
    journals: number;
    verifiedNow: number;
    reused: number;
    resumed: number;
    linesHashed: number;
  };
  /** Equality monitoring over the counted deployments' journals, as published (small counts hidden). */
  equality: PublishedEquality;
}

export interface TransparencyOptions {
  /** Inclusive dates, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  reverify?: boolean;
  /** With reverify: ignore recorded resume points and hash every line from seq 1. */
  fromScratch?: boolean;
  /** The archive URL, so verification can use worker threads with their own connections. */
  url?: string;
  /** Worker threads for verification (default: one per core when there are enough journals). */
  threads?: number;
  now?: () => number;
  onProgress?: (done: number, total: number) => void;
}

/** A sentence per journal, for the lists apart. */
export function journalLine(j: JournalVerdict): string {
  const words = STANDING_WORDS[j.standing];
  return j.detail.startsWith(words)
    ? `station ${j.stationId}: ${j.detail}`
    : `station ${j.stationId}: ${words}: ${j.detail}`;
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

function groupByDeployment(verdicts: JournalVerdict[]): Map<string, JournalVerdict[]> {
  const out = new Map<string, JournalVerdict[]>();
  for (const v of verdicts) {
    const list = out.get(v.deploymentId) ?? [];
    list.push(v);
    out.set(v.deploymentId, list);
  }
  return out;
}

const FOREIGN = new Set(['not-enrolled', 'untrusted-key']);

export async function buildTransparencyReport(
  db: pg.Pool,
  opts: TransparencyOptions,
): Promise<TransparencyReport> {
  const from = new Date(`${opts.from}T00:00:00Z`).toISOString();
  const to = dayAfter(opts.to);
  const now = (opts.now ?? Date.now)();
  const candidates = await candidateDeployments(db, from, to);
  // The figures of the journals recorded verdicts say will count are computed while their
  // rows are hashed (two connections, two cores); each deployment's row is used where
  // exactly the journals guessed for it count (figuresAfterGuess).
  const early: Array<{ journals: CountedJournal[]; figures: Promise<DeploymentFigures[] | null> }> = [];
  const check = await journalVerdicts(db, candidates, {
    likelyCounted: (journals) => {
      // Only with a third connection: the verification's snapshot holds one for the whole
      // run, and recording verdicts must not wait behind the figures (a pool's wait is bounded).
      if (journals.length > 0 && db.options.max >= 3)
        early.push({ journals, figures: deploymentFigures(db, from, to, journals).catch(() => null) });
    },
    now,
    ...(opts.reverify ? { reverify: true } : {}),
    ...(opts.fromScratch ? { fromScratch: true } : {}),
    url: opts.url ?? null,
    ...(opts.threads ? { threads: opts.threads } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const setApart = check.verdicts.filter((v) => FOREIGN.has(v.standing));
  const own = groupByDeployment(check.verdicts.filter((v) => !FOREIGN.has(v.standing)));
  const countable: CountedJournal[] = check.verdicts.filter((v) => v.standing === 'verified');
  const guess = early[0];
  const guessed = guess ? await guess.figures : null; // settled before the caller may close the pool
  const figures =
    guess && guessed
      ? await figuresAfterGuess(db, from, to, { journals: guess.journals, figures: guessed }, countable)
      : await deploymentFigures(db, from, to, countable);
  const claims = await claimSamples(db, countable);
  const disputes = new Map<string, Disagreement[]>();
  for (const d of await disagreements(db, countable))
    disputes.set(d.deploymentId, [...(disputes.get(d.deploymentId) ?? []), d]);

  const counted: ReportRow[] = [];
  const samples = new Map<ReportRow, RowSamples>();
  const unverified: UnverifiedDeployment[] = [];
  const inProgress: UnverifiedDeployment[] = [];
  const training: string[] = [];
  const listed = new Set<string>();
  const listApart = (f: Pick<DeploymentFigures, 'deploymentId' | 'date' | 'title' | 'place'>) => {
    const journals = own.get(f.deploymentId) ?? [];
    const entry = { ...pick(f), journals, disagreements: disputes.get(f.deploymentId) ?? [] };
    listed.add(f.deploymentId);
    if (journals.some((j) => j.standing === 'in-progress') && journals.every(inProgressOrVerified))
      inProgress.push(entry);
    else unverified.push(entry);
  };
  for (const f of figures) {
    if (f.training) {
      training.push(f.deploymentId);
      listed.add(f.deploymentId);
      continue;
    }
    const journals = own.get(f.deploymentId) ?? [];
    if (journals.every((j) => j.standing === 'verified') && !disputes.has(f.deploymentId)) {
      const claimed = claims.get(f.deploymentId) ?? null;
      const row = reportRow(f, claimed);
      samples.set(row, { stopMinutes: f.stopMinutes, claims: claimed });
      counted.push(row);
      listed.add(f.deploymentId);
    } else listApart(f);
  }
  // Deployments with no counted journal at all (every enrolled journal failed) have no
  // figures row: their heading comes from their own (unverified) deployment record.
  const unlisted = [...own.keys()].filter((id) => !listed.has(id));
  for (const header of await deploymentHeaders(db, unlisted)) listApart(header);
  const byDate = (a: UnverifiedDeployment, b: UnverifiedDeployment) =>
    a.date.localeCompare(b.date) || a.deploymentId.localeCompare(b.deploymentId);
  unverified.sort(byDate);
  inProgress.sort(byDate);
  const samplesOf = (row: ReportRow): RowSamples => samples.get(row) ?? { stopMinutes: [], claims: null };
  return {
    from: opts.from,
    to: opts.to,
    generatedAt: new Date(now).toISOString(),
    rows: counted,
    totals: sumRows(counted, samplesOf),
    months: byMonth(counted, samplesOf),
    unverified,
    inProgress,
    setApart,
    training,
    withoutRecord: await journalsWithoutRecord(db, from, to),
    verification: {
      journals: check.verdicts.length,
      verifiedNow: check.verifiedNow,
      reused: check.reused,
      resumed: check.resumed,
      linesHashed: check.linesHashed,
    },
    equality: await transparencyEquality(
      db,
      countedJournals(countable, counted),
      new Map(counted.map((r) => [r.deploymentId, r.faces])),
    ),
  };
}

/** The verified journals of the deployments the report counts. */
const countedJournals = (journals: CountedJournal[], rows: ReportRow[]) => {
  const ids = new Set(rows.map((r) => r.deploymentId));
  return journals.filter((j) => ids.has(j.deploymentId));
};

function inProgressOrVerified(j: JournalVerdict): boolean {
  return j.standing === 'in-progress' || j.standing === 'verified';
}

function pick(f: Pick<DeploymentFigures, 'deploymentId' | 'date' | 'title' | 'place'>) {
  return { deploymentId: f.deploymentId, date: f.date, title: f.title, place: f.place };
}

async function deploymentHeaders(db: pg.Pool, ids: string[]) {
  const { rows } = await db.query<{
    deployment_id: string;
    starts_at: Date | null;
    title: string | null;
    place: string | null;
  }>(
    `SELECT d.deployment_id, lfr.instant_or_null(e.data->>'startsAt') AS starts_at, e.data->>'title' AS title,
       e.data->'location'->>'name' AS place
     FROM unnest($1::text[]) AS d(deployment_id)
     LEFT JOIN LATERAL (
       SELECT data FROM lfr.entries x WHERE x.deployment_id = d.deployment_id AND x.type = 'deployment'
       ORDER BY x.seq DESC, x.station_id LIMIT 1
     ) e ON true`,
    [ids],
  );
  return rows.map((r) => ({
    deploymentId: r.deployment_id,
    date: r.starts_at ? r.starts_at.toISOString().slice(0, 10) : '',
    title: r.title ?? '',
    place: r.place ?? '',
  }));
}

async function journalsWithoutRecord(db: pg.Pool, from: string, to: string) {
  const { rows } = await db.query<{ station_id: string; deployment_id: string; opened_at: Date }>(
    `SELECT j.station_id, j.deployment_id, j.opened_at FROM lfr.journals j
     WHERE j.opened_at >= $1 AND j.opened_at < $2 AND NOT j.training
       AND NOT EXISTS (SELECT 1 FROM lfr.entries e WHERE e.deployment_id = j.deployment_id AND e.type = 'deployment')
     ORDER BY j.opened_at`,
    [from, to],
  );
  return rows.map((r) => ({
    stationId: r.station_id,
    deploymentId: r.deployment_id,
    openedAt: r.opened_at.toISOString(),
  }));
}
