/**
 * Reads one station's journal for a deployment back out of the archive into the journal-v1
 * file layout (journal.jsonl + images/<sha256>) in a private temporary folder, so that the
 * station's own verifier and replay loader check it exactly as they check a file: one
 * verifier, not a second one for the archive.
 */
import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { beginEntriesAsTheyStand, RowsDigest } from './journal-digests';
import { dataIsGenerated, rowDrift, type ArchivedRow, type RowDrift } from './row-drift';

interface ArchivedJournalRef {
  stationId: string;
  deploymentId: string;
}

export interface MaterializedJournal extends ArchivedJournalRef {
  dir: string;
  journalFile: string;
  imagesDir: string;
  entries: number;
  /** The last archived row read (what a recorded verdict covers). */
  head: { seq: number; hash: string | null };
  /** Images the archive's retention purge removed (a record for each in lfr.image_purges). */
  purgedInArchive: Set<string>;
  /** The first row whose columns say other than its line (an owner's edit), or null. */
  drift: RowDrift | null;
  /** The rows' digest (journal-digests.ts: the same as the report computes in SQL). */
  rowsSha256: string;
  dispose(): Promise<void>;
}

const PAGE = 5000;

/** The station journals the archive holds for a deployment (optionally one station's). */
export async function archivedJournals(
  db: pg.Pool | pg.PoolClient,
  deploymentId: string,
  stationId?: string,
): Promise<ArchivedJournalRef[]> {
  const { rows } = await db.query<{ station_id: string }>(
    `SELECT DISTINCT station_id FROM lfr.entry_index WHERE deployment_id = $1 AND ($2::text IS NULL OR station_id = $2)
     ORDER BY station_id`,
    [deploymentId, stationId ?? null],
  );
  return rows.map((r) => ({ stationId: r.station_id, deploymentId }));
}

export async function materializeJournal(db: pg.Pool, ref: ArchivedJournalRef): Promise<MaterializedJournal> {
  const dir = await mkdtemp(join(tmpdir(), 'lfr-archive-'));
  await chmod(dir, 0o700);
  const journalFile = join(dir, 'journal.jsonl');
  const imagesDir = join(dir, 'images');
  await mkdir(imagesDir);
  const dispose = () => rm(dir, { recursive: true, force: true });
  // One snapshot for the pages, the images and the check of how `data` is made, the table's
  // definition held as that check finds it: rows a station adds meanwhile wait for the next read.
  const client = await db.connect().catch(async (error: unknown) => {
    await dispose();
    throw error;
  });
  try {
    await beginEntriesAsTheyStand(client);
    const handle = await open(journalFile, 'w');
    let entries = 0;
    let head: MaterializedJournal['head'] = { seq: 0, hash: null };
    let drift: RowDrift | null = null;
    const digest = new RowsDigest();
    // `data` is compared row by row only when the schema no longer generates it from `line`.
    const dataColumn = (await dataIsGenerated(client)) ? '' : ', data::text AS data';
    try {
      // Keyset pages in seq order: the journal is rebuilt line for line, gaps and all (a
      // gap is the verifier's to report, not ours to hide).
      let after = 0;
      for (;;) {
        const { rows } = await client.query<ArchivedRow>(
          `SELECT seq, hash, type, actor_id, line${dataColumn} FROM lfr.entries WHERE station_id = $1 AND deployment_id = $2 AND seq > $3
           ORDER BY seq LIMIT ${PAGE}`,
          [ref.stationId, ref.deploymentId, after],
        );
        if (rows.length === 0) break;
        await handle.write(rows.map((r) => `${r.line}\n`).join(''));
        for (let i = 0; drift === null && i < rows.length; i++) drift = rowDrift(rows[i]!);
        for (const r of rows) {
          digest.add(r.type, r.line);
        }
        entries += rows.length;
        after = Number(rows[rows.length - 1]!.seq);
        head = { seq: after, hash: rows[rows.length - 1]!.hash };
        if (rows.length < PAGE) break;
      }
    } finally {
      await handle.close();
    }
    const images = await client.query<{ sha256: string; bytes: Buffer | null }>(
      `SELECT i.sha256, i.bytes FROM lfr.images i
       WHERE i.sha256 IN (SELECT sha256 FROM lfr.image_refs WHERE station_id = $1 AND deployment_id = $2)`,
      [ref.stationId, ref.deploymentId],
    );
    await client.query('COMMIT');
    const purgedInArchive = new Set<string>();
    for (const row of images.rows) {
      if (!/^[0-9a-f]{64}$/.test(row.sha256)) continue;
      if (row.bytes === null) purgedInArchive.add(row.sha256);
      else await writeFile(join(imagesDir, row.sha256), row.bytes);
    }
    const rowsSha256 = digest.digest();
    return {
      ...ref,
      dir,
      journalFile,
      imagesDir,
      entries,
      head,
      purgedInArchive,
      drift,
      rowsSha256,
      dispose,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await dispose();
    throw error;
  } finally {
    client.release();
  }
}
