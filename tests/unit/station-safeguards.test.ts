/**
 * The deployment safeguards as the station enforces and records them: each warning
 * journalled once per deployment, the two-person check on engage, the welfare prompt,
 * and training kept apart from real records.
 */
import { jobsOf, testKeyDir } from '../helpers/station';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { DEFAULT_SETTINGS } from '../../electron/core/settings';
import { Station } from '../../electron/core/station';
import { startStationCore } from '../../electron/core/station-core';
import { trainingFeedStarter } from '../../electron/simulator/worker-host';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import type { Deployment } from '../../shared/feed/schemas';
import type { StationSettings } from '../../shared/view';
import { readJournal, tempDir, waitFor } from '../integration/util';

const START = Date.parse('2025-04-10T09:00:00.000Z');
const OFFICER = { id: 'PC 21', name: 'Jo Marsh', role: 'officer' as const };

let root: string;
let signer: Signer;
let clock: number;
let stations: Station[];

beforeEach(() => {
  root = tempDir('rs-safeguards-');
  signer = createEphemeralSigner();
  clock = START;
  stations = [];
});
afterEach(async () => {
  for (const s of stations) await s.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function newStation(settings: Partial<StationSettings> = {}, training = false) {
  const station = new Station({
    root,
    signer,
    appVersion: 'test',
    training,
    mode: 'browser',
    settings: { ...DEFAULT_SETTINGS, dwellMs: 0, ...settings },
    // Time passing: both clocks move together (the welfare check runs on the monotonic one).
    now: () => clock,
    mono: () => clock,
  });
  stations.push(station);
  await station.load();
  return station;
}

const journal = (d: Deployment) => readJournal(join(root, 'deployments', d.deploymentId, 'journal.jsonl'));

describe('safeguard warnings', () => {
  it('journals each standing warning once per deployment, across repeats and restarts', async () => {
    const deployment = makeDeployment({
      seed: 2,
      now: new Date(START),
      overrides: { threshold: 0.55, notice: { given: false, channels: [] } },
    });
    deployment.watchlist = { ...deployment.watchlist, reviewedAt: null, reviewedBy: null };
    const station = await newStation();
    await station.handleDeployment(deployment);
    await station.handleDeployment(deployment);
    const codes = () =>
      journal(deployment)
        .filter((e) => e.type === 'safeguard-warning')
        .map((e) => e.data.code);
    expect(codes().sort()).toEqual(['low-threshold', 'no-notice', 'watchlist-unreviewed']);
    const low = journal(deployment).find((e) => e.data.code === 'low-threshold')!;
    expect(low.data.detail).toMatch(/National Physical Laboratory/);

    await station.close();
    const again = await newStation();
    await again.handleDeployment(deployment);
    expect(codes()).toHaveLength(3);
    // A record that fixes the review resolves the warning on screen; the journal keeps what was.
    const fixed = {
      ...deployment,
      watchlist: { ...deployment.watchlist, reviewedAt: deployment.authorisedAt, reviewedBy: 'Insp. Ray' },
    };
    await again.handleDeployment(fixed);
    expect(again.snapshot().safeguards.map((w) => w.code)).not.toContain('watchlist-unreviewed');
    expect(codes()).toHaveLength(3);
  });
});

describe('two-person check', () => {
  async function redAlert(settings: Partial<StationSettings>) {
    const deployment = makeDeployment({ seed: 4, now: new Date(START) });
    const scenario = createScenario({ seed: 4, deployment, now: () => new Date(clock) });
    const station = await newStation(settings);
    await station.handleDeployment(deployment);
    const alert = makeAlert(scenario, { scene: false, subject: { tier: 'red' } });
    expect(await station.handleAlert(alert)).toEqual({ status: 'stored' });
    await jobsOf(station).signIn(OFFICER);
    await jobsOf(station).alertShown({ alertId: alert.alertId });
    return { station, deployment, alertId: alert.alertId };
  }
  const engage = {
    decision: 'engage' as const,
    reasons: ['subject-likeness-strong'],
    rationale: 'Same scar above the left eyebrow and the same jawline.',
  };

  it('blocks a lone engage on a red alert, and a confirmation by the same officer', async () => {
    const { station, alertId } = await redAlert({ twoPersonTiers: ['red'] });
    expect(await jobsOf(station).recordDecision({ alertId, ...engage })).toEqual({
      ok: false,
      error: 'an engage decision on a red alert needs a second officer to confirm',
    });
    const self = { id: OFFICER.id, name: OFFICER.name, note: 'Agree, same scar.' };
    expect((await jobsOf(station).recordDecision({ alertId, ...engage, confirmation: self })).ok).toBe(false);
    expect(station.snapshot().alerts[0]!.status).toBe('pending');
  });

  it('records both officers when a second one confirms', async () => {
    const { station, alertId, deployment } = await redAlert({ twoPersonTiers: ['red'] });
    const second = { id: 'PC 88', name: 'Sam Ode', note: 'Compared independently; same scar and jawline.' };
    const result = await jobsOf(station).recordDecision({ alertId, ...engage, confirmation: second });
    expect(result.ok).toBe(true);
    const entry = journal(deployment).find((e) => e.type === 'decision')!;
    expect(entry.actor).toEqual({ id: OFFICER.id, name: OFFICER.name });
    expect(entry.data).toMatchObject({
      operator: { id: OFFICER.id, name: OFFICER.name },
      confirmedBy: second,
    });
  });

  it('is off by default', async () => {
    const { station, alertId } = await redAlert({});
    expect((await jobsOf(station).recordDecision({ alertId, ...engage })).ok).toBe(true);
  });

  it('is never needed for no-engage', async () => {
    const { station, alertId } = await redAlert({ twoPersonTiers: ['red'] });
    const noEngage = {
      decision: 'no-engage' as const,
      reasons: ['subject-features-differ'],
      rationale: 'Nose shape and ear position differ clearly.',
    };
    expect((await jobsOf(station).recordDecision({ alertId, ...noEngage })).ok).toBe(true);
  });
});

describe('welfare', () => {
  it('prompts a break after the configured time on continuous review, journalled, and resets on a break', async () => {
    const deployment = makeDeployment({ seed: 6, now: new Date(START) });
    const station = await newStation({ breakAfterMs: 60_000 });
    await station.handleDeployment(deployment);
    await jobsOf(station).signIn(OFFICER);
    expect(station.snapshot().breakDue).toBe(false);
    clock += 61_000;
    expect(station.snapshot().breakDue).toBe(true);
    station.startTicking();
    await waitFor(() => journal(deployment).some((e) => e.type === 'welfare-prompt'), 'prompt journalled');
    const prompt = journal(deployment).find((e) => e.type === 'welfare-prompt')!;
    expect(prompt.actor).toEqual({ id: OFFICER.id, name: OFFICER.name });
    expect(prompt.data.reviewingForMs).toBeGreaterThanOrEqual(60_000);
    expect(await jobsOf(station).welfare({ action: 'break-taken' })).toEqual({ ok: true });
    expect(station.snapshot().breakDue).toBe(false);
    const prompts = journal(deployment).filter((e) => e.type === 'welfare-prompt');
    expect(prompts.at(-1)!.data).toEqual({ response: 'break-taken' });
  });
});

describe('training separation', () => {
  it('keeps the built-in training feed’s journals under <data>/training, marked training', async () => {
    const dataDir = tempDir('rs-training-');
    const core = await startStationCore({
      dataDir,
      keyDir: testKeyDir(dataDir),
      feedUrl: null,
      token: null,
      mode: 'browser',
      appVersion: 'test',
      trainingFeed: trainingFeedStarter(null),
      rate: 0,
    });
    try {
      const snap = await waitFor(async () => {
        const s = await core.services.getSnapshot({});
        return s.deployment ? s : null;
      }, 'training deployment');
      expect(snap.station.training).toBe(true);
      expect(snap.safeguards.map((w) => w.code)).toContain('training');
      const id = snap.deployment!.deploymentId;
      const file = join(dataDir, 'training', 'deployments', id, 'journal.jsonl');
      expect(readJournal(file)[0]!.data).toMatchObject({ training: true, deploymentId: id });
      expect(existsSync(join(dataDir, 'deployments'))).toBe(false);
      expect(readdirSync(join(dataDir, 'training', 'deployments'))).toEqual([id]);
    } finally {
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
