/**
 * Summarised alerts in a running station (issue 25.5, electron/core/station/summaries.ts):
 * once decided, answered and out of the most recent hundred, an alert is summarised; an
 * amendment, an outcome, a re-delivery, a withdrawal and the feed's late messages about it
 * then behave as for an alert never summarised, across a restart too, and the station's
 * state is at every point what folding its journal gives.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { jobsOf } from '../helpers/station';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { DEFAULT_SETTINGS } from '../../electron/core/settings';
import { Station } from '../../electron/core/station';
import type { OpenDeployment } from '../../electron/core/station/context';
import { pendingOutboxItems } from '../../electron/core/station/server-messages';
import { readBack } from '../../electron/core/station/summaries';
import { addNote } from '../../electron/core/station/alert-notes';
import { handover } from '../../electron/core/station/officer';
import { foldEntries } from '../../shared/journal/fold';
import { openWorkOf } from '../../shared/open-work';
import type { Alert, Deployment } from '../../shared/feed/schemas';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import { readJournal, tempDir } from './util';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { recoverStorage } from '../../electron/core/station/storage-recovery';

const START = Date.parse('2025-04-10T09:00:00.000Z');
let root: string;
let station: Station;
let signer: Signer;
let clock = START;
let mono = 0;

beforeEach(() => {
  root = tempDir('rs-summarised-');
  signer = createEphemeralSigner();
  clock = START;
});
afterEach(async () => {
  await station.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function start(): Promise<Station> {
  station = new Station({
    root,
    signer,
    appVersion: 'test',
    training: false,
    mode: 'browser',
    settings: { ...DEFAULT_SETTINGS, dwellMs: 0 },
    now: () => clock,
    mono: () => mono,
  });
  await station.load();
  return station;
}

/** One event-loop turn: the push runs, and the summariser after it. */
const pushed = () => new Promise((resolve) => setImmediate(resolve));

const journalOf = (deployment: Deployment) =>
  join(root, 'deployments', deployment.deploymentId, 'journal.jsonl');

/** The station's state is what folding its journal gives, alert by alert (summarised ones read back). */
function expectStateIsTheJournal(slot: OpenDeployment, deployment: Deployment) {
  const full = foldEntries(deployment.deploymentId, readJournal(journalOf(deployment)));
  expect(slot.state.alerts.size + slot.state.summaries.size).toBe(full.alerts.size);
  for (const [id, whole] of full.alerts)
    expect(slot.state.alerts.get(id) ?? readBack(slot, id).alert, id).toEqual(whole);
}

/** `count` alerts decided and answered; every third engaged, with its outcome recorded unless `awaiting(i)`. */
async function setUp(count: number, awaiting: (i: number) => boolean = () => false) {
  await start();
  const deployment = makeDeployment({ seed: 9, now: new Date(START) });
  await station.handleDeployment(deployment);
  const scenario = createScenario({ seed: 9, deployment, now: () => new Date(clock) });
  const services = jobsOf(station);
  await services.signIn({ id: 'PC 3', name: 'Ann Lee', role: 'officer' });
  const slot = station.slots.get(deployment.deploymentId)!;
  const alerts: Alert[] = [];
  for (let i = 0; i < count; i++) {
    clock += 10_000;
    const alert = makeAlert(scenario, { scene: false });
    alerts.push(alert);
    expect(await station.handleAlert(alert)).toEqual({ status: 'stored' });
    await services.alertShown({ alertId: alert.alertId });
    clock += 5_000;
    const engage = i % 3 === 0;
    const decided = await services.recordDecision({
      alertId: alert.alertId,
      decision: engage ? 'engage' : 'no-engage',
      reasons: [engage ? 'subject-likeness-strong' : 'subject-features-differ'],
      rationale: engage
        ? 'Same scar above the left eyebrow and the same jawline.'
        : 'The ears and the nose bridge differ.',
    });
    expect(decided).toMatchObject({ ok: true });
    await station.append(slot, 'decision-recorded', null, {
      alertId: alert.alertId,
      revision: 1,
      status: 'recorded',
    });
    if (engage && !awaiting(i)) {
      expect(
        await services.recordOutcome({
          alertId: alert.alertId,
          result: 'not-located',
          notes: 'Gone before we got there.',
        }),
      ).toMatchObject({ ok: true, revision: 1 });
      await station.append(slot, 'outcome-recorded', null, {
        alertId: alert.alertId,
        revision: 1,
        status: 'recorded',
      });
    }
  }
  await pushed();
  return { deployment, services, slot, alerts };
}

it('counts a summarised engagement awaiting its outcome as open work in a handover', async () => {
  const { deployment, slot } = await setUp(130, (i) => i % 6 === 0);
  // An engagement awaiting its outcome is summarised like any other answered alert.
  expect(slot.state.summaries.size).toBe(30);
  const summarisedAwaiting = [...slot.state.summaries.values()].filter((s) => s.outcomeAwaited);
  expect(summarisedAwaiting).toHaveLength(5);
  const full = foldEntries(deployment.deploymentId, readJournal(journalOf(deployment)));
  expect(openWorkOf(full.alerts.values()).outcomesAwaited).toBe(22);
  expect(await handover(station, { note: 'Outcomes still to come.' })).toMatchObject({ ok: true });
  const signedOut = readJournal(journalOf(deployment)).filter((e) => e.type === 'operator-signed-out');
  expect(signedOut.at(-1)?.data).toMatchObject({ open: { undecided: 0, escalated: 0, outcomesAwaited: 22 } });
});

it('amends, records outcomes and takes the feed’s messages for summarised alerts as for any other', async () => {
  const { deployment, services, slot, alerts } = await setUp(130);
  // 130 decided and answered: all but the 100 most recent are summarised.
  expect(slot.state.summaries.size).toBe(30);
  expect(slot.state.alerts.size).toBe(100);
  expect(station.snapshot().alerts).toHaveLength(100);
  // The station's monotonic measures (time undecided, look time) are kept for live alerts
  // only: two each, none for the 30 summarised (it kept all 260 before).
  expect(station.reliability.measuresKept).toBe(200);
  const [noEngage, engaged, redelivered, conflicting, withdrawn, late] = [
    alerts[1]!,
    alerts[3]!,
    alerts[4]!,
    alerts[5]!,
    alerts[7]!,
    alerts[8]!,
  ];
  for (const a of [noEngage, engaged, redelivered, conflicting, withdrawn, late])
    expect(slot.state.summaries.has(a.alertId)).toBe(true);

  // An amendment of a summarised decision: revision 2, sent, and on screen again.
  clock += 60_000;
  expect(
    await services.recordDecision({
      alertId: noEngage.alertId,
      decision: 'no-engage',
      reasons: ['subject-age-sex-differ'],
      rationale: 'On a second look the apparent age differs by decades.',
    }),
  ).toMatchObject({ ok: true, revision: 2 });
  const amended = station.snapshot().alerts.find((a) => a.alertId === noEngage.alertId)!;
  expect(amended.decisions.map((d) => [d.revision, d.recorded])).toEqual([
    [1, true],
    [2, false],
  ]);
  expect(pendingOutboxItems(slot, signer.stationId, 'now').map((i) => i.key)).toContain(
    `${noEngage.alertId}#2`,
  );

  // A second outcome for a summarised engage.
  expect(
    await services.recordOutcome({
      alertId: engaged.alertId,
      result: 'confirmed-false',
      notes: 'Not the person.',
    }),
  ).toMatchObject({ ok: true, revision: 2 });
  expect(pendingOutboxItems(slot, signer.stationId, 'now').map((i) => i.key)).toContain(
    `${engaged.alertId}#2`,
  );

  // A note is for an undecided alert: refused as for a decided one, not as unknown.
  await pushed();
  const note = await addNote(station, { alertId: alerts[10]!.alertId, note: 'late note' });
  expect(note).toEqual({ ok: false, error: 'a note is added before the alert is decided' });

  // Re-delivery: the same content is stored again, other content is a conflict.
  await pushed();
  expect(slot.state.summaries.has(redelivered.alertId)).toBe(true);
  expect(await station.handleAlert(redelivered)).toEqual({ status: 'stored' });
  expect(await station.handleAlert({ ...conflicting, score: conflicting.score - 0.01 })).toMatchObject({
    status: 'rejected',
  });
  // A withdrawal of a summarised alert is journalled, and counted.
  expect(
    await station.handleWithdrawn({ v: 1, alertId: withdrawn.alertId, reason: 'sent in error' }),
  ).toEqual({
    status: 'stored',
  });
  // The feed's late messages about a summarised alert fold as before.
  await pushed();
  expect(slot.state.summaries.has(late.alertId)).toBe(true);
  await station.append(slot, 'decision-recorded', null, {
    alertId: late.alertId,
    revision: 1,
    status: 'recorded',
  });
  await pushed();
  await station.append(slot, 'claim', null, {
    alertId: late.alertId,
    status: 'held',
    by: { stationId: 'b', operator: { id: 'x', name: 'X' } },
  });
  await pushed();
  await station.append(slot, 'claim-released', null, {
    alertId: late.alertId,
    reason: 'expired',
    by: 'server',
  });
  await pushed();

  const journal = readJournal(journalOf(deployment));
  expect(journal.filter((e) => e.type === 'alert-conflict').map((e) => e.data.alertId)).toEqual([
    conflicting.alertId,
  ]);
  expect(journal.filter((e) => e.type === 'alert-withdrawn').map((e) => e.data.alertId)).toEqual([
    withdrawn.alertId,
  ]);
  expect(station.snapshot().counts).toMatchObject({ undecided: 0, withdrawn: 1 });
  expectStateIsTheJournal(slot, deployment);
  const before = [noEngage, engaged].map(
    (a) => slot.state.alerts.get(a.alertId) ?? readBack(slot, a.alertId).alert,
  );

  // After a restart: the same alerts, the same outbox, the same counts.
  // (Closing writes a checkpoint of its own: only the decisions and outcomes are compared.)
  const unanswered = (of: OpenDeployment) =>
    pendingOutboxItems(of, signer.stationId, 'now')
      .filter((i) => i.kind !== 'checkpoint')
      .map((i) => i.key);
  const outbox = unanswered(slot);
  expect(outbox).toHaveLength(2);
  await station.close();
  await start();
  const again = station.slots.get(deployment.deploymentId)!;
  expect(unanswered(again)).toEqual(outbox);
  expect([noEngage, engaged].map((a) => again.state.alerts.get(a.alertId))).toEqual(before);
  expect(station.snapshot().counts).toMatchObject({ undecided: 0, withdrawn: 1 });
  expect(again.state.summaries.size).toBeGreaterThan(20);
  expectStateIsTheJournal(again, deployment);
}, 120_000);

it('takes a journal up again after a write failure with its summarised alerts counted as kept', async () => {
  const { deployment, slot } = await setUp(130);
  expect(slot.state.summaries.size).toBe(30);
  const dir = join(root, 'deployments', deployment.deploymentId);
  // The deployment's folder moved away under the station: the next write fails.
  renameSync(dir, `${dir}.moved`);
  await expect(
    station.append(slot, 'alert-shown', null, {
      alertId: 'not-an-alert',
      probeSha256: 'x',
      subjectSha256: 'y',
      status: 'pending',
    }),
  ).rejects.toThrow();
  expect(slot.journal.failed).not.toBeNull();
  renameSync(`${dir}.moved`, dir);
  mono += 60_000;
  await recoverStorage(station);
  // Reopened and re-verified: every acknowledged alert, summarised ones too, is still there.
  expect(station.tampered.has(deployment.deploymentId)).toBe(false);
  const again = station.slots.get(deployment.deploymentId)!;
  expect(again.journal.failed).toBeNull();
  expect(again.state.alerts.size + again.state.summaries.size).toBe(130);
  expect(again.state.summaries.size).toBeGreaterThan(20);
  expectStateIsTheJournal(again, deployment);
}, 120_000);

it('refuses to amend a summarised alert whose journal line changed on disk, and writes nothing', async () => {
  const { deployment, services, slot, alerts } = await setUp(130);
  const target = alerts[2]!;
  expect(slot.state.summaries.has(target.alertId)).toBe(true);
  const file = journalOf(deployment);
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('"type":"decision"') && l.includes(target.alertId));
  // The same length, one letter of the rationale changed: only the hash can tell.
  lines[at] = lines[at]!.replace('The ears', 'The eArs');
  writeFileSync(file, lines.join('\n'));
  const before = readFileSync(file, 'utf8');
  const amend = services
    .recordDecision({
      alertId: target.alertId,
      decision: 'engage',
      reasons: ['subject-likeness-strong'],
      rationale: 'On a second look the same scar above the left eyebrow.',
    })
    .catch((e: unknown) => e);
  expect(await amend).not.toMatchObject({ ok: true });
  expect(station.tampered.get(deployment.deploymentId)).toMatch(/changed on disk after it was opened/);
  expect(station.snapshot().fatal).toMatch(/changed on disk/);
  // Nothing read was shown, nothing was written.
  expect(station.snapshot().alerts.some((a) => a.alertId === target.alertId)).toBe(false);
  expect(readFileSync(file, 'utf8')).toBe(before);
  expect(slot.state.summaries.has(target.alertId)).toBe(true);
}, 120_000);
