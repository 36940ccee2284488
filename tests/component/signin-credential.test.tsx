import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AccessView } from '../../shared/view';
import { makeSnapshot, nextFrame, renderApp } from './fixtures';

const access = (o: Partial<AccessView> = {}): AccessView => ({
  methods: { training: false, accounts: true, sso: null },
  method: null,
  locked: false,
  lockAfterMs: 15 * 60_000,
  proofFreshUntil: null,
  secondOfficer: null,
  ssoError: null,
  proveAgainAsked: null,
  ...o,
});
const live = { stationId: 's', appVersion: '0.1.0', training: false, mode: 'browser' as const };

describe('sign-in on a real feed', () => {
  it('asks for officer ID and password, offers no role, and sends the credential', async () => {
    const user = userEvent.setup();
    const { fake } = await renderApp(makeSnapshot({ operator: null, station: live, access: access() }));
    expect(screen.queryByRole('radio', { name: 'Supervisor' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Officer name' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Officer ID' }), 'PC 4711');
    await user.type(screen.getByLabelText('Password'), 'my long passphrase');
    fake.bridge.signIn.mockResolvedValueOnce({ ok: false, error: 'officer ID or password is wrong' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.bridge.signIn).toHaveBeenCalledWith({
      method: 'local',
      id: 'PC 4711',
      password: 'my long passphrase',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('officer ID or password is wrong');
    // The password does not stay in the form after an attempt.
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('offers single sign-on by the provider name and goes there', async () => {
    const user = userEvent.setup();
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const { fake } = await renderApp(
      makeSnapshot({
        operator: null,
        station: live,
        access: access({
          methods: { training: false, accounts: true, sso: { provider: 'login.force.example' } },
        }),
      }),
    );
    fake.bridge.signIn.mockResolvedValueOnce({ ok: true, redirect: 'https://login.force.example/auth?x=1' });
    await user.click(screen.getByRole('button', { name: 'Sign in with login.force.example' }));
    expect(fake.bridge.signIn).toHaveBeenCalledWith({ method: 'oidc' });
    expect(assign).toHaveBeenCalledWith('https://login.force.example/auth?x=1');
    vi.unstubAllGlobals();
  });
});

describe('idle lock', () => {
  it('covers the screen, keeps it underneath, and unlocks with the password', async () => {
    const user = userEvent.setup();
    const snapshot = makeSnapshot({ station: live, access: access({ method: 'local', locked: true }) });
    const { fake } = await renderApp(snapshot);
    const dialog = screen.getByRole('dialog', { name: 'Station locked' });
    expect(dialog).toHaveTextContent('15 minutes without input');
    // Styled opaque (access.css): faces under the lock stay out of sight.
    expect(dialog).toHaveClass('station-locked');
    // What was on screen is still there under the lock.
    expect(screen.getAllByText(snapshot.operator!.name).length).toBeGreaterThan(0);
    await user.type(screen.getByLabelText('Password'), 'my long passphrase');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(fake.bridge.reauthenticate).toHaveBeenCalledWith({
      method: 'local',
      password: 'my long passphrase',
    });
    fake.push(makeSnapshot({ station: live, access: access({ method: 'local', locked: false }) }));
    expect(screen.queryByRole('dialog', { name: 'Station locked' })).toBeNull();
    // The page opened locked, so focus had been nowhere before the lock: it goes to the review, not the page body.
    await nextFrame();
    expect(screen.getByRole('heading', { name: 'No alert open' })).toHaveFocus();
  });

  it('asks for a fresh proof when the core refused a request for want of one', async () => {
    const user = userEvent.setup();
    const { fake } = await renderApp(
      makeSnapshot({
        station: live,
        access: access({ method: 'local', proveAgainAsked: '2025-06-01T10:00:00.000Z' }),
      }),
    );
    expect(screen.getByRole('dialog', { name: 'Confirm it is you' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Confirm it is you' })).toBeNull();
    expect(fake.bridge.reauthenticate).not.toHaveBeenCalled();
  });
});
