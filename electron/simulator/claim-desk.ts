/**
 * The training feed's side of lfr-feed-v1 "Shared deployments: claims": who holds which
 * alert, for how long, and who decided it, across every station of the deployment.
 * It answers claim / release / escalate (and this project's `seat` extension), refuses a
 * decision from a station that does not hold the alert, releases the claims of a station
 * that went away (after the grace) or that stopped renewing, and tells every station.
 */
import type { Socket } from 'socket.io';
import {
  CLAIM_GRACE_MS,
  claimMessageSchema,
  escalateMessageSchema,
  releaseMessageSchema,
  seatMessageSchema,
  type AlertEscalated,
  type AlertSettled,
  type ClaimAnswer,
  type ClaimMessage,
  type ClaimRole,
  type Operator,
  type ReleaseAnswer,
  type SeatRef,
  type Seats,
} from '../../shared/feed/claims';
import { PROTOCOL_VERSION, describeZodError, type DecisionMessage } from '../../shared/feed/schemas';
import { SeatRegistry } from './seat-registry';

interface ClaimDeskOptions {
  /** Whether the deployment lists "claims" right now (a feed without it refuses claims). */
  enabled: () => boolean;
  deploymentId: () => string;
  /** Alerts this feed sent that still need a decision (not withdrawn). */
  openAlerts: () => Iterable<string>;
  hasAlert: (alertId: string) => boolean;
  sockets: () => Iterable<Socket>;
  /** How long a grant lasts without renewal (stations renew every 30 s; default 60 s). */
  claimTtlMs: number;
  /** How long a disconnected station keeps its claims (default 15 s, lfr-feed-v1). */
  graceMs?: number;
  ackTimeoutMs: number;
  timers: Set<NodeJS.Timeout>;
  log: (line: string) => void;
  /** Told whenever the desk changes (tests and the command line wait on it). */
  changed: (what: string, alertId: string | null) => void;
}

interface Claim {
  stationId: string;
  operator: Operator;
  role: ClaimRole;
  since: string;
  until: number;
  timer: NodeJS.Timeout;
}

type Settled = Omit<AlertSettled, 'v' | 'alertId'>;
type Answer<T> = ((answer: T) => void) | undefined;

export class ClaimDesk {
  readonly seats: SeatRegistry;
  private readonly claims = new Map<string, Claim>();
  private readonly settled = new Map<string, Settled>();
  /** alert-settled messages a station has not yet answered `stored` (sent again on reconnect). */
  private readonly unsettledAt = new Map<string, Set<string>>();
  readonly escalations: AlertEscalated[] = [];
  private seatsTimer: NodeJS.Timeout | null = null;

  constructor(private readonly o: ClaimDeskOptions) {
    this.seats = new SeatRegistry(o.graceMs ?? CLAIM_GRACE_MS, o.timers, (stationId) =>
      this.stationGone(stationId),
    );
  }

  /** Who holds an alert right now, or null. */
  holder(alertId: string): (SeatRef & { since: string; until: string }) | null {
    const claim = this.claims.get(alertId);
    if (!claim) return null;
    return {
      ...this.seats.ref(claim.stationId, claim.operator),
      since: claim.since,
      until: new Date(claim.until).toISOString(),
    };
  }

  settledBy(alertId: string): Settled | null {
    return this.settled.get(alertId) ?? null;
  }

  attach(socket: Socket, stationId: string): void {
    this.seats.connected(stationId);
    socket.on('claim', (payload: unknown, ack: Answer<ClaimAnswer>) =>
      reply(ack, this.claim(stationId, payload)),
    );
    socket.on('release', (payload: unknown, ack: Answer<ReleaseAnswer>) =>
      reply(ack, this.release(stationId, payload)),
    );
    socket.on('escalate', (payload: unknown, ack: Answer<unknown>) =>
      reply(ack, this.escalate(stationId, payload)),
    );
    socket.on('seat', (payload: unknown, ack: Answer<unknown>) => reply(ack, this.seat(stationId, payload)));
    socket.on('disconnect', () => {
      this.seats.disconnected(stationId, this.socketsOf(stationId).length > 0);
      this.sendSeats();
    });
    for (const alertId of this.unsettledAt.get(stationId) ?? []) void this.sendSettled(socket, alertId);
    if (this.o.enabled()) this.sendSeats();
  }

  /** lfr-feed-v1: a decision from a station that neither holds nor decided the alert is refused. */
  refuseDecision(message: DecisionMessage, stationId: string): string | null {
    if (!this.o.enabled()) return null;
    const done = this.settled.get(message.alertId);
    if (done && done.by.stationId !== stationId)
      return `alert ${message.alertId} was decided at ${describe(done.by)}; amendments go to that station`;
    const claim = this.claims.get(message.alertId);
    if (claim && claim.stationId !== stationId)
      return `alert ${message.alertId} is held by ${describe(this.seats.ref(claim.stationId, claim.operator))}`;
    return null;
  }

  /** A decision (or amendment) recorded from a station: the alert is settled there; the others are told. */
  decided(message: DecisionMessage, stationId: string): void {
    if (!this.o.enabled()) return;
    const previous = this.settled.get(message.alertId);
    if (previous && previous.revision >= message.revision) return;
    this.settled.set(message.alertId, {
      by: this.seats.ref(stationId, message.operator),
      decision: message.decision,
      revision: message.revision,
      decidedAt: message.decidedAt,
      journal: message.journal,
    });
    this.drop(message.alertId);
    for (const socket of this.o.sockets()) {
      const other = socketStation(socket);
      if (other === stationId) continue;
      this.pendingFor(other).add(message.alertId);
      void this.sendSettled(socket, message.alertId);
    }
    for (const other of this.seats.knownStations())
      if (other !== stationId) this.pendingFor(other).add(message.alertId);
    this.o.changed('settled', message.alertId);
    this.sendSeats();
  }

  /** A new alert (or a withdrawn one) changes how many wait. */
  alertsChanged(): void {
    if (this.o.enabled()) this.sendSeats();
  }

  // --- station to server ----------------------------------------------------------------------

  private claim(stationId: string, payload: unknown): ClaimAnswer {
    const parsed = claimMessageSchema.safeParse(payload);
    if (!parsed.success) return this.refuse('claim', describeZodError(parsed.error));
    const m = parsed.data;
    const problem = this.checkAlert(m.deploymentId, m.alertId);
    if (problem) return this.refuse('claim', problem);
    this.seats.spoke(stationId, m.operator, m.role);
    const done = this.settled.get(m.alertId);
    if (done && done.by.stationId !== stationId)
      return { status: 'settled', by: done.by, decision: done.decision, revision: done.revision };
    const current = this.claims.get(m.alertId);
    if (current && current.stationId !== stationId && current.until > Date.now()) {
      if (!m.takeOver)
        return {
          status: 'held',
          by: { ...this.seats.ref(current.stationId, current.operator), since: current.since },
        };
      if (m.role !== 'supervisor' || this.seats.role(stationId) !== 'supervisor')
        return this.refuse('claim', 'takeOver is honoured only from a signed-in supervisor');
      this.takeOver(m, stationId, current);
    }
    return this.grant(m, stationId);
  }

  private grant(m: ClaimMessage, stationId: string): ClaimAnswer {
    const current = this.claims.get(m.alertId);
    const renewal = current?.stationId === stationId;
    if (current) clearTimeout(current.timer);
    const until = Date.now() + this.o.claimTtlMs;
    const timer = setTimeout(() => this.expire(m.alertId, until), this.o.claimTtlMs);
    timer.unref();
    this.o.timers.add(timer);
    const since = renewal ? current.since : new Date().toISOString();
    this.claims.set(m.alertId, { stationId, operator: m.operator, role: m.role, since, until, timer });
    if (!renewal) {
      const by = this.seats.ref(stationId, m.operator);
      this.o.log(`claim ${m.alertId}: granted to ${describe(by)}`);
      this.broadcast('alert-claimed', { v: PROTOCOL_VERSION, alertId: m.alertId, by, at: since }, stationId);
      this.o.changed('claimed', m.alertId);
      this.sendSeats();
    }
    return { status: 'granted', until: new Date(until).toISOString() };
  }

  private takeOver(m: ClaimMessage, stationId: string, from: Claim): void {
    const by = this.seats.ref(stationId, m.operator);
    const reason = `taken over by ${describe(by)}`;
    this.o.log(`claim ${m.alertId}: ${reason} from ${from.stationId}`);
    this.drop(m.alertId);
    for (const socket of this.socketsOf(from.stationId))
      socket.emit('alert-released', { v: PROTOCOL_VERSION, alertId: m.alertId, reason });
  }

  private release(stationId: string, payload: unknown): ReleaseAnswer {
    const parsed = releaseMessageSchema.safeParse(payload);
    if (!parsed.success) return this.refuse('release', describeZodError(parsed.error));
    const m = parsed.data;
    const problem = this.checkAlert(m.deploymentId, m.alertId);
    if (problem) return this.refuse('release', problem);
    // Releasing what this station does not hold changes nothing and is not an error (a re-send).
    if (this.claims.get(m.alertId)?.stationId === stationId) this.freeAndTell(m.alertId, m.reason);
    return { status: 'released' };
  }

  private escalate(stationId: string, payload: unknown): { status: 'recorded' } | ClaimAnswer {
    const parsed = escalateMessageSchema.safeParse(payload);
    if (!parsed.success) return this.refuse('escalate', describeZodError(parsed.error));
    const m = parsed.data;
    const problem = this.checkAlert(m.deploymentId, m.alertId);
    if (problem) return this.refuse('escalate', problem);
    this.seats.spoke(stationId, m.operator, null);
    const message: AlertEscalated = {
      v: PROTOCOL_VERSION,
      alertId: m.alertId,
      by: this.seats.ref(stationId, m.operator),
      note: m.note,
      at: new Date().toISOString(),
    };
    this.escalations.push(message);
    let told = 0;
    for (const socket of this.o.sockets()) {
      if (this.seats.role(socketStation(socket)) !== 'supervisor') continue;
      socket.emit('alert-escalated', message);
      told += 1;
    }
    this.o.log(`escalate ${m.alertId} by ${describe(message.by)}: told ${told} supervisor seat(s)`);
    this.o.changed('escalated', m.alertId);
    return { status: 'recorded' };
  }

  private seat(stationId: string, payload: unknown): { status: 'recorded' } | ClaimAnswer {
    const parsed = seatMessageSchema.safeParse(payload);
    if (!parsed.success) return this.refuse('seat', describeZodError(parsed.error));
    this.seats.signedIn(stationId, parsed.data.operator, parsed.data.role);
    this.sendSeats();
    return { status: 'recorded' };
  }

  // --- releases ------------------------------------------------------------------------------

  private expire(alertId: string, until: number): void {
    const claim = this.claims.get(alertId);
    if (claim?.until !== until) return;
    this.freeAndTell(alertId, 'claim expired without renewal');
  }

  private stationGone(stationId: string): void {
    for (const [alertId, claim] of [...this.claims])
      if (claim.stationId === stationId)
        this.freeAndTell(alertId, `station ${this.seats.label(stationId)} disconnected`);
    this.sendSeats();
  }

  private freeAndTell(alertId: string, reason: string): void {
    this.drop(alertId);
    this.o.log(`claim ${alertId}: released (${reason})`);
    this.broadcast('alert-released', { v: PROTOCOL_VERSION, alertId, reason }, null);
    this.o.changed('released', alertId);
    this.sendSeats();
  }

  private drop(alertId: string): void {
    const claim = this.claims.get(alertId);
    if (!claim) return;
    clearTimeout(claim.timer);
    this.o.timers.delete(claim.timer);
    this.claims.delete(alertId);
  }

  // --- server to station ---------------------------------------------------------------------

  private async sendSettled(socket: Socket, alertId: string): Promise<void> {
    const settled = this.settled.get(alertId);
    if (!settled) return;
    const stationId = socketStation(socket);
    const message: AlertSettled = { v: PROTOCOL_VERSION, alertId, ...settled };
    try {
      const answer = (await socket.timeout(this.o.ackTimeoutMs).emitWithAck('alert-settled', message)) as {
        status?: unknown;
      } | null;
      if (answer?.status === 'stored') this.unsettledAt.get(stationId)?.delete(alertId);
      else this.o.log(`alert-settled ${alertId} at ${stationId}: answered ${JSON.stringify(answer)}`);
    } catch {
      // No answer: sent again when the station reconnects.
    }
  }

  private sendSeats(): void {
    if (this.seatsTimer || !this.o.enabled()) return;
    // Coalesced: a burst of alerts or claims makes one `seats`, not one each.
    this.seatsTimer = setTimeout(() => {
      if (this.seatsTimer) this.o.timers.delete(this.seatsTimer);
      this.seatsTimer = null;
      this.broadcast('seats', this.seatsMessage(), null);
    }, 50);
    this.o.timers.add(this.seatsTimer);
  }

  seatsMessage(): Seats {
    const held = new Map<string, string[]>();
    for (const [alertId, claim] of this.claims)
      held.set(claim.stationId, [...(held.get(claim.stationId) ?? []), alertId]);
    let waiting = 0;
    for (const alertId of this.o.openAlerts())
      if (!this.claims.has(alertId) && !this.settled.has(alertId)) waiting += 1;
    return {
      v: PROTOCOL_VERSION,
      deploymentId: this.o.deploymentId(),
      seats: this.seats.present().map((seat) => ({
        ...seat,
        holding: held.get(seat.stationId) ?? [],
        waiting,
      })),
    };
  }

  private broadcast(event: string, message: unknown, except: string | null): void {
    for (const socket of this.o.sockets()) if (socketStation(socket) !== except) socket.emit(event, message);
  }

  private checkAlert(deploymentId: string, alertId: string): string | null {
    if (!this.o.enabled()) return 'this feed does not coordinate claims (no "claims" in deployment.features)';
    if (deploymentId !== this.o.deploymentId()) return `unknown deployment ${deploymentId}`;
    if (!this.o.hasAlert(alertId)) return `unknown alert ${alertId}`;
    return null;
  }

  private refuse(event: string, reason: string): { status: 'rejected'; reason: string } {
    this.o.log(`${event} rejected: ${reason}`);
    return { status: 'rejected', reason };
  }

  private pendingFor(stationId: string): Set<string> {
    let set = this.unsettledAt.get(stationId);
    if (!set) this.unsettledAt.set(stationId, (set = new Set()));
    return set;
  }

  private socketsOf(stationId: string): Socket[] {
    return [...this.o.sockets()].filter((s) => socketStation(s) === stationId);
  }
}

function reply<T>(ack: Answer<T>, answer: T): void {
  if (typeof ack === 'function') ack(answer);
}

function describe(by: SeatRef): string {
  return `${by.operator.name} at ${by.label}`;
}

function socketStation(socket: Socket): string {
  return (socket.data as { auth: { stationId: string } }).auth.stationId;
}
