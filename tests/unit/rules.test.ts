import { describe, expect, it } from 'vitest';
import { contextProblems, draftProblems, MIN_RATIONALE, REASON_CODES } from '../../shared/decision-rules';
import { compareQueue } from '../../shared/queue-order';
import { NPL_THRESHOLD, insideWindow, safeguardWarnings } from '../../shared/safeguards';
import type { Deployment } from '../../shared/feed/schemas';

const good = {
  decision: 'engage' as const,
  reasons: [REASON_CODES[0]!.code],
  rationale: 'x'.repeat(MIN_RATIONALE),
};

describe('decision rule', () => {
  it('accepts a complete draft and names each missing part', () => {
    expect(draftProblems(good)).toEqual([]);
    expect(draftProblems({ ...good, decision: null }).map((p) => p.field)).toEqual(['decision']);
    expect(draftProblems({ ...good, reasons: [] }).map((p) => p.field)).toEqual(['reasons']);
    expect(draftProblems({ ...good, reasons: ['made-up'] })[0]!.message).toMatch(/Unknown reason code/);
    expect(draftProblems({ ...good, rationale: ' '.repeat(30) + 'short' })[0]!.field).toBe('rationale');
  });

  it('needs the images shown and the dwell passed', () => {
    expect(contextProblems({ shownAt: null, now: 10_000, dwellMs: 2000 })[0]!.field).toBe('images');
    expect(contextProblems({ shownAt: 9000, now: 10_000, dwellMs: 2000 })[0]!.message).toMatch(/1 s more/);
    expect(contextProblems({ shownAt: 8000, now: 10_000, dwellMs: 2000 })).toEqual([]);
  });
});

describe('queue order', () => {
  it('puts red before amber before green, then oldest first', () => {
    const items = [
      { tier: 'green' as const, capturedAt: '2026-01-01T10:00:00Z', seq: 1 },
      { tier: 'red' as const, capturedAt: '2026-01-01T10:05:00Z', seq: 2 },
      { tier: 'amber' as const, capturedAt: '2026-01-01T10:01:00Z', seq: 3 },
      { tier: 'red' as const, capturedAt: '2026-01-01T10:02:00Z', seq: 4 },
    ];
    expect(items.sort(compareQueue).map((i) => i.seq)).toEqual([4, 2, 3, 1]);
  });
});

describe('safeguards', () => {
  const deployment = {
    startsAt: '2026-03-22T09:00:00Z',
    endsAt: '2026-03-22T17:00:00Z',
    threshold: 0.64,
    watchlist: { version: 'w1', size: 10, reviewedAt: '2026-03-22T08:00:00Z', reviewedBy: 'Insp. Shah' },
    notice: { given: true, channels: ['signs'] },
  } as Deployment;
  const at = (iso: string) => Date.parse(iso);
  const codes = (d: Deployment, now: string) => safeguardWarnings(d, at(now), false).map((w) => w.code);

  it('is quiet for a sound deployment inside its window', () => {
    expect(codes(deployment, '2026-03-22T10:00:00Z')).toEqual([]);
  });

  it('flags the window, the watchlist review, a low threshold and missing notice', () => {
    expect(codes(deployment, '2026-03-22T08:30:00Z')).toEqual(['not-started']);
    expect(codes(deployment, '2026-03-22T17:00:01Z')).toEqual(['ended']);
    expect(
      codes(
        { ...deployment, watchlist: { ...deployment.watchlist, reviewedAt: null, reviewedBy: null } },
        '2026-03-22T10:00:00Z',
      ),
    ).toEqual(['watchlist-unreviewed']);
    expect(
      codes(
        { ...deployment, watchlist: { ...deployment.watchlist, reviewedAt: '2026-03-22T09:30:00Z' } },
        '2026-03-22T10:00:00Z',
      ),
    ).toEqual(['watchlist-reviewed-late']);
    const low = safeguardWarnings({ ...deployment, threshold: 0.55 }, at('2026-03-22T10:00:00Z'), false);
    expect(low.map((w) => w.code)).toEqual(['low-threshold']);
    expect(low[0]!.detail).toMatch(/National Physical Laboratory/);
    expect(NPL_THRESHOLD).toBe(0.6);
    expect(codes({ ...deployment, notice: { given: false, channels: [] } }, '2026-03-22T10:00:00Z')).toEqual([
      'no-notice',
    ]);
    expect(
      codes(
        { ...deployment, notice: { given: false, channels: [], reasonIfNot: 'covert, authorised' } },
        '2026-03-22T10:00:00Z',
      ),
    ).toEqual([]);
  });

  it('knows the authorised window, edges included', () => {
    expect(insideWindow(deployment, '2026-03-22T09:00:00Z')).toBe(true);
    expect(insideWindow(deployment, '2026-03-22T17:00:00Z')).toBe(true);
    expect(insideWindow(deployment, '2026-03-22T08:59:59.999Z')).toBe(false);
    expect(insideWindow(deployment, '2026-03-22T18:00:00+01:00')).toBe(true);
  });
});
