import { ukDateTime } from '../../../shared/uk-time';
import { useCallback, useEffect, useState } from 'react';
import type { AccountListing, StationBridge } from '../../../shared/contract';
import type { Role } from '../../../shared/vocabulary';
import { Dialog } from '../components/Dialog';
import { ProblemList } from '../components/form/ProblemList';
import { RadioGroup } from '../components/form/RadioGroup';
import { TextField } from '../components/form/TextField';

/** The store actions the dialog uses (renderer/src/state: components never hold the bridge). */
export type AccountActions = Pick<
  StationBridge,
  'listAccounts' | 'addAccount' | 'disableAccount' | 'enableAccount' | 'resetPassword'
>;

interface AccountsDialogProps {
  actions: AccountActions;
  /** The supervisor signed in: their own account cannot be disabled here. */
  selfId: string;
  onClose: () => void;
}

const ROLE_OPTIONS = [
  { value: 'officer', label: 'Officer' },
  { value: 'supervisor', label: 'Supervisor' },
] as const;

function stateOf(a: AccountListing): string {
  if (a.disabled) return 'disabled';
  return a.lockedUntil ? `locked until ${ukDateTime(a.lockedUntil)}` : 'active';
}

/**
 * A supervisor's station accounts: who may sign in, with which role. The core checks
 * the role and a fresh proof again and journals each change (never the password);
 * the command line (`npm run accounts`) manages the same store.
 */
export function AccountsDialog({ actions, selfId, onClose }: AccountsDialogProps) {
  const [accounts, setAccounts] = useState<AccountListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [officerId, setOfficerId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [password, setPassword] = useState('');
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');

  const refresh = useCallback(async () => {
    const res = await actions.listAccounts({});
    if (res.ok) setAccounts(res.accounts);
    else setError(res.error);
  }, [actions]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Runs one change; on success says so and reloads the list. */
  const run = async (
    change: () => Promise<{ ok: true } | { ok: false; error: string }>,
    success: string,
  ): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const res = await change();
      if (!res.ok) {
        setError(res.error);
        return false;
      }
      setDone(success);
      await refresh();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const problems = [
    ...(officerId.trim() ? [] : ['Officer ID: enter the officer’s ID.']),
    ...(name.trim() ? [] : ['Officer name: enter the officer’s name.']),
    ...(role ? [] : ['Role: choose officer or supervisor.']),
    ...(password ? [] : ['Password: enter a first password for the account.']),
  ];
  const [tried, setTried] = useState(false);

  const add = async () => {
    setTried(true);
    if (problems.length > 0 || !role) return;
    const id = officerId.trim();
    const added = await run(
      () => actions.addAccount({ officerId: id, name: name.trim(), role, password }),
      `Account ${id} added.`,
    );
    if (added) {
      setOfficerId('');
      setName('');
      setRole(null);
      setPassword('');
      setTried(false);
    }
  };

  const reset = async (id: string) => {
    const ok = await run(
      () => actions.resetPassword({ officerId: id, password: newPassword }),
      `Password of ${id} reset.`,
    );
    if (ok) {
      setResetting(null);
      setNewPassword('');
    }
  };

  return (
    <Dialog titleId="accounts-title" onClose={onClose} className="accounts-dialog">
      <h2 id="accounts-title">Accounts</h2>
      <p className="muted small">
        Who may sign in at this station, and with which role. Each change asks for your password if your last
        proof is more than 5 minutes old, and is journalled in your name (never the password).
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="small">
          {done}
        </p>
      )}
      {accounts === null ? (
        <p className="muted">Loading accounts…</p>
      ) : (
        <table className="accounts-table">
          <caption className="small">Station accounts</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.officerId}>
                <td>{a.officerId}</td>
                <td>{a.name}</td>
                <td>{a.role === 'supervisor' ? 'Supervisor' : 'Officer'}</td>
                <td>{stateOf(a)}</td>
                <td>
                  {a.disabled ? (
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`Enable ${a.officerId}`}
                      onClick={() =>
                        void run(
                          () => actions.enableAccount({ officerId: a.officerId }),
                          `Account ${a.officerId} enabled.`,
                        )
                      }
                    >
                      Enable
                    </button>
                  ) : (
                    a.officerId !== selfId && (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`Disable ${a.officerId}`}
                        onClick={() =>
                          void run(
                            () => actions.disableAccount({ officerId: a.officerId }),
                            `Account ${a.officerId} disabled.`,
                          )
                        }
                      >
                        Disable
                      </button>
                    )
                  )}{' '}
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Reset password of ${a.officerId}`}
                    aria-expanded={resetting === a.officerId}
                    onClick={() => {
                      setResetting(resetting === a.officerId ? null : a.officerId);
                      setNewPassword('');
                    }}
                  >
                    Reset password
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (newPassword) void reset(resetting);
          }}
        >
          <TextField
            id="account-new-password"
            label={`New password for ${resetting}`}
            type="password"
            value={newPassword}
            onChange={setNewPassword}
            required
          />
          <button type="submit" disabled={busy || !newPassword}>
            Set new password
          </button>
        </form>
      )}
      <form
        noValidate
        aria-labelledby="account-add-title"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h3 id="account-add-title">Add an account</h3>
        <TextField
          id="account-officer-id"
          label="Officer ID"
          value={officerId}
          onChange={setOfficerId}
          maxLength={64}
          required
        />
        <TextField
          id="account-name"
          label="Officer name"
          value={name}
          onChange={setName}
          maxLength={200}
          required
        />
        <RadioGroup
          name="account-role"
          legend="Role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={setRole}
        />
        <TextField
          id="account-password"
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          hint="The officer signs in with it; give it to them in person."
          required
        />
        {tried && <ProblemList problems={problems} intro="Not ready to add:" announce />}
        <button type="submit" disabled={busy}>
          Add account
        </button>
      </form>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
