/**
 * Issue 23 item 4, "Done when": re-signing a journal needs the key from outside the data
 * folder. Someone holds only a copy of a station's data folder (never its key folder).
 * Every forgery tried against the station this week is done to a copy: rewording an entry
 * and re-signing with a key of their own, rebuilding the chain with no key, cutting the
 * signed tail (with a torn line so a station "recovers" and signs it), truncating, and
 * replacing the journal with an older copy or another station's. Then:
 *  - the forger starts a station on it with a fresh, empty key folder: the station has a
 *    new key, so it cannot continue (or sign) the journal; it sets it aside or refuses it;
 *  - a verifier with the real station's trust line never calls forged content verified;
 *  - the real station (its own key folder) started on it finds it rolled back, tampered or
 *    foreign, raises the alarm, and keeps it until a supervisor resolves it.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { verdictOf, verifyJournal } from '../../electron/core/journal/verify';
import type { Station } from '../../electron/core/station';
import { openStationKeys } from '../../electron/core/station-keys';
import { createScenario, makeAlert } from '../../electron/simulator/scenario';
import type { JournalEntry } from '../../shared/journal/entries';
import { readEntries, rechain, resignWith, writeEntries } from '../helpers/forgery';
import { storeAndDecide } from '../helpers/station';
import { journalFile, tempDir } from './util';
import { loadTestStation } from '../helpers/loaded-station';

const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.close().catch(() => undefined);
});

/** A station as station-core opens it: the key folder first (key, kept checkpoints, alarms), then the journals. */
async function startAt(dataDir: string, keyDir: string) {
  const keys = await openStationKeys({ dataDir, keyDir, log: () => undefined });
  const station = await loadTestStation(stations, {
    root: dataDir,
    signer: keys.signer,
    alarms: keys.alarms,
    checkpoints: keys.checkpoints,
  });
  return { station, keys };
}

async function stop(station: Station) {
  await station.close();
  stations.splice(stations.indexOf(station), 1);
}

type Scenario = ReturnType<typeof createScenario>;

const reworded = (entries: JournalEntry[]) =>
  entries.map((e) => (e.type === 'decision' ? { ...e, data: { ...e.data, decision: 'engage' } } : e));

interface Original {
  dataDir: string;
  keyDir: string;
  scenario: Scenario;
  trust: Array<{ stationId: string; publicKey: string; label: string }>;
  /** The journal as it was before the officer decided (an old backup). */
  older: Buffer;
  /** The last entry the station signed. */
  lastSignedSeq: number;
}

/** The real station: one deployment, one alert decided, closed (its journal sealed). */
async function original(): Promise<Original> {
  const dataDir = tempDir('rs-resign-data-');
  const keyDir = tempDir('rs-resign-keys-');
  const { station, keys } = await startAt(dataDir, keyDir);
  const scenario = createScenario({ seed: 2304 });
  await station.handleDeployment(scenario.deployment);
  const older = readFileSync(journalFile(dataDir, scenario.deployment.deploymentId));
  await storeAndDecide(
    station,
    makeAlert(scenario, { scene: false }),
    { id: 'PC 23', name: 'Ash Reid' },
    'The ear shape and the jawline differ from the reference image.',
  );
  await stop(station);
  const report = await verifyJournal(journalFile(dataDir, scenario.deployment.deploymentId));
  const { stationId, publicKey } = keys.signer;
  return {
    dataDir,
    keyDir,
    scenario,
    trust: [{ stationId, publicKey, label: 'the real station' }],
    older,
    lastSignedSeq: report.lastCheckpoint!.seq,
  };
}

/** Another station's complete, self-signed journal for the same deployment. */
async function anotherStationsJournal(scenario: Scenario): Promise<Buffer> {
  const { station } = await startAt(tempDir('rs-resign-other-'), tempDir('rs-resign-other-keys-'));
  await station.handleDeployment(scenario.deployment);
  expect(await station.handleAlert(makeAlert(scenario, { scene: false }))).toEqual({ status: 'stored' });
  await stop(station);
  return readFileSync(journalFile(station.options.root, scenario.deployment.deploymentId));
}

type Forgery = (file: string, o: Original) => Promise<void>;

/**
 * Each forgery, and what the real station must make of it: an alarm, or (cutting only the
 * last checkpoint line, every entry it signed still there and unchanged) nothing lost:
 * the station seals the same entries again.
 */
const FORGERIES: Array<[string, Forgery, 'alarm' | 'nothing lost']> = [
  [
    'a decision reworded and every checkpoint re-signed with a new key',
    async (file) =>
      writeEntries(file, resignWith(reworded(await readEntries(file)), createEphemeralSigner())),
    'alarm',
  ],
  [
    'a decision reworded and the chain rebuilt, with no key to sign',
    async (file) => writeEntries(file, rechain(reworded(await readEntries(file)))),
    'alarm',
  ],
  [
    'the signed tail cut, the decision reworded, a torn line left for the next start to "recover" and sign',
    async (file) => {
      const entries = reworded(await readEntries(file));
      await writeEntries(
        file,
        rechain(entries.slice(0, entries.findIndex((e) => e.type === 'decision') + 1)),
      );
      appendFileSync(file, '{"seq":');
    },
    'alarm',
  ],
  [
    'truncated: the last checkpoint cut',
    async (file) => writeEntries(file, (await readEntries(file)).slice(0, -1)),
    'nothing lost',
  ],
  [
    'truncated at an earlier checkpoint (a shorter journal that still chains and is signed)',
    async (file) => {
      const entries = await readEntries(file);
      const decision = entries.findIndex((e) => e.type === 'decision');
      await writeEntries(file, entries.slice(0, decision + 2));
    },
    'alarm',
  ],
  ['replaced by an older copy of itself', async (file, o) => writeFileSync(file, o.older), 'alarm'],
  [
    "replaced by another station's journal for the same deployment",
    async (file, o) => writeFileSync(file, await anotherStationsJournal(o.scenario)),
    'alarm',
  ],
];

/** What a station made of the deployment's journal at start. */
function outcomes(station: Station, deploymentId: string): string[] {
  const snapshot = station.snapshot();
  const found: string[] = [];
  if (snapshot.safeguards.some((w) => w.code === 'journal-rollback')) found.push('rolled back');
  if (station.tampered.has(deploymentId)) found.push('tampered');
  if (snapshot.reliability?.refusals.some((r) => r.code === 'journal-set-aside')) found.push('foreign');
  return found;
}

/** Every copy of the deployment's journal in a data folder: in place, or set aside. */
function journalsOf(dataDir: string, deploymentId: string): string[] {
  const files = [journalFile(dataDir, deploymentId)];
  const aside = join(dataDir, 'set-aside');
  if (existsSync(aside))
    for (const name of readdirSync(aside))
      if (name.startsWith(deploymentId)) files.push(join(aside, name, 'journal.jsonl'));
  return files.filter((f) => existsSync(f));
}

describe('Re-signing needs the key from outside the data folder', () => {
  it('the data folder holds no key: nothing in it can sign', async () => {
    const o = await original();
    const all = readdirSync(o.dataDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) {
      expect(f.name).not.toMatch(/^(identity\.json|station-key\..*|checkpoints\.json|alarms\.json)$/);
      expect(readFileSync(join(f.parentPath, f.name), 'latin1')).not.toContain('PRIVATE KEY');
    }
    expect(readdirSync(o.keyDir).sort()).toEqual(['checkpoints.json', 'identity.json', 'station-key.pem']);
  });

  it.each(FORGERIES)(
    '%s: unsealed, tampered, foreign or rolled back, never verified',
    async (name, forge, expected) => {
      const o = await original();
      const id = o.scenario.deployment.deploymentId;

      // The forger: a copy of the data folder, forged, and a station with a fresh, empty key folder.
      const forged = tempDir('rs-resign-copy-');
      cpSync(o.dataDir, forged, { recursive: true });
      await forge(journalFile(forged, id), o);
      const putBack = tempDir('rs-resign-putback-');
      cpSync(forged, putBack, { recursive: true });
      const forger = await startAt(forged, tempDir('rs-resign-fresh-keys-'));
      expect(forger.keys.signer.publicKey).not.toBe(o.trust[0]!.publicKey);
      expect(outcomes(forger.station, id)).toEqual(
        expect.arrayContaining([expect.stringMatching(/foreign|tampered/)]),
      );
      await stop(forger.station);

      // Whatever the forger's station left, a verifier with the real station's trust line
      // never vouches for more than the real station signed, and never for a changed entry.
      const files = journalsOf(forged, id);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const report = await verifyJournal(file);
        const verdict = verdictOf(report, o.trust);
        if (verdict.kind === 'verified') {
          expect(verdict.lastSigned.seq, file).toBeLessThan(o.lastSignedSeq);
          expect((await readEntries(file)).find((e) => e.type === 'decision')?.data).not.toMatchObject({
            decision: 'engage',
          });
        } else expect(['unsealed', 'tampered', 'untrusted-key']).toContain(verdict.kind);
      }

      // The forged folder put back under the real station (its own key folder, copied as it was).
      const keys = tempDir('rs-resign-realkeys-');
      cpSync(o.keyDir, keys, { recursive: true });
      const real = await startAt(putBack, keys);
      if (expected === 'nothing lost') {
        // Every entry the station signed is there, unchanged; it seals them again itself.
        expect(outcomes(real.station, id)).toEqual([]);
        await stop(real.station);
        const mended = await readEntries(journalFile(putBack, id));
        const signed = (await readEntries(journalFile(o.dataDir, id))).slice(0, o.lastSignedSeq);
        expect(mended.slice(0, o.lastSignedSeq)).toEqual(signed);
        expect(verdictOf(await verifyJournal(journalFile(putBack, id)), o.trust).kind).toBe('verified');
        return;
      }
      expect(outcomes(real.station, id).length, `the real station took "${name}" as sound`).toBeGreaterThan(
        0,
      );
      // Kept with the key until a supervisor resolves it (a restart raises it again).
      expect(real.keys.alarms.standing({ deploymentId: id }).length).toBeGreaterThan(0);
      await stop(real.station);
      const again = await startAt(putBack, keys);
      expect(again.keys.alarms.standing({ deploymentId: id }).length).toBeGreaterThan(0);
    },
  );
});
