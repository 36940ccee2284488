/**
 * Issue 21 item 5: a journal the station cannot continue does not stop it. A tampered
 * journal (an entry edited in place), one of garbage bytes, and one the system will not let
 * it read (mode 000, or as root, where permissions do not stop reading, a folder in its
 * place) are each set aside (moved, never deleted or altered), named in a standing alarm and
 * at the start of a new journal for that deployment, and the station takes and decides the
 * next alert. The alarm stands across a restart until a supervisor resolves it with a note;
 * the set-aside file still reads as tampered on its own, the new journal verifies. Real
 * station core, real Socket.IO training feed, real files.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import type { SetAsideRecord } from '../../shared/journal/entries';
import type { StationSnapshot } from '../../shared/view';
import { signInWithAccount } from '../helpers/accounts';
import { readEntries, writeEntries } from '../helpers/forgery';
import { closeAfterEach, startTestCore, writeStationSettings } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'set-aside-token';
const cleanup = closeAfterEach();
const asRoot = process.getuid?.() === 0;

async function station(server: { url: string }, dataDir: string) {
  writeStationSettings(dataDir, { dwellMs: 0 });
  const core = await startTestCore({ dataDir, feedUrl: server.url, token: TOKEN });
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanup.push(close);
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  const alarm = () => latest?.safeguards.find((w) => w.code === 'journal-tampered');
  return { core, close, snapshot: () => latest, alarm };
}

type Spoil = (file: string) => Promise<void>;

/** Each way a journal cannot be continued, what the alarm calls it, and what the record says. */
const CASES: Array<[string, Spoil, { title: string; kind: string; why: RegExp }]> = [
  [
    'a journal with an entry edited in place',
    async (file) => {
      const entries = await readEntries(file);
      const edited = entries.findIndex((e) => e.type === 'alert-received');
      entries[edited] = { ...entries[edited]!, at: '2020-01-01T00:00:00.000Z' };
      await writeEntries(file, entries);
    },
    { title: 'Journal tampered', kind: 'tampered', why: /journal tampered at seq \d+/ },
  ],
  [
    'a journal of garbage bytes',
    async (file) =>
      writeFileSync(
        file,
        Buffer.concat([randomBytes(4000), Buffer.from('\n'), randomBytes(3000), Buffer.from('\n')]),
      ),
    { title: 'Journal tampered', kind: 'tampered', why: /journal tampered at seq 1/ },
  ],
  [
    asRoot ? 'an unreadable journal (a folder in its place)' : 'an unreadable journal (mode 000)',
    async (file) => {
      if (asRoot) {
        rmSync(file);
        mkdirSync(file);
      } else chmodSync(file, 0o000);
    },
    {
      title: 'Journal unreadable',
      kind: 'unreadable',
      why: asRoot ? /could not be read \(EISDIR/ : /could not be read \(EACCES/,
    },
  ],
];

describe('a journal the station cannot continue', () => {
  it.each(CASES)(
    '%s is set aside and named; the station takes and decides the next alert, and the alarm stands until resolved',
    async (_name, spoil, expected) => {
      const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
      cleanup.push(() => server.close());
      const dataDir = tempDir('rs-set-aside-');
      const id = server.deployment.deploymentId;
      const file = journalFile(dataDir, id);
      const first = await station(server, dataDir);
      await waitFor(() => first.snapshot()?.deployment, 'deployment');
      expect((await server.emitAlert()).ack).toBe('stored');
      await first.close();
      await spoil(file);
      const spoiled = expected.kind === 'unreadable' ? null : readFileSync(file);

      // The station starts, says so, and the journal is kept as it was found.
      const second = await station(server, dataDir);
      const warning = await waitFor(() => second.alarm(), 'the alarm');
      expect(warning).toMatchObject({
        severity: 'serious',
        title: expected.title,
        alarm: { kind: 'journal-tampered', deploymentId: id },
        values: { deploymentId: id, how: expected.kind },
      });
      expect(warning.detail).toMatch(expected.why);
      const [aside] = readdirSync(join(dataDir, 'set-aside'));
      const asideFile = join(dataDir, 'set-aside', aside!, 'journal.jsonl');
      expect(warning.detail).toContain(
        `set aside, not deleted or changed: it is now in ${join(dataDir, 'set-aside', aside!)}`,
      );
      if (spoiled) expect(readFileSync(asideFile)).toEqual(spoiled);

      // A new journal for the deployment starts by recording what was set aside, where and why.
      const [opened, alarmEntry] = readJournal(file);
      expect(opened).toMatchObject({
        seq: 1,
        type: 'journal-opened',
        data: { deploymentId: id, setAside: { kind: expected.kind, path: join('set-aside', aside!) } },
      });
      const record = opened!.data.setAside as SetAsideRecord;
      expect(record.why).toMatch(expected.why);
      if (spoiled)
        expect(record).toMatchObject({
          sha256: createHash('sha256').update(spoiled).digest('hex'),
          bytes: spoiled.length,
        });
      // journal-opened is signed at once: a checkpoint, then the alarm.
      expect(readJournal(file).find((e) => e.type === 'safeguard-warning')).toMatchObject({
        data: { code: 'journal-tampered', severity: 'serious', title: expected.title },
      });
      expect(alarmEntry?.type).toBe('checkpoint');

      // It takes and decides the next alert.
      await waitFor(() => second.snapshot()?.deployment, 'deployment');
      const next = await server.emitAlert();
      expect(next.ack).toBe('stored');
      await signInWithAccount(second.core, dataDir, { id: 'PC 21', name: 'Rhys Owen', role: 'officer' });
      expect(second.alarm()).toBeDefined();
      expect(await second.core.services.alertShown({ alertId: next.payload.alertId })).toMatchObject({
        ok: true,
      });
      expect(
        await second.core.services.recordDecision({
          alertId: next.payload.alertId,
          decision: 'no-engage',
          reasons: [REASON_CODES[2]!.code],
          rationale: 'Jawline and eye spacing differ clearly from the reference.',
        }),
      ).toMatchObject({ ok: true });
      await waitFor(() => server.decisions.get(`${next.payload.alertId}#1`), 'the decision at the feed');
      await second.close();

      // Each file verifies on its own: the new journal does; the set-aside one does not.
      expect((await verifyJournal(file)).failure).toBeNull();
      if (expected.kind !== 'unreadable') {
        const report = await verifyJournal(asideFile);
        expect(report.failure).not.toBeNull();
      }

      // A restart: the alarm still stands, and the new journal opens as this station's own.
      const third = await station(server, dataDir);
      await waitFor(() => third.snapshot()?.deployment, 'deployment');
      expect(third.alarm()).toBeDefined();
      expect(readdirSync(join(dataDir, 'set-aside'))).toEqual([aside]);
      expect(third.snapshot()!.safeguards.some((w) => w.code === 'journal-rollback')).toBe(false);
      await signInWithAccount(third.core, dataDir, { id: 'SGT 7', name: 'Sgt Lloyd', role: 'supervisor' });
      const note = 'Set-aside journal examined; copied to evidence store, ref 4471';
      expect(
        await third.core.services.resolveAlarm({ kind: 'journal-tampered', deploymentId: id, note }),
      ).toEqual({ ok: true });
      await waitFor(() => !third.alarm(), 'the alarm gone');
      const resolution = readJournal(file).find(
        (e) => e.type === 'safeguard-warning' && e.data.code === 'journal-tampered-resolved',
      );
      expect(resolution).toMatchObject({ actor: { id: 'SGT 7' } });
      expect(resolution!.data.detail).toContain(note);
      await third.close();

      const fourth = await station(server, dataDir);
      await waitFor(() => fourth.snapshot()?.deployment, 'deployment');
      expect(fourth.alarm()).toBeUndefined();
      expect(existsSync(asideFile)).toBe(true);
    },
  );
});
