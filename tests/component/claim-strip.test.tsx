import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

  it('an alert decided at another seat leaves the queue and is listed under Decided with who decided it', async () => {
    const alert = {
      ...makeAlert({ tier: 'green' }),
      status: 'decided' as const,
      settledElsewhere: {
        by: { stationId: 's1', label: 'Seat 1', operator: { id: 'PC-1', name: 'PC Morgan' } },
        decision: 'no-engage' as const,
        revision: 1,
        decidedAt: iso(-5_000),
      },
    };
    await renderApp(makeSnapshot({ alerts: [alert] }));
    await userEvent.click(screen.getByRole('tab', { name: /^Decided/ }));
    const list = screen.getByRole('list', { name: 'Recently decided alerts' });
    expect(within(list).getByText('decided by PC Morgan at Seat 1: no engage')).toBeInTheDocument();
  });
});
