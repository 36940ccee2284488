/**
 * Issue 22 item 5 across stations: three real station cores (two officers and a
 * supervisor) review one training-feed deployment with claims; their journals are shipped
 * to a real PostgreSQL archive, and a supervisor elsewhere opens the deployment from the
 * archive as one replay. For each alert it shows who held it, from when to when, how the
 * hold ended, at which station, and the take-over; the statistics count the claims, the
 * take-over and no disagreement (every alert was decided at one station). The force-wide
 * transparency report over the same archive counts the deployment (not a practice one)
 * with the same claim times and take-over, in its printed line, its CSV and its PDF.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as reportMain } from '../../electron/cli/report';
import { ArchiveShipper } from '../../electron/archive/shipper';
import { createArchiveReader } from '../../electron/archive/archive-reader';
import { createEphemeralSigner } from '../../electron/core/identity';
import { createReplayServices } from '../../electron/core/replay/service';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import { computeStats } from '../../shared/replay-stats';
import { signInWithAccount } from '../helpers/accounts';
import {
  createTestArchive,
  enrolStation,
  journalIdentity,
  withSecretFiles,
  type TestArchive,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, tempDir, waitFor } from './util';
import { parseCsv } from '../helpers/csv';

const TOKEN = 'test-token';
const cleanup = closeAfterEach();
let pg: TestPostgres;
let archive: TestArchive;

beforeAll(async () => {
  pg = await startPostgres();
  archive = await createTestArchive(pg, 'claims_replay');
}, 120_000);
afterAll(async () => {
  await pg?.stop();
});

type Person = { id: string; name: string; role: 'officer' | 'supervisor' };
const MORGAN: Person = { id: 'PC 1', name: 'PC Morgan', role: 'officer' };
const REES: Person = { id: 'PC 2', name: 'PC Rees', role: 'officer' };
const HALL: Person = { id: 'SGT 9', name: 'Sgt Hall', role: 'supervisor' };

async function seat(server: TrainingFeedServer, person: Person) {
  const dataDir = tempDir('rs-claims-arch-');
  const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: TOKEN });
  await waitFor(() => snapshot()?.deployment, 'deployment');
  await signInWithAccount(core, dataDir, person);
  return { core, snapshot, dataDir, person };
}
type Seat = Awaited<ReturnType<typeof seat>>;

const decide = async (s: Seat, alertId: string) => {
  const res = await s.core.services.recordDecision({
    alertId,
    decision: 'no-engage',
    reasons: [REASON_CODES[2]!.code],
    rationale: 'Different nose shape and no scar above the left eyebrow.',
  });
  expect(res.ok).toBe(true);
};

async function alertAtEverySeat(server: TrainingFeedServer, seats: Seat[]) {
  const { payload } = await server.emitAlert();
  for (const s of seats)
    await waitFor(
      () => s.snapshot()?.alerts.some((a) => a.alertId === payload.alertId),
      'the alert at a seat',
    );
  return payload.alertId;
}

describe('a shared deployment replayed across stations from the archive', () => {
  it('shows who held each alert and for how long, who decided, and the take-over', async () => {
    // Not a practice deployment, so the transparency report counts it (training never counts).
    const server = await TrainingFeedServer.start({
      rate: 0,
      token: TOKEN,
      scenes: false,
      claims: true,
      deployment: { training: false },
    });
    cleanup.push(() => server.close());
    const one = await seat(server, MORGAN);
    const two = await seat(server, REES);
    const sup = await seat(server, HALL);
    const seats = [one, two, sup];

    // A: PC Morgan holds and decides it; PC Rees, asking too, is refused.
    const a = await alertAtEverySeat(server, seats);
    expect((await one.core.services.alertShown({ alertId: a })).ok).toBe(true);
    expect((await two.core.services.alertShown({ alertId: a })).ok).toBe(false);
    await decide(one, a);
    await waitFor(() => server.decisions.get(`${a}#1`), 'A decided at the feed');

    // B: PC Rees holds it; the supervisor takes it over with a reason and decides it.
    const b = await alertAtEverySeat(server, seats);
    expect((await two.core.services.alertShown({ alertId: b })).ok).toBe(true);
    expect(await sup.core.services.takeOver({ alertId: b, reason: 'I know this subject.' })).toMatchObject({
      ok: true,
    });
    expect((await sup.core.services.alertShown({ alertId: b })).ok).toBe(true);
    await decide(sup, b);
    await waitFor(() => server.decisions.get(`${b}#1`), 'B decided at the feed');
    // Every seat has journalled what it was told before the journals are shipped.
    for (const s of [one, two])
      await waitFor(
        () => s.snapshot()?.alerts.find((x) => x.alertId === b)?.settledElsewhere,
        'B settled at the other seats',
      );

    // The stations close (each seals its journal with a checkpoint), then each journal goes
    // to the archive under its station's own enrolled login.
    for (const s of seats) await s.core.close();
    const id = server.deployment.deploymentId;
    const stationIds: string[] = [];
    for (const s of seats) {
      const identity = journalIdentity(journalFile(s.dataDir, id));
      stationIds.push(identity.stationId);
      const url = await enrolStation(archive, identity);
      const shipper = new ArchiveShipper({ url, root: s.dataDir });
      shipper.start();
      expect((await shipper.drain()).behindEntries).toBe(0);
      await shipper.stop();
    }
    const [atOne, atTwo, atSup] = stationIds as [string, string, string];

    const hq = tempDir('rs-claims-hq-');
    const services = createReplayServices({
      dataDir: hq,
      stationRoot: hq,
      signer: createEphemeralSigner('station-HQ'),
      appVersion: 'test',
      operator: () => ({ id: 'INSP 1', name: 'Insp One', role: 'supervisor' }),
      appendToStation: () => Promise.reject(new Error('no station journal here')),
      emitProgress: () => undefined,
      archiveReader: createArchiveReader(archive.readerUrl),
    });
    cleanup.push(() => services.close());
    const opened = await services.openReplay({ key: `archive:${id}` });
    if (!opened.ok) throw new Error(opened.error);
    const replay = opened.replay;
    expect(replay.stations?.map((st) => st.integrity.status)).toEqual(['verified', 'verified', 'verified']);

    const alertA = replay.alerts.find((x) => x.alertId === a)!;
    expect(alertA.holds).toEqual([
      expect.objectContaining({
        operator: { id: MORGAN.id, name: MORGAN.name },
        station: atOne,
        ended: 'decided',
        takeOver: false,
      }),
    ]);
    expect(alertA.decisions.map((d) => d.operator.id)).toEqual([MORGAN.id]);
    expect(alertA.decidedAtStations).toBeUndefined();

    const alertB = replay.alerts.find((x) => x.alertId === b)!;
    expect(alertB.holds).toEqual([
      expect.objectContaining({
        operator: { id: REES.id, name: REES.name },
        station: atTwo,
        takeOver: false,
        ended: { released: expect.stringMatching(/^taken over by Sgt Hall/) },
      }),
      expect.objectContaining({
        operator: { id: HALL.id, name: HALL.name },
        station: atSup,
        takeOver: true,
        ended: 'decided',
      }),
    ]);
    for (const hold of alertB.holds!)
      expect(Date.parse(hold.to!)).toBeGreaterThanOrEqual(Date.parse(hold.from));
    expect(alertB.decisions.map((d) => d.operator.id)).toEqual([HALL.id]);

    const claims = computeStats(replay).claims!;
    expect(claims).toMatchObject({ claimed: 2, takeOvers: 1, decidedAtSeveralStations: 0 });
    expect(claims.toClaim.count).toBe(2);
    expect(claims.claimToDecision.count).toBe(2);

    // The transparency report: the same claim times (same definitions, pooled), the take-over.
    const day = new Date(server.deployment.startsAt).toISOString().slice(0, 10);
    const out = tempDir('rs-claims-transparency-');
    let printed = '';
    const code = await reportMain(
      withSecretFiles([
        '--archive',
        archive.verifierUrl,
        '--from',
        day,
        '--to',
        day,
        '--transparency',
        '--csv',
        join(out, 't.csv'),
        '--pdf',
        join(out, 't.pdf'),
      ]),
      { write: (t: string) => (printed += t) },
      { write: (t: string) => (printed += t) },
    );
    expect(printed).toContain('1 deployments counted');
    expect(code, printed).toBe(0);
    const secs = (v: number | null) => (v === null ? '-' : `${(v / 1000).toFixed(1)} s`);
    expect(printed).toContain(
      `claims: 1 shared deployments, 2 alerts claimed; ` +
        `to claim median ${secs(claims.toClaim.p50Ms)} (90th ${secs(claims.toClaim.p90Ms)}); ` +
        `claim to decision median ${secs(claims.claimToDecision.p50Ms)} (90th ${secs(claims.claimToDecision.p90Ms)}); ` +
        `1 taken over by a supervisor`,
    );
    const [columns, ...rows] = parseCsv(readFileSync(join(out, 't.csv'), 'utf8'));
    const row = rows.find((r) => r[0] === 'deployment')!;
    const cell = (name: string) => row[columns!.indexOf(name)];
    expect(cell('claimedAlerts')).toBe('2');
    expect(cell('takeOvers')).toBe('1');
    expect(Number(cell('toClaimMedianSeconds'))).toBe(Math.round(claims.toClaim.p50Ms! / 100) / 10);
    expect(Number(cell('claimToDecisionP90Seconds'))).toBe(
      Math.round(claims.claimToDecision.p90Ms! / 100) / 10,
    );
    const pdf = execFileSync('pdftotext', ['-layout', join(out, 't.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf).toContain('Shared deployments: claims');
    const totalLine = pdf
      .split('\n')
      .find((l) => /^\s*Total, 1 deployment/.test(l) && /Taken over|\d+\s*$/.test(l));
    expect(totalLine, pdf).toMatch(/\s2\s+.*\s1\s*$/);
  });
});
