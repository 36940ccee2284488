/**
 * Who is at the station, proved: sign-in, a second officer's confirmation and
 * re-authentication each check a credential here (a station account's password, or a
 * single sign-on through the force's provider), and the role comes from the account or
 * the provider's claim, never from a form. The training feed proves nothing and says so
 * (method "training"). Passwords and tokens stop here: nothing below is given one.
 */
import { refuse, type Refused } from '../../../shared/request-refusals';
import type { Role } from './account-store';
import { AccountStore } from './account-store';
import { startLoopbackRedirect } from './loopback';
import { OidcSignIn, type OidcIdentity } from './oidc';
import type { SignInMethod } from '../../../shared/vocabulary';
import type { Locale } from '../../../shared/i18n/locale';

export type { SignInMethod };

export interface ProvedIdentity {
  id: string;
  name: string;
  role: Role;
  method: SignInMethod;
  issuer?: string;
  subject?: string;
  idTokenSha256?: string;
}

/** How a person proved who they are, as `operator-signed-in` records it (never a secret). */
export type SignInProof = Pick<ProvedIdentity, 'method' | 'issuer' | 'subject' | 'idTokenSha256'>;

export function proofOf(identity: ProvedIdentity): SignInProof {
  const { method, issuer, subject, idTokenSha256 } = identity;
  return method === 'oidc' ? { method, issuer, subject, idTokenSha256 } : { method };
}

/** Why a single sign-on was started; its completion goes where the purpose says. */
export type SsoPurpose = 'sign-in' | 'second-officer' | 'reauthenticate';

/**
 * How the person's browser reaches the provider and comes back. Browser mode: this
 * server's callback route, the page itself navigates. Electron: the system browser and
 * a loopback redirect (RFC 8252); never an embedded web view.
 */
export type SsoTransport =
  | { kind: 'same-tab'; redirectUri: string }
  | { kind: 'system-browser'; openExternal(url: string): Promise<void> };

export interface SsoSettings {
  issuer: string;
  clientId: string;
  roleClaim?: string;
}

/** A refusal carries its English words and, where it has one, its code (shared/request-refusals.ts). */
export type Proof = { ok: true; identity: ProvedIdentity } | Refused;
/** A password sign-in also answers with the account's remembered language (issue 26). */
type PasswordProof = { ok: true; identity: ProvedIdentity; locale: Locale | null } | Refused;
type SsoStart = { ok: true; redirect: string | null } | { ok: false; error: string };
/**
 * `handoff`: in browser mode the tab that started a same-tab sign-on has left for the
 * provider (its connection closed); the client its return will connect as.
 */
export type SsoFinished = { purpose: SsoPurpose; result: Proof; handoff?: string };

/** What a transport needs for single sign-on: where the provider sends people back, and finishing there. */
export interface SsoEndpoint {
  setSsoTransport(transport: SsoTransport): void;
  completeSso(callback: URL, handoff?: string): Promise<SsoFinished>;
}

/** Told of a finished single sign-on; a refusal it returns becomes the answer. */
type SsoListener = (finished: SsoFinished) => Promise<Proof | void> | Proof | void;

interface IdentityGateOptions {
  dataDir: string;
  training: boolean;
  sso?: SsoSettings | null;
  now?: () => number;
  log?: (line: string) => void;
}

function fromOidc(identity: OidcIdentity): ProvedIdentity {
  return { ...identity, method: 'oidc' };
}

export class IdentityGate implements SsoEndpoint {
  readonly training: boolean;
  readonly accounts: AccountStore;
  private readonly sso: OidcSignIn<SsoPurpose> | null;
  private transport: SsoTransport | null = null;
  private readonly finishedListeners = new Set<SsoListener>();
  private readonly log: (line: string) => void;

  constructor(opts: IdentityGateOptions) {
    this.training = opts.training;
    this.accounts = new AccountStore(opts.dataDir, opts.now ? { now: opts.now } : {});
    this.sso = opts.sso
      ? new OidcSignIn<SsoPurpose>({
          issuer: opts.sso.issuer,
          clientId: opts.sso.clientId,
          ...(opts.sso.roleClaim ? { roleClaim: opts.sso.roleClaim } : {}),
          ...(opts.now ? { now: opts.now } : {}),
        })
      : null;
    this.log = opts.log ?? (() => undefined);
  }

  /** The provider's name for "Sign in with <provider>", when single sign-on is configured. */
  get ssoProvider(): string | null {
    return this.sso?.providerName ?? null;
  }

  setSsoTransport(transport: SsoTransport): void {
    this.transport = transport;
  }

  /** Told of every single sign-on that comes back, whatever its purpose. */
  onSsoFinished(listener: SsoListener): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** A station account's password. The answer never says whether the ID exists. */
  async provePassword(officerId: string, password: string, locale?: Locale): Promise<PasswordProof> {
    if (this.training) return refuse('training-no-accounts');
    try {
      const result = await this.accounts.authenticate(officerId, password, locale ? { locale } : {});
      if (!result.ok) {
        this.log(`sign-in refused for officer ID ${JSON.stringify(officerId.slice(0, 64))}: ${result.error}`);
        // Only the refusal: when an account is locked stays with the account store.
        return { ok: false, error: result.error, ...(result.refusal ? { refusal: result.refusal } : {}) };
      }
      const { officerId: id, name, role } = result.account;
      return {
        ok: true,
        identity: { id, name, role, method: 'local' },
        locale: result.account.locale ?? null,
      };
    } catch (error) {
      this.log(`account store: ${error instanceof Error ? error.message : String(error)}`);
      return refuse('account-store-unreadable');
    }
  }

  /** The signed-in person's own password, to unlock: not counted towards the account's lockout. */
  async checkPassword(officerId: string, password: string): Promise<boolean> {
    if (this.training) return false;
    try {
      return await this.accounts.checkOwnPassword(officerId, password);
    } catch (error) {
      this.log(`account store: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /**
   * Start a single sign-on. Same tab: the answer carries the provider URL for the page
   * to open. System browser: it is opened here and the answer's redirect is null; the
   * result arrives through onSsoFinished.
   */
  async startSso(purpose: SsoPurpose): Promise<SsoStart> {
    // Always a login now (prompt=login, auth_time checked): on a shared station, the next
    // officer must never ride on the provider session the last one left in the browser.
    const opts = { fresh: true };
    if (!this.sso) return { ok: false, error: 'single sign-on is not set up on this station (--idp)' };
    if (!this.transport) return { ok: false, error: 'single sign-on is not available in this window' };
    try {
      if (this.transport.kind === 'same-tab') {
        const url = await this.sso.begin(this.transport.redirectUri, purpose, opts);
        return { ok: true, redirect: url.toString() };
      }
      const loopback = await startLoopbackRedirect();
      const url = await this.sso.begin(loopback.redirectUri, purpose, opts).catch((error: unknown) => {
        loopback.close();
        throw error;
      });
      loopback.callback.then(
        async (callback) => {
          const finished = await this.completeSso(callback);
          loopback.finish(
            finished.result.ok
              ? { ok: true, message: `Signed in as ${finished.result.identity.name}.` }
              : { ok: false, message: finished.result.error },
          );
        },
        () => this.log('single sign-on: the system browser did not come back in time'),
      );
      await this.transport.openExternal(url.toString());
      return { ok: true, redirect: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`single sign-on could not start: ${message}`);
      return { ok: false, error: `the sign-in provider cannot be reached: ${message.slice(0, 200)}` };
    }
  }

  /** The purpose a callback URL finishes, if it is one of ours (browser mode picks the page to show). */
  ssoPurposeOf(callback: URL): SsoPurpose | undefined {
    return this.sso?.contextOf(callback);
  }

  /** Finish a single sign-on from the provider's redirect, and tell the listeners. */
  async completeSso(callback: URL, handoff?: string): Promise<SsoFinished> {
    let finished: SsoFinished;
    if (!this.sso)
      finished = { purpose: 'sign-in', result: { ok: false, error: 'single sign-on is not set up' } };
    else {
      const purpose = this.sso.contextOf(callback) ?? 'sign-in';
      try {
        const { identity, context } = await this.sso.complete(callback);
        finished = { purpose: context, result: { ok: true, identity: fromOidc(identity) } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.log(`single sign-on refused: ${message}`);
        finished = { purpose, result: { ok: false, error: message } };
      }
    }
    // Listeners act on it (sign in, hold the second officer's proof) and may still refuse it;
    // the browser tab is answered with the final word.
    if (handoff) finished.handoff = handoff;
    for (const listener of this.finishedListeners) {
      const answer = await listener(finished);
      if (answer && !answer.ok) finished = { purpose: finished.purpose, result: answer };
    }
    return finished;
  }
}
