/**
 * Which station journals the transparency report may count. The trust list is the
 * archive's enrolled stations (lfr.stations): a journal of a station nobody enrolled, or
 * signed by another key than the one enrolled for its station, is set apart with that
 * reason, whatever role inserted it. The others are checked by the station's own verifier
 * (materialize + verifyMaterialized); an unsealed journal of a deployment whose record
 * says it has not ended yet is "in progress", not a failure.
 *
 * A verdict recorded earlier by the verifier's role (lfr.verifications, which only
 * lfr_verifier may write) against the same trust list is reused while the journal has not
 * grown and its rows still hash to what the verifier read (so an owner's edit with the
 * triggers off is verified again, and caught); `reverify` checks every journal again.
 */
import type pg from 'pg';
import { verdictSentence, type VerdictKind } from '../../shared/journal/verdict';
import type { TrustEntry } from '../core/journal/trust';
import { enrolledStations } from './enrol';
import { materializeJournal } from './materialize';
import { dataIsGenerated } from './row-drift';
import { recordVerification, trustLabel, verifyMaterialized } from './verify-archive';

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
  rows_sha256: string | null;
  /** What the rows hash to now (lfr.rows_sha256): the verdict holds only while they match. */
  rows_now: string | null;
  through_seq: string;
  through_hash: string | null;
  verdict: VerdictKind;
  detail: string;
}

export interface VerdictOptions {
  reverify?: boolean;
  now: number;
  onProgress?: (done: number, total: number) => void;
}

export interface JournalVerdicts {
  verdicts: JournalVerdict[];
  verifiedNow: number;
  reused: number;
}

async function headsOf(db: pg.Pool, deploymentIds: string[]): Promise<Head[]> {
  const { rows } = await db.query<Head>(
    // Every journal with any entry in the archive, whether or not its seq 1 arrived, and
    // the end its own latest deployment record names (for "in progress").
    `WITH h AS (
       SELECT station_id, deployment_id, max(seq) AS seq FROM lfr.entry_index
       WHERE deployment_id = ANY($1) GROUP BY station_id, deployment_id
     )
     SELECT h.station_id, h.deployment_id, h.seq, i.hash,
       (SELECT e.data->>'endsAt' FROM lfr.entries e
        WHERE e.station_id = h.station_id AND e.deployment_id = h.deployment_id AND e.type = 'deployment'
        ORDER BY e.seq DESC LIMIT 1) AS ends_at
     FROM h JOIN lfr.entry_index i USING (station_id, deployment_id, seq)
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
    // Each verdict's rows are hashed again in the database (far cheaper than verifying
    // signatures): an owner who edited a row with the triggers off gets no reuse.
    `WITH v AS (
       SELECT DISTINCT ON (station_id, deployment_id) station_id, deployment_id, through_seq, through_hash, verdict,
         detail, rows_sha256
       FROM lfr.verifications WHERE trust = $2 AND deployment_id = ANY($1) AND rows_sha256 IS NOT NULL
       ORDER BY station_id, deployment_id, id DESC
     )
     SELECT v.*, lfr.rows_sha256(v.station_id, v.deployment_id) AS rows_now FROM v`,
    [deploymentIds, trustLabel(trust)],
  );
  return new Map(rows.map((r) => [`${r.station_id}\n${r.deployment_id}`, r]));
}

function standingOf(kind: VerdictKind, endsAt: string | null, now: number): JournalStanding {
  if (kind !== 'unsealed') return kind;
  const ends = endsAt === null ? NaN : Date.parse(endsAt);
  return Number.isFinite(ends) && ends > now ? 'in-progress' : 'unsealed';
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
  const recorded = opts.reverify
    ? new Map<string, Recorded>()
    : await recordedVerdicts(db, deploymentIds, trust);
  // With `data` no longer generated from `line`, every journal's rows are compared again.
  const dataGenerated = await dataIsGenerated(db);
  const verdicts: JournalVerdict[] = [];
  let verifiedNow = 0;
  let reused = 0;
  let done = 0;
  const judge = async (head: Head): Promise<JournalVerdict> => {
    const base = { stationId: head.station_id, deploymentId: head.deployment_id };
    if (!enrolled.has(head.station_id))
      return {
        ...base,
        standing: 'not-enrolled',
        detail: `station ${head.station_id} is not enrolled in this archive`,
        reused: false,
      };
    const prior = recorded.get(`${head.station_id}\n${head.deployment_id}`);
    if (
      prior &&
      dataGenerated &&
      Number(prior.through_seq) === Number(head.seq) &&
      prior.through_hash === head.hash &&
      prior.rows_now === prior.rows_sha256
    ) {
      reused += 1;
      const standing = standingOf(prior.verdict, head.ends_at, opts.now);
      return { ...base, standing, detail: prior.detail, reused: true };
    }
    const journal = await materializeJournal(db, base);
    try {
      const result = await verifyMaterialized(journal, trust);
      await recordVerification(db, result, trust);
      verifiedNow += 1;
      const standing = standingOf(result.verdict.kind, head.ends_at, opts.now);
      return { ...base, standing, detail: verdictSentence(result.verdict), reused: false };
    } finally {
      await journal.dispose();
    }
  };
  // Two at a time: one journal is read out of the database while the other is verified.
  const queue = [...heads];
  await Promise.all(
    [0, 1].map(async () => {
      for (let head = queue.shift(); head; head = queue.shift()) {
        verdicts.push(await judge(head));
        opts.onProgress?.(++done, heads.length);
      }
    }),
  );
  verdicts.sort(
    (a, b) => a.deploymentId.localeCompare(b.deploymentId) || a.stationId.localeCompare(b.stationId),
  );
  return { verdicts, verifiedNow, reused };
}
