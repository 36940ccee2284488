/**
 * Replay tells a supervisor when a decision was journalled while the station's clock was in
 * doubt (after a clock step, before the feed's capture times confirmed it): its time may be
 * wrong by the size of the step, and the times alone do not show it. Where a later step and
 * its confirmation say what the time really was, the replay's axis places it there and says
 * so beside the time as recorded.
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import type { Placed, ReplayData } from '../../shared/replay';
import { IDS, T0, makeReplay, openFixtureReplay } from './replay-fixtures';
import { iso } from './fixtures';

afterEach(() => useLocaleStore.getState().chooseLocale('en-GB'));

const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next event' }));
const clockFact = () => screen.queryByText('Station clock', { selector: 'dt' });

describe('a decision written while the station clock was in doubt', () => {
  it('is marked beside the timing once that revision is made, and only for that alert', async () => {
    const replay = makeReplay();
    replay.alerts = replay.alerts.map((a) => (a.alertId === IDS.a ? { ...a, clockDoubtRevisions: [1] } : a));
    await openFixtureReplay(replay);
    // 60 s: alert A received, not decided: nothing to doubt yet.
    expect(clockFact()).toBeNull();
    next(); // 62 s: shown
    next(); // 90 s: A decided, revision 1, journalled while the clock was in doubt
    expect(clockFact()).not.toBeNull();
    expect(clockFact()!.nextElementSibling).toHaveTextContent(
      'In doubt when revision 1 was written: the clock had stepped and the feed had not yet confirmed it. Compare with the capture time.',
    );
    next();
    next(); // 120 s: alert B, decided at a sound clock
    expect(clockFact()).toBeNull();
  });

  it('shows the time as recorded, and where the axis placed it by the clock step', async () => {
    const replay = placedB(makeReplay());
    await openFixtureReplay(replay);
    // 60 s: alert A, on a sound clock: nothing placed.
    expect(screen.queryByText(/placed at/)).toBeNull();
    // In journal order: A shown (62 s), A decided (90 s), B received, shown, decided (180 s).
    for (let i = 0; i < 5; i++) next();
    const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!;
    // As recorded, 3 hours back (UK time, BST in June), then where the replay put it.
    expect(fact('Received')).toHaveTextContent(
      '1 Jun 2025, 08:02:00 BST ' + "placed at 1 Jun 2025, 11:02:00 BST by the clock step's correction",
    );
    expect(fact('First decided')).toHaveTextContent(
      '08:03:00 BST by Jo Kerr ' + "placed at 11:03:00 BST by the clock step's correction",
    );
    expect(fact('On screen')).toHaveTextContent(
      'Jo Kerr (PC200) from 08:02:01 BST ' +
        'placed at 11:02:01 BST, after the entry before it: the clock had stepped back',
    );
    expect(clockFact()).not.toBeNull();
    // In Welsh, the same.
    act(() => useLocaleStore.getState().chooseLocale('cy'));
    expect(screen.getByText('Derbyniwyd', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      'wedi’i osod am 1 Meh 2025, 11:02:00 BST yn ôl cywiriad naid y cloc',
    );
  });

  it('says when the axis carried on the clock from before a step the feed never confirmed', async () => {
    await openFixtureReplay(placedB(makeReplay(), 'continued'));
    for (let i = 0; i < 5; i++) next();
    expect(screen.getByText('First decided', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      '08:03:00 BST by Jo Kerr ' +
        'placed at 11:03:00 BST, by the real time since the clock stepped: the feed has not confirmed either reading',
    );
  });
});

const HOUR = 3_600_000;

/** Alert B received, shown and decided while the station's clock was 3 h back, put right and confirmed. */
function placedB(replay: ReplayData, decidedBy: Placed['by'] = 'correction'): ReplayData {
  const back = (ms: number) => iso(ms - 3 * HOUR);
  const placed = (ms: number, by: Placed['by'] = 'correction'): Placed => ({ at: iso(ms), by });
  return {
    ...replay,
    alerts: replay.alerts.map((a) =>
      a.alertId !== IDS.b
        ? a
        : {
            ...a,
            receivedAt: back(120_000),
            placedReceived: placed(120_000),
            shownAt: back(121_000),
            shown: a.shown.map((s) => ({ ...s, at: back(121_000), placed: placed(121_000, 'order') })),
            decisions: a.decisions.map((d) => ({
              ...d,
              shownAt: back(121_000),
              decidedAt: back(180_000),
              placed: placed(180_000, decidedBy),
            })),
            clockDoubtRevisions: [1],
          },
    ),
    events: replay.events.map((e) => {
      if (e.alertId !== IDS.b || e.type === 'outcome') return e;
      const ms = Date.parse(e.at) - T0;
      return { ...e, at: back(ms), placed: placed(ms) };
    }),
  };
}
