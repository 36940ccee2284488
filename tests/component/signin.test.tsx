import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeSnapshot, renderApp } from './fixtures';

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

  it('hands over through signOut', async () => {
    const user = userEvent.setup();
    const { fake } = await renderApp(makeSnapshot());
    await user.click(screen.getByRole('button', { name: 'Hand over' }));
    expect(fake.bridge.signOut).toHaveBeenCalledWith({ handover: true });
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
});
