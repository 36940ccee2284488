/**
 * Issue 23 item 5: a tampered journal and a foreign journal (each set aside) raise alarms that
 * only a supervisor clears, the same way as the rollback alarm: journalled, raised again at
 * every start and every sign-in (the file is moved away), and cleared
 * only by a supervisor's resolution with a note, which is journalled in their name. Real
 * station core, real training feed, real files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import type { JournalEntry } from '../../shared/journal/entries';
import type { StationSnapshot } from '../../shared/view';
import { signInWithAccount } from '../helpers/accounts';
import { readEntries, writeEntries } from '../helpers/forgery';
import { closeAfterEach, startTestCore, testKeyDir } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'standing-alarms-token';
const cleanup = closeAfterEach();

async function feed() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  return server;
}

async function station(server: { url: string }, dataDir: string, keyDir = testKeyDir(dataDir)) {
  const core = await startTestCore({ dataDir, keyDir, feedUrl: server.url, token: TOKEN });
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanup.push(close);
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  const alarm = (code: string) => latest?.safeguards.find((w) => w.code === code);
  return { core, close, snapshot: () => latest, alarm };
}

const entriesWith = (file: string, code: string): JournalEntry[] =>
  readJournal(file).filter((e) => e.type === 'safeguard-warning' && e.data.code === code);

/** Three officers sign in and out: none of it clears the alarm. */
async function threeSignIns(s: Awaited<ReturnType<typeof station>>, dataDir: string, code: string) {
  for (const n of [1, 2, 3]) {
    await signInWithAccount(s.core, dataDir, { id: `PC ${n}1`, name: `PC ${n}1`, role: 'officer' });
    expect(s.alarm(code), `after sign-in ${n}`).toBeDefined();
    expect((await s.core.services.signOut({})).ok).toBe(true);
  }
}

describe('a tampered journal', () => {
  it('is set aside, and stands through sign-ins and restarts until a supervisor resolves it with a note', async () => {
    const server = await feed();
    const dataDir = tempDir('alarm-tampered-');
    const id = server.deployment.deploymentId;
    const file = journalFile(dataDir, id);
    const first = await station(server, dataDir);
    await waitFor(() => first.snapshot()?.deployment, 'deployment');
    expect((await server.emitAlert()).ack).toBe('stored');
    await first.close();

    // Someone edits an entry in place (the chain no longer holds).
    const entries = await readEntries(file);
    const edited = entries.findIndex((e) => e.type === 'alert-received');
    entries[edited] = { ...entries[edited]!, at: '2020-01-01T00:00:00.000Z' };
    await writeEntries(file, entries);
    const tampered = readFileSync(file);

    const second = await station(server, dataDir);
    const warning = await waitFor(() => second.alarm('journal-tampered'), 'the tampered alarm');
    expect(warning).toMatchObject({
      severity: 'serious',
      title: 'Journal tampered',
      alarm: { kind: 'journal-tampered', deploymentId: id },
    });
    // Set aside as found; a new journal for the deployment has it on its record, and takes alerts.
    const [aside] = readdirSync(join(dataDir, 'set-aside'));
    expect(readFileSync(join(dataDir, 'set-aside', aside!, 'journal.jsonl'))).toEqual(tampered);
    expect(entriesWith(file, 'journal-tampered')).toHaveLength(1);
    await waitFor(() => second.snapshot()?.deployment, 'deployment');
    expect((await server.emitAlert()).ack).toBe('stored');
    await threeSignIns(second, dataDir, 'journal-tampered');
    await signInWithAccount(second.core, dataDir, { id: 'PC 50', name: 'PC Fifty', role: 'officer' });
    const note = 'Edited file examined; the original is in the station backup; incident 88';
    expect(
      await second.core.services.resolveAlarm({ kind: 'journal-tampered', deploymentId: id, note }),
    ).toMatchObject({ ok: false });
    await second.close();

    const third = await station(server, dataDir);
    await waitFor(() => third.snapshot()?.deployment, 'deployment');
    expect(third.alarm('journal-tampered')).toBeDefined();
    expect(entriesWith(file, 'journal-tampered')).toHaveLength(1);
    await threeSignIns(third, dataDir, 'journal-tampered');

    await signInWithAccount(third.core, dataDir, { id: 'SGT 3', name: 'Sgt Three', role: 'supervisor' });
    expect(
      await third.core.services.resolveAlarm({ kind: 'journal-tampered', deploymentId: id, note }),
    ).toEqual({ ok: true });
    await waitFor(() => !third.alarm('journal-tampered'), 'the alarm gone');
    const [resolution] = entriesWith(file, 'journal-tampered-resolved');
    expect(resolution).toMatchObject({ actor: { id: 'SGT 3' } });
    expect(resolution!.data.detail).toContain(note);
    expect(
      await third.core.services.resolveAlarm({ kind: 'journal-tampered', deploymentId: id, note }),
    ).toMatchObject({ ok: false });
    await third.close();

    // Resolved stays resolved, and the set-aside file raises no new one.
    const fourth = await station(server, dataDir);
    await waitFor(() => fourth.snapshot()?.deployment, 'deployment');
    expect(fourth.alarm('journal-tampered')).toBeUndefined();
    expect(entriesWith(file, 'journal-tampered')).toHaveLength(1);
  });
});

describe('a foreign journal, set aside', () => {
  it('is journalled in the journal opened after it, and stands across restarts until a supervisor resolves it', async () => {
    const server = await feed();
    const dataDir = tempDir('alarm-foreign-');
    const id = server.deployment.deploymentId;
    const file = journalFile(dataDir, id);
    // A journal another station key wrote (this data folder used with another key folder).
    const other = await station(server, dataDir, tempDir('alarm-foreign-otherkeys-'));
    await waitFor(() => other.snapshot()?.deployment, 'deployment');
    expect((await server.emitAlert()).ack).toBe('stored');
    await other.close();

    const first = await station(server, dataDir);
    const warning = await waitFor(() => first.alarm('journal-foreign'), 'the foreign-journal alarm');
    expect(warning).toMatchObject({
      title: 'Journal set aside',
      alarm: { kind: 'journal-foreign', deploymentId: id },
    });
    expect(warning.detail).toMatch(/another station key.*set aside, not deleted or changed/);
    // A new journal for the deployment starts at once; the alarm goes on its record.
    await waitFor(() => first.snapshot()?.deployment, 'deployment');
    await waitFor(() => entriesWith(file, 'journal-foreign').length === 1, 'the alarm journalled');
    await threeSignIns(first, dataDir, 'journal-foreign');
    await first.close();

    const second = await station(server, dataDir);
    await waitFor(() => second.snapshot()?.deployment, 'deployment');
    expect(second.alarm('journal-foreign')).toBeDefined();
    await signInWithAccount(second.core, dataDir, { id: 'SGT 4', name: 'Sgt Four', role: 'supervisor' });
    const note = 'Journal from the spare laptop; handed to the DPO for examination';
    expect(
      await second.core.services.resolveAlarm({ kind: 'journal-foreign', deploymentId: id, note }),
    ).toEqual({
      ok: true,
    });
    await waitFor(() => !second.alarm('journal-foreign'), 'the alarm gone');
    expect(entriesWith(file, 'journal-foreign-resolved')[0]).toMatchObject({ actor: { id: 'SGT 4' } });
    await second.close();

    const third = await station(server, dataDir);
    await waitFor(() => third.snapshot()?.deployment, 'deployment');
    expect(third.alarm('journal-foreign')).toBeUndefined();
    const kept = JSON.parse(readFileSync(`${testKeyDir(dataDir)}/alarms.json`, 'utf8')) as {
      alarms: Array<{ kind: string; resolved: { note: string } | null }>;
    };
    expect(kept.alarms).toEqual([
      expect.objectContaining({ kind: 'journal-foreign', resolved: expect.objectContaining({ note }) }),
    ]);
  });
});
