/**
 * Replay tells a supervisor when a decision was journalled while the station's clock was in
 * doubt (after a clock step, before the feed's capture times confirmed it): its time may be
 * wrong by the size of the step, and the times alone do not show it.
 */
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IDS, makeReplay, openFixtureReplay } from './replay-fixtures';

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
});
