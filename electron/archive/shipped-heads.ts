/**
 * The head each station signed and shipped (lfr.shipped_heads; issue 23 item 3), checked
 * against what the archive holds now. The shipper records the seq and hash each shipped
 * checkpoint signs, with its signature, in the transaction that ships it. A journal whose
 * archived rows end before such a head, or hold another entry at its seq, was cut or
 * rewritten after the station shipped it (only someone who can switch the triggers off can
 * do that): the verdict is tampered at that seq, and says "cut", not "unsealed".
 *
 * A head counts only when its signature verifies with the station's key (the enrolled one,
 * else the journal's own): a station login can insert heads for its own station, and one
 * that does not verify says nothing about the rows.
 */
import type pg from 'pg';
import { checkpointSigningText } from '../../shared/journal/entries';
import { verifySignature } from '../core/journal/signing';
import type { VerifyReport } from '../core/journal/verify';

export interface ShippedHead {
  seq: number;
  hash: string;
  signature: string;
  /** The hash of the archived entry at that seq now (null: no such row). */
  archivedHash: string | null;
}

const key = (stationId: string, deploymentId: string) => `${stationId}\n${deploymentId}`;

/** The shipped heads of the deployments' journals, newest first, with what the archive holds at each. */
export async function shippedHeads(
  db: pg.Pool | pg.PoolClient,
  deploymentIds: string[],
): Promise<Map<string, ShippedHead[]>> {
  const { rows } = await db.query<{
    station_id: string;
    deployment_id: string;
    seq: string;
    hash: string;
    signature: string;
    archived_hash: string | null;
  }>(
    `SELECT h.station_id, h.deployment_id, h.seq, h.hash, h.signature,
       (SELECT e.hash FROM lfr.entries e
        WHERE e.station_id = h.station_id AND e.deployment_id = h.deployment_id AND e.seq = h.seq
        LIMIT 1) AS archived_hash
     FROM lfr.shipped_heads h WHERE h.deployment_id = ANY($1)
     ORDER BY h.station_id, h.deployment_id, h.seq DESC`,
    [deploymentIds],
  );
  const out = new Map<string, ShippedHead[]>();
  for (const r of rows) {
    const list = out.get(key(r.station_id, r.deployment_id)) ?? [];
    list.push({ seq: Number(r.seq), hash: r.hash, signature: r.signature, archivedHash: r.archived_hash });
    out.set(key(r.station_id, r.deployment_id), list);
  }
  return out;
}

export const headsOfJournal = (heads: Map<string, ShippedHead[]>, stationId: string, deploymentId: string) =>
  heads.get(key(stationId, deploymentId)) ?? [];

/**
 * The first way the archived journal falls short of the newest head its station signed
 * and shipped, or null. `lastSeq` is the last archived seq the verifier read.
 */
function shortOfShippedHead(
  journal: { stationId: string; deploymentId: string; publicKey: string | null; lastSeq: number },
  heads: readonly ShippedHead[],
): { seq: number; reason: string } | null {
  const publicKey = journal.publicKey;
  if (!publicKey) return null;
  const signed = heads.find((h) =>
    verifySignature(
      publicKey,
      checkpointSigningText(journal.stationId, journal.deploymentId, h.seq, h.hash),
      h.signature,
    ),
  );
  if (!signed) return null;
  if (signed.archivedHash === null)
    return {
      seq: Math.min(journal.lastSeq + 1, signed.seq),
      reason:
        `cut: the station signed and shipped entries up to seq ${signed.seq}, ` +
        `but the archive holds its journal only up to seq ${journal.lastSeq}`,
    };
  if (signed.archivedHash !== signed.hash)
    return {
      seq: signed.seq,
      reason: `the archived entry at seq ${signed.seq} is not the one the station signed and shipped`,
    };
  return null;
}

/** The report with the shortfall as its first failure (when it comes before any other). */
export function withShippedHeads(
  report: VerifyReport,
  journal: { stationId: string; deploymentId: string; archivedSeq: number; enrolledKey: string | null },
  heads: readonly ShippedHead[],
): VerifyReport {
  const short = shortOfShippedHead(
    {
      stationId: journal.stationId,
      deploymentId: journal.deploymentId,
      publicKey: journal.enrolledKey ?? report.publicKey,
      lastSeq: journal.archivedSeq,
    },
    heads,
  );
  if (!short || (report.failure && report.failure.seq <= short.seq)) return report;
  return { ...report, ok: false, failure: short };
}
