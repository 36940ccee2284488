/**
 * Who may do what at this station, judged against the one session (station/session.ts):
 * a request's rule (request-table.ts) is checked against the person signed in (as proved,
 * not as the screen says) and the screen asking; an idle session is locked; sensitive
 * requests need a proof under five minutes old. Credentials are checked by the identity
 * gate and replaced by the proved identity: the station never sees a password.
 *
 * One station, one session, one screen holding it: the screen (client) that signed in
 * or last unlocked. Another screen is refused; when the holding screen goes away (its
 * page closed or reloaded) the session locks, and the person proves again to take it up.
 */
import type { RequestName, ResponseMap } from '../../../shared/contract';
import { refusalEnglish, refuse, type Refused } from '../../../shared/request-refusals';
import type { AccessView, StationSnapshot } from '../../../shared/view';
import { minutesWords } from '../../../shared/uk-time';
import { monotonicNow } from '../clock';
import type { Caller, Req, Rule, RuleKeeper } from '../station/requests';
import type { ClientId, Session } from '../station/session';
import type { IdentityGate, Proof, ProvedIdentity, SsoFinished, SsoPurpose } from './identity-gate';
import { UnlockLimiter } from './unlock-limiter';

/** What access control needs from the station. */
interface StationPort {
  /** The one session: who is signed in, and the screen that holds it. */
  session: Session;
  /** Sign a proved person in at this screen (journals operator-signed-in with the method). */
  signIn(identity: ProvedIdentity, client: ClientId): Promise<ResponseMap['signIn']>;
  /** Ask for a fresh snapshot to be pushed (the lock or a proof changed). */
  push(): void;
  /**
   * The session locked (idle, or its screen went away): nobody is looking at this seat, so
   * the alerts it held go back for another seat to take (lfr-feed-v1 `release`, journalled).
   */
  sessionLocked(reason: string): void;
}

export const FRESH_PROOF_MS = 5 * 60_000;
export const DEFAULT_LOCK_AFTER_MS = 15 * 60_000;
/** A second officer's single sign-on is good for one decision within this. */
const SECOND_PROOF_MS = 5 * 60_000;
/** The answer to a screen that is not the one holding the station's session. */
export const ANOTHER_SCREEN = refusalEnglish('another-screen');

interface AccessControlOptions {
  gate: IdentityGate;
  station: StationPort;
  lockAfterMs?: number;
  /** The wall clock: what the screen is told (when a proof goes stale, when one was asked for). */
  now?: () => number;
  /**
   * The station's monotonic clock, which every duration here runs on (the idle lock, a
   * proof's freshness, the second officer's proof, the unlock wait): a wall clock stepped
   * forward 40 days locks nobody, one stepped back an hour keeps nobody unlocked.
   */
  mono?: () => number;
  log?: (line: string) => void;
}

export class AccessControl implements RuleKeeper {
  private ssoError: string | null = null;
  /** The screen each single sign-on was started from: its result belongs to that screen. */
  private readonly ssoClients = new Map<SsoPurpose, ClientId | null>();
  private readonly unlocks: UnlockLimiter;
  readonly gate: IdentityGate;
  private readonly station: StationPort;
  readonly lockAfterMs: number;
  private readonly now: () => number;
  private readonly mono: () => number;
  private readonly log: (line: string) => void;

  constructor(opts: AccessControlOptions) {
    this.gate = opts.gate;
    this.station = opts.station;
    this.lockAfterMs = opts.lockAfterMs ?? DEFAULT_LOCK_AFTER_MS;
    this.now = opts.now ?? Date.now;
    this.mono = opts.mono ?? monotonicNow;
    this.log = opts.log ?? (() => undefined);
    this.unlocks = new UnlockLimiter(this.mono);
    this.gate.onSsoFinished((finished) => this.ssoFinished(finished));
  }

  private get session() {
    return this.station.session;
  }

  /** Why a request under `rule` may not run for this screen now, or null. */
  refusal<N extends RequestName>(rule: Rule<N>, payload: Req<N>, client: ClientId): Refused | null {
    if (rule.need === 'nobody') return null;
    const signedIn = this.session.signedIn;
    if (!signedIn) return refuse('sign-in-first');
    // A screen that went away left the session locked: whoever is at the next one may unlock or sign out.
    if (signedIn.client !== client && !(signedIn.client === null && rule.whenLocked))
      return refuse('another-screen');
    if (signedIn.locked && !rule.whenLocked) return refuse('session-locked');
    if (rule.need === 'supervisor' && signedIn.identity.role !== 'supervisor')
      return refuse('supervisor-only');
    if (rule.fresh?.(payload) && !this.proofIsFresh()) {
      signedIn.proveAgainAsked = new Date(this.now()).toISOString();
      this.station.push();
      return refuse('prove-again');
    }
    return null;
  }

  /** Input by a person at the screen holding the session keeps it from locking. */
  touched(client: ClientId): void {
    const signedIn = this.session.signedIn;
    if (signedIn && signedIn.client === client) signedIn.lastActivityAt = this.mono();
  }

  /** Whether this screen may see alerts, names and faces now: it holds an unlocked session. */
  mayView(client: ClientId): boolean {
    const signedIn = this.session.signedIn;
    return signedIn !== null && !signedIn.locked && signedIn.client === client;
  }

  /** The screen went away (a WebSocket closed): a session it held locks. */
  clientGone(client: ClientId): void {
    if (this.session.clientGone(client)) {
      this.log('the screen holding the session went away; the session is locked');
      this.station.sessionLocked('screen locked');
      this.station.push();
    }
    // A same-tab sign-on leaves for the provider (its connection closes) and comes back as a
    // new connection: the sign-in is kept for that return (the callback names it), not dropped.
    for (const [purpose, c] of this.ssoClients)
      if (c === client) {
        if (purpose === 'sign-in') this.ssoClients.set(purpose, null);
        else this.ssoClients.delete(purpose);
      }
  }

  private proofIsFresh(): boolean {
    const signedIn = this.session.signedIn;
    // The training feed has nothing to prove with; its sessions are marked TRAINING instead.
    if (!signedIn || signedIn.identity.method === 'training') return true;
    return this.mono() - signedIn.provedAt < FRESH_PROOF_MS;
  }

  /** Lock an idle session (called by the station's clock, once a second). */
  tick(): void {
    const signedIn = this.session.signedIn;
    if (!signedIn || signedIn.locked) return;
    if (this.mono() - signedIn.lastActivityAt >= this.lockAfterMs) {
      signedIn.locked = true;
      this.log(
        `session of ${signedIn.identity.id} locked after ${minutesWords(this.lockAfterMs / 60_000)} idle`,
      );
      this.station.sessionLocked('screen locked');
      this.station.push();
    }
  }

  /** The snapshot as the screen gets it: with how to sign in and the session's state. */
  decorate(snapshot: StationSnapshot): StationSnapshot {
    return { ...snapshot, access: this.view() };
  }

  view(): AccessView {
    const signedIn = this.session.signedIn;
    const held = signedIn?.secondOfficer;
    const second = held && this.mono() - held.at < SECOND_PROOF_MS ? held : null;
    const sso = this.gate.ssoProvider;
    return {
      methods: {
        training: this.gate.training,
        accounts: !this.gate.training,
        sso: sso ? { provider: sso } : null,
      },
      method: signedIn?.identity.method ?? null,
      locked: signedIn?.locked ?? false,
      lockAfterMs: this.lockAfterMs,
      proofFreshUntil:
        signedIn && signedIn.identity.method !== 'training'
          ? // Told as a wall-clock instant: the time left, measured monotonically, from now.
            new Date(this.now() + signedIn.provedAt + FRESH_PROOF_MS - this.mono()).toISOString()
          : null,
      secondOfficer: second ? { id: second.identity.id, name: second.identity.name } : null,
      ssoError: this.ssoError,
      proveAgainAsked: signedIn?.proveAgainAsked ?? null,
    };
  }

  async signIn(p: Req<'signIn'>, { client }: Caller): Promise<ResponseMap['signIn']> {
    const signedIn = this.session.signedIn;
    if (signedIn) return refuse('signed-in-sign-out', { values: { name: signedIn.identity.name } });
    if (!('method' in p)) {
      if (!this.gate.training) return refuse('live-feed-credentials');
      return this.begin({ id: p.id, name: p.name, role: p.role, method: 'training' }, client);
    }
    if (this.gate.training) return refuse('training-no-credentials');
    if (p.method === 'oidc') return this.startSso('sign-in', client);
    const proof = await this.gate.provePassword(p.id, p.password, p.locale);
    if (!proof.ok) return proof;
    const begun = await this.begin(proof.identity, client);
    // The account's language, when it has one (the screen switches to it); nothing otherwise.
    return begun.ok && proof.locale ? { ...begun, locale: proof.locale } : begun;
  }

  private begin(identity: ProvedIdentity, client: ClientId): Promise<ResponseMap['signIn']> {
    this.unlocks.reset();
    return this.station.signIn(identity, client);
  }

  private startSso(purpose: SsoPurpose, client: ClientId) {
    this.ssoError = null;
    this.ssoClients.set(purpose, client);
    return this.gate.startSso(purpose);
  }

  /** A single sign-on came back: act on it by its purpose; a refusal is shown on screen and in the tab. */
  private async ssoFinished({ purpose, result, handoff }: SsoFinished): Promise<Proof> {
    const started = this.ssoClients.get(purpose);
    const client = started === null ? handoff : started;
    this.ssoClients.delete(purpose);
    const outcome =
      result.ok && client !== undefined
        ? await this.useSso(purpose, result.identity, client)
        : result.ok
          ? refuse('sso-elsewhere')
          : result;
    this.ssoError = outcome.ok ? null : outcome.error;
    this.station.push();
    return outcome;
  }

  private async useSso(purpose: SsoPurpose, identity: ProvedIdentity, client: ClientId): Promise<Proof> {
    const signedIn = this.session.signedIn;
    if (purpose === 'sign-in') {
      if (signedIn) return refuse('signed-in-sign-out', { values: { name: signedIn.identity.name } });
      const signed = await this.begin(identity, client);
      return signed.ok ? { ok: true, identity } : signed;
    }
    if (!signedIn || (signedIn.client !== null && signedIn.client !== client))
      return refuse('another-screen');
    if (purpose === 'second-officer') {
      if (isSamePerson(identity, signedIn.identity)) return refuse('second-someone-else');
      signedIn.secondOfficer = { identity, at: this.mono() };
      return { ok: true, identity };
    }
    if (!isSamePerson(identity, signedIn.identity)) return refuse('only-same-person');
    this.session.reproved(client, this.mono());
    return { ok: true, identity };
  }

  /** Prove again: unlock, or a fresh proof. Wrong passwords here slow the unlock; they never lock the account. */
  async reauthenticate(p: Req<'reauthenticate'>, { client }: Caller): Promise<ResponseMap['reauthenticate']> {
    const signedIn = this.session.signedIn;
    if (!signedIn) return refuse('sign-in-first');
    if (p.method !== signedIn.identity.method)
      return refuse('prove-same-way', { values: { method: signedIn.identity.method } });
    if (p.method === 'oidc') return this.startSso('reauthenticate', client);
    if (p.method === 'local') {
      const wait = this.unlocks.waitMs();
      // As a string: the seconds are written as they always were (no thousands separator).
      if (wait > 0) return refuse('too-many-wrong', { values: { seconds: String(Math.ceil(wait / 1000)) } });
      const proved = await this.gate.checkPassword(signedIn.identity.id, p.password);
      if (!proved) {
        this.unlocks.failed();
        return refuse('wrong-password');
      }
      this.unlocks.reset();
    }
    this.session.reproved(client, this.mono());
    this.station.push();
    return { ok: true };
  }

  proveSecondOfficer({ client }: Caller): Promise<ResponseMap['proveSecondOfficer']> {
    // The gate always asks for a login now: the second officer cannot ride on the first one's session.
    return this.startSso('second-officer', client);
  }

  /**
   * The second officer's credential is checked here and replaced by who they proved to be;
   * `record` is the officer's job that journals the decision.
   */
  async withSecondOfficer(
    p: Req<'recordDecision'>,
    record: (p: Req<'recordDecision'>) => Promise<ResponseMap['recordDecision']>,
  ): Promise<ResponseMap['recordDecision']> {
    const c = p.confirmation;
    if (!c || !('method' in c)) {
      if (c && !this.gate.training) return refuse('second-own-proof');
      return record(p);
    }
    const signedIn = this.session.signedIn;
    let second: ProvedIdentity;
    if (c.method === 'local') {
      const proof = await this.gate.provePassword(c.id, c.password);
      if (!proof.ok)
        return proof.refusal
          ? refuse('second-not-confirmed', { because: proof.refusal })
          : { ok: false, error: `second officer not confirmed: ${proof.error}` };
      second = proof.identity;
    } else {
      const held = signedIn?.secondOfficer;
      if (!held || this.mono() - held.at >= SECOND_PROOF_MS) return refuse('second-sso-first');
      second = held.identity;
    }
    if (signedIn && isSamePerson(second, signedIn.identity)) return refuse('second-someone-else');
    const result = await record({ ...p, confirmation: { id: second.id, name: second.name, note: c.note } });
    if (result.ok && c.method === 'oidc' && signedIn) signedIn.secondOfficer = null; // one decision per proof
    return result;
  }

  /** The signed-in supervisor as proved (account changes are journalled in their name), or null. */
  supervisor(): { id: string; name: string } | null {
    const identity = this.session.signedIn?.identity;
    return identity?.role === 'supervisor' ? { id: identity.id, name: identity.name } : null;
  }
}

function isSamePerson(a: ProvedIdentity, b: ProvedIdentity): boolean {
  if (a.method === 'oidc' && b.method === 'oidc') return a.issuer === b.issuer && a.subject === b.subject;
  return a.method === b.method && a.id === b.id;
}
