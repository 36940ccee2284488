/**
 * One replay across stations through the supervisor's replay services, on a real
 * PostgreSQL: two stations' journals of one deployment are shipped to the archive; with
 * --archive-reader the supervisor lists the deployment, opens it (each station's journal
 * verified, all merged on one timeline, each event with its station and officer) and
 * exports it, journalled in this station's access journal.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveReader } from '../../electron/archive/archive-reader';
import { createEphemeralSigner } from '../../electron/core/identity';
import { createReplayServices, type ReplayServices } from '../../electron/core/replay/service';
import type { Role } from '../../shared/vocabulary';
import {
  createTestArchive,
  enrolStation,
  writeDeploymentJournal,
  type TestArchive,
  shipAll,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { readJournal, tempDir } from './util';

let server: TestPostgres;
let archive: TestArchive;
let stationBUrl: string;
const stationA = createEphemeralSigner('station-A');
const stationB = createEphemeralSigner('station-B');
const reviewer = createEphemeralSigner('station-HQ');
const services: ReplayServices[] = [];

async function ship(root: string, url: string) {
  expect((await shipAll(root, url)).behindEntries).toBe(0);
}

function replayServices(opts: { reader: string | null; role: Role | null; dataDir?: string }) {
  const dataDir = opts.dataDir ?? tempDir('rs-hq-');
  const s = createReplayServices({
    dataDir,
    stationRoot: dataDir,
    signer: reviewer,
    appVersion: 'test',
    operator: () => (opts.role ? { id: 'SUP-9', name: 'Sgt Nine', role: opts.role } : null),
    appendToStation: () => Promise.reject(new Error('no station journal here')),
    emitProgress: () => undefined,
    archiveReader: opts.reader ? createArchiveReader(opts.reader) : null,
  });
  services.push(s);
  return { s, dataDir };
}

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'replay', stationA);
  stationBUrl = await enrolStation(archive, stationB);
  const rootA = tempDir('rs-arch-a-');
  const rootB = tempDir('rs-arch-b-');
  const plan = {
    deploymentId: 'D7',
    startsAt: '2026-04-02T09:00:00Z',
    place: 'Kings Cross',
    watchlistSize: 900,
  };
  await writeDeploymentJournal(rootA, stationA, {
    ...plan,
    tallies: [1000],
    alerts: [
      { decision: 'engage', result: 'confirmed-true', action: 'arrest', stopMinutes: 9 },
      { decision: 'no-engage', reasons: ['subject-features-differ'] },
    ],
  });
  await writeDeploymentJournal(
    rootB,
    stationB,
    { ...plan, tallies: [], alerts: [{ decision: 'engage', result: 'confirmed-false', action: 'advice' }] },
    'b',
  );
  await ship(rootA, archive.stationUrl);
  await ship(rootB, stationBUrl);
}, 120_000);

afterAll(async () => {
  for (const s of services) await s.close();
  await server?.stop();
});

describe('a supervisor replays a deployment from the archive (--archive-reader)', () => {
  it('lists the deployment with both stations, opens it on one timeline, and exports it on the record', async () => {
    const { s, dataDir } = replayServices({ reader: archive.readerUrl, role: 'supervisor' });
    const listed = await s.listArchiveDeployments({});
    if (!listed.ok) throw new Error(listed.error);
    expect(listed.deployments).toEqual([
      expect.objectContaining({
        key: 'archive:D7',
        deploymentId: 'D7',
        stations: ['station-A', 'station-B'],
      }),
    ]);
    expect(listed.deployments[0]!.entries).toBeGreaterThan(10);

    const opened = await s.openReplay({ key: 'archive:D7' });
    if (!opened.ok) throw new Error(opened.error);
    const replay = opened.replay;
    // Each station's journal has its own verdict (against its own key: no trust list given).
    expect(replay.stations?.map((st) => [st.stationId, st.integrity.status])).toEqual([
      ['station-A', 'verified'],
      ['station-B', 'verified'],
    ]);
    const decisions = replay.events.filter((e) => e.type === 'decision');
    expect(decisions.map((e) => e.station).sort()).toEqual(['station-A', 'station-A', 'station-B']);
    for (const e of decisions) expect(e.actor).toEqual({ id: 'PC1', name: 'PC One' });
    const times = replay.events.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(new Set(replay.events.map((e) => e.station))).toEqual(new Set(['station-A', 'station-B']));
    expect(replay.alerts).toHaveLength(3);
    // The screen shows the faces exactly as the officers saw them: read from the archive,
    // kept for this session where the image route finds them, the bytes their hash names.
    for (const alert of replay.alerts)
      for (const image of [alert.probe, alert.subject.image]) {
        const path = s.resolveImportImage('D7', image.sha256);
        expect(path).not.toBeNull();
        expect(createHash('sha256').update(readFileSync(path!)).digest('hex')).toBe(image.sha256);
      }

    const csv = await s.exportReplay({ key: 'archive:D7', kind: 'csv' });
    if (!csv.ok) throw new Error(csv.error);
    expect(existsSync(csv.path)).toBe(true);
    // A bundle carries one station's journal: not for a replay across stations.
    expect(await s.exportReplay({ key: 'archive:D7', kind: 'bundle' })).toMatchObject({ ok: false });
    // Nor a review: it belongs in the journal it is about, which this station does not hold.
    const decided = replay.alerts.find((a) => a.decisions.length > 0)!;
    expect(
      await s.supervisorReview({
        key: 'archive:D7',
        alertId: decided.alertId,
        revision: 1,
        verdict: 'countersign',
        comment: 'Compared the faces myself and agree.',
      }),
    ).toMatchObject({ ok: false, error: /belongs in the journal it is about/ });

    // Opening and exporting are on this station's record: its access journal, saying why there.
    const access = readJournal(join(dataDir, 'replay-access', 'journal.jsonl'));
    const opening = access.find((e) => e.type === 'replay-opened');
    expect(opening?.data).toMatchObject({ key: 'archive:D7', by: { id: 'SUP-9' } });
    expect(String((opening?.data as { fallback?: string }).fallback)).toMatch(/archive/);
    const exported = access.filter((e) => e.type === 'export');
    expect(exported).toHaveLength(1);
    expect(exported[0]!.data).toMatchObject({ kind: 'csv', key: 'archive:D7', bytes: csv.bytes });
    expect(readFileSync(csv.path, 'utf8')).toContain('PC One');
  });

  it('refuses officers, and says how to read an archive when none is given', async () => {
    const officer = replayServices({ reader: archive.readerUrl, role: 'officer' }).s;
    expect(await officer.listArchiveDeployments({})).toMatchObject({ ok: false, error: /supervisor/ });
    expect(await officer.openReplay({ key: 'archive:D7' })).toMatchObject({ ok: false, error: /supervisor/ });
    const none = replayServices({ reader: null, role: 'supervisor' }).s;
    expect(await none.listArchiveDeployments({})).toMatchObject({ ok: false, error: /--archive-reader/ });
    expect(await none.openReplay({ key: 'archive:D7' })).toMatchObject({ ok: false });
  });

  it('answers an unreachable archive with an error, password withheld', async () => {
    const bad = server.url('replay_nope', 'auditor', 'secret-pw');
    const { s } = replayServices({ reader: bad, role: 'supervisor' });
    const listed = await s.listArchiveDeployments({});
    expect(listed).toMatchObject({ ok: false, error: /the archive could not list/ });
    expect(JSON.stringify(listed)).not.toContain('secret-pw');
  });
});
