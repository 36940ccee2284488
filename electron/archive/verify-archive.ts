/**
 * `npm run verify -- --archive <url> --deployment <id> [--station <id>] [--trust <file>]`:
 * each station's journal for the deployment, read from the archive in seq order and
 * checked by the station's own verifier (verifyJournal, verdictOf), one verdict each.
 *
 * One thing only the archive knows: image bytes its retention purge removed (each with a
 * record in lfr.image_purges). Those images are counted as purged, like the station's own
 * retention-purge, not as missing; everything else is the verifier's word.
 */
import { open } from 'node:fs/promises';
import type pg from 'pg';
import { createHash } from 'node:crypto';
import { verdictSentence, type Verdict } from '../../shared/journal/verdict';
import { formatTrustLine, type TrustEntry } from '../core/journal/trust';
import { ChainChecker, readLines, verdictOf, verifyJournal, type VerifyReport } from '../core/journal/verify';
import { archivedJournals, materializeJournal, type MaterializedJournal } from './materialize';
import type { ResumePoint } from './verify-rows';
import { headsOfJournal, shippedHeads, withShippedHeads, type ShippedHead } from './shipped-heads';

export interface ArchivedVerification {
  stationId: string;
  deploymentId: string;
  report: VerifyReport;
  verdict: Verdict;
  /** The last archived row the verdict covers. */
  head: { seq: number; hash: string | null };
  /** The rows it covers (materialize.ts: rowsSha256). */
  rowsSha256: string;
  /** Where a later run may pick the journal up (verify-rows.ts); none from a file-based check. */
  resume?: ResumePoint | null;
}

/** The chain alone (no images): used only when every image problem is an archive purge. */
async function chainFailure(file: string): Promise<VerifyReport['failure']> {
  const checker = new ChainChecker();
  const handle = await open(file, 'r');
  try {
    for await (const line of readLines(handle)) {
      const result = checker.feed(line.text, line.terminated);
      if (!result.ok) return { seq: result.seq, reason: result.reason };
    }
  } finally {
    await handle.close();
  }
  return null;
}

async function withArchivePurges(journal: MaterializedJournal, report: VerifyReport): Promise<VerifyReport> {
  const { missing, altered } = report.images;
  const purged = missing.filter((sha) => journal.purgedInArchive.has(sha));
  if (purged.length === 0 || altered.length > 0 || purged.length !== missing.length) return report;
  const failure = await chainFailure(journal.journalFile);
  return {
    ...report,
    ok: failure === null,
    failure,
    images: { ...report.images, missing: [], purged: report.images.purged + purged.length },
  };
}

/**
 * A journal is evidence of the station and deployment its journal-opened names; rows filed
 * in the archive under another station or deployment are not that journal (a copy of
 * another deployment's journal would otherwise verify as this one).
 */
function misfiled(journal: MaterializedJournal, report: VerifyReport): VerifyReport {
  // Checked even when a later entry failed too: seq 1 is the first failure.
  if (report.entries === 0 || report.stationId === null) return report;
  if (report.stationId === journal.stationId && report.deploymentId === journal.deploymentId) return report;
  return {
    ...report,
    ok: false,
    failure: {
      seq: 1,
      reason:
        `archived as station ${journal.stationId}, deployment ${journal.deploymentId}, but its journal-opened names ` +
        `station ${report.stationId ?? '?'}, deployment ${report.deploymentId ?? '?'}`,
    },
  };
}

/** A row whose columns differ from its line (row-drift.ts) is tampering at that seq. */
function drifted(journal: MaterializedJournal, report: VerifyReport): VerifyReport {
  if (!journal.drift || (report.failure && report.failure.seq <= journal.drift.seq)) return report;
  return { ...report, ok: false, failure: { seq: journal.drift.seq, reason: journal.drift.reason } };
}

async function verifyMaterialized(
  journal: MaterializedJournal,
  trustList: readonly TrustEntry[] | null,
  heads: readonly ShippedHead[] = [],
): Promise<ArchivedVerification> {
  const raw = await verifyJournal(journal.journalFile, { imagesDir: journal.imagesDir });
  const report = withShippedHeads(
    drifted(journal, misfiled(journal, await withArchivePurges(journal, raw))),
    {
      stationId: journal.stationId,
      deploymentId: journal.deploymentId,
      archivedSeq: journal.head.seq,
      enrolledKey: trustList?.find((t) => t.stationId === journal.stationId)?.publicKey ?? null,
    },
    heads,
  );
  return {
    stationId: journal.stationId,
    deploymentId: journal.deploymentId,
    report,
    verdict: verdictOf(report, trustList),
    head: journal.head,
    rowsSha256: journal.rowsSha256,
  };
}

/** How a recorded verdict names the trust it was given: none, or the SHA-256 of the list. */
export function trustLabel(trustList: readonly TrustEntry[] | null): string {
  if (!trustList) return 'journal-own-key';
  const text = trustList.map(formatTrustLine).sort().join('\n');
  return `trust-list:${createHash('sha256').update(text).digest('hex')}`;
}

/** Records a verdict so later reports need not verify the same entries again (see transparency.ts). */
async function recordVerification(
  db: pg.Pool,
  v: ArchivedVerification,
  trustList: readonly TrustEntry[] | null,
): Promise<void> {
  await recordVerifications(db, [v], trustList);
}

/**
 * Records many verdicts in one statement (one commit: a report over a thousand journals
 * does not wait for a thousand). A role without the right to record still gets its verdicts.
 */
export async function recordVerifications(
  db: pg.Pool,
  list: readonly ArchivedVerification[],
  trustList: readonly TrustEntry[] | null,
): Promise<void> {
  if (list.length === 0) return;
  const col = <T>(f: (v: ArchivedVerification) => T) => list.map(f);
  await db
    .query(
      `INSERT INTO lfr.verifications (station_id, deployment_id, through_seq, through_hash, verdict, detail, trust, rows_sha256, resume)
       SELECT s, d, q, h, v, t, $7, r, j
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $8::text[], $9::jsonb[])
         AS u(s, d, q, h, v, t, r, j)`,
      [
        col((v) => v.stationId),
        col((v) => v.deploymentId),
        col((v) => v.head.seq),
        col((v) => v.head.hash),
        col((v) => v.verdict.kind),
        col((v) => verdictSentence(v.verdict)),
        trustLabel(trustList),
        col((v) => v.rowsSha256),
        col((v) => (v.resume ? JSON.stringify(v.resume) : null)),
      ],
    )
    .catch(() => undefined);
}

export async function verifyArchivedDeployment(
  db: pg.Pool,
  opts: { deploymentId: string; stationId?: string; trustList: readonly TrustEntry[] | null },
): Promise<ArchivedVerification[]> {
  const refs = await archivedJournals(db, opts.deploymentId, opts.stationId);
  const heads = await shippedHeads(db, [opts.deploymentId]);
  const out: ArchivedVerification[] = [];
  for (const ref of refs) {
    const journal = await materializeJournal(db, ref);
    try {
      const result = await verifyMaterialized(
        journal,
        opts.trustList,
        headsOfJournal(heads, ref.stationId, ref.deploymentId),
      );
      await recordVerification(db, result, opts.trustList);
      out.push(result);
    } finally {
      await journal.dispose();
    }
  }
  return out;
}
