/**
 * The Accounts dialog: for a signed-in supervisor only (an officer never sees the
 * control), a list of the station's accounts, an add form with the shared fields, and
 * disable/enable/reset buttons named for the account; the requests go through the
 * store to the bridge, and a refusal from the core is shown.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountListing } from '../../shared/contract';
import { flush, makeSnapshot, renderApp } from './fixtures';

const SELF: AccountListing = {
  officerId: 'PS 900',
  name: 'Morgan Hale',
  role: 'supervisor',
  disabled: false,
  lockedUntil: null,
};
const RILEY: AccountListing = {
  officerId: 'PC 4410',
  name: 'Riley Shaw',
  role: 'officer',
  disabled: false,
  lockedUntil: null,
};
const DEV: AccountListing = {
  officerId: 'PC 5120',
  name: 'Dev Amin',
  role: 'officer',
  disabled: true,
  lockedUntil: null,
};

function supervisorSnapshot() {
  return makeSnapshot({
    operator: { ...makeSnapshot().operator!, id: SELF.officerId, name: SELF.name, role: 'supervisor' },
  });
}

async function openAccounts(accounts: AccountListing[] = [SELF, RILEY, DEV]) {
  const app = await renderApp(supervisorSnapshot());
  app.fake.bridge.listAccounts.mockResolvedValue({ ok: true, accounts });
  fireEvent.click(screen.getByRole('button', { name: 'Accounts' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByText('Riley Shaw');
  return { ...app, dialog };
}

describe('Accounts dialog', () => {
  it('an officer never sees the Accounts control', async () => {
    await renderApp(makeSnapshot());
    expect(screen.queryByRole('button', { name: 'Accounts' })).not.toBeInTheDocument();
  });

  it('lists ID, name, role and state, with buttons named for each account (none to disable oneself)', async () => {
    const { dialog } = await openAccounts();
    const rows = within(dialog).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^IDNameRoleState/),
      expect.stringMatching(/^PS 900Morgan HaleSupervisoractive/),
      expect.stringMatching(/^PC 4410Riley ShawOfficeractive/),
      expect.stringMatching(/^PC 5120Dev AminOfficerdisabled/),
    ]);
    expect(within(dialog).getByRole('button', { name: 'Disable PC 4410' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Enable PC 5120' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Disable PS 900' })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Reset password of PS 900' })).toBeInTheDocument();
  });

  it('adds an account from the form and reloads the list', async () => {
    const { dialog, fake } = await openAccounts();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(await within(dialog).findByText('Role: choose officer or supervisor.')).toBeInTheDocument();
    expect(fake.bridge.addAccount).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Officer ID'), { target: { value: 'PC 7001' } });
    fireEvent.change(within(dialog).getByLabelText('Officer name'), { target: { value: 'Sam Okafor' } });
    fireEvent.click(within(dialog).getByLabelText('Officer'));
    fireEvent.change(within(dialog).getByLabelText('Password'), {
      target: { value: 'a long first password' },
    });
    const added: AccountListing = {
      officerId: 'PC 7001',
      name: 'Sam Okafor',
      role: 'officer',
      disabled: false,
      lockedUntil: null,
    };
    fake.bridge.addAccount.mockResolvedValue({ ok: true, account: added });
    fake.bridge.listAccounts.mockResolvedValue({ ok: true, accounts: [SELF, RILEY, DEV, added] });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(await within(dialog).findByText('Account PC 7001 added.')).toBeInTheDocument();
    expect(fake.bridge.addAccount).toHaveBeenCalledWith({
      officerId: 'PC 7001',
      name: 'Sam Okafor',
      role: 'officer',
      password: 'a long first password',
    });
    expect(await within(dialog).findByText('Sam Okafor')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Password')).toHaveValue('');
  });

  it('disables, enables and resets, and shows a refusal from the core', async () => {
    const { dialog, fake } = await openAccounts();
    fake.bridge.disableAccount.mockResolvedValue({
      ok: false,
      error: 'confirm it is you: your last sign-in proof is more than 5 minutes old',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disable PC 4410' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/confirm it is you/);
    expect(fake.bridge.disableAccount).toHaveBeenCalledWith({ officerId: 'PC 4410' });

    fake.bridge.enableAccount.mockResolvedValue({ ok: true, account: { ...DEV, disabled: false } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enable PC 5120' }));
    expect(await within(dialog).findByText('Account PC 5120 enabled.')).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset password of PC 4410' }));
    fireEvent.change(within(dialog).getByLabelText('New password for PC 4410'), {
      target: { value: 'another long password' },
    });
    fake.bridge.resetPassword.mockResolvedValue({ ok: true, account: RILEY });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set new password' }));
    expect(await within(dialog).findByText('Password of PC 4410 reset.')).toBeInTheDocument();
    expect(fake.bridge.resetPassword).toHaveBeenCalledWith({
      officerId: 'PC 4410',
      password: 'another long password',
    });
    await flush();
    await waitFor(() =>
      expect(within(dialog).queryByLabelText('New password for PC 4410')).not.toBeInTheDocument(),
    );
  });
});
