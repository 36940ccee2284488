/**
 * Issue 27, end to end on a real PostgreSQL: an outcome recorded with and without
 * `observed` at a real station core goes into its journal, to the feed (the training feed
 * records it), to the archive (the station's shipper), into a replay across stations'
 * statistics and into the transparency report, whose equality section hides small counts.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArchivePool } from '../../electron/archive/connection';
import { loadArchivedReplay } from '../../electron/archive/replay-archive';
import { buildTransparencyReport } from '../../electron/archive/transparency';
import { archiveEqualityRecords } from '../../electron/archive/transparency-equality';
import { writeTransparencyPdf } from '../../electron/archive/transparency-pdf';
import { transparencyCsv } from '../../electron/archive/transparency-csv';
import { archivePortsOf } from '../../electron/archive/station-link';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import { equalityStats, replayEqualityStats } from '../../shared/equality-stats';
import { signInWithAccount } from '../helpers/accounts';
import {
  createTestArchive,
  enrolStation,
  journalIdentity,
  reserveStationLogin,
  type TestArchive,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startTestCore, writeStationSettings } from '../helpers/station';
import { pdfTextRuns } from '../unit/report-pdf-text';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'equality-token';
let server: TestPostgres;
let archive: TestArchive;
let feed: TrainingFeedServer;
let deploymentId: string;
let startsAt: string;
let journal: ReturnType<typeof readJournal>;
const alertIds: string[] = [];

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'equality');
  feed = await TrainingFeedServer.start({
    rate: 0,
    token: TOKEN,
    scenes: false,
    tallyEveryMs: 0,
    // Standing in for a real feed: a practice deployment would never reach the report's figures.
    deployment: { training: false },
  });
  const dataDir = tempDir('rs-equality-');
  // The station makes its key at its first start and is enrolled once it has one.
  const login = reserveStationLogin(archive);
  writeStationSettings(dataDir, { dwellMs: 0 });
  const core = await startTestCore({
    dataDir,
    feedUrl: feed.url,
    token: TOKEN,
    ...archivePortsOf({ archive: login.url, archiveReader: null }),
    log: () => undefined,
  });
  try {
    deploymentId = feed.deployment.deploymentId;
    // Its first line written whole, not only the file made (journal-opened names the key).
    const file = journalFile(dataDir, deploymentId);
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('\n'), 'journal opened');
    await enrolStation(archive, journalIdentity(journalFile(dataDir, deploymentId)), login);
    await signInWithAccount(core, dataDir, { id: 'PC 9', name: 'Kim Ode', role: 'officer' });
    startsAt = feed.deployment.startsAt;
    const observed = [{ sex: 'female', ethnicity: 'asian' } as const, undefined];
    for (const given of observed) {
      const { payload } = await feed.emitAlert();
      alertIds.push(payload.alertId);
      await waitFor(async () => (await core.services.alertShown({ alertId: payload.alertId })).ok, 'shown');
      const decided = await core.services.recordDecision({
        alertId: payload.alertId,
        decision: 'engage',
        reasons: [REASON_CODES[0]!.code],
        rationale: 'Same scar above the left eyebrow and the same jawline.',
      });
      expect(decided.ok).toBe(true);
      const outcome = await core.services.recordOutcome({
        alertId: payload.alertId,
        result: given ? 'confirmed-false' : 'confirmed-true',
        notes: '',
        ...(given ? { observed: given } : {}),
      });
      expect(outcome.ok).toBe(true);
    }
    await waitFor(() => feed.outcomes.size === 2, 'the feed to record both outcomes');
  } finally {
    await core.close();
  }
  journal = readJournal(journalFile(dataDir, deploymentId));
}, 180_000);
afterAll(async () => {
  await feed?.close();
  await server?.stop();
});

it('journals observed in the outcome and the feed records it, and neither has it when none was given', () => {
  const outcomes = journal.filter((e) => e.type === 'outcome');
  expect(outcomes.map((e) => e.data.observed)).toEqual([{ sex: 'female', ethnicity: 'asian' }, undefined]);
  const sent = [...feed.outcomes.values()].sort(
    (a, b) => alertIds.indexOf(a.alertId) - alertIds.indexOf(b.alertId),
  );
  expect(sent.map((o) => o.observed)).toEqual([{ sex: 'female', ethnicity: 'asian' }, undefined]);
});

it('reads the same figures from the archive as the replay across stations shows', async () => {
  const db = createArchivePool(archive.readerUrl);
  try {
    await waitFor(
      async () => (await db.query(`SELECT 1 FROM lfr.entries WHERE type = 'journal-closed'`)).rowCount === 1,
      'the journal to be shipped to its end',
    );
    const { records } = await archiveEqualityRecords(db, [
      { stationId: String(journal[0]!.data.stationId), deploymentId },
    ]);
    const fromArchive = equalityStats(records);
    const replay = await loadArchivedReplay(db, deploymentId);
    expect(replay.alerts.find((a) => a.alertId === alertIds[0])?.observed).toEqual({
      sex: 'female',
      ethnicity: 'asian',
    });
    const fromReplay = replayEqualityStats(replay);
    expect(fromArchive.sex).toEqual(fromReplay.sex);
    expect(fromArchive.ethnicity).toEqual(fromReplay.ethnicity);
    expect(fromReplay.sex.groups.map((g) => [g.group, g.alerts, g.confirmedFalse])).toEqual([
      ['female', 1, 1],
      ['male', 0, 0],
      ['not-recorded', 1, 0],
    ]);
    expect(fromReplay.ethnicity.groups.find((g) => g.group === 'asian')).toMatchObject({ alerts: 1 });
    expect(fromReplay.strata.map((s) => [s.algorithm, s.threshold])).toEqual([['FaceMatch 4.2.1', 0.64]]);
  } finally {
    await db.end();
  }
});

it('publishes the transparency report’s equality section with counts under 5 hidden, in the PDF too', async () => {
  const db = createArchivePool(archive.readerUrl);
  try {
    const day = startsAt.slice(0, 10);
    const report = await buildTransparencyReport(db, { from: day, to: day });
    expect(report.rows.map((r) => r.deploymentId)).toEqual([deploymentId]);
    const female = report.equality.sex.groups.find((g) => g.group === 'female')!;
    expect(female.counts.alerts).toEqual({ text: '<5', value: null });
    expect(female.falseShare).toBeNull();
    expect(report.equality.sex.total.counts.alerts.text).toBe('<5');
    // Zero is not hidden: it says nothing about anyone.
    expect(report.equality.sex.groups.find((g) => g.group === 'male')!.counts.alerts.text).toBe('0');
    expect(JSON.stringify(report.equality)).not.toMatch(/"value":[1-4][,}]/);
    const file = join(mkdtempSync(join(tmpdir(), 'rs-equality-pdf-')), 'report.pdf');
    await writeTransparencyPdf(report, file, 'test');
    const text = pdfTextRuns(readFileSync(file)).join(' ');
    expect(text).toContain('Equality monitoring');
    expect(text).toContain('perception');
    expect(text).toContain('<5');
  } finally {
    await db.end();
  }
});

it('writes the equality section to the transparency CSV with the same suppression as the PDF', async () => {
  const db = createArchivePool(archive.readerUrl);
  try {
    const day = startsAt.slice(0, 10);
    const report = await buildTransparencyReport(db, { from: day, to: day });
    const rows = transparencyCsv(report)
      .text.replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const equality = rows.filter((r) => r[0] === 'equality');
    expect(equality.every((r) => r.length === header.length)).toBe(true);
    const row = (scope: string, dimension: string, group: string) =>
      equality.find(
        (r) =>
          r[col('equalityScope')] === scope &&
          r[col('observedDimension')] === dimension &&
          r[col('observedGroup')] === group,
      )!;
    // Whole period, both tables, every group and the total; then the one split.
    expect(equality.filter((r) => r[col('equalityScope')] === 'all')).toHaveLength(
      report.equality.sex.groups.length + report.equality.ethnicity.groups.length + 2,
    );
    const female = row('all', 'sex', 'female');
    expect(female[col('alerts')]).toBe('<5');
    expect(female[col('confirmedFalse')]).toBe('<5');
    expect(female[col('falseShare')]).toBe(''); // made of hidden counts: not given
    expect(row('all', 'sex', 'male')[col('alerts')]).toBe('0');
    expect(row('all', 'sex', 'total')[col('alerts')]).toBe('<5');
    // Exactly what the PDF publishes, cell by cell, and no count from 1 to 4 anywhere.
    for (const g of report.equality.ethnicity.groups)
      expect(row('all', 'ethnicity', g.group)[col('alerts')]).toBe(g.counts.alerts.text);
    const counts = ['alerts', 'confirmedTrue', 'confirmedFalse', 'notLocated'].map(col);
    for (const r of equality) for (const c of counts) expect(r[c]).not.toMatch(/^[1-4]$/);
    const split = equality.filter((r) => r[col('equalityScope')] === 'FaceMatch 4.2.1 threshold 0.64');
    expect(split.length).toBeGreaterThan(0);
    expect(split.find((r) => r[col('observedGroup')] === 'total')![col('alerts')]).toBe('<5');
  } finally {
    await db.end();
  }
});
