import { ukDateTime } from '../../../shared/uk-time';
import { refusedWords } from '../i18n/refused';
import { useCallback, useEffect, useState } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { ROLE_MESSAGES } from '../../../shared/i18n/glossary';
import type { AccountListing, StationBridge } from '../../../shared/contract';
import type { Role } from '../../../shared/vocabulary';
import { Dialog } from '../components/Dialog';
import { ProblemList } from '../components/form/ProblemList';
import { RadioGroup } from '../components/form/RadioGroup';
import { TextField } from '../components/form/TextField';
import { accountsMessages as m } from './accounts-messages';

/** The store actions the dialog uses (renderer/src/state: components never hold the bridge). */
type AccountActions = Pick<
  StationBridge,
  'listAccounts' | 'addAccount' | 'disableAccount' | 'enableAccount' | 'resetPassword'
>;

interface AccountsDialogProps {
  actions: AccountActions;
  /** The supervisor signed in: their own account cannot be disabled here. */
  selfId: string;
  onClose: () => void;
}

const ROLES = ['officer', 'supervisor'] as const;
/** The space between an account's buttons: layout, not a word. */
const BETWEEN_BUTTONS = ' ';

function stateOf(a: AccountListing, intl: IntlShape): string {
  if (a.disabled) return intl.formatMessage(m.stateDisabled);
  return a.lockedUntil
    ? intl.formatMessage(m.stateLocked, { time: ukDateTime(a.lockedUntil) })
    : intl.formatMessage(m.stateActive);
}

type ChangeResult = { ok: true } | { ok: false; error: string };
/** Runs one change; on success says so and reloads the list. True when it was made. */
type RunChange = (change: () => Promise<ChangeResult>, success: string) => Promise<boolean>;

/** The account list, and the one change at a time made to it with what came of it (error or done). */
function useAccountChanges(actions: AccountActions) {
  const [accounts, setAccounts] = useState<AccountListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const res = await actions.listAccounts({});
    if (res.ok) setAccounts(res.accounts);
    else setError(refusedWords(res));
  }, [actions]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const run: RunChange = async (change, success) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const res = await change();
      if (!res.ok) {
        setError(refusedWords(res));
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
  return { accounts, error, done, busy, run };
}

interface AccountRowProps {
  account: AccountListing;
  actions: AccountActions;
  selfId: string;
  busy: boolean;
  run: RunChange;
  /** This account's password is being reset (its form is open). */
  resetting: boolean;
  onToggleReset: () => void;
}

/** One account: its id, name, role and state, and the buttons to enable or disable it and reset its password. */
function AccountRow({ account: a, actions, selfId, busy, run, resetting, onToggleReset }: AccountRowProps) {
  const intl = useIntl();
  const t = intl.formatMessage;
  // Enable a disabled account, or disable an enabled one (never one's own).
  const toggle = a.disabled
    ? {
        label: m.enableLabel,
        text: m.enable,
        done: m.enabled,
        act: () => actions.enableAccount({ officerId: a.officerId }),
      }
    : {
        label: m.disableLabel,
        text: m.disable,
        done: m.disabled,
        act: () => actions.disableAccount({ officerId: a.officerId }),
      };
  return (
    <tr>
      <td>{a.officerId}</td>
      <td>{a.name}</td>
      <td>{t(ROLE_MESSAGES[a.role === 'supervisor' ? 'supervisor' : 'officer'])}</td>
      <td>{stateOf(a, intl)}</td>
      <td>
        {(a.disabled || a.officerId !== selfId) && (
          <button
            type="button"
            disabled={busy}
            aria-label={t(toggle.label, { id: a.officerId })}
            onClick={() => void run(toggle.act, t(toggle.done, { id: a.officerId }))}
          >
            {t(toggle.text)}
          </button>
        )}
        {BETWEEN_BUTTONS}
        <button
          type="button"
          disabled={busy}
          aria-label={t(m.resetLabel, { id: a.officerId })}
          aria-expanded={resetting}
          onClick={onToggleReset}
        >
          {t(m.reset)}
        </button>
      </td>
    </tr>
  );
}

/** Sets a new password for one account; mounted afresh (empty) for each account it is opened for. */
function ResetPasswordForm({
  officerId,
  busy,
  onReset,
}: {
  officerId: string;
  busy: boolean;
  onReset: (password: string) => void;
}) {
  const t = useIntl().formatMessage;
  const [newPassword, setNewPassword] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (newPassword) onReset(newPassword);
      }}
    >
      <TextField
        id="account-new-password"
        label={t(m.newPassword, { id: officerId })}
        type="password"
        value={newPassword}
        onChange={setNewPassword}
        required
      />
      <button type="submit" disabled={busy || !newPassword}>
        {t(m.setNewPassword)}
      </button>
    </form>
  );
}

/** A new account: id, name, role and first password, each asked for before it is sent. */
function AddAccountForm({ actions, busy, run }: { actions: AccountActions; busy: boolean; run: RunChange }) {
  const t = useIntl().formatMessage;
  const roleOptions = ROLES.map((value) => ({ value, label: t(ROLE_MESSAGES[value]) }));
  const [officerId, setOfficerId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const problems = [
    ...(officerId.trim() ? [] : [t(m.needId)]),
    ...(name.trim() ? [] : [t(m.needName)]),
    ...(role ? [] : [t(m.needRole)]),
    ...(password ? [] : [t(m.needPassword)]),
  ];

  const add = async () => {
    setTried(true);
    if (problems.length > 0 || !role) return;
    const id = officerId.trim();
    const added = await run(
      () => actions.addAccount({ officerId: id, name: name.trim(), role, password }),
      t(m.added, { id }),
    );
    if (added) {
      setOfficerId('');
      setName('');
      setRole(null);
      setPassword('');
      setTried(false);
    }
  };

  return (
    <form
      noValidate
      aria-labelledby="account-add-title"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3 id="account-add-title">{t(m.addTitle)}</h3>
      <TextField
        id="account-officer-id"
        label={t(m.officerId)}
        value={officerId}
        onChange={setOfficerId}
        maxLength={64}
        required
      />
      <TextField
        id="account-name"
        label={t(m.officerName)}
        value={name}
        onChange={setName}
        maxLength={200}
        required
      />
      <RadioGroup
        name="account-role"
        legend={t(m.role)}
        options={roleOptions}
        value={role}
        onChange={setRole}
      />
      <TextField
        id="account-password"
        label={t(m.password)}
        type="password"
        value={password}
        onChange={setPassword}
        hint={t(m.passwordHint)}
        required
      />
      {tried && <ProblemList problems={problems} intro={t(m.notReady)} announce />}
      <button type="submit" disabled={busy}>
        {t(m.add)}
      </button>
    </form>
  );
}

/**
 * A supervisor's station accounts: who may sign in, with which role. The core checks
 * the role and a fresh proof again and journals each change (never the password);
 * the command line (`npm run accounts`) manages the same store.
 */
export function AccountsDialog({ actions, selfId, onClose }: AccountsDialogProps) {
  const t = useIntl().formatMessage;
  const { accounts, error, done, busy, run } = useAccountChanges(actions);
  const [resetting, setResetting] = useState<string | null>(null);

  const reset = async (id: string, password: string) => {
    const ok = await run(
      () => actions.resetPassword({ officerId: id, password }),
      t(m.passwordReset, { id }),
    );
    if (ok) setResetting(null);
  };

  return (
    <Dialog titleId="accounts-title" onClose={onClose} className="accounts-dialog">
      <h2 id="accounts-title">{t(m.title)}</h2>
      <p className="muted small">{t(m.intro)}</p>
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
        <p className="muted">{t(m.loading)}</p>
      ) : (
        <table className="accounts-table">
          <caption className="small">{t(m.caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(m.colId)}</th>
              <th scope="col">{t(m.colName)}</th>
              <th scope="col">{t(m.colRole)}</th>
              <th scope="col">{t(m.colState)}</th>
              <th scope="col">{t(m.colActions)}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <AccountRow
                key={a.officerId}
                account={a}
                actions={actions}
                selfId={selfId}
                busy={busy}
                run={run}
                resetting={resetting === a.officerId}
                onToggleReset={() => setResetting(resetting === a.officerId ? null : a.officerId)}
              />
            ))}
          </tbody>
        </table>
      )}
      {resetting && (
        <ResetPasswordForm
          key={resetting}
          officerId={resetting}
          busy={busy}
          onReset={(password) => void reset(resetting, password)}
        />
      )}
      <AddAccountForm actions={actions} busy={busy} run={run} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t(m.close)}
        </button>
      </div>
    </Dialog>
  );
}
