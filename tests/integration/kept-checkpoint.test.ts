/**
 * Issue 23 item 4 (the part kept apart from the journals): the station keeps the latest
 * checkpoint of every journal outside it, and at start treats a journal that lacks it as
 * rolled back, with no feed to ask. The forgery the issue names is done to real files: cut
 * the signed tail, rewrite the last entry, leave a torn line so the station "recovers"
 * and signs the forgery at its next start.
 */
import { storeAndDecide } from '../helpers/station';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { AlarmStore } from '../../electron/core/journal/alarms';
import { CheckpointLedger } from '../../electron/core/journal/checkpoint-ledger';
import type { Station } from '../../electron/core/station';
import { createScenario, makeAlert } from '../../electron/simulator/scenario';
import { readEntries, rechain, writeEntries } from '../helpers/forgery';
import { journalFile } from './util';
import { closeStationsAfterEach, loadTestStation } from '../helpers/loaded-station';

const signer = createEphemeralSigner();
const { stations, roots } = closeStationsAfterEach();

/** A station as station-core makes it: the ledger and the alarm store beside the key. */
async function startStation(root: string, keyDir: string): Promise<Station> {
  return loadTestStation(stations, {
    root,
    signer,
    alarms: await AlarmStore.load(join(keyDir, 'alarms.json')),
    checkpoints: await CheckpointLedger.load(join(keyDir, 'checkpoints.json')),
  });
}

async function decideOne(station: Station, seed: number) {
  const scenario = createScenario({ seed });
  await station.handleDeployment(scenario.deployment);
  const alert = makeAlert(scenario, { scene: false });
  await storeAndDecide(
    station,
    alert,
    { id: 'PC 23', name: 'Ash Reid' },
    'The jawline and ear shape differ from the reference image.',
  );
  return scenario;
}

const rolledBack = (station: Station) =>
  station.snapshot().safeguards.find((w) => w.code === 'journal-rollback');

describe('the latest checkpoint kept outside the journal', () => {
  it('a clean restart raises nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-kept-'));
    const keyDir = mkdtempSync(join(tmpdir(), 'rs-keys-'));
    roots.push(root, keyDir);
    const first = await startStation(root, keyDir);
    const scenario = await decideOne(first, 231);
    await first.close();
    stations.length = 0;
    const kept = JSON.parse(readFileSync(join(keyDir, 'checkpoints.json'), 'utf8')) as {
      journals: Record<string, { seq: number }>;
    };
    const entries = await readEntries(journalFile(root, scenario.deployment.deploymentId));
    // The closing checkpoint signs journal-closed, the entry before it.
    expect(kept.journals[scenario.deployment.deploymentId]!.seq).toBe(entries.at(-2)!.seq);
    const second = await startStation(root, keyDir);
    expect(rolledBack(second)).toBeUndefined();
    expect(await second.handleAlert(makeAlert(scenario, { scene: false }))).toEqual({ status: 'stored' });
  });

  it('signed tail cut and the last entry rewritten, signed at the next start: rolled back, alerts refused, files kept', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-kept-'));
    const keyDir = mkdtempSync(join(tmpdir(), 'rs-keys-'));
    roots.push(root, keyDir);
    const first = await startStation(root, keyDir);
    const scenario = await decideOne(first, 232);
    await first.close();
    stations.length = 0;

    // With only the data folder: cut everything from the decision's checkpoint on, reword the decision.
    const file = journalFile(root, scenario.deployment.deploymentId);
    const entries = await readEntries(file);
    const decision = entries.findIndex((e) => e.type === 'decision');
    const forged = entries.slice(0, decision + 1);
    forged[decision] = { ...forged[decision]!, data: { ...forged[decision]!.data, decision: 'engage' } };
    await writeEntries(file, rechain(forged));
    appendFileSync(file, '{"seq":'); // a torn line: the station cuts it and signs what is before it
    const before = readFileSync(file).subarray(0, -'{"seq":'.length);

    const second = await startStation(root, keyDir);
    expect(rolledBack(second)).toMatchObject({ severity: 'serious', title: 'Journal rolled back' });
    expect(rolledBack(second)!.detail).toMatch(/kept a copy outside the journal/);
    const refused = await second.handleAlert(makeAlert(scenario, { scene: false }));
    expect(refused).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/rolled back/) });
    // The forged entries are still there as found: the station only appends after them.
    expect(readFileSync(file).subarray(0, before.length).equals(before)).toBe(true);
    await second.close();
    stations.length = 0;

    // And it stands at the next start too (the alarm store and the journal both hold it).
    const third = await startStation(root, keyDir);
    expect(rolledBack(third)).toBeDefined();
  });
});
