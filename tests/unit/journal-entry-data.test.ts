/**
 * The typed journal: one schema per entry type (shared/journal/entry-data.ts) checks
 * what is written and what is read back. A journal is input too: an entry of a known
 * type whose data does not match is a fault the station refuses, named by its seq; a
 * type it does not know, or data that carries more, is allowed (journal-v1).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { Journal } from '../../electron/core/journal/journal';
import { Station } from '../../electron/core/station';
import { ReplayBuilder } from '../../electron/core/replay/builder';
import { loadReplayState } from '../../electron/core/replay/load';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import type { JournalEntry } from '../../shared/journal/entries';
import { foldEntries } from '../../shared/journal/fold';
import { checkEntryData, EntryDataError } from '../../shared/journal/read-entry';
import { tempDir } from '../integration/util';

const OFFICER = { id: 'PC 7', name: 'Sam Reyes' };

const entry = (type: string, data: Record<string, unknown>, seq = 2): JournalEntry => ({
  seq,
  at: '2026-03-21T10:00:00.000Z',
  type,
  actor: OFFICER,
  data,
  prev: '0'.repeat(64),
  hash: '0'.repeat(64),
});

describe('checking entry data against the entry map', () => {
  it('narrows a known type whose data matches, and lets data carry more', () => {
    const result = checkEntryData(
      entry('legal-hold', { active: true, reason: 'complaint received', caseRef: 'C-1' }),
    );
    expect(result).toMatchObject({ ok: true, entry: { type: 'legal-hold' } });
  });

  it('reads sign-ins written before sign-in methods existed, and the new members', () => {
    expect(checkEntryData(entry('operator-signed-in', { role: 'officer' })).ok).toBe(true);
    expect(checkEntryData(entry('operator-signed-in', { role: 'officer', continued: true })).ok).toBe(true);
    expect(
      checkEntryData(
        entry('operator-signed-in', {
          role: 'supervisor',
          method: 'oidc',
          issuer: 'https://id.example',
          subject: 'abc',
          idTokenSha256: 'f'.repeat(64),
        }),
      ).ok,
    ).toBe(true);
    expect(checkEntryData(entry('operator-signed-in', { role: 'officer', method: 'guess' })).ok).toBe(false);
  });

  it('knows the entries added with journal-v1 alert conflicts, tallies and exports', () => {
    const good: Array<[string, Record<string, unknown>]> = [
      ['alert-conflict', { alertId: 'a', storedSha256: 'b'.repeat(64), receivedSha256: 'c'.repeat(64) }],
      ['tally', { deploymentId: 'd', cameraId: 'cam-1', from: 'x', to: 'y', faces: 120 }],
      ['export', { kind: 'pdf', includesImages: false, sha256: 'd'.repeat(64), bytes: 2048 }],
    ];
    for (const [type, data] of good) expect(checkEntryData(entry(type, data))).toMatchObject({ ok: true });
    expect(
      checkEntryData(entry('export', { kind: 'zip', includesImages: false, sha256: 'x', bytes: 1 })).ok,
    ).toBe(false);
    expect(checkEntryData(entry('tally', { deploymentId: 'd', cameraId: 'c', from: 'x', to: 'y' })).ok).toBe(
      false,
    );
  });

  it('passes a type it does not know, which folds to nothing', () => {
    expect(checkEntryData(entry('shift-note', { anything: 1 }))).toEqual({ ok: true, entry: null });
    const state = foldEntries('dep', [entry('shift-note', { anything: 1 }, 1)]);
    expect(state.lastSeq).toBe(1);
  });

  it('names what is wrong with data that does not match its type', () => {
    const result = checkEntryData(entry('decision', { alertId: 'a-1', decision: 'maybe' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^decision data is malformed: .*decision/);
    expect(() => foldEntries('dep', [entry('decision', { alertId: 'a-1' })])).toThrow(EntryDataError);
  });
});

describe('a journal whose entries do not read', () => {
  let root: string;
  let signer: Signer;
  const stations: Station[] = [];
  beforeEach(() => {
    root = tempDir('rs-entry-data-');
    signer = createEphemeralSigner();
  });
  afterEach(async () => {
    for (const s of stations.splice(0)) await s.close().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });

  async function journalWithBadDecision(deploymentId: string): Promise<string> {
    const file = join(root, 'deployments', deploymentId, 'journal.jsonl');
    const { journal } = await Journal.open({ file, deploymentId, signer, appVersion: 'test' });
    // The chain is intact and signed; only the data is not what a decision holds.
    await journal.append('decision', OFFICER, { alertId: 'a-1', decision: 'engage' });
    await journal.close();
    return file;
  }

  it('is set aside by the station, kept exactly as found, and the station takes the next alert', async () => {
    const deployment = makeDeployment({ seed: 4, now: new Date() });
    const file = await journalWithBadDecision(deployment.deploymentId);
    const before = readFileSync(file);
    const station = new Station({ root, signer, appVersion: 'test', training: false, mode: 'browser' });
    stations.push(station);
    await station.load();
    // Issue 21: named in a standing alarm, moved (never altered) to set-aside/, and a new journal begun.
    const opened = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as {
      data: { setAside?: { kind: string; why: string } };
    };
    expect(opened.data.setAside?.why).toMatch(
      /journal entry unreadable at seq 2: decision data is malformed/,
    );
    const [aside] = readdirSync(join(root, 'set-aside'));
    expect(readFileSync(join(root, 'set-aside', aside!, 'journal.jsonl')).equals(before)).toBe(true);
    await station.handleDeployment(deployment);
    const ack = await station.handleAlert(
      makeAlert(createScenario({ seed: 4, deployment }), { scene: false }),
    );
    expect(ack).toMatchObject({ status: 'stored' });
    await station.close();
  });

  it('shows in replay what can be shown, and where the data is wrong', async () => {
    const file = await journalWithBadDecision('dep-bad');
    const builder = new ReplayBuilder('dep-bad');
    for (const line of readFileSync(file, 'utf8').trim().split('\n'))
      builder.apply(JSON.parse(line) as JournalEntry);
    expect(builder.malformed).toMatchObject({ seq: 2, reason: expect.stringMatching(/^decision data/) });
    expect(builder.skipped).toBe(1);
    expect(builder.events.map((e) => e.type)).toEqual(['journal-opened', 'journal-closed']);

    const state = await loadReplayState({
      key: 'station:dep-bad',
      source: 'station',
      journalFile: file,
      imagesDir: join(root, 'deployments', 'dep-bad', 'images'),
    });
    expect(state.integrity).toMatchObject({ status: 'tampered', failure: { seq: 2 } });
  });
});
