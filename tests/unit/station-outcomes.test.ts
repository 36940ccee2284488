/**
 * Outcomes as the station journals them: an outcome after an engage, and the outcome
 * amended with a decision that contradicts it (No engage), which keeps the recorded result
 * fields, carries the officer's note, and writes no member the outcome does not have.
 */
import { jobsOf } from '../helpers/station';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { DEFAULT_SETTINGS } from '../../electron/core/settings';
import { Station } from '../../electron/core/station';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import { readJournal, tempDir } from '../integration/util';

const START = Date.parse('2025-04-10T09:00:00.000Z');
let root: string;
let station: Station;
let clock = START;

beforeEach(() => {
  root = tempDir('rs-outcomes-');
  clock = START;
});
afterEach(async () => {
  await station.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

it('journals an outcome, and amends it with a contradicting decision without losing what was recorded', async () => {
  const deployment = makeDeployment({ seed: 6, now: new Date(START) });
  station = new Station({
    root,
    signer: createEphemeralSigner(),
    appVersion: 'test',
    training: false,
    mode: 'browser',
    settings: { ...DEFAULT_SETTINGS, dwellMs: 0 },
    now: () => clock,
  });
  await station.load();
  await station.handleDeployment(deployment);
  const alert = makeAlert(createScenario({ seed: 6, deployment, now: () => new Date(clock) }), {
    scene: false,
  });
  expect(await station.handleAlert(alert)).toEqual({ status: 'stored' });
  const services = jobsOf(station);
  await services.signIn({ id: 'PC 3', name: 'Ann Lee', role: 'officer' });
  await services.alertShown({ alertId: alert.alertId });
  const engage = await services.recordDecision({
    alertId: alert.alertId,
    decision: 'engage',
    reasons: ['subject-likeness-strong'],
    rationale: 'Same scar above the left eyebrow and the same jawline.',
  });
  expect(engage.ok).toBe(true);
  const outcome = await services.recordOutcome({
    alertId: alert.alertId,
    result: 'confirmed-true',
    action: 'advice',
    notes: 'Spoke to the person.',
  });
  expect(outcome).toMatchObject({ ok: true, revision: 1 });

  const amended = await services.recordDecision({
    alertId: alert.alertId,
    decision: 'no-engage',
    reasons: ['subject-features-differ'],
    rationale: 'On the second look the ears and the nose bridge differ clearly.',
    amendOutcome: { note: 'Stopped the wrong person; nothing stands.' },
  });
  expect(amended.ok).toBe(true);

  const outcomes = readJournal(join(root, 'deployments', deployment.deploymentId, 'journal.jsonl')).filter(
    (e) => e.type === 'outcome',
  );
  expect(outcomes.map((e) => e.data)).toEqual([
    expect.objectContaining({
      revision: 1,
      result: 'confirmed-true',
      action: 'advice',
      notes: 'Spoke to the person.',
    }),
    expect.objectContaining({
      revision: 2,
      result: 'confirmed-true',
      action: 'advice',
      notes: 'Amended with decision revision 2 (No engage): Stopped the wrong person; nothing stands.',
      recordedBy: { id: 'PC 3', name: 'Ann Lee' },
    }),
  ]);
  // Members the officer never gave are not written (not even as null).
  for (const e of outcomes) {
    expect(e.data).not.toHaveProperty('stopMinutes');
    expect(e.data).not.toHaveProperty('leafletGiven');
    expect(e.data).not.toHaveProperty('engagementOfficer');
  }
  expect(station.snapshot().alerts[0]!.outcomes).toHaveLength(2);
});
