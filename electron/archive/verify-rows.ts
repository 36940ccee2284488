/**
 * Verifies one station journal straight from the archive's rows, from its start or from
 * a resume point a verifier recorded earlier (the last checkpoint it verified), so a
 * force's year is not hashed again from seq 1 every time (issue 25 item 4).
 *
 * The journal-v1 rules are the station's own: every line goes through the core's
 * ChainChecker (shape, seq, prev, hash, checkpoint rules and signatures); what is here is
 * only how the lines and images are read out of PostgreSQL, and where to start. A resume
 * point is used only while the rows up to it still hash, in PostgreSQL, to the digest
 * recorded with it (journal-digests.ts), so an owner's edit of an earlier row with the
 * triggers off makes the journal verified again from seq 1, and caught. Everything is
 * read in one REPEATABLE READ snapshot: the digests and the lines are of the same rows
 * (the report computes every journal's digests in one query and hands each job its
 * digests with that query's exported snapshot, which the job's transaction imports).
 */
import type pg from 'pg';
import type { CheckpointData, JournalEntry, JournalOpenedData } from '../../shared/journal/entries';
import { ChainChecker } from '../core/journal/chain';
import type { VerifyReport } from '../core/journal/verify';
import { journalDigests, journalKey, type JournalDigests } from './journal-digests';
import { rowDrift, type ArchivedRow } from './row-drift';
import { eachRow } from './stream-rows';
import { imageEvents, settleImages, type ImageEvent } from './verify-images';

/** The chain checker's state after a verified checkpoint entry (all it needs to go on). */
export interface CheckerState {
  lastSeq: number;
  lastHash: string | null;
  opened: JournalOpenedData | null;
  checkpoints: number;
  lastCheckpoint: CheckpointData | null;
  lastAt: string | null;
  lastType: string | null;
  lastSignedAt: string | null;
  sinceCheckpoint: number;
}

export interface ResumePoint {
  /** The seq of the checkpoint entry the journal was verified through. */
  seq: number;
  hash: string;
  /** The digest of rows 1..seq when it was verified (journal-digests.ts). */
  prefixSha256: string;
  checker: CheckerState;
  /** Images named up to there (all present or purged: a point is kept only then). */
  images: { seen: string[]; purged: string[] };
}

export interface VerifyJob {
  stationId: string;
  deploymentId: string;
  resume: ResumePoint | null;
  /** Compare `data` row by row (only when the schema no longer generates it from `line`). */
  compareData: boolean;
  /** Read each row's digest from `row_sha256` (journal-digests.ts `rowDigestsKept` said it may be). */
  keptDigests: boolean;
  /** The journal's digests, computed in `snapshot` (else computed here, in this job's own). */
  digests?: JournalDigests;
  /** An exported snapshot (pg_export_snapshot) to read in, the one `digests` was computed in. */
  snapshot?: string;
}

export interface RowsVerification {
  stationId: string;
  deploymentId: string;
  report: VerifyReport;
  head: { seq: number; hash: string | null };
  rowsSha256: string;
  /** Where the next run may start (null: nothing verified to a checkpoint, or it failed there). */
  resume: ResumePoint | null;
  /** 0 when verified from seq 1, else the seq of the resume point used. */
  resumedFrom: number;
  /** Lines hashed and checked by this run. */
  linesHashed: number;
}

const PAGE = 20_000;

function checkerState(c: ChainChecker): CheckerState {
  return {
    lastSeq: c.lastSeq,
    lastHash: c.lastHash,
    opened: c.opened,
    checkpoints: c.checkpoints,
    lastCheckpoint: c.lastCheckpoint,
    lastAt: c.lastAt,
    lastType: c.lastType,
    lastSignedAt: c.lastSignedAt,
    sinceCheckpoint: c.sinceCheckpoint,
  };
}

/** A row whose columns say other than the line it holds (an owner's edit): see row-drift.ts. */
function driftOf(row: ArchivedRow, entry: JournalEntry, compareData: boolean) {
  if (compareData) return rowDrift(row);
  const seq = Number(row.seq);
  const differs: string[] = [];
  if (entry.seq !== seq) differs.push('seq');
  if (entry.hash !== row.hash) differs.push('hash');
  if (entry.type !== row.type) differs.push('type');
  if ((entry.actor?.id ?? null) !== row.actor_id) differs.push('actor_id');
  return differs.length === 0
    ? null
    : { seq, reason: `the archived row's ${differs.join(', ')} is not what its line says` };
}

export async function verifyArchivedRows(client: pg.ClientBase, job: VerifyJob): Promise<RowsVerification> {
  const [result] = await verifyArchivedBatch(client, [job]);
  if (!result) throw new Error('no verification for the journal');
  return result;
}

/**
 * Several journals read in one snapshot transaction (all jobs of a report share its
 * snapshot): the digests of those that came without them in one query (on the verifier
 * threads, so the digest pass runs on every core and beside other batches' hashing), then
 * each journal verified in turn. One transaction and one digest query per batch rather than
 * per journal: per journal, the query planning over every partition cost more than the rows.
 */
export async function verifyArchivedBatch(
  client: pg.ClientBase,
  jobs: readonly VerifyJob[],
): Promise<RowsVerification[]> {
  const snapshot = jobs[0]?.snapshot;
  if (jobs.some((j) => j.snapshot !== snapshot))
    throw new Error('the journals of a batch are read in one snapshot');
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    if (snapshot !== undefined) {
      if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(snapshot)) throw new Error('not a snapshot id');
      await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    }
    // The digest query is one plan over every journal asked: compiling it (JIT) costs more than it saves.
    await client.query('SET LOCAL jit = off');
    const unasked = jobs.filter((j) => j.digests === undefined);
    if (unasked.some((j) => j.keptDigests !== unasked[0]?.keptDigests))
      throw new Error('the journals of a batch take their digests one way');
    const digests =
      unasked.length === 0
        ? new Map<string, JournalDigests>()
        : await journalDigests(
            client,
            unasked.map((j) => ({
              stationId: j.stationId,
              deploymentId: j.deploymentId,
              through: j.resume?.seq ?? 0,
            })),
            unasked[0]?.keptDigests ?? false,
          );
    const results: RowsVerification[] = [];
    for (const job of jobs) {
      const known = job.digests ?? digests.get(journalKey(job.stationId, job.deploymentId));
      if (!known) throw new Error('no digests for the journal');
      results.push(await verifyInSnapshot(client, job, known));
    }
    await client.query('COMMIT');
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** One journal, read in the batch's transaction; `digests` are its rows' (taken in the same snapshot). */
async function verifyInSnapshot(
  client: pg.ClientBase,
  job: VerifyJob,
  digests: JournalDigests,
): Promise<RowsVerification> {
  const checkpointSeq = digests.checkpointSeq;
  // The digest covers type and line: with `data` no longer generated from the line, an edit
  // of it would not show there, so every row is read and compared again.
  const resume =
    job.resume && !job.compareData && digests.throughDigest === job.resume.prefixSha256 ? job.resume : null;
  const checker = new ChainChecker();
  if (resume) Object.assign(checker, resume.checker);
  let failure: VerifyReport['failure'] = null;
  const fail = (seq: number, reason: string) => {
    if (!failure || seq < failure.seq) failure = { seq, reason };
  };
  const events: ImageEvent[] = [];
  let linesHashed = 0;
  // The head a verdict covers is the journal's last row, even when reading stops at a failure.
  const head = { seq: digests.headSeq, hash: digests.headHash };
  let lastRead = resume?.seq ?? 0;
  // Set in `check` below, a closure: declared so that TypeScript does not narrow it to null here.
  let atCheckpoint = null as { state: CheckerState; events: number } | null;
  const dataColumn = job.compareData ? ', data::text AS data' : '';
  let after = resume?.seq ?? 0;
  // The span of `at` holds every row of the journal (journal-digests.ts): it only spares
  // PostgreSQL planning the partitions that hold none of them. Without one (no rows, or an
  // `at` with no instant to write, such as an owner's 'infinity'), every partition is read.
  const span = digests.atSpan;
  const inSpan = span ? 'AND at BETWEEN $4::timestamptz AND $5::timestamptz' : '';
  // Each row is checked as it arrives and then dropped (stream-rows.ts).
  const check = (row: ArchivedRow): boolean => {
    lastRead = Number(row.seq);
    linesHashed += 1;
    const fed = checker.feed(row.line, true);
    if (!fed.ok) {
      fail(fed.seq, fed.reason);
      return false;
    }
    const drift = driftOf(row, fed.entry, job.compareData);
    if (drift) {
      fail(drift.seq, drift.reason);
      return false;
    }
    imageEvents(fed.entry, events, fail);
    if (fed.entry.seq === checkpointSeq && fed.entry.type === 'checkpoint' && !failure)
      atCheckpoint = { state: checkerState(checker), events: events.length };
    return true;
  };
  for (;;) {
    const read = linesHashed;
    await eachRow<ArchivedRow>(
      client,
      `SELECT seq, hash, type, actor_id, line${dataColumn} FROM lfr.entries
       WHERE station_id = $1 AND deployment_id = $2 AND seq > $3 ${inSpan}
       ORDER BY seq LIMIT ${PAGE}`,
      [job.stationId, job.deploymentId, after, ...(span ? [span.from, span.to] : [])],
      check,
    );
    if (failure || linesHashed - read < PAGE) break;
    after = lastRead;
  }
  const images = await settleImages(client, events, resume, atCheckpoint?.events ?? -1, fail);
  const opened = checker.opened;
  if (opened && (opened.stationId !== job.stationId || opened.deploymentId !== job.deploymentId))
    fail(
      1,
      `archived as station ${job.stationId}, deployment ${job.deploymentId}, but its journal-opened names ` +
        `station ${opened.stationId}, deployment ${opened.deploymentId}`,
    );
  const entries = checker.lastSeq;
  if (!failure && entries === 0) fail(1, 'journal is empty');
  // Every row the digests were taken over must have been read: a read bounded wrongly (by
  // `at`, above) must never verify a shorter journal than the archive holds.
  if (!failure && entries !== digests.headSeq)
    fail(
      entries + 1,
      `the archive holds rows to seq ${digests.headSeq} but the verifier read to seq ${entries}`,
    );
  const report: VerifyReport = {
    ok: failure === null,
    entries,
    lastSeq: checker.lastSeq,
    lastHash: checker.lastHash,
    checkpoints: checker.checkpoints,
    lastCheckpoint: checker.lastCheckpoint,
    lastSignedAt: checker.lastCheckpoint ? checker.lastSignedAt : null,
    lastAt: checker.lastAt,
    stationId: opened?.stationId ?? null,
    deploymentId: opened?.deploymentId ?? null,
    publicKey: opened?.publicKey ?? null,
    images: images.report,
    failure,
  };
  const firstFailure = (failure as VerifyReport['failure'])?.seq ?? Infinity;
  const next: ResumePoint | null =
    atCheckpoint && images.cleanAtCheckpoint && firstFailure > checkpointSeq
      ? {
          seq: checkpointSeq,
          hash: atCheckpoint.state.lastHash ?? '',
          prefixSha256: digests.checkpointDigest,
          checker: atCheckpoint.state,
          images: images.atCheckpoint,
        }
      : (resume ?? null);
  return {
    stationId: job.stationId,
    deploymentId: job.deploymentId,
    report,
    head,
    rowsSha256: digests.rowsDigest,
    resume: next,
    resumedFrom: resume?.seq ?? 0,
    linesHashed,
  };
}
