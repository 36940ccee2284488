/**
 * Every request from the screen passes through here before the station sees it: the
 * role it needs is checked against the person signed in (as proved, not as the screen
 * says), an idle session is locked, and exports with images, legal holds and account
 * changes need a proof under five minutes old. Credentials are checked by the identity
 * gate and replaced by the proved identity: the station never sees a password.
 */
import {
  PROVE_AGAIN,
  SESSION_LOCKED,
  type RequestName,
  type requestSchemas,
  type ResponseMap,
  type StationServices,
} from '../../../shared/contract';
import type { AccessView, StationSnapshot } from '../../../shared/view';
import type { z } from 'zod';
import type { Actor } from '../../../shared/journal/entries';
import { minutesWords } from '../../../shared/uk-time';
import { createAccountAdmin, type AccountChange } from './account-admin';
import type { IdentityGate, Proof, ProvedIdentity, SsoFinished, SsoPurpose } from './identity-gate';

type Req<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

/** What access control needs from the station. */
export interface StationPort {
  /** The station's own services, unguarded. */
  services: StationServices;
  /** Sign a proved person in (journals operator-signed-in with the method). */
  signIn(identity: ProvedIdentity): Promise<ResponseMap['signIn']>;
  /** Ask for a fresh snapshot to be pushed (the lock or a proof changed). */
  push(): void;
  /** Journals an account change: the active deployment's journal, or the station's access journal. */
  recordAccountChange(actor: Actor, change: AccountChange): Promise<void>;
}

type Need = 'nobody' | 'signed-in' | 'supervisor';
interface Rule {
  need: Need;
  /** Allowed while the session is locked. */
  whenLocked?: boolean;
  /** Needs a proof younger than FRESH_PROOF_MS. */
  fresh?: (payload: never) => boolean;
}

// One line per request, so a new request cannot be added without saying who may make it.
export const REQUEST_RULES: { [N in RequestName]: Rule } = {
  getSnapshot: { need: 'nobody', whenLocked: true },
  signIn: { need: 'nobody' },
  signOut: { need: 'signed-in', whenLocked: true },
  // A note in an officer's name: not from a locked screen.
  handover: { need: 'signed-in' },
  alertShown: { need: 'signed-in' },
  recordDecision: { need: 'signed-in' },
  recordOutcome: { need: 'signed-in' },
  welfare: { need: 'signed-in' },
  // Issue 22 (claims).
  escalate: { need: 'signed-in' },
  takeOver: { need: 'supervisor' },
  // Officers may change the sound only; the station checks which setting.
  updateSettings: { need: 'signed-in' },
  listDeployments: { need: 'supervisor' },
  listArchiveDeployments: { need: 'supervisor' },
  openReplay: { need: 'supervisor' },
  supervisorReview: { need: 'supervisor' },
  // A bundle always carries the images; a PDF when asked to.
  exportReplay: {
    need: 'supervisor',
    fresh: (p: Req<'exportReplay'>) => p.kind === 'bundle' || p.includeImages === true,
  },
  importBundle: { need: 'supervisor' },
  // Whose journals count as verified: a fresh proof, like a legal hold.
  enrolStationKey: { need: 'supervisor', fresh: () => true },
  setLegalHold: { need: 'supervisor', fresh: () => true },
  // Lets alerts into a journal the feed says was rolled back: a fresh proof, like a legal hold.
  resolveRollback: { need: 'supervisor', fresh: () => true },
  reauthenticate: { need: 'signed-in', whenLocked: true },
  proveSecondOfficer: { need: 'signed-in' },
  activity: { need: 'signed-in' },
  // Station accounts: a supervisor's, each change with a fresh proof, like a legal hold.
  listAccounts: { need: 'supervisor' },
  addAccount: { need: 'supervisor', fresh: () => true },
  disableAccount: { need: 'supervisor', fresh: () => true },
  enableAccount: { need: 'supervisor', fresh: () => true },
  resetPassword: { need: 'supervisor', fresh: () => true },
  // The image pane in a second window, and which alert it shows: whoever is reviewing.
  openImageWindow: { need: 'signed-in' },
  viewerFollow: { need: 'signed-in' },
};

/** Requests the screen makes without anyone touching it (a snapshot, an alert's images shown). */
const AUTOMATIC: ReadonlySet<RequestName> = new Set(['getSnapshot', 'alertShown']);

export const FRESH_PROOF_MS = 5 * 60_000;
export const DEFAULT_LOCK_AFTER_MS = 15 * 60_000;
/** A second officer's single sign-on is good for one decision within this. */
const SECOND_PROOF_MS = 5 * 60_000;

interface Session {
  identity: ProvedIdentity;
  provedAt: number;
  lastActivityAt: number;
  locked: boolean;
}

export interface AccessControlOptions {
  gate: IdentityGate;
  station: StationPort;
  lockAfterMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export class AccessControl {
  readonly services: StationServices;
  private session: Session | null = null;
  private secondOfficer: { identity: ProvedIdentity; at: number } | null = null;
  private ssoError: string | null = null;
  private proveAgainAsked: string | null = null;
  private readonly gate: IdentityGate;
  private readonly station: StationPort;
  private readonly lockAfterMs: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(opts: AccessControlOptions) {
    this.gate = opts.gate;
    this.station = opts.station;
    this.lockAfterMs = opts.lockAfterMs ?? DEFAULT_LOCK_AFTER_MS;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => undefined);
    this.gate.onSsoFinished((finished) => this.ssoFinished(finished));
    const own: Partial<StationServices> = {
      getSnapshot: async () => this.decorate(await this.station.services.getSnapshot({})),
      signIn: (p) => this.signIn(p),
      signOut: (p) => this.signOut(p),
      recordDecision: (p) => this.recordDecision(p),
      reauthenticate: (p) => this.reauthenticate(p),
      proveSecondOfficer: () => this.proveSecondOfficer(),
      activity: () => Promise.resolve({ ok: true }),
      // The same account store as `npm run accounts`; the role and proof are checked below first.
      ...createAccountAdmin({
        store: this.gate.accounts,
        supervisor: () => {
          const identity = this.session?.identity;
          return identity?.role === 'supervisor' ? { id: identity.id, name: identity.name } : null;
        },
        record: (actor, change) => this.station.recordAccountChange(actor, change),
        log: this.log,
      }),
    };
    const services = {} as Record<RequestName, (p: unknown) => Promise<unknown>>;
    for (const name of Object.keys(REQUEST_RULES) as RequestName[]) {
      const handler = (own[name] ?? this.station.services[name]) as (p: unknown) => Promise<unknown>;
      services[name] = async (payload: unknown) => {
        const refused = this.refusal(name, payload);
        if (refused) return { ok: false, error: refused };
        // Input by a person keeps the session open; what the screen sends by itself does not.
        if (this.session && !AUTOMATIC.has(name)) this.session.lastActivityAt = this.now();
        return handler(payload);
      };
    }
    this.services = services as unknown as StationServices;
  }

  /** Why `name` may not run now, or null. */
  private refusal(name: RequestName, payload: unknown): string | null {
    const rule = REQUEST_RULES[name];
    if (rule.need === 'nobody') return null;
    const session = this.session;
    if (!session) return 'sign in first';
    if (session.locked && !rule.whenLocked) return SESSION_LOCKED;
    if (rule.need === 'supervisor' && session.identity.role !== 'supervisor')
      return 'only a signed-in supervisor can do that';
    if (rule.fresh?.(payload as never) && !this.proofIsFresh()) {
      this.proveAgainAsked = new Date(this.now()).toISOString();
      this.station.push();
      return PROVE_AGAIN;
    }
    return null;
  }

  private proofIsFresh(): boolean {
    const session = this.session;
    // The training feed has nothing to prove with; its sessions are marked TRAINING instead.
    if (!session || session.identity.method === 'training') return true;
    return this.now() - session.provedAt < FRESH_PROOF_MS;
  }

  /** Lock an idle session (called by the station's clock, once a second). */
  tick(): void {
    const session = this.session;
    if (!session || session.locked) return;
    if (this.now() - session.lastActivityAt >= this.lockAfterMs) {
      session.locked = true;
      this.log(
        `session of ${session.identity.id} locked after ${minutesWords(this.lockAfterMs / 60_000)} idle`,
      );
      this.station.push();
    }
  }

  /** The snapshot as the screen gets it: with how to sign in and the session's state. */
  decorate(snapshot: StationSnapshot): StationSnapshot {
    return { ...snapshot, access: this.view() };
  }

  view(): AccessView {
    const session = this.session;
    const second =
      this.secondOfficer && this.now() - this.secondOfficer.at < SECOND_PROOF_MS ? this.secondOfficer : null;
    const sso = this.gate.ssoProvider;
    return {
      methods: {
        training: this.gate.training,
        accounts: !this.gate.training,
        sso: sso ? { provider: sso } : null,
      },
      method: session?.identity.method ?? null,
      locked: session?.locked ?? false,
      lockAfterMs: this.lockAfterMs,
      proofFreshUntil:
        session && session.identity.method !== 'training'
          ? new Date(session.provedAt + FRESH_PROOF_MS).toISOString()
          : null,
      secondOfficer: second ? { id: second.identity.id, name: second.identity.name } : null,
      ssoError: this.ssoError,
      proveAgainAsked: this.proveAgainAsked,
    };
  }

  private async signIn(p: Req<'signIn'>): Promise<ResponseMap['signIn']> {
    if (this.session)
      return { ok: false, error: `${this.session.identity.name} is signed in; sign out first` };
    if (!('method' in p)) {
      if (!this.gate.training)
        return { ok: false, error: 'on a live feed, sign in with your station account or single sign-on' };
      return this.begin({ id: p.id, name: p.name, role: p.role, method: 'training' });
    }
    if (this.gate.training)
      return { ok: false, error: 'the training feed takes no credentials; sign in with the training form' };
    if (p.method === 'oidc') {
      this.ssoError = null;
      return this.gate.startSso('sign-in');
    }
    const proof = await this.gate.provePassword(p.id, p.password);
    return proof.ok ? this.begin(proof.identity) : { ok: false, error: proof.error };
  }

  private async begin(identity: ProvedIdentity): Promise<ResponseMap['signIn']> {
    const result = await this.station.signIn(identity);
    if (result.ok) {
      const at = this.now();
      this.session = { identity, provedAt: at, lastActivityAt: at, locked: false };
      this.secondOfficer = null;
      this.proveAgainAsked = null;
      this.station.push();
    }
    return result;
  }

  private async signOut(p: Req<'signOut'>): Promise<ResponseMap['signOut']> {
    const result = await this.station.services.signOut(p);
    if (result.ok) {
      this.session = null;
      this.secondOfficer = null;
      this.station.push();
    }
    return result;
  }

  /** A single sign-on came back: act on it by its purpose; a refusal is shown on screen and in the tab. */
  private async ssoFinished({ purpose, result }: SsoFinished): Promise<Proof> {
    const outcome = result.ok ? await this.useSso(purpose, result.identity) : result;
    this.ssoError = outcome.ok ? null : outcome.error;
    this.station.push();
    return outcome;
  }

  private async useSso(purpose: SsoPurpose, identity: ProvedIdentity): Promise<Proof> {
    const refuse = (error: string): Proof => ({ ok: false, error });
    if (purpose === 'sign-in') {
      if (this.session) return refuse(`${this.session.identity.name} is signed in; sign out first`);
      const signed = await this.begin(identity);
      return signed.ok ? { ok: true, identity } : refuse(signed.error);
    }
    if (purpose === 'second-officer') {
      if (this.session && this.isSamePerson(identity, this.session.identity))
        return refuse('the second officer must be someone other than the officer deciding');
      this.secondOfficer = { identity, at: this.now() };
      return { ok: true, identity };
    }
    if (!this.session || !this.isSamePerson(identity, this.session.identity))
      return refuse('only the person signed in can unlock or confirm for this session');
    this.session.provedAt = this.now();
    this.session.lastActivityAt = this.now();
    this.session.locked = false;
    this.proveAgainAsked = null;
    return { ok: true, identity };
  }

  private isSamePerson(a: ProvedIdentity, b: ProvedIdentity): boolean {
    if (a.method === 'oidc' && b.method === 'oidc') return a.issuer === b.issuer && a.subject === b.subject;
    return a.method === b.method && a.id === b.id;
  }

  private async reauthenticate(p: Req<'reauthenticate'>): Promise<ResponseMap['reauthenticate']> {
    const session = this.session!;
    if (p.method !== session.identity.method)
      return { ok: false, error: `prove it the way you signed in (${session.identity.method})` };
    if (p.method === 'oidc') {
      this.ssoError = null;
      return this.gate.startSso('reauthenticate');
    }
    if (p.method === 'local') {
      const proof = await this.gate.provePassword(session.identity.id, p.password);
      if (!proof.ok) return { ok: false, error: proof.error };
    }
    session.provedAt = this.now();
    session.lastActivityAt = this.now();
    session.locked = false;
    this.proveAgainAsked = null;
    this.station.push();
    return { ok: true };
  }

  private async proveSecondOfficer(): Promise<ResponseMap['proveSecondOfficer']> {
    this.ssoError = null;
    // The gate always asks for a login now: the second officer cannot ride on the first one's session.
    return this.gate.startSso('second-officer');
  }

  /** The second officer's credential is checked here and replaced by who they proved to be. */
  private async recordDecision(p: Req<'recordDecision'>): Promise<ResponseMap['recordDecision']> {
    const c = p.confirmation;
    if (!c || !('method' in c)) {
      if (c && !this.gate.training)
        return {
          ok: false,
          error: 'the second officer must prove who they are with their own password or sign-on',
        };
      return this.station.services.recordDecision(p);
    }
    let second: ProvedIdentity;
    if (c.method === 'local') {
      const proof = await this.gate.provePassword(c.id, c.password);
      if (!proof.ok) return { ok: false, error: `second officer not confirmed: ${proof.error}` };
      second = proof.identity;
    } else {
      const held = this.secondOfficer;
      if (!held || this.now() - held.at >= SECOND_PROOF_MS)
        return { ok: false, error: 'second officer not confirmed: sign them in with single sign-on first' };
      second = held.identity;
    }
    if (this.session && this.isSamePerson(second, this.session.identity))
      return { ok: false, error: 'the second officer must be someone other than the officer deciding' };
    const result = await this.station.services.recordDecision({
      ...p,
      confirmation: { id: second.id, name: second.name, note: c.note },
    });
    if (result.ok && c.method === 'oidc') this.secondOfficer = null; // one decision per proof
    return result;
  }
}
