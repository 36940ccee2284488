/** Issue 10 item 3: refusals in words, grouped for statistics. */
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES, groupRefusals, refusalText, refusalWords } from '../../shared/refusals';
import { translatorFor } from '../../shared/i18n/translator';

describe('refusals in words', () => {
  it('says what each code means, and keeps unknown codes readable', () => {
    expect(refusalWords('outside-window')).toBe('Captured outside the authorised window of the deployment');
    expect(refusalWords('conflict')).toMatch(/same alert ID but different content/);
    expect(refusalWords('journal-rollback')).toBe('Refused (journal-rollback)');
  });

  it('says the same in English through the messages, and in Welsh', () => {
    const en = translatorFor('en-GB');
    const cy = translatorFor('cy');
    for (const code of [...REFUSAL_CODES, 'journal-rollback'])
      expect(refusalText(en, code)).toBe(refusalWords(code));
    expect(refusalText(cy, 'outside-window')).toBe('Cipiwyd y tu allan i gyfnod awdurdodedig y defnydd');
    expect(refusalText(cy, 'journal-rollback')).toBe('Gwrthodwyd (journal-rollback)');
  });

  it('groups by meaning, commonest first, with the distinct reasons and their counts', () => {
    const groups = groupRefusals([
      { code: 'invalid', reason: 'seq: too small' },
      { code: 'outside-window', reason: 'outside the authorised window' },
      { code: 'invalid', reason: 'probe.data: not a JPEG' },
      { code: 'invalid', reason: 'seq: too small' },
    ]);
    expect(groups.map((g) => [g.code, g.count])).toEqual([
      ['invalid', 3],
      ['outside-window', 1],
    ]);
    expect(groups[0]!.reasons).toEqual([
      { reason: 'seq: too small', count: 2 },
      { reason: 'probe.data: not a JPEG', count: 1 },
    ]);
  });
});
