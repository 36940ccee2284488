/**
 * Station accounts in <data>/accounts.json (mode 0600): officer ID, name, role, an
 * argon2id hash, a disabled flag, and the failed-attempt count with a lockout that
 * grows with each further failure. Every change re-reads the file and replaces it
 * atomically (temp file, fsync, rename, fsync folder), so the CLI and a running
 * station never leave it half written.
 */
import { refusalEnglish, refuse, type Refused } from '../../../shared/request-refusals';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureDirDurable, writeFileDurable } from '../journal/fsync';
import { roleSchema, type Role } from '../../../shared/vocabulary';
import { isLocale, type Locale } from '../../../shared/i18n/locale';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './password';

export type { Role };
export const ROLES: readonly Role[] = roleSchema.options;

export interface Account {
  officerId: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedAttempts: number;
  /** ISO time before which no password is even checked; null when not locked. */
  lockedUntil: string | null;
  createdAt: string;
  passwordChangedAt: string;
  /** The interface language the officer last chose at sign-in (issue 26); absent until then. */
  locale?: Locale;
}

/** What may be shown or journalled about an account: never the hash. */
export type AccountSummary = Omit<Account, 'passwordHash'>;

type AuthResult = { ok: true; account: AccountSummary } | (Refused & { lockedUntil?: string });

interface AccountsFile {
  version: 1;
  accounts: Account[];
}

const ACCOUNTS_FILE = 'accounts.json';
// Forces write IDs like "PC 4521": words of letters, digits, dots, dashes or underscores, single spaces between.
const OFFICER_ID_RE = /^[A-Za-z0-9._-]+(?: [A-Za-z0-9._-]+)*$/;
// Failures allowed before the first lockout, then 30 s doubling with each failure, at most an hour.
export const FREE_ATTEMPTS = 3;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 3_600_000;
export const WRONG_CREDENTIAL = refusalEnglish('wrong-credential');

export function lockDelayMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(20, failedAttempts - FREE_ATTEMPTS));
}

function officerIdProblem(id: string): string | null {
  return id.length <= 64 && OFFICER_ID_RE.test(id)
    ? null
    : 'an officer ID is 1-64 letters, digits, dots, dashes, underscores or single spaces';
}

function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length === 0 || trimmed.length > 200 || /[\u0000-\u001f\u007f]/.test(trimmed))
    return 'a name is 1-200 printable characters';
  return null;
}

function summary(account: Account): AccountSummary {
  const { passwordHash: _hash, ...rest } = account;
  return rest;
}

function isAccount(value: unknown): value is Account {
  const a = value as Partial<Account> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.officerId === 'string' &&
    officerIdProblem(a.officerId) === null &&
    typeof a.name === 'string' &&
    (a.role === 'officer' || a.role === 'supervisor') &&
    typeof a.passwordHash === 'string' &&
    typeof a.disabled === 'boolean' &&
    Number.isInteger(a.failedAttempts) &&
    (a.lockedUntil === null || typeof a.lockedUntil === 'string') &&
    (a.locale === undefined || isLocale(a.locale))
  );
}

export class AccountStore {
  readonly file: string;
  private readonly now: () => number;
  // One change at a time in this process; each re-reads the file first.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, opts: { now?: () => number } = {}) {
    this.file = join(dataDir, ACCOUNTS_FILE);
    this.now = opts.now ?? Date.now;
  }

  private async read(): Promise<AccountsFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, accounts: [] };
      throw error;
    }
    let parsed: Partial<AccountsFile>;
    try {
      parsed = JSON.parse(text) as Partial<AccountsFile>;
    } catch {
      throw new Error(`${this.file} is not valid JSON; refusing to use or overwrite it`);
    }
    if (parsed.version !== 1 || !Array.isArray(parsed.accounts) || !parsed.accounts.every(isAccount))
      throw new Error(`${this.file} is not a valid account store; refusing to use or overwrite it`);
    return parsed as AccountsFile;
  }

  private async write(file: AccountsFile): Promise<void> {
    await ensureDirDurable(dirname(this.file));
    await writeFileDurable(this.file, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }

  /** Serialised read-modify-write; `change` returns what to answer and whether to write. */
  private mutate<T>(
    change: (file: AccountsFile) => Promise<{ result: T; write: boolean }> | { result: T; write: boolean },
  ): Promise<T> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      const { result, write } = await change(file);
      if (write) await this.write(file);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async list(): Promise<AccountSummary[]> {
    return (await this.read()).accounts.map(summary);
  }

  async get(officerId: string): Promise<AccountSummary | null> {
    const found = (await this.read()).accounts.find((a) => a.officerId === officerId);
    return found ? summary(found) : null;
  }

  async hasAccounts(): Promise<boolean> {
    return (await this.read()).accounts.some((a) => !a.disabled);
  }

  async add(input: {
    officerId: string;
    name: string;
    role: Role;
    password: string;
  }): Promise<AccountSummary> {
    const problem =
      officerIdProblem(input.officerId) ?? nameProblem(input.name) ?? passwordProblem(input.password);
    if (problem) throw new Error(problem);
    if (!ROLES.includes(input.role)) throw new Error('a role is officer or supervisor');
    const passwordHash = await hashPassword(input.password);
    return this.mutate((file) => {
      if (file.accounts.some((a) => a.officerId === input.officerId))
        throw new Error(`officer ${input.officerId} already has an account`);
      const at = new Date(this.now()).toISOString();
      const account: Account = {
        officerId: input.officerId,
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        disabled: false,
        failedAttempts: 0,
        lockedUntil: null,
        createdAt: at,
        passwordChangedAt: at,
      };
      file.accounts.push(account);
      return { result: summary(account), write: true };
    });
  }

  private update(officerId: string, change: (a: Account) => void): Promise<AccountSummary> {
    return this.mutate((file) => {
      const account = file.accounts.find((a) => a.officerId === officerId);
      if (!account) throw new Error(`no account for officer ${officerId}`);
      change(account);
      return { result: summary(account), write: true };
    });
  }

  disable(officerId: string): Promise<AccountSummary> {
    return this.update(officerId, (a) => {
      a.disabled = true;
    });
  }

  enable(officerId: string): Promise<AccountSummary> {
    return this.update(officerId, (a) => {
      a.disabled = false;
    });
  }

  /** A new password, and the lockout cleared (the officer proved themselves to whoever reset it). */
  async reset(officerId: string, password: string): Promise<AccountSummary> {
    const problem = passwordProblem(password);
    if (problem) throw new Error(problem);
    const passwordHash = await hashPassword(password);
    return this.update(officerId, (a) => {
      a.passwordHash = passwordHash;
      a.failedAttempts = 0;
      a.lockedUntil = null;
      a.passwordChangedAt = new Date(this.now()).toISOString();
    });
  }

  /**
   * Check a password. Every refusal is the same words after the same work, whether the ID
   * is unknown, the password wrong or the account locked: the answer does not tell which IDs
   * exist or which are locked (an argon2 check is always made, against a decoy for an unknown
   * ID). Each failure past the free ones locks the account for longer; a locked account is
   * refused even with the right password. The account list (a supervisor's) shows the lock.
   * `locale`, the language chosen on the sign-in screen, is remembered only once the password
   * is right: a wrong guess changes nothing of the account but its failure count.
   */
  authenticate(officerId: string, password: string, opts: { locale?: Locale } = {}): Promise<AuthResult> {
    return this.mutate<AuthResult>(async (file) => {
      const account = file.accounts.find((a) => a.officerId === officerId);
      const matches = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
      const refused = refuse('wrong-credential');
      if (!account) return { result: refused, write: false };
      const now = this.now();
      if (account.lockedUntil && Date.parse(account.lockedUntil) > now)
        return { result: refused, write: false };
      if (!matches) {
        account.failedAttempts += 1;
        const delay = lockDelayMs(account.failedAttempts);
        account.lockedUntil = delay > 0 ? new Date(now + delay).toISOString() : null;
        return { result: refused, write: true };
      }
      if (account.disabled) return { result: refuse('account-disabled'), write: false };
      const hadFailures = account.failedAttempts > 0 || account.lockedUntil !== null;
      const newLocale = opts.locale !== undefined && opts.locale !== account.locale;
      account.failedAttempts = 0;
      account.lockedUntil = null;
      if (newLocale) account.locale = opts.locale;
      return { result: { ok: true, account: summary(account) }, write: hadFailures || newLocale };
    });
  }

  /**
   * The signed-in person's password, to unlock their own session: checked without counting
   * towards the account's lockout (a passer-by at the locked screen must not lock the officer
   * out; access control rate-limits the unlock instead). A disabled account never unlocks.
   */
  async checkOwnPassword(officerId: string, password: string): Promise<boolean> {
    const account = (await this.read()).accounts.find((a) => a.officerId === officerId);
    const matches = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
    return matches && account !== undefined && !account.disabled;
  }
}
