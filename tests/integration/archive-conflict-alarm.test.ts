/**
 * Issue 23 item 5: an archive conflict is an alarm only a supervisor clears. The station
 * ships its journal to a real PostgreSQL archive; the archive's owner (triggers off) edits
 * a shipped row, so the archive holds another entry at that seq than the journal. At its
 * next start the shipper finds it: recorded in lfr.conflicts, nothing overwritten, and the
 * station raises it into the standing alarm store, journalled, standing through sign-ins and
 * restarts until a supervisor resolves it with a note (journalled in their name); then the
 * same conflict found again raises nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivePortsOf } from '../../electron/archive/station-link';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import type { JournalEntry } from '../../shared/journal/entries';
import type { StationSnapshot } from '../../shared/view';
import { signInWithAccount } from '../helpers/accounts';
import {
  createTestArchive,
  enrolStation,
  journalIdentity,
  reserveStationLogin,
  withClient,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { closeAfterEach, startTestCore, writeStationSettings } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'archive-conflict-token';
const cleanup = closeAfterEach();
let pgServer: TestPostgres;
beforeAll(async () => {
  pgServer = await startPostgres();
}, 120_000);
afterAll(async () => {
  await pgServer?.stop();
});

async function station(feedUrl: string, dataDir: string, archiveUrl: string) {
  writeStationSettings(dataDir, { dwellMs: 0 });
  const core = await startTestCore({
    dataDir,
    feedUrl,
    token: TOKEN,
    ackTimeoutMs: 1000,
    ...archivePortsOf({ archive: archiveUrl, archiveReader: null }),
  });
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanup.push(close);
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  const alarm = () => latest?.safeguards.find((w) => w.code === 'archive-conflict');
  return { core, close, snapshot: () => latest, alarm };
}

const entriesWith = (file: string, code: string): JournalEntry[] =>
  readJournal(file).filter((e) => e.type === 'safeguard-warning' && e.data.code === code);

describe('an archive conflict', () => {
  it('found after the owner edits a shipped row, stands through sign-ins and restarts until a supervisor resolves it', async () => {
    const archive = await createTestArchive(pgServer, 'conflict');
    const feed = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
    cleanup.push(() => feed.close());
    const login = reserveStationLogin(archive);
    const dataDir = tempDir('rs-archive-conflict-');
    const id = feed.deployment.deploymentId;
    const file = journalFile(dataDir, id);
    const first = await station(feed.url, dataDir, login.url);
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('\n'), 'journal opened');
    await enrolStation(archive, journalIdentity(file), login);
    expect((await feed.emitAlert()).ack).toBe('stored');
    await first.close();

    // Everything the journal holds is in the archive (the station drains it as it closes).
    const archivedSeqs = () =>
      withClient(archive.readerUrl, async (c) =>
        (await c.query<{ seq: string }>('SELECT seq FROM lfr.entry_index ORDER BY seq')).rows.map((r) =>
          Number(r.seq),
        ),
      );
    const shippedTo = readJournal(file).length;
    await waitFor(async () => (await archivedSeqs()).length === shippedTo, 'every entry archived', 30_000);

    // The archive's owner turns the append-only triggers off and edits the last shipped row.
    const forged = 'e'.repeat(64);
    await withClient(archive.ownerUrl, async (c) => {
      await c.query('ALTER TABLE lfr.entry_index DISABLE TRIGGER USER');
      await c.query('UPDATE lfr.entry_index SET hash = $1 WHERE deployment_id = $2 AND seq = $3', [
        forged,
        id,
        shippedTo,
      ]);
      await c.query('ALTER TABLE lfr.entry_index ENABLE TRIGGER USER');
    });

    const second = await station(feed.url, dataDir, login.url);
    const warning = await waitFor(() => second.alarm(), 'the archive-conflict alarm', 30_000);
    expect(warning).toMatchObject({
      severity: 'serious',
      title: 'Archive conflict',
      alarm: { kind: 'archive-conflict', deploymentId: id },
      values: { variant: 'archive-hash', seq: String(shippedTo), archivedHash: `${'e'.repeat(12)}…` },
    });
    expect(warning.detail).toMatch(
      new RegExp(`another entry at seq ${shippedTo} of deployment ${id} .*Nothing was overwritten`),
    );
    await waitFor(() => entriesWith(file, 'archive-conflict').length === 1, 'the alarm journalled');
    // The status bar still says what the archive found; the archive keeps its record of it.
    expect(second.snapshot()?.archive?.alarm).toMatch(/integrity alarm/);
    const conflicts = await withClient(archive.readerUrl, async (c) =>
      (await c.query('SELECT seq, archived_hash FROM lfr.conflicts')).rows.map((r: { seq: string }) => r),
    );
    expect(conflicts).toEqual([{ seq: String(shippedTo), archived_hash: forged }]);
    for (const n of [1, 2, 3]) {
      await signInWithAccount(second.core, dataDir, { id: `PC ${n}3`, name: `PC ${n}3`, role: 'officer' });
      expect(second.alarm(), `after sign-in ${n}`).toBeDefined();
      if (n === 3) break;
      expect((await second.core.services.signOut({})).ok).toBe(true);
    }
    const note = 'Archive row edited by the DBA during maintenance; ticket INC-2231 raised with the force';
    expect(
      await second.core.services.resolveAlarm({ kind: 'archive-conflict', deploymentId: id, note }),
    ).toMatchObject({ ok: false });
    await second.close();

    // A restart: the shipper finds the same conflict again; the alarm stands, raised once.
    const third = await station(feed.url, dataDir, login.url);
    await waitFor(() => third.snapshot()?.deployment, 'deployment');
    expect(third.alarm()).toBeDefined();
    await waitFor(() => third.snapshot()?.archive?.alarm, 'the shipper found it again', 30_000);
    expect(entriesWith(file, 'archive-conflict')).toHaveLength(1);
    await signInWithAccount(third.core, dataDir, { id: 'SGT 23', name: 'Sgt Price', role: 'supervisor' });
    expect(
      await third.core.services.resolveAlarm({ kind: 'archive-conflict', deploymentId: id, note }),
    ).toEqual({ ok: true });
    await waitFor(() => !third.alarm(), 'the alarm gone');
    const [resolution] = entriesWith(file, 'archive-conflict-resolved');
    expect(resolution).toMatchObject({ actor: { id: 'SGT 23' } });
    expect(resolution!.data.detail).toContain(note);
    await third.close();

    // Resolved stays resolved, though the archive still holds the edited row.
    const fourth = await station(feed.url, dataDir, login.url);
    await waitFor(() => fourth.snapshot()?.archive?.alarm, 'the shipper found it again', 30_000);
    expect(fourth.alarm()).toBeUndefined();
    expect(entriesWith(file, 'archive-conflict')).toHaveLength(1);
  });
});
