/**
 * A fold holds repeated strings, officers and reason lists once (shared/journal/intern.ts,
 * issue 25.5): the same values, shared and frozen; never one value for another.
 */
import { describe, expect, it } from 'vitest';
import { foldEntries } from '../../shared/journal/fold';
import { interner } from '../../shared/journal/intern';
import type { JournalEntry } from '../../shared/journal/entries';

/** A fresh copy of a string, as JSON.parse makes for each line. */
const copy = (s: string) => JSON.parse(JSON.stringify(s)) as string;

describe('interner', () => {
  it('gives one copy of a repeated value', () => {
    const intern = interner();
    const first = intern(copy('High Street south'));
    expect(intern(copy('High Street south'))).toBe(first);
    expect(intern('other')).toBe('other');
  });

  it('shares one frozen actor per id and name, and never mixes two up', () => {
    const intern = interner();
    const a = intern.actor({ id: 'PC-1', name: 'PC One' });
    expect(intern.actor({ id: copy('PC-1'), name: copy('PC One') })).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    // Ids and names with line breaks that would make the same key stay apart.
    const b = intern.actor({ id: 'a\nb', name: 'c' });
    const c = intern.actor({ id: 'a', name: 'b\nc' });
    expect(c).not.toBe(b);
    expect(c).toEqual({ id: 'a', name: 'b\nc' });
    // One with other members, or in another order, is kept as read.
    const extra = { id: 'PC-1', name: 'PC One', note: 'x' };
    expect(intern.actor(extra)).toBe(extra);
    const reordered = { name: 'PC One', id: 'PC-1' };
    expect(intern.actor(reordered)).toBe(reordered);
  });

  it('shares one frozen list per values in order, and never mixes two up', () => {
    const intern = interner();
    const list = intern.list(['subject-likeness-strong', 'system-score-clear']);
    expect(intern.list([copy('subject-likeness-strong'), copy('system-score-clear')])).toBe(list);
    expect(Object.isFrozen(list)).toBe(true);
    expect(intern.list(['system-score-clear', 'subject-likeness-strong'])).not.toBe(list);
    expect(intern.list(['a', 'b\nc'])).toEqual(['a', 'b\nc']);
    expect(intern.list(['a\nb', 'c'])).toEqual(['a\nb', 'c']);
  });
});

describe('a fold', () => {
  const entry = (
    seq: number,
    type: string,
    data: Record<string, unknown>,
    actor = null as JournalEntry['actor'],
  ) =>
    ({
      seq,
      at: `2026-03-21T10:00:0${seq}.000Z`,
      type,
      actor,
      data,
      prev: '',
      hash: `h${seq}`,
    }) as JournalEntry;
  const image = (sha: string) => ({
    sha256: sha.repeat(64),
    mime: 'image/jpeg',
    width: 8,
    height: 8,
    bytes: 10,
  });
  const received = (seq: number, alertId: string) =>
    entry(seq, 'alert-received', {
      v: 1,
      alertId,
      seq,
      deploymentId: 'dep',
      capturedAt: '2026-03-21T09:59:59.000Z',
      camera: { id: 'cam-1', label: 'High Street south' },
      score: 0.9,
      threshold: 0.64,
      probe: image(String(seq)),
      subject: {
        entryId: 'WL-1',
        category: 'wanted-court-warrant',
        tier: 'red',
        reason: 'Warrant.',
        warnings: [],
        image: image('f'),
      },
    });
  const decision = (seq: number, alertId: string) =>
    entry(seq, 'decision', {
      alertId,
      deploymentId: 'dep',
      revision: 1,
      decision: 'no-engage',
      reasons: ['subject-age-sex-differ'],
      rationale: 'Different.',
      operator: { id: 'PC-1', name: 'PC One' },
      confirmedBy: null,
      shownAt: '2026-03-21T10:00:00.000Z',
      decidedAt: '2026-03-21T10:00:05.000Z',
      evidence: { probeSha256: 'a'.repeat(64), subjectSha256: 'f'.repeat(64), score: 0.9, threshold: 0.64 },
    });

  it('gives alerts that share repeated parts, and a shared part cannot be changed', () => {
    const lines = [received(1, 'a-1'), received(2, 'a-2'), decision(3, 'a-1'), decision(4, 'a-2')];
    const state = foldEntries('dep', JSON.parse(JSON.stringify(lines)) as JournalEntry[]);
    const [one, two] = [state.alerts.get('a-1')!, state.alerts.get('a-2')!];
    expect(one.decisions[0]!.operator).toBe(two.decisions[0]!.operator);
    expect(one.decisions[0]!.reasons).toBe(two.decisions[0]!.reasons);
    expect(one.subject.warnings).toBe(two.subject.warnings);
    expect(() => one.subject.warnings.push('x')).toThrow(TypeError);
    expect(() => one.decisions[0]!.reasons.push('x')).toThrow(TypeError);
    expect(two.subject.warnings).toEqual([]);
    expect(one.probe.url).toBe(`/images/dep/${'1'.repeat(64)}`);
    expect(one.decisions[0]).toMatchObject({
      operator: { id: 'PC-1', name: 'PC One' },
      reasons: ['subject-age-sex-differ'],
    });
  });
});
