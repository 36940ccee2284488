/**
 * Which station journals the transparency report may count. The trust list is the
 * archive's enrolled stations (lfr.stations): a journal of a station nobody enrolled, or
 * signed by another key than the one enrolled for its station, is set apart with that
 * reason, whatever role inserted it. The others are checked line by line by the station's
 * own chain rules, straight from the rows, on every core (verify-rows.ts, verify-pool.ts);
 * an unsealed journal of a deployment whose record says it has not ended yet is "in
 * progress", not a failure.
 *
 * A verdict recorded earlier by the verifier's role (lfr.verifications, which only
 * lfr_verifier may write) against the same trust list is reused while the journal has not
 * grown and its rows still hash to what the verifier read (so an owner's edit with the
 * triggers off is verified again, and caught); `reverify` checks every journal again.
 * Checking again is incremental: a journal is picked up at the last checkpoint a verifier
 * recorded (while the rows up to it are unchanged) and only the lines after it are hashed;
 * `fromScratch` hashes every line from seq 1.
 */
import type pg from 'pg';
import { verdictSentence, type VerdictKind } from '../../shared/journal/verdict';
import type { TrustEntry } from '../core/journal/trust';
import { verdictOf } from '../core/journal/verify';
import { enrolledStations } from './enrol';
import { dataIsGenerated } from './row-drift';
import { recordVerifications, trustLabel, type ArchivedVerification } from './verify-archive';
import { verifyJournalsInParallel } from './verify-pool';
import type { ResumePoint, VerifyJob } from './verify-rows';
import { headsOfJournal, shippedHeads, withShippedHeads } from './shipped-heads';
import {
  digestSnapshot,
  journalDigests,
  journalKey,
  rowDigestsKept,
  type JournalDigests,
} from './journal-digests';

/** Verdicts are recorded this many at a time (one commit each). */
const RECORD_EVERY = 250;

/** Why a journal is or is not counted. */
export type JournalStanding =
  'verified' | 'not-enrolled' | 'untrusted-key' | 'tampered' | 'unsealed' | 'in-progress';

export interface JournalVerdict {
  stationId: string;
  deploymentId: string;
  standing: JournalStanding;
  detail: string;
  reused: boolean;
}

export const STANDING_WORDS: Record<JournalStanding, string> = {
  verified: 'verified',
  'not-enrolled': 'not enrolled',
  'untrusted-key': 'untrusted key',
  tampered: 'tampered',
  unsealed: 'unsealed',
  'in-progress': 'in progress',
};

interface Head {
  station_id: string;
  deployment_id: string;
  seq: string;
  hash: string;
  ends_at: string | null;
}

interface Recorded {
  /** What the rows hashed to when verified (journal-digests.ts): the verdict holds only while they still do. */
  rows_sha256: string | null;
  through_seq: string;
  through_hash: string | null;
  verdict: VerdictKind;
  detail: string;
}

export interface VerdictOptions {
  reverify?: boolean;
  /** Ignore recorded resume points: hash every journal from seq 1. */
  fromScratch?: boolean;
  /** The caller's archive URL, for the worker threads' own connections (none: this thread only). */
  url?: string | null;
  /** Worker threads (verify-pool.ts); by default one per core when there are enough journals. */
  threads?: number;
  now: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called once, before the rows are hashed, with the journals a recorded verdict says
   * verified at their current head: the ones that will be counted if their rows hash the
   * same. The report starts its figures query on them meanwhile (on another connection).
   */
  likelyCounted?: (journals: Array<{ stationId: string; deploymentId: string }>) => void;
}

export interface JournalVerdicts {
  verdicts: JournalVerdict[];
  verifiedNow: number;
  reused: number;
  /** Of those verified now, how many were picked up at a recorded resume point. */
  resumed: number;
  /** Lines hashed and checked in this run (what incremental verification saves). */
  linesHashed: number;
}

async function headsOf(db: pg.Pool, deploymentIds: string[]): Promise<Head[]> {
  const { rows } = await db.query<Head>(
    // Every journal with any entry in the archive, whether or not its seq 1 arrived (so not
    // from lfr.journals, a row an owner could delete), and the end its own latest deployment
    // record names (for "in progress"). The journals are found by skipping along the
    // primary key, one index probe each, and each head is one more: the whole query costs
    // what the number of journals does, not the number of entries (a scan of entry_index
    // for max(seq) took 0.4 s at 200,000 entries and grew with every entry; this takes 20 ms).
    `WITH RECURSIVE pairs AS (
       (SELECT station_id, deployment_id FROM lfr.entry_index ORDER BY station_id, deployment_id LIMIT 1)
       UNION ALL
       SELECT n.station_id, n.deployment_id FROM pairs p CROSS JOIN LATERAL (
         SELECT i.station_id, i.deployment_id FROM lfr.entry_index i
         WHERE (i.station_id, i.deployment_id) > (p.station_id, p.deployment_id)
         ORDER BY i.station_id, i.deployment_id LIMIT 1) n
     ), h AS (
       SELECT p.station_id, p.deployment_id, t.seq, t.hash FROM pairs p
       CROSS JOIN LATERAL (
         SELECT i.seq, i.hash FROM lfr.entry_index i
         WHERE i.station_id = p.station_id AND i.deployment_id = p.deployment_id
         ORDER BY i.seq DESC LIMIT 1) t
       WHERE p.deployment_id = ANY($1)
     ), ends AS (
       SELECT DISTINCT ON (e.station_id, e.deployment_id) e.station_id, e.deployment_id,
         e.data->>'endsAt' AS ends_at
       FROM lfr.entries e WHERE e.type = 'deployment' AND e.deployment_id = ANY($1)
       ORDER BY e.station_id, e.deployment_id, e.seq DESC
     )
     SELECT h.station_id, h.deployment_id, h.seq, h.hash, ends.ends_at
     FROM h LEFT JOIN ends USING (station_id, deployment_id)
     ORDER BY h.deployment_id, h.station_id`,
    [deploymentIds],
  );
  return rows;
}

async function recordedVerdicts(
  db: pg.Pool,
  deploymentIds: string[],
  trust: readonly TrustEntry[],
): Promise<Map<string, Recorded>> {
  const { rows } = await db.query<Recorded & { station_id: string; deployment_id: string }>(
    // Each verdict's rows are hashed again (journalDigests, far cheaper than verifying
    // signatures): an owner who edited a row with the triggers off gets no reuse.
    `SELECT DISTINCT ON (station_id, deployment_id) station_id, deployment_id, through_seq, through_hash, verdict,
       detail, rows_sha256
     FROM lfr.verifications WHERE trust = $2 AND deployment_id = ANY($1) AND rows_sha256 IS NOT NULL
     ORDER BY station_id, deployment_id, id DESC`,
    [deploymentIds, trustLabel(trust)],
  );
  return new Map(rows.map((r) => [`${r.station_id}\n${r.deployment_id}`, r]));
}

function standingOf(kind: VerdictKind, endsAt: string | null, now: number): JournalStanding {
  if (kind !== 'unsealed') return kind;
  const ends = endsAt === null ? NaN : Date.parse(endsAt);
  return Number.isFinite(ends) && ends > now ? 'in-progress' : 'unsealed';
}

/**
 * A guess, for starting the figures early (the report uses them only if exactly the guessed
 * journals count): a journal judged at its current head will be judged the same; one that
 * grew since, or was never judged, will verify unless its deployment is still running (an
 * open journal is unsealed, so "in progress").
 */
function likelyVerified(prior: Recorded | undefined, head: Head, now: number): boolean {
  if (prior && Number(prior.through_seq) === Number(head.seq) && prior.through_hash === head.hash)
    return prior.verdict === 'verified';
  return standingOf('unsealed', head.ends_at, now) !== 'in-progress';
}

/** The enrolled stations as a trust list (removed ones too: their keys still verify what they shipped). */
export async function enrolledTrustList(db: pg.Pool): Promise<TrustEntry[]> {
  return (await enrolledStations(db)).map((s) => ({
    stationId: s.stationId,
    publicKey: s.publicKey,
    label: s.label || s.stationId,
  }));
}

export async function journalVerdicts(
  db: pg.Pool,
  deploymentIds: string[],
  opts: VerdictOptions,
): Promise<JournalVerdicts> {
  const trust = await enrolledTrustList(db);
  const enrolled = new Set(trust.map((t) => t.stationId));
  const heads = await headsOf(db, deploymentIds);
  // Recorded verdicts predict what will count even when they are not reused (--reverify).
  const recorded = await recordedVerdicts(db, deploymentIds, trust);
  const reusable = opts.reverify ? new Map<string, Recorded>() : recorded;
  const resumes = opts.fromScratch ? new Map<string, ResumePoint>() : await resumePoints(db, deploymentIds);
  // One snapshot for every journal's digests and every line the verifiers then read, taken
  // under a lock that keeps the table's definition as the checks below find it.
  const snapshot = await digestSnapshot(db);
  try {
    // With `data` no longer generated from `line`, every journal's rows are compared again.
    const dataGenerated = await dataIsGenerated(snapshot.client);
    // Each row's digest read from the column PostgreSQL keeps, while it still keeps it.
    const keptDigests = await rowDigestsKept(snapshot.client);
    opts.likelyCounted?.(
      heads.flatMap((h) => {
        const likely =
          enrolled.has(h.station_id) &&
          dataGenerated &&
          likelyVerified(recorded.get(journalKey(h.station_id, h.deployment_id)), h, opts.now);
        return likely ? [{ stationId: h.station_id, deploymentId: h.deployment_id }] : [];
      }),
    );
    // Digests decide which recorded verdicts still hold. With `reverify` none is reused, so
    // nothing needs them first: each batch of jobs takes its journals' digests in this same
    // snapshot on the verifier threads (verify-rows.ts), on every core and beside the hashing.
    const digests = opts.reverify
      ? new Map<string, JournalDigests>()
      : await journalDigests(
          snapshot.client,
          heads
            .filter((h) => enrolled.has(h.station_id))
            .map((h) => ({
              stationId: h.station_id,
              deploymentId: h.deployment_id,
              through: resumes.get(journalKey(h.station_id, h.deployment_id))?.seq ?? 0,
            })),
          keptDigests,
        );
    const verdicts: JournalVerdict[] = [];
    const jobs: Array<VerifyJob & { endsAt: string | null }> = [];
    let reused = 0;
    let done = 0;
    const progress = () => opts.onProgress?.(++done, heads.length);
    for (const head of heads) {
      const base = { stationId: head.station_id, deploymentId: head.deployment_id };
      const key = journalKey(head.station_id, head.deployment_id);
      if (!enrolled.has(head.station_id)) {
        verdicts.push({
          ...base,
          standing: 'not-enrolled',
          detail: `station ${head.station_id} is not enrolled in this archive`,
          reused: false,
        });
        progress();
        continue;
      }
      const prior = reusable.get(key);
      const now = digests.get(key);
      if (
        prior &&
        dataGenerated &&
        Number(prior.through_seq) === Number(head.seq) &&
        prior.through_hash === head.hash &&
        prior.rows_sha256 === now?.rowsDigest
      ) {
        reused += 1;
        const standing = standingOf(prior.verdict, head.ends_at, opts.now);
        verdicts.push({ ...base, standing, detail: prior.detail, reused: true });
        progress();
        continue;
      }
      jobs.push({
        ...base,
        resume: resumes.get(key) ?? null,
        compareData: !dataGenerated,
        keptDigests,
        endsAt: head.ends_at,
        ...(now ? { digests: now } : {}),
        snapshot: snapshot.id,
      });
    }
    const checked = await verifyJobs(db, jobs, trust, {
      ...opts,
      deploymentIds,
      progress,
      snapshotReader: snapshot.client,
    });
    verdicts.push(...checked.verdicts);
    verdicts.sort(
      (a, b) => a.deploymentId.localeCompare(b.deploymentId) || a.stationId.localeCompare(b.stationId),
    );
    return {
      verdicts,
      verifiedNow: jobs.length,
      reused,
      resumed: checked.resumed,
      linesHashed: checked.linesHashed,
    };
  } finally {
    await snapshot.close();
  }
}

/** Every journal that needs it verified on every core, each recorded as it is judged. */
async function verifyJobs(
  db: pg.Pool,
  jobs: Array<VerifyJob & { endsAt: string | null }>,
  trust: readonly TrustEntry[],
  opts: VerdictOptions & { deploymentIds: string[]; progress: () => void; snapshotReader: pg.PoolClient },
): Promise<{ verdicts: JournalVerdict[]; resumed: number; linesHashed: number }> {
  const verdicts: JournalVerdict[] = [];
  const deploymentIds = opts.deploymentIds;
  const progress = opts.progress;
  // The heads each station signed and shipped: a journal cut or rewritten below one is
  // tampered. Read in the jobs' snapshot, on its connection: the pool's other one may be
  // busy with the figures for a while, and the heads belong with the rows they judge.
  const shipped = await shippedHeads(opts.snapshotReader, deploymentIds);
  const keyOf = new Map(trust.map((t) => [t.stationId, t.publicKey]));
  const endsAt = new Map(jobs.map((j) => [`${j.stationId}\n${j.deploymentId}`, j.endsAt]));
  let linesHashed = 0;
  let resumed = 0;
  const judged: ArchivedVerification[] = [];
  await verifyJournalsInParallel(
    db,
    jobs.map(({ endsAt: _ends, ...job }) => job),
    {
      url: opts.url ?? null,
      ...(opts.threads ? { threads: opts.threads } : {}),
      onResult: async (r) => {
        const report = withShippedHeads(
          r.report,
          {
            stationId: r.stationId,
            deploymentId: r.deploymentId,
            archivedSeq: r.head.seq,
            enrolledKey: keyOf.get(r.stationId) ?? null,
          },
          headsOfJournal(shipped, r.stationId, r.deploymentId),
        );
        const verdict = verdictOf(report, trust);
        judged.push({ ...r, report, verdict });
        if (judged.length >= RECORD_EVERY) await recordVerifications(db, judged.splice(0), trust);
        linesHashed += r.linesHashed;
        if (r.resumedFrom > 0) resumed += 1;
        const standing = standingOf(
          verdict.kind,
          endsAt.get(`${r.stationId}\n${r.deploymentId}`) ?? null,
          opts.now,
        );
        verdicts.push({
          stationId: r.stationId,
          deploymentId: r.deploymentId,
          standing,
          detail: verdictSentence(verdict),
          reused: false,
        });
        progress();
      },
    },
  );
  await recordVerifications(db, judged, trust);
  return { verdicts, resumed, linesHashed };
}

/**
 * The latest resume point the verifier recorded for each journal (any trust list: the
 * chain's state does not depend on which keys are trusted; the verdict is decided anew).
 * Only lfr_verifier (and the owner) can have written one; verify-rows.ts uses it only
 * while the rows up to it still hash to what was recorded.
 */
async function resumePoints(db: pg.Pool, deploymentIds: string[]): Promise<Map<string, ResumePoint>> {
  const { rows } = await db.query<{ station_id: string; deployment_id: string; resume: ResumePoint }>(
    `SELECT DISTINCT ON (station_id, deployment_id) station_id, deployment_id, resume
     FROM lfr.verifications WHERE deployment_id = ANY($1) AND resume IS NOT NULL
     ORDER BY station_id, deployment_id, id DESC`,
    [deploymentIds],
  );
  return new Map(rows.map((r) => [`${r.station_id}\n${r.deployment_id}`, r.resume]));
}
