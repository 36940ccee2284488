/**
 * The one record of who is signed in at this station, and the station-wide things that
 * go with the screen (settings, the welfare prompt, the feed status, the last handover).
 * Sign-in, sign-out, hand over, the idle lock, re-authentication, a disabled account and
 * a restart (a new Session) all change `signedIn` here and nowhere else: access control
 * reads the same object the officer's jobs and the snapshot read, so they cannot disagree.
 */
import { DEFAULT_SETTINGS, type StationSettings } from '../../../shared/vocabulary';
import type { FeedStatus, HandoverView, Operator } from '../../../shared/view';
import { proofOf, type ProvedIdentity, type SignInProof } from '../auth/identity-gate';

/**
 * Which screen a request comes from. Electron's windows are one client (main checks the
 * IPC sender); in browser mode each WebSocket connection is its own client; `LOCAL` is
 * the core's own callers (the Electron window, tests, the command line).
 */
export type ClientId = string;
export const LOCAL_CLIENT: ClientId = 'local';

/** A signed-in person: who, how proved and when, and the screen that holds the session. */
interface SignedIn {
  operator: Operator;
  identity: ProvedIdentity;
  /** The screen that signed in (or unlocked last); null once it went away (the session is locked). */
  client: ClientId | null;
  /**
   * When the person last proved who they are (sign-in or re-authentication), on the
   * station's monotonic clock: a wall clock stepped forward cannot make a proof stale,
   * nor one stepped back keep it fresh.
   */
  provedAt: number;
  /** Last input by a person at the screen, for the idle lock (monotonic, as provedAt). */
  lastActivityAt: number;
  /** Start of the current stretch of review (operator.reviewSince) on the monotonic clock, for the welfare prompt. */
  reviewSinceMono: number;
  locked: boolean;
  /** A second officer's single sign-on, good for one decision for a few minutes (`at`: monotonic). */
  secondOfficer: { identity: ProvedIdentity; at: number } | null;
  /** When a sensitive request last asked for a new proof (shown on screen). */
  proveAgainAsked: string | null;
}

export class Session {
  signedIn: SignedIn | null = null;
  settings: StationSettings;
  /** Monotonic: a snoozed welfare prompt comes back after this. */
  welfareSnoozedUntil = 0;
  welfarePrompted = false;
  feedStatus: FeedStatus = {
    state: 'offline',
    url: '',
    message: 'Not connected',
    lastAlertAt: null,
    nextRetryAt: null,
  };
  /** The last handover, shown to whoever signs in next. */
  lastHandover: HandoverView | null = null;

  constructor(settings: StationSettings = DEFAULT_SETTINGS) {
    this.settings = { ...settings };
  }

  get operator(): Operator | null {
    return this.signedIn?.operator ?? null;
  }

  /** How the operator proved who they are (journal-v1 operator-signed-in); null when nobody is signed in. */
  get proof(): SignInProof | null {
    return this.signedIn ? proofOf(this.signedIn.identity) : null;
  }

  /** `at` is the wall clock (what the journal and the screen say), `mono` the monotonic one (what durations count from). */
  begin(identity: ProvedIdentity, client: ClientId, at: number, mono: number): SignedIn {
    const iso = new Date(at).toISOString();
    this.signedIn = {
      operator: {
        id: identity.id,
        name: identity.name,
        role: identity.role,
        signedInAt: iso,
        reviewSince: iso,
      },
      identity,
      client,
      provedAt: mono,
      lastActivityAt: mono,
      reviewSinceMono: mono,
      locked: false,
      secondOfficer: null,
      proveAgainAsked: null,
    };
    this.welfarePrompted = false;
    this.welfareSnoozedUntil = 0;
    return this.signedIn;
  }

  /** Sign-out, hand over, a disabled account: nobody is signed in afterwards. Returns who was. */
  end(): SignedIn | null {
    const was = this.signedIn;
    this.signedIn = null;
    return was;
  }

  /** The person proved again (unlock, a fresh proof), at this screen (`mono`: monotonic clock): it holds the session now. */
  reproved(client: ClientId, mono: number): void {
    const s = this.signedIn;
    if (!s) return;
    s.provedAt = mono;
    s.lastActivityAt = mono;
    s.locked = false;
    s.proveAgainAsked = null;
    s.client = client;
  }

  /** The screen holding the session went away (a page closed or reloaded): lock until someone proves again. */
  clientGone(client: ClientId): boolean {
    const s = this.signedIn;
    if (!s || s.client !== client) return false;
    s.client = null;
    s.locked = true;
    return true;
  }
}
