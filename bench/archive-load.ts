/**
 * The bench archive (`npm run bench -- archive`): 1,000 deployments of 1,000 entries, made
 * here as a station writes them (every entry hashed into the chain, a checkpoint signed
 * with the station's key at the writer's cadence and after every person's entry), so the
 * report's verifier checks real signatures and verdicts come out "verified".
 *
 * How it is loaded, and why as the owner: the archive's per-row guards (row-level security
 * by station login, and the triggers that take seq N only after N-1 and only a line
 * chained to the one before) are what stop a station writing as another; they are tested
 * as station logins (tests/integration/archive-trust.test.ts) and the bench's burst and
 * catch-up parts ship through them with the station's own shipper. A made-up year of
 * history is loaded by the owner instead, with those two triggers off for the load and on
 * again after, because they cost a JSON parse and three index reads a row, which would time
 * the loader, not the report; nothing the report reads depends on them (it verifies the
 * lines). Rows go in as INSERT ... SELECT FROM unnest() of 10,000 rows, each batch one
 * transaction with synchronous_commit off (a bench load, not evidence), two batches in
 * flight on two connections while the next is made.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { entryHash } from '../electron/core/journal/chain';
import { entryLine } from '../electron/core/journal/canonical-line';
import { createEphemeralSigner, type Signer } from '../electron/core/identity';
import { checkpointSigningText, GENESIS_HASH, type JournalEntry } from '../shared/journal/entries';
import { benchObserved } from './observed';

/** One deployment's journal, exactly `size` entries, signed as a station writes it. */
function deploymentJournal(
  signer: Signer,
  deploymentId: string,
  startsAt: number,
  size: number,
  images: Map<string, Buffer>,
): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let since = 0;
  const add = (type: string, actor: JournalEntry['actor'], data: Record<string, unknown>) => {
    const prev = entries.at(-1)?.hash ?? GENESIS_HASH;
    const at = new Date(startsAt + entries.length * 25_000).toISOString();
    const base = { seq: entries.length + 1, at, type, actor, data, prev };
    entries.push({ ...base, hash: entryHash(base) });
    if (type === 'checkpoint') since = 0;
    else since += 1;
  };
  const checkpoint = () => {
    const last = entries.at(-1)!;
    add('checkpoint', null, {
      seq: last.seq,
      hash: last.hash,
      signature: signer.sign(checkpointSigningText(signer.stationId, deploymentId, last.seq, last.hash)),
    });
  };
  const officer = { id: 'PC1', name: 'PC One' };
  add('journal-opened', null, {
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    appVersion: 'bench',
    deploymentId,
  });
  add('deployment', null, {
    v: 1,
    deploymentId,
    title: `Deployment ${deploymentId}`,
    location: { name: `Place ${deploymentId.slice(-2)}` },
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 8 * 3600_000).toISOString(),
    watchlist: { size: 1000 + (startsAt % 997) },
  });
  let alert = 0;
  let minute = 0;
  // Leave room for journal-closed and its checkpoint.
  while (entries.length < size - 2) {
    const room = size - 2 - entries.length;
    if (since >= 49) checkpoint();
    else if (alert < 10 && minute % 90 === 45 && room >= 6) {
      const alertId = `${deploymentId}-a${alert}`;
      const sha = (n: number) => {
        const bytes = Buffer.from(`${deploymentId}/${alert}/${n}`);
        const digest = createHash('sha256').update(bytes).digest('hex');
        images.set(digest, bytes);
        return digest;
      };
      const image = (n: number) => ({ sha256: sha(n), mime: 'image/jpeg', width: 8, height: 8, bytes: 64 });
      add('alert-received', null, {
        alertId,
        seq: alert + 1,
        deploymentId,
        capturedAt: new Date(startsAt + minute * 60_000).toISOString(),
        camera: { id: 'cam-1', label: 'Cam 1' },
        score: 0.7,
        threshold: 0.6,
        probe: image(1),
        subject: { entryId: `w${alert}`, category: 'c', tier: 'amber', reason: 'r', image: image(2) },
      });
      const engage = alert % 5 !== 4;
      add('decision', officer, {
        alertId,
        deploymentId,
        revision: 1,
        decision: engage ? 'engage' : 'no-engage',
        reasons: engage ? ['strong-likeness'] : ['subject-features-differ'],
        rationale: 'bench',
        operator: officer,
      });
      checkpoint();
      if (engage) {
        add('outcome', officer, {
          alertId,
          deploymentId,
          revision: 1,
          result: alert % 3 === 0 ? 'confirmed-false' : 'confirmed-true',
          action: alert % 3 === 0 ? 'advice' : 'arrest',
          stopMinutes: 5 + (alert % 7),
          notes: '',
          ...benchObserved(deploymentId, alert),
          recordedBy: officer,
          recordedAt: new Date(startsAt + minute * 60_000).toISOString(),
        });
        checkpoint();
      }
      alert += 1;
    } else {
      add('tally', null, {
        deploymentId,
        cameraId: 'cam-1',
        from: new Date(startsAt + minute * 60_000).toISOString(),
        to: new Date(startsAt + (minute + 1) * 60_000).toISOString(),
        faces: 200 + (minute % 400),
      });
      minute += 1;
    }
  }
  add('journal-closed', null, { reason: 'bench' });
  checkpoint();
  return entries;
}

interface Row {
  station: string;
  dep: string;
  e: JournalEntry;
  line: string;
}

/** Two connections, each taking a batch at a time: one is written while the next is made. */
class BatchWriter {
  private readonly clients: pg.Client[];
  private readonly busy: Array<Promise<void>> = [];
  private batches = 0;
  rows = 0;

  private constructor(clients: pg.Client[]) {
    this.clients = clients;
  }

  static async open(url: string, lanes = 2): Promise<BatchWriter> {
    const clients = await Promise.all(
      Array.from({ length: lanes }, async () => {
        const c = new pg.Client({ connectionString: url });
        c.on('error', () => undefined);
        await c.connect();
        await c.query('SET synchronous_commit = off');
        return c;
      }),
    );
    return new BatchWriter(clients);
  }

  async write(rows: Row[], refs: Array<[string, string, number, string]>): Promise<void> {
    if (this.busy.length >= this.clients.length) await this.busy.shift();
    // Batch k goes to connection k mod lanes: the one freed by the wait above.
    const client = this.clients[this.batches++ % this.clients.length]!;
    this.rows += rows.length;
    const job = writeBatch(client, rows, refs);
    this.busy.push(job);
  }

  async close(): Promise<void> {
    await Promise.all(this.busy);
    await Promise.all(this.clients.map((c) => c.end()));
  }
}

async function writeBatch(client: pg.Client, rows: Row[], refs: Array<[string, string, number, string]>) {
  const col = <T>(f: (r: Row) => T) => rows.map(f);
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO lfr.entry_index (station_id, deployment_id, seq, hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])`,
    [col((r) => r.station), col((r) => r.dep), col((r) => r.e.seq), col((r) => r.e.hash)],
  );
  await client.query(
    `INSERT INTO lfr.entries (station_id, deployment_id, seq, at, type, actor_id, hash, line)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[])`,
    [
      col((r) => r.station),
      col((r) => r.dep),
      col((r) => r.e.seq),
      col((r) => r.e.at),
      col((r) => r.e.type),
      col((r) => r.e.actor?.id ?? null),
      col((r) => r.e.hash),
      col((r) => r.line),
    ],
  );
  if (refs.length > 0)
    await client.query(
      `INSERT INTO lfr.image_refs (station_id, deployment_id, seq, sha256)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])`,
      [refs.map((r) => r[0]), refs.map((r) => r[1]), refs.map((r) => r[2]), refs.map((r) => r[3])],
    );
  await client.query('COMMIT');
}

function imageRefs(row: Row): Array<[string, string, number, string]> {
  if (row.e.type !== 'alert-received') return [];
  const d = row.e.data as { probe: { sha256: string }; subject: { image: { sha256: string } } };
  return [d.probe.sha256, d.subject.image.sha256].map((sha) => [row.station, row.dep, row.e.seq, sha]);
}

export interface BenchArchive {
  entries: number;
  /** Seconds to make and sign the journals (CPU) and to write them (all told). */
  seconds: number;
  /** SHA-256 of every line once, one core, no I/O: the floor for verifying them. */
  bareSha256Ms: number;
  /** Rows held back (the tails of the last deployments), written by loadHeldBack. */
  heldBack: Row[];
}

const STATIONS = 50;
export const benchStations = () =>
  Array.from({ length: STATIONS }, (_, i) => createEphemeralSigner(`station-${String(i).padStart(2, '0')}`));

/**
 * Loads `deployments` journals of `perDeployment` entries; of the last `growing` of them
 * only the first `growing ? perDeployment / 2 : 0` entries are written now (deployments
 * still running), the rest kept for loadHeldBack.
 */
export async function loadBenchArchive(
  ownerUrl: string,
  signers: Signer[],
  opts: { deployments: number; perDeployment: number; growing: number },
): Promise<BenchArchive> {
  const started = performance.now();
  const owner = new pg.Client({ connectionString: ownerUrl });
  owner.on('error', () => undefined);
  await owner.connect();
  await owner.query('ALTER TABLE lfr.entries DISABLE TRIGGER entries_follow_chain');
  await owner.query('ALTER TABLE lfr.entry_index DISABLE TRIGGER entry_index_in_order');
  const writer = await BatchWriter.open(ownerUrl);
  const images = new Map<string, Buffer>();
  const heldBack: Row[] = [];
  let rows: Row[] = [];
  let refs: Array<[string, string, number, string]> = [];
  let bareSha256Ms = 0;
  const start = Date.parse('2025-01-02T08:00:00Z');
  for (let d = 0; d < opts.deployments; d++) {
    const signer = signers[d % signers.length]!;
    const dep = `DEP-${String(d).padStart(4, '0')}`;
    const startsAt = start + Math.floor((d * 362 * 86_400_000) / opts.deployments);
    const journal = deploymentJournal(signer, dep, startsAt, opts.perDeployment, images);
    await owner.query(
      `INSERT INTO lfr.journals (station_id, deployment_id, public_key, opened_at) VALUES ($1, $2, $3, $4)`,
      [signer.stationId, dep, signer.publicKey, journal[0]!.at],
    );
    const cut = d >= opts.deployments - opts.growing ? Math.floor(journal.length / 2) : journal.length;
    for (const [i, e] of journal.entries()) {
      // The line as a station writes it (journal.ts): the entry's canonical JSON.
      const line = entryLine(e);
      const t = performance.now();
      createHash('sha256').update(line).digest('hex');
      bareSha256Ms += performance.now() - t;
      const row = { station: signer.stationId, dep, e, line };
      if (i >= cut) heldBack.push(row);
      else {
        rows.push(row);
        refs.push(...imageRefs(row));
      }
    }
    if (rows.length >= 10_000) {
      await writer.write(rows, refs);
      rows = [];
      refs = [];
    }
  }
  if (rows.length > 0) await writer.write(rows, refs);
  await writer.close();
  // Image bytes named by their hash (tiny: the images' cost is in the count, not the size).
  const shas = [...images.keys()];
  for (let i = 0; i < shas.length; i += 5000) {
    const part = shas.slice(i, i + 5000);
    await owner.query(
      `INSERT INTO lfr.images (sha256, size, bytes) SELECT s, length(b), b FROM unnest($1::text[], $2::bytea[]) AS u(s, b)`,
      [part, part.map((s) => images.get(s)!)],
    );
  }
  await owner.query('ALTER TABLE lfr.entries ENABLE TRIGGER entries_follow_chain');
  await owner.query('ALTER TABLE lfr.entry_index ENABLE TRIGGER entry_index_in_order');
  await owner.query('ANALYZE');
  await owner.end();
  return { entries: writer.rows, seconds: (performance.now() - started) / 1000, bareSha256Ms, heldBack };
}

/** The held-back tails, as the stations still running would ship them later. */
export async function loadHeldBack(ownerUrl: string, heldBack: Row[]): Promise<number> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  owner.on('error', () => undefined);
  await owner.connect();
  await owner.query('ALTER TABLE lfr.entries DISABLE TRIGGER entries_follow_chain');
  await owner.query('ALTER TABLE lfr.entry_index DISABLE TRIGGER entry_index_in_order');
  await owner.end();
  const writer = await BatchWriter.open(ownerUrl);
  for (let i = 0; i < heldBack.length; i += 10_000) {
    const part = heldBack.slice(i, i + 10_000);
    await writer.write(part, part.flatMap(imageRefs));
  }
  await writer.close();
  const again = new pg.Client({ connectionString: ownerUrl });
  again.on('error', () => undefined);
  await again.connect();
  await again.query('ALTER TABLE lfr.entries ENABLE TRIGGER entries_follow_chain');
  await again.query('ALTER TABLE lfr.entry_index ENABLE TRIGGER entry_index_in_order');
  await again.query('ANALYZE');
  await again.end();
  return writer.rows;
}
