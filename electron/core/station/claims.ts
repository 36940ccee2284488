/**
 * Claims at the station (lfr-feed-v1 "Shared deployments: claims"): on a deployment whose
 * feed lists "claims", an alert counts as shown only once this station holds its claim,
 * the claim is renewed every 30 s while the alert stays open, and released when the
 * officer moves on, signs out, hands over or the screen locks. Every answer and every
 * release is journalled (journal-v1 `claim`, `claim-released`, `alert-settled`,
 * `escalation`). Without "claims" in the deployment's features nothing here acts.
 */
import {
  CLAIM_RENEW_MS,
  hasClaims,
  type AlertClaimed,
  type AlertEscalated,
  type AlertReleased,
  type AlertSettled,
  type ClaimAnswer,
  type SeatRef,
  type Seats,
} from '../../../shared/feed/claims';
import { PROTOCOL_VERSION, type StationAck } from '../../../shared/feed/schemas';
import type { StationAlert } from '../../../shared/view';
import { readClaimAnswer, type ClaimEventHandlers } from '../feed/feed-claims';
import {
  actorOf,
  type ClaimsPort,
  type OpenDeployment,
  type SignedIn,
  type SlotLookup,
  type Writer,
} from './context';
import { wholeAlert } from './summaries';

const REQUEST_TIMEOUT_MS = 5_000;

interface ClaimFeed {
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
}

interface Held {
  slot: OpenDeployment;
  until: string;
  timer: NodeJS.Timeout;
  /** When this station was first granted it (station clock), for the room's "held for". */
  since: number;
}

export const seatName = (by: { label?: string; operator: { name: string } }) =>
  `${by.operator.name}${by.label ? ` at ${by.label}` : ''}`;
const decisionWord = (d: string) => (d === 'engage' ? 'engage' : 'no engage');

export class StationClaims implements ClaimsPort {
  private readonly held = new Map<string, Held>();
  /** Alerts another station holds: who, since when (from alert-claimed and `held` answers). */
  readonly elsewhere = new Map<string, SeatRef & { since: string }>();
  /** Escalations received from other stations (shown at a supervisor's seat). */
  readonly escalations: AlertEscalated[] = [];
  seats: Seats | null = null;

  constructor(
    private readonly ctx: Writer & SignedIn & SlotLookup,
    private readonly feed: ClaimFeed,
  ) {}

  enabled(slot: OpenDeployment | undefined): boolean {
    return Boolean(slot?.state.deployment && hasClaims(slot.state.deployment));
  }

  holds(alertId: string): boolean {
    return this.held.has(alertId);
  }

  /** When the alert's current claim began, here or at another seat (ms), or null if nobody holds it. */
  heldSince(alertId: string): number | null {
    const here = this.held.get(alertId);
    if (here) return here.since;
    const there = this.elsewhere.get(alertId);
    return there ? Date.parse(there.since) : null;
  }

  /** Why this officer may not decide the alert (another station holds or decided it), or null. */
  refusal(slot: OpenDeployment, alert: StationAlert): string | null {
    if (!this.enabled(slot)) return null;
    if (alert.decisions.length > 0) return null; // amendments go to the station that decided
    if (alert.settledElsewhere) return settledText(alert.settledElsewhere);
    if (this.held.has(alert.alertId)) return null;
    const by = this.elsewhere.get(alert.alertId);
    return by
      ? heldText(by, this.ctx.now())
      : 'this station does not hold the claim for this alert; open it again';
  }

  /** Opening an alert: ask for its claim (journalled); granted, any other held alert is released. */
  async open(slot: OpenDeployment, alert: StationAlert): Promise<ClaimAnswer> {
    const operator = this.ctx.session.operator;
    if (!operator) return { status: 'rejected', reason: 'sign in first' };
    const answer = await this.ask(slot, alert.alertId, false);
    if (answer.status === 'granted')
      for (const other of [...this.held.keys()])
        if (other !== alert.alertId) await this.release(other, 'moved to another alert');
    return answer;
  }

  /** A supervisor takes a held alert over (journalled here; the former holder journals its release). */
  async takeOver(slot: OpenDeployment, alertId: string, reason: string): Promise<ClaimAnswer> {
    return this.ask(slot, alertId, true, reason);
  }

  async release(alertId: string, reason: string): Promise<void> {
    const held = this.held.get(alertId);
    if (!held) return;
    this.forget(alertId);
    const deploymentId = held.slot.state.deploymentId;
    try {
      await this.feed.request(
        'release',
        { v: PROTOCOL_VERSION, alertId, deploymentId, reason },
        REQUEST_TIMEOUT_MS,
      );
    } catch (error) {
      // The server releases it anyway when the claim's `until` passes.
      this.ctx.log(`claims: release of ${alertId} not answered (${String(error)})`);
    }
    await this.ctx.append(held.slot, 'claim-released', actorOf(this.ctx.session), {
      alertId,
      reason,
      by: 'station',
    });
    this.ctx.schedulePush();
  }

  /** lfr-feed-v1 `escalate`: the server tells the seats where a supervisor is signed in. */
  async escalate(slot: OpenDeployment, alertId: string, note: string): Promise<string | null> {
    const op = this.ctx.session.operator!;
    const payload = {
      v: PROTOCOL_VERSION,
      alertId,
      deploymentId: slot.state.deploymentId,
      operator: { id: op.id, name: op.name },
      note,
    };
    try {
      const answer = (await this.feed.request('escalate', payload, REQUEST_TIMEOUT_MS)) as {
        status?: unknown;
        reason?: unknown;
      } | null;
      return answer?.status === 'recorded'
        ? null
        : `the feed refused the escalation: ${String(answer?.reason)}`;
    } catch (error) {
      return `the feed did not answer the escalation (${String(error)})`;
    }
  }

  /** Signing out, handing over, locking: every claim goes back. */
  async releaseAll(reason: string): Promise<void> {
    for (const alertId of [...this.held.keys()]) await this.release(alertId, reason);
  }

  /** Tells the server who is signed in here (this project's `seat` extension; ignored by others). */
  async announceSeat(): Promise<void> {
    const slot = this.ctx.activeSlot();
    if (!this.enabled(slot)) return;
    const op = this.ctx.session.operator;
    const payload = {
      v: PROTOCOL_VERSION,
      deploymentId: slot!.state.deploymentId,
      operator: op ? { id: op.id, name: op.name } : null,
      role: op ? op.role : null,
    };
    await this.feed.request('seat', payload, REQUEST_TIMEOUT_MS).catch(() => undefined);
  }

  stop(): void {
    for (const held of this.held.values()) clearTimeout(held.timer);
    this.held.clear();
  }

  handlers(): ClaimEventHandlers {
    return {
      claimed: (m) => this.claimed(m),
      released: (m) => void this.released(m),
      settled: (m) => this.settled(m),
      escalated: (m) => void this.escalated(m),
      seats: (m) => {
        this.seats = m;
        this.ctx.schedulePush();
      },
      refused: (event, reason) => this.ctx.log(`claims: ${event} refused: ${reason}`),
    };
  }

  // --- asking --------------------------------------------------------------------------------

  private async ask(
    slot: OpenDeployment,
    alertId: string,
    takeOver: boolean,
    note?: string,
  ): Promise<ClaimAnswer> {
    const op = this.ctx.session.operator!;
    const message = {
      v: PROTOCOL_VERSION,
      alertId,
      deploymentId: slot.state.deploymentId,
      operator: { id: op.id, name: op.name },
      role: op.role === 'supervisor' ? 'supervisor' : 'officer',
      ...(takeOver ? { takeOver: true } : {}),
    };
    let answer: ClaimAnswer;
    try {
      answer = readClaimAnswer(await this.feed.request('claim', message, REQUEST_TIMEOUT_MS));
    } catch (error) {
      answer = { status: 'rejected', reason: `the feed did not answer the claim (${String(error)})` };
    }
    await this.ctx.append(slot, 'claim', actorOf(this.ctx.session), {
      alertId,
      status: answer.status,
      ...(answer.status === 'held' || answer.status === 'settled' ? { by: answer.by } : {}),
      ...(answer.status === 'held' ? { since: answer.by.since } : {}),
      ...(answer.status === 'granted' ? { until: answer.until } : {}),
      ...(answer.status === 'rejected' ? { reason: answer.reason } : {}),
      ...(takeOver ? { takeOver: true } : {}),
      ...(note ? { note } : {}),
    });
    if (answer.status === 'granted') this.keep(slot, alertId, answer.until);
    if (answer.status === 'held') this.elsewhere.set(alertId, answer.by);
    this.ctx.schedulePush();
    return answer;
  }

  /** Holds the claim and renews it every 30 s while the alert stays open. */
  private keep(slot: OpenDeployment, alertId: string, until: string): void {
    const previous = this.held.get(alertId);
    if (previous) clearTimeout(previous.timer);
    this.elsewhere.delete(alertId);
    const timer = setTimeout(() => {
      if (!this.held.has(alertId) || !this.ctx.session.operator) return;
      void this.ask(slot, alertId, false).then((answer) => {
        if (answer.status !== 'granted') this.forget(alertId);
      });
    }, CLAIM_RENEW_MS);
    timer.unref();
    this.held.set(alertId, { slot, until, timer, since: previous?.since ?? this.ctx.now() });
  }

  private forget(alertId: string): void {
    const held = this.held.get(alertId);
    if (held) clearTimeout(held.timer);
    this.held.delete(alertId);
  }

  // --- told by the server --------------------------------------------------------------------

  private claimed(m: AlertClaimed): void {
    this.forget(m.alertId);
    this.elsewhere.set(m.alertId, { ...m.by, since: m.at });
    this.ctx.schedulePush();
  }

  private async released(m: AlertReleased): Promise<void> {
    this.elsewhere.delete(m.alertId);
    const held = this.held.get(m.alertId);
    if (held) {
      // Taken over by a supervisor, or expired: this officer no longer holds it.
      this.forget(m.alertId);
      await this.ctx.append(held.slot, 'claim-released', null, {
        alertId: m.alertId,
        reason: m.reason,
        by: 'server',
      });
    } else {
      // Held at another seat when this one asked, and given back now (that station went away,
      // or let it go): journalled, so the screen stops naming a holder and asks for it again.
      const slot = this.ctx.slotOfAlert(m.alertId);
      // Only a waiting alert is named as held elsewhere, and a waiting alert is always whole.
      const alert = slot?.state.alerts.get(m.alertId);
      if (slot && alert?.heldElsewhere && alert.status === 'pending')
        await this.ctx.append(slot, 'claim-released', null, {
          alertId: m.alertId,
          reason: m.reason,
          by: 'server',
        });
    }
    this.ctx.schedulePush();
  }

  private async settled(m: AlertSettled): Promise<StationAck> {
    const slot = this.ctx.slotOfAlert(m.alertId);
    const alert = wholeAlert(this.ctx, slot, m.alertId);
    if (!slot || !alert) return { status: 'rejected', reason: `unknown alert ${m.alertId}` };
    this.forget(m.alertId);
    this.elsewhere.delete(m.alertId);
    if (alert.settledElsewhere?.revision === m.revision) return { status: 'stored' };
    const { by, decision, revision, decidedAt, journal } = m;
    await this.ctx.append(slot, 'alert-settled', null, {
      alertId: m.alertId,
      by,
      decision,
      revision,
      decidedAt,
      journal,
    });
    this.ctx.schedulePush();
    return { status: 'stored' };
  }

  private async escalated(m: AlertEscalated): Promise<void> {
    this.escalations.push(m);
    const slot = this.ctx.slotOfAlert(m.alertId);
    if (slot) await this.ctx.append(slot, 'escalation', null, { alertId: m.alertId, note: m.note, by: m.by });
    this.ctx.schedulePush();
  }
}

/** "PC Rees at Seat 2 is reviewing, 40 s" */
export function heldText(by: SeatRef & { since: string }, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(by.since)) / 1000));
  return `${seatName(by)} is reviewing, ${seconds} s`;
}

/** "decided by PC Morgan at Seat 1: no engage" */
export function settledText(s: NonNullable<StationAlert['settledElsewhere']>): string {
  return `decided by ${seatName(s.by)}: ${decisionWord(s.decision)}`;
}
