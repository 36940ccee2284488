import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { iso, makeAlert, makeSnapshot, renderApp } from './fixtures';

describe('claims on the alert (shared deployment)', () => {
  it('names who holds the alert at another seat, and for how long', async () => {
    const alert = {
      ...makeAlert({ tier: 'amber' }),
      heldElsewhere: {
        stationId: 's2',
        label: 'Seat 2',
        operator: { id: 'PC-2', name: 'PC Rees' },
        since: iso(-40_000),
      },
    };
    await renderApp(makeSnapshot({ alerts: [alert] }));
    expect(await screen.findByText(/PC Rees at Seat 2 is reviewing, \d+ s/)).toBeInTheDocument();
    expect(screen.getByText(/cannot decide this alert while it is held at another seat/)).toBeInTheDocument();
  });
});
