import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { iso, makeAlert, makeDecision, makeSnapshot, renderApp } from './fixtures';

describe('SignIn', () => {
  it('calls signIn with the typed values and the default officer role', async () => {
    const user = userEvent.setup();
    const { fake } = await renderApp(makeSnapshot({ operator: null }));
    expect(screen.getByRole('radio', { name: 'Officer' })).toBeChecked();
    await user.type(screen.getByRole('textbox', { name: 'Officer ID' }), 'PC 4711');
    await user.type(screen.getByRole('textbox', { name: 'Officer name' }), 'Dana Reyes');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.bridge.signIn).toHaveBeenCalledWith({ id: 'PC 4711', name: 'Dana Reyes', role: 'officer' });
  });

  it('signs in a supervisor, and shows a refusal', async () => {
    const user = userEvent.setup();
    const { fake } = await renderApp(makeSnapshot({ operator: null }));
    fake.bridge.signIn.mockResolvedValueOnce({ ok: false, error: 'a deployment is required' });
    await user.type(screen.getByRole('textbox', { name: 'Officer ID' }), 'S1');
    await user.type(screen.getByRole('textbox', { name: 'Officer name' }), 'Kim Ode');
    await user.click(screen.getByRole('radio', { name: 'Supervisor' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.bridge.signIn).toHaveBeenCalledWith({ id: 'S1', name: 'Kim Ode', role: 'supervisor' });
    expect(await screen.findByRole('alert')).toHaveTextContent('a deployment is required');
  });

  it('does not call signIn with empty fields', async () => {
    const user = userEvent.setup();
    const { fake } = await renderApp(makeSnapshot({ operator: null }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.bridge.signIn).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your officer ID.');
  });
});

describe('StatusBar', () => {
  it('shows the feed state, training, and counts', async () => {
    const { fake } = await renderApp(
      makeSnapshot({ station: { stationId: 's', appVersion: '0.1.0', training: true, mode: 'browser' } }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Feed: connected');
    expect(screen.getByText('TRAINING')).toBeInTheDocument();
    fake.push(
      makeSnapshot({
        feed: { state: 'refused', url: 'x', message: 'unauthorized', lastAlertAt: null, nextRetryAt: null },
      }),
    );
    expect(screen.getByRole('status')).toHaveTextContent("Feed refused the station's credentials");
    fake.push(
      makeSnapshot({
        feed: {
          state: 'reconnecting',
          url: 'x',
          message: '',
          lastAlertAt: null,
          nextRetryAt: new Date(Date.parse('2025-06-01T10:00:04.000Z')).toISOString(),
        },
      }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting in 4 s');
  });

  it('hands over with a note and a summary of what is open, which the next officer sees at sign-in', async () => {
    const user = userEvent.setup();
    const alerts = [
      makeAlert({ escalated: true }),
      makeAlert(),
      makeAlert({ status: 'decided', decisions: [makeDecision({ decision: 'engage' })] }),
      makeAlert({ status: 'decided', decisions: [makeDecision({ decision: 'no-engage' })] }),
    ];
    const { fake } = await renderApp(makeSnapshot({ alerts }));
    await user.click(screen.getByRole('button', { name: 'Hand over' }));
    const dialog = screen.getByRole('dialog', { name: 'Hand over' });
    const open = within(dialog).getByRole('list', { name: 'Open at handover' });
    expect(open).toHaveTextContent('2 undecided alerts');
    expect(open).toHaveTextContent('1 escalated');
    expect(open).toHaveTextContent('1 engagement awaiting an outcome');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Note for the next officer' }),
      'Camera 3 fogged.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Hand over and sign out' }));
    expect(fake.bridge.handover).toHaveBeenCalledWith({ note: 'Camera 3 fogged.' });
    expect(fake.bridge.signOut).not.toHaveBeenCalled();

    // Main signs the officer out and keeps the handover for the next one.
    fake.push(
      makeSnapshot({
        operator: null,
        handover: {
          by: { id: 'PC100', name: 'Alex Moss' },
          at: iso(60_000),
          note: 'Camera 3 fogged.',
          open: { undecided: 2, escalated: 1, outcomesAwaited: 1 },
        },
      }),
    );
    const summary = screen.getByRole('region', { name: /Handed over by Alex Moss \(PC100\)/ });
    expect(summary).toHaveTextContent('“Camera 3 fogged.”');
    expect(within(summary).getByRole('list', { name: 'Open at handover' })).toHaveTextContent(
      '1 engagement awaiting an outcome',
    );
    expect(screen.getByRole('textbox', { name: 'Officer ID' })).toHaveFocus();
  });

  it('Escape closes the handover dialog without handing over', async () => {
    const user = userEvent.setup();
    const { fake } = await renderApp(makeSnapshot());
    await user.click(screen.getByRole('button', { name: 'Hand over' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fake.bridge.handover).not.toHaveBeenCalled();
  });

  it('asks for a break when main says one is due', async () => {
    const user = userEvent.setup();
    const snapshot = makeSnapshot({ breakDue: true });
    const { fake } = await renderApp({
      ...snapshot,
      operator: {
        ...snapshot.operator!,
        reviewSince: new Date(Date.parse('2025-06-01T09:15:00.000Z')).toISOString(),
      },
    });
    const dialog = screen.getByRole('dialog', { name: 'Time for a break' });
    expect(dialog).toHaveTextContent('You have been reviewing for 45 minutes. Take a break or hand over.');
    await user.click(screen.getByRole('button', { name: 'Break taken' }));
    expect(fake.bridge.welfare).toHaveBeenCalledWith({ action: 'break-taken' });
  });

  it('counts time on review on the station’s monotonic clock: a wall clock stepped back 1 h changes nothing', async () => {
    const snapshot = makeSnapshot({ breakDue: true });
    const { fake } = await renderApp({
      ...snapshot,
      operator: { ...snapshot.operator!, reviewSince: '2025-06-01T09:15:00.000Z' },
    });
    const dialog = screen.getByRole('dialog', { name: 'Time for a break' });
    expect(dialog).toHaveTextContent('You have been reviewing for 45 minutes.');
    // Two minutes on by the monotonic clock; the wall clock was put back an hour meanwhile.
    fake.clockAt(-3_600_000 + 120_000, 120_000);
    expect(dialog).toHaveTextContent('You have been reviewing for 47 minutes.');
  });
});
