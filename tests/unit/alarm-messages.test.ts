/**
 * The words of the alarms only a supervisor clears, as the screen shows them: the English
 * the station journalled, from the values it sent (so the screen and the record agree), and
 * Welsh from the same values. An alarm sent without its values keeps the words it came with.
 */
import { describe, expect, it } from 'vitest';
import { archiveConflictAlarm, standingAlarmWarnings } from '../../electron/core/station/standing-alarms';
import type { Alarm } from '../../electron/core/journal/alarms';
import { safeguardText } from '../../shared/safeguard-messages';
import { translatorFor } from '../../shared/i18n/translator';

const raisedAt = '2026-12-05T08:00:00.000Z';
const english = translatorFor('en-GB');
const welsh = translatorFor('cy');

/** The warning the screen gets for one alarm kept in the store. */
function warningOf(alarm: Omit<Alarm, 'raisedAt' | 'resolved'>) {
  const [w] = standingAlarmWarnings({
    options: { alarms: { standing: () => [{ ...alarm, raisedAt, resolved: null }] } as never },
  });
  return w!;
}

const setAside = {
  kind: 'journal-tampered' as const,
  deploymentId: 'DEP-1',
  cause: '/data/set-aside/DEP-1-20261205T080000',
  detail:
    'The journal of deployment DEP-1 could not be continued (the journal file could not be read (EISDIR: illegal operation on a directory, read)). It was set aside, not deleted or changed: it is now in /data/set-aside/DEP-1-20261205T080000. A new journal for the deployment records this, and takes its next alerts.',
  values: {
    deploymentId: 'DEP-1',
    how: 'unreadable',
    why: 'the journal file could not be read (EISDIR: illegal operation on a directory, read)',
    movedTo: '/data/set-aside/DEP-1-20261205T080000',
  },
};

describe('alarm words', () => {
  it('a set-aside journal: the English is what the station journalled; Welsh from the same values', () => {
    const w = warningOf(setAside);
    expect(safeguardText(english, w)).toEqual({ title: 'Journal unreadable', detail: w.detail });
    const cy = safeguardText(welsh, w);
    expect(cy.title).toBe('Ni ellir darllen y cyfnodolyn');
    expect(cy.detail).toContain('/data/set-aside/DEP-1-20261205T080000');
    expect(cy.detail).toMatch(
      /^Ni ellid parhau â chyfnodolyn y defnydd DEP-1 .*Codwyd 2026-12-05T08:00:00.000Z/,
    );
  });

  it('each title by how the journal could not be continued', () => {
    const title = (kind: Alarm['kind'], how: string) =>
      safeguardText(english, warningOf({ ...setAside, kind, values: { ...setAside.values, how } })).title;
    expect(title('journal-tampered', 'tampered')).toBe('Journal tampered');
    expect(title('journal-foreign', 'foreign')).toBe('Journal set aside');
  });

  it('an archive conflict, either way, in both languages', () => {
    for (const conflict of [
      {
        kind: 'hash' as const,
        seq: 7,
        archivedSeq: 7,
        archivedHash: 'a'.repeat(64),
        journalHash: 'b'.repeat(64),
      },
      { kind: 'ahead' as const, seq: 4, archivedSeq: 9, archivedHash: null, journalHash: 'c'.repeat(64) },
    ]) {
      const w = warningOf(archiveConflictAlarm({ deploymentId: 'DEP-2', ...conflict }));
      expect(safeguardText(english, w)).toEqual({ title: 'Archive conflict', detail: w.detail });
      const cy = safeguardText(welsh, w);
      expect(cy.title).toBe('Gwrthdaro yn yr archif');
      expect(cy.detail).toContain('DEP-2');
      expect(cy.detail).not.toContain('evidence archive');
    }
  });

  it('an alarm kept without values (an older station’s) keeps its English words', () => {
    const w = warningOf({ ...setAside, values: undefined });
    expect(w.values).toBeUndefined();
    expect(safeguardText(welsh, w)).toEqual({ title: w.title, detail: w.detail });
  });
});
