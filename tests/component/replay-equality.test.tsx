/**
 * Issue 27 in replay: the statistics show equality monitoring with exact figures for the
 * supervisor; the moment view (the alert as the officer had it) shows nothing of observed.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openFixtureReplay, makeReplay, scrubTo } from './replay-fixtures';
import type { ReplayData } from '../../shared/replay';

afterEach(() => {
  vi.restoreAllMocks();
  delete window.station;
});

const view = (name: string) =>
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Replay views' })).getByRole('button', { name }),
  );

function withObserved(): ReplayData {
  const replay = makeReplay();
  // Alert a: confirmed false, observed female and Black (census group names).
  replay.alerts[0] = { ...replay.alerts[0]!, observed: { sex: 'female', ethnicity: 'black' } };
  return replay;
}

describe('equality monitoring in replay', () => {
  it('shows exact figures per observed group, with the words on what they can show', async () => {
    await openFixtureReplay(withObserved());
    view('Statistics');
    const section = screen.getByRole('region', { name: 'Equality monitoring' });
    expect(within(section).getByText(/Exact figures, for supervisors/)).toBeInTheDocument();
    expect(within(section).getByText(/perception of the person engaged/)).toBeInTheDocument();
    const bySex = within(section).getByRole('table', { name: 'By observed sex' });
    // Exact, not "<5": one engagement, confirmed false, 100% with its Wilson interval.
    expect(within(bySex).getByRole('row', { name: 'Female 1 0 1 0 100.0% 20.7–100.0%' })).toBeInTheDocument();
    const byEthnicity = within(section).getByRole('table', { name: 'By observed ethnic group' });
    expect(within(byEthnicity).getByRole('row', { name: /^Black 1 0 1 0/ })).toBeInTheDocument();
    expect(within(section).queryByText('<5')).not.toBeInTheDocument();
  });

  it('never shows observed in the moment view', async () => {
    await openFixtureReplay(withObserved());
    scrubTo(310_000);
    const list = screen.getByRole('list', { name: 'Alerts received by the replay time' });
    fireEvent.click(
      within(list)
        .getAllByRole('button', { name: /Camera North/ })
        .at(-1)!,
    );
    const main = document.body.textContent ?? '';
    expect(main).toContain('Confirmed false');
    expect(main).not.toMatch(/Female|Black|Observed|Equality monitoring/);
  });
});
