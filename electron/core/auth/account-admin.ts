/**
 * A signed-in supervisor manages station accounts on screen (listAccounts, addAccount,
 * disableAccount, enableAccount, resetPassword) with the same account store the
 * command line uses. Access control has already checked the role and, for a change,
 * a proof under five minutes old. Each change is journalled (`account-changed`) by the
 * supervisor, never with the password or its hash; a change that cannot be journalled
 * is reported as not journalled (the store is not rolled back: the account file is the
 * truth for sign-in, and the failure is logged).
 */
import type { AccountListing, ResponseMap, StationServices } from '../../../shared/contract';
import type { Actor, EntryData } from '../../../shared/journal/entries';
import type { AccountStore, AccountSummary } from './account-store';
import type { Req } from '../station/requests';

export type AccountRequest =
  'listAccounts' | 'addAccount' | 'disableAccount' | 'enableAccount' | 'resetPassword';
export type AccountChange = EntryData['account-changed'];

interface AccountAdminDeps {
  store: AccountStore;
  /** The signed-in supervisor, as proved (null: nobody, or not a supervisor). */
  supervisor: () => Actor | null;
  /** Journals a change: the active deployment's journal, or the station's access journal. */
  record: (actor: Actor, change: AccountChange) => Promise<void>;
  log: (line: string) => void;
}

function listing(a: AccountSummary): AccountListing {
  return {
    officerId: a.officerId,
    name: a.name,
    role: a.role,
    disabled: a.disabled,
    lockedUntil: a.lockedUntil,
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createAccountAdmin(deps: AccountAdminDeps): Pick<StationServices, AccountRequest> {
  /** Runs one change as the supervisor, then journals it. */
  async function change(
    what: string,
    run: (actor: Actor) => Promise<AccountSummary>,
    describe: (a: AccountSummary) => AccountChange,
  ): Promise<Result> {
    const actor = deps.supervisor();
    if (!actor) return { ok: false, error: 'only a signed-in supervisor can manage accounts' };
    let account: AccountSummary;
    try {
      account = await run(actor);
    } catch (error) {
      return { ok: false, error: `${what}: ${message(error)}` };
    }
    const data = describe(account);
    try {
      await deps.record(actor, data);
    } catch (error) {
      deps.log(
        `accounts: ${actor.id} ${data.action} ${data.officerId} but it was not journalled (${message(error)})`,
      );
      return { ok: false, error: `${what}: done, but it could not be journalled (${message(error)})` };
    }
    deps.log(`accounts: ${actor.id} ${data.action} ${data.officerId}`);
    return { ok: true, account: listing(account) };
  }
  type Result = ResponseMap['addAccount'];

  return {
    async listAccounts(): Promise<ResponseMap['listAccounts']> {
      if (!deps.supervisor()) return { ok: false, error: 'only a signed-in supervisor can manage accounts' };
      try {
        return { ok: true, accounts: (await deps.store.list()).map(listing) };
      } catch (error) {
        deps.log(`accounts: ${message(error)}`);
        return { ok: false, error: 'the station account store cannot be read; the failure has been logged' };
      }
    },
    addAccount: (p: Req<'addAccount'>) =>
      change(
        'the account was not added',
        () => deps.store.add(p),
        (a) => ({ action: 'added', officerId: a.officerId, name: a.name, role: a.role }),
      ),
    disableAccount: (p: Req<'disableAccount'>) =>
      change(
        'the account was not disabled',
        (actor) => {
          // Locking oneself out would leave the station with nobody to undo it.
          if (actor.id === p.officerId) throw new Error('you cannot disable your own account');
          return deps.store.disable(p.officerId);
        },
        (a) => ({ action: 'disabled', officerId: a.officerId }),
      ),
    enableAccount: (p: Req<'enableAccount'>) =>
      change(
        'the account was not enabled',
        () => deps.store.enable(p.officerId),
        (a) => ({ action: 'enabled', officerId: a.officerId }),
      ),
    resetPassword: (p: Req<'resetPassword'>) =>
      change(
        'the password was not reset',
        () => deps.store.reset(p.officerId, p.password),
        (a) => ({ action: 'password-reset', officerId: a.officerId }),
      ),
  };
}
