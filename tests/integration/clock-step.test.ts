/**
 * Issue 28 item 3 on the real station core and real files: the station's wall clock is
 * stepped (injected, with a monotonic clock that does not step) +40 days and corrected,
 * and the station is restarted. Both steps are journalled (clock-step), `at` follows the
 * corrected clock, the doubt survives the restart, retention deletes nothing while it
 * stands, and the journal still verifies.
 */
import { jobsOf, storeAndDecide } from '../helpers/station';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { verdictOf, verifyJournal } from '../../electron/core/journal/verify';
import { purgeAfterMs } from '../../electron/core/retention';
import type { Station } from '../../electron/core/station';
import { tick } from '../../electron/core/station/timers';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import type { Deployment } from '../../shared/feed/schemas';
import { journalFile, readJournal } from './util';
import { closeStationsAfterEach, loadTestStation } from '../helpers/loaded-station';

const DAY = 86_400_000;
const signer = createEphemeralSigner();
const { stations, roots } = closeStationsAfterEach();

/** The station's clocks: a wall clock the test steps, and a monotonic one that only runs. */
const clocks = { wall: 0, mono: 1_000 };

async function startStation(root: string): Promise<Station> {
  return loadTestStation(stations, { root, signer, now: () => clocks.wall, mono: () => clocks.mono });
}

/** A deployment that ended long enough ago for retention to be due 40 days from now, not today. */
async function decidedDeployment(station: Station, deployment: Deployment): Promise<void> {
  const scenario = createScenario({ seed: 28, deployment, now: () => new Date(clocks.wall) });
  await station.handleDeployment(deployment);
  const alert = makeAlert(scenario, { scene: false });
  await storeAndDecide(
    station,
    alert,
    { id: 'PC 40', name: 'Kit Ward' },
    'Different ear shape and hairline from the reference image.',
  );
}

function imagesOf(root: string, deploymentId: string): string[] {
  return readdirSync(join(root, 'deployments', deploymentId, 'images')).filter((n) =>
    /^[0-9a-f]{64}$/.test(n),
  );
}

/** `at` goes back only in the entry right after a clock-step. */
function expectTimesInOrder(entries: Array<{ type: string; at: string }>): void {
  for (let i = 1; i < entries.length; i++)
    if (entries[i - 1]!.type !== 'clock-step')
      expect(Date.parse(entries[i]!.at)).toBeGreaterThanOrEqual(Date.parse(entries[i - 1]!.at));
}

describe('a wall clock stepped +40 days and corrected', () => {
  it('journals both steps, follows the corrected clock, purges nothing across a restart, and verifies', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-step-'));
    roots.push(root);
    const start = Date.parse('2026-03-01T09:00:00.000Z');
    clocks.wall = start;
    const deployment = makeDeployment({ seed: 28, now: new Date(start) });
    const first = await startStation(root);
    await decidedDeployment(first, deployment);
    const id = deployment.deploymentId;
    const images = imagesOf(root, id);
    expect(images.length).toBeGreaterThan(0);
    // 40 days on, the deployment's images would be due for deletion.
    expect(start + 40 * DAY).toBeGreaterThan(purgeAfterMs({ endsAt: deployment.endsAt, retentionDays: 31 }));

    // The clock jumps 40 days ahead while 1 s really passes; the station notices at its next tick.
    clocks.wall += 40 * DAY;
    clocks.mono += 1_000;
    await tick(first);
    const [wait] = await first.runRetention();
    expect(wait).toMatchObject({
      status: 'waiting',
      reason: expect.stringMatching(/the wall clock stepped/),
    });
    expect(first.snapshot().reliability!.clock.doubt).toMatch(/the wall clock stepped/);

    // Put right: back 40 days (minus the minute that passed), 60 s really passed.
    clocks.wall -= 40 * DAY - 60_000;
    clocks.mono += 60_000;
    await tick(first);
    const rightAt = clocks.wall;
    await jobsOf(first).signOut({});
    expect(await first.runRetention()).toEqual([expect.objectContaining({ status: 'waiting' })]);
    await first.close();
    stations.length = 0;

    const file = journalFile(root, id);
    const entries = readJournal(file);
    const steps = entries.filter((e) => e.type === 'clock-step');
    expect(steps.map((e) => e.data)).toEqual([
      {
        before: new Date(start).toISOString(),
        after: new Date(start + 40 * DAY).toISOString(),
        monotonicMs: expect.any(Number),
      },
      {
        before: new Date(start + 40 * DAY).toISOString(),
        after: new Date(rightAt).toISOString(),
        monotonicMs: 60_000,
      },
    ]);
    // After the correction, `at` is the corrected clock's, not 40 days ahead.
    const afterCorrection = entries.slice(entries.indexOf(steps[1]!) + 1);
    expect(afterCorrection.length).toBeGreaterThan(0);
    for (const e of afterCorrection) expect(Math.abs(Date.parse(e.at) - rightAt)).toBeLessThan(DAY);
    expectTimesInOrder(entries);

    // Restart with the clock right: the journalled doubt stands, nothing is deleted.
    clocks.mono += 5_000;
    clocks.wall += 5_000;
    const second = await startStation(root);
    const results = await second.runRetention();
    expect(results).toEqual([
      { deploymentId: id, status: 'waiting', reason: expect.stringMatching(/the wall clock stepped/) },
    ]);
    expect(second.snapshot().reliability!.clock.doubt).toMatch(/the wall clock stepped/);
    expect(imagesOf(root, id)).toEqual(images);
    expect(readJournal(file).some((e) => e.type === 'retention-purge')).toBe(false);
    await second.close();
    stations.length = 0;

    const report = await verifyJournal(file);
    expect(report.failure).toBeNull();
    expect(verdictOf(report, null).kind).toBe('verified');
  });

  it('restarted while still 40 days ahead: the doubt survives the restart and nothing is purged', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-step-'));
    roots.push(root);
    const start = Date.parse('2026-05-01T09:00:00.000Z');
    clocks.wall = start;
    const deployment = makeDeployment({ seed: 29, now: new Date(start) });
    const first = await startStation(root);
    await decidedDeployment(first, deployment);
    const id = deployment.deploymentId;
    const images = imagesOf(root, id);
    clocks.wall += 40 * DAY;
    clocks.mono += 2_000;
    await tick(first);
    await first.close();
    stations.length = 0;

    // The journal's own latest times now agree with the wrong clock: only the journalled doubt stops it.
    clocks.mono += 1_000;
    const second = await startStation(root);
    expect(await second.runRetention()).toEqual([
      { deploymentId: id, status: 'waiting', reason: expect.stringMatching(/the wall clock stepped/) },
    ]);
    expect(imagesOf(root, id)).toEqual(images);

    // The feed's capture times agree with the clock (here the wrong one, as a feed on the same
    // wrong clock would): the doubt ends on the record, and retention may run.
    const scenario = createScenario({ seed: 29, deployment, now: () => new Date(clocks.wall) });
    await second.handleAlert(
      makeAlert(scenario, { scene: false, capturedAt: new Date(clocks.wall).toISOString() }),
    );
    await tick(second);
    const entries = readJournal(journalFile(root, id));
    const stepAt = entries.findIndex((e) => e.type === 'clock-step');
    expect(entries.findIndex((e) => e.type === 'clock-confirmed')).toBeGreaterThan(stepAt);
    expect(second.snapshot().reliability!.clock.doubt).toBeNull();
    expect((await second.runRetention())[0]!.status).not.toBe('waiting');
  });

  it('a journal whose latest entry reads ahead of the clock makes retention wait, and says why', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-step-'));
    roots.push(root);
    const start = Date.parse('2026-07-01T09:00:00.000Z');
    // Written by a clock 40 days fast that nothing noticed (no step while running).
    clocks.wall = start + 40 * DAY;
    const deployment = makeDeployment({ seed: 30, now: new Date(start + 40 * DAY) });
    const first = await startStation(root);
    await decidedDeployment(first, deployment);
    await first.close();
    stations.length = 0;

    clocks.wall = start;
    const second = await startStation(root);
    const [result] = await second.runRetention();
    // On opening, the journal noticed its last entry is ahead of the clock: a clock-step across the restart.
    expect(result).toMatchObject({ status: 'waiting', reason: expect.stringMatching(/stepped/) });
    const entries = readJournal(journalFile(root, deployment.deploymentId));
    expect(entries.find((e) => e.type === 'clock-step')?.data).toMatchObject({
      after: new Date(start).toISOString(),
      monotonicMs: null,
      acrossRestart: true,
    });
    expectTimesInOrder(entries);

    // The step written while the journal opened is in the station's state too: once the feed's
    // capture times agree with the clock, this journal says so (clock-confirmed), and the next
    // start does not doubt the clock again.
    const scenario = createScenario({ seed: 30, deployment, now: () => new Date(clocks.wall) });
    await second.handleAlert(
      makeAlert(scenario, { scene: false, capturedAt: new Date(clocks.wall).toISOString() }),
    );
    clocks.mono += 1_000;
    await tick(second);
    const after = readJournal(journalFile(root, deployment.deploymentId));
    expect(after.findIndex((e) => e.type === 'clock-confirmed')).toBeGreaterThan(
      after.findIndex((e) => e.type === 'clock-step'),
    );
    await second.close();
    stations.length = 0;
    const third = await startStation(root);
    expect(third.snapshot().reliability!.clock.doubt).toBeNull();
  });
});
