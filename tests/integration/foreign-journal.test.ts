/**
 * Issue 21 item 5: a journal this station cannot continue (another station key) does not
 * stop it from starting: it is set aside (moved, not deleted, still verifiable), named on
 * screen and at the start of a new journal for the deployment, which takes and stores its
 * next alerts.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { verifyJournal } from '../../electron/core/journal/verify';
import type { Station } from '../../electron/core/station';
import { createScenario, makeAlert } from '../../electron/simulator/scenario';
import { journalFile, readJournal } from './util';
import { loadTestStation } from '../helpers/loaded-station';

const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.close().catch(() => undefined);
});

async function stationWith(root: string, signer = createEphemeralSigner()) {
  return loadTestStation(stations, { root, signer });
}

describe('a foreign journal in the data folder', () => {
  it('is set aside and named, and the station starts and takes the next alerts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-foreign-'));
    const scenario = createScenario({ seed: 31 });
    const id = scenario.deployment.deploymentId;
    const other = await stationWith(root);
    await other.handleDeployment(scenario.deployment);
    expect(await other.handleAlert(makeAlert(scenario, { scene: false }))).toEqual({ status: 'stored' });
    await other.close();

    // Another key: before, this start threw and the station never came up.
    const station = await stationWith(root);
    const asideDir = join(root, 'set-aside');
    const [aside] = readdirSync(asideDir);
    expect(aside).toMatch(new RegExp(`^${id}-\\d{8}T\\d{6}$`));
    expect((await verifyJournal(join(asideDir, aside!, 'journal.jsonl'))).ok).toBe(true);
    // A new journal for the deployment starts at once, with what was set aside, where and why.
    expect(readJournal(journalFile(root, id))[0]!.data).toMatchObject({
      deploymentId: id,
      setAside: {
        kind: 'foreign',
        path: join('set-aside', aside!),
        why: expect.stringMatching(/another station key/),
      },
    });
    const refusal = station.snapshot().reliability!.refusals[0]!;
    expect(refusal.code).toBe('journal-set-aside');
    expect(refusal.reason).toMatch(/opened by another station key/);
    expect(refusal.reason).toContain(join(asideDir, aside!));

    await station.handleDeployment(scenario.deployment);
    expect(await station.handleAlert(makeAlert(scenario, { scene: false }))).toEqual({ status: 'stored' });
    expect((await verifyJournal(journalFile(root, id))).ok).toBe(true);
  });
});
