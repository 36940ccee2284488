/**
 * Claim times in replay statistics (issue 22 item 5): who held alerts and for how long,
 * take-overs, and an alert decided at two stations named as a disagreement.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeReplay, openFixtureReplay } from './replay-fixtures';
import type { ReplayData } from '../../shared/replay';

afterEach(() => {
  vi.restoreAllMocks();
  delete window.station;
});

const view = (name: string) =>
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Replay views' })).getByRole('button', { name }),
  );

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function withHolds(): ReplayData {
  const replay = makeReplay();
  const [a, b] = replay.alerts;
  const decidedA = a!.decisions[0]!.decidedAt;
  replay.alerts[0] = {
    ...a!,
    holds: [
      {
        operator: { id: 'PC100', name: 'Alex Moss' },
        from: plus(a!.receivedAt, 3000),
        to: decidedA,
        takeOver: false,
        ended: 'decided',
      },
    ],
  };
  replay.alerts[1] = {
    ...b!,
    holds: [
      {
        operator: { id: 'PC200', name: 'Jo Kerr' },
        from: plus(b!.receivedAt, 1000),
        to: plus(b!.receivedAt, 9000),
        takeOver: false,
        ended: { released: 'taken over' },
      },
      {
        operator: { id: 'SGT1', name: 'Sam Reid' },
        from: plus(b!.receivedAt, 9000),
        to: null,
        takeOver: true,
        ended: null,
      },
    ],
    decidedAtStations: { stations: ['station-A', 'station-B'], differ: true },
  };
  return replay;
}

describe('claim times in replay statistics', () => {
  it('shows time to claim and claim to decision, take-overs and alerts decided at two stations', async () => {
    await openFixtureReplay(withHolds());
    view('Statistics');
    const section = screen.getByRole('region', { name: 'Claims' });
    const table = within(section).getByRole('table', { name: 'Claims' });
    // Two alerts claimed: 3 s and 1 s after arrival (nearest rank: median 1 s, p90 3 s).
    expect(
      within(table).getByRole('row', { name: /^From alert to claim 2 1\.0 s 3\.0 s 3\.0 s$/ }),
    ).toBeInTheDocument();
    // Alert a: held from 63 s to its decision at 90 s; alert b: taken over at 129 s, decided at 180 s.
    expect(
      within(table).getByRole('row', { name: 'From claim to decision 2 27.0 s 51.0 s 51.0 s' }),
    ).toBeInTheDocument();
    expect(within(section).getByText('1 take-over by a supervisor.')).toBeInTheDocument();
    expect(within(section).getByText(/1 alert was decided at more than one station/)).toBeInTheDocument();
  });

  it('is not shown for a deployment without claims', async () => {
    await openFixtureReplay(makeReplay());
    view('Statistics');
    expect(screen.queryByRole('region', { name: 'Claims' })).not.toBeInTheDocument();
  });
});
