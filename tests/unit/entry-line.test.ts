import { describe, expect, it } from 'vitest';
import { buildEntry, buildEntryAndLine } from '../../electron/core/journal/journal-types';
import { entryLine } from '../../electron/core/journal/canonical-line';
import { GENESIS_HASH } from '../../shared/journal/entries';

describe('the line written for an entry', () => {
  it('is the canonical JSON of the whole entry, built from the one canonical text of its body', () => {
    const cases: Array<[string, { id: string; name: string } | null, object]> = [
      ['alert-received', null, { alertId: 'a-1', seq: 7, probe: { sha256: 'ab'.repeat(32), bytes: 10 } }],
      [
        'decision',
        { id: 'PC 4521', name: 'Alex Morgan' },
        { alertId: 'a-1', outcome: 'match', note: 'é "q" \\ \n' },
      ],
      [
        'type with "quotes" and ünïcode',
        null,
        { '10': 1, b: [1, 2.5, -0, 1e21, { z: null, a: true }], a: '' },
      ],
      ['checkpoint', null, {}],
    ];
    for (const [i, [type, actor, data]] of cases.entries()) {
      const { entry, line } = buildEntryAndLine(
        i + 1,
        GENESIS_HASH,
        type,
        actor,
        data,
        '2026-12-06T03:00:00.000Z',
      );
      expect(line).toBe(entryLine(entry));
      expect(entry).toEqual(buildEntry(i + 1, GENESIS_HASH, type, actor, data, '2026-12-06T03:00:00.000Z'));
    }
  });
});
