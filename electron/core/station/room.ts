/**
 * The supervisor's seat on a shared deployment (issue 22, item 2): the room from the feed's
 * `seats`, the alerts nobody holds yet by tier with the oldest one's wait, and the backlog
 * alarm when that wait passes the tier's target (settings `backlogTargetsMs`). The alarm
 * is on the record (journal-v1 `safeguard-warning`: raised, acknowledged by the supervisor,
 * back within target) and its sound repeats on screen until a supervisor acknowledges it.
 *
 * Waits are measured on the monotonic clock (reliability.elapsed), so a wall-clock step
 * neither raises nor hides the alarm. The backlog is counted once a second by the station's
 * clock and kept, so a snapshot costs the same however many alerts wait.
 */
import { TIERS, type Tier } from '../../../shared/vocabulary';
import type { RoomView } from '../../../shared/view';
import type { ResponseMap } from '../../../shared/contract';
import {
  actorOf,
  type Health,
  type OpenDeployment,
  type OptionsOf,
  type SignedIn,
  type SlotLookup,
  type Writer,
} from './context';
import { seatName, type StationClaims } from './claims';

type Backlog = RoomView['backlog'];
interface Alarm {
  tiers: Tier[];
  since: number;
  acknowledged: boolean;
}

const MAX_ESCALATIONS = 20;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export class RoomWatch {
  private backlog: Backlog | null = null;
  private alarm: Alarm | null = null;

  constructor(
    private readonly ctx: Writer & SignedIn & SlotLookup & Health & OptionsOf<'signer'>,
    private readonly claims: StationClaims,
  ) {}

  /** A supervisor is signed in on a deployment with claims: the room is theirs to watch. */
  private watchedSlot(): OpenDeployment | null {
    const slot = this.ctx.activeSlot();
    const operator = this.ctx.session.operator;
    if (!slot || operator?.role !== 'supervisor' || !this.claims.enabled(slot)) return null;
    return slot;
  }

  /** One tick of the station clock: count the backlog, raise or clear the alarm. True if it changed. */
  async tick(): Promise<boolean> {
    const slot = this.watchedSlot();
    if (!slot) {
      const had = this.backlog !== null;
      // Nobody watching: no alarm to carry over to the next supervisor's sign-in unseen.
      this.backlog = null;
      this.alarm = null;
      return had;
    }
    const before = JSON.stringify(this.backlog);
    this.backlog = this.count(slot);
    const over = TIERS.filter((t) => {
      const b = this.backlog?.[t];
      return b !== undefined && b.oldestMs !== null && b.oldestMs > b.targetMs;
    });
    const alarmChanged = await this.follow(slot, over);
    return alarmChanged || before !== JSON.stringify(this.backlog);
  }

  private count(slot: OpenDeployment): Backlog {
    const targets = this.ctx.session.settings.backlogTargetsMs;
    const now = this.ctx.now();
    const backlog = Object.fromEntries(
      TIERS.map((t) => [t, { waiting: 0, oldestMs: null as number | null, targetMs: targets[t] }]),
    ) as Backlog;
    for (const alert of slot.state.alerts.values()) {
      if (alert.status !== 'pending' || alert.settledElsewhere) continue;
      if (this.claims.heldSince(alert.alertId) !== null) continue;
      const b = backlog[alert.subject.tier];
      const waited = this.ctx.reliability.elapsed('received', alert.alertId, alert.receivedAt, now);
      b.waiting += 1;
      b.oldestMs = Math.max(b.oldestMs ?? 0, waited);
    }
    return backlog;
  }

  /** Raise on a tier newly over target, clear when none is; each change journalled. */
  private async follow(slot: OpenDeployment, over: Tier[]): Promise<boolean> {
    const alarm = this.alarm;
    if (over.length === 0) {
      if (!alarm) return false;
      this.alarm = null;
      await this.record(slot, null, 'backlog-within-target', 'info', 'Backlog back within target', over);
      return true;
    }
    const added = over.filter((t) => !alarm?.tiers.includes(t));
    if (alarm && added.length === 0) {
      alarm.tiers = over;
      return false;
    }
    // A tier newly over target sounds again, even after an acknowledgement.
    this.alarm = { tiers: over, since: alarm?.since ?? this.ctx.now(), acknowledged: false };
    await this.record(slot, null, 'backlog-over-target', 'serious', 'Backlog over target', over);
    return true;
  }

  private async record(
    slot: OpenDeployment,
    actor: ReturnType<typeof actorOf> | null,
    code: string,
    severity: string,
    title: string,
    tiers: Tier[],
  ): Promise<void> {
    const backlog = this.backlog;
    const detail = backlog
      ? TIERS.map((t) => {
          const b = backlog[t];
          const oldest = b.oldestMs === null ? 'none waiting' : `oldest ${seconds(b.oldestMs)}`;
          return `${t}: ${b.waiting} waiting, ${oldest} (target ${seconds(b.targetMs)})${tiers.includes(t) ? ' OVER' : ''}`;
        }).join('; ')
      : '';
    await this.ctx.append(slot, 'safeguard-warning', actor, { code, severity, title, detail });
  }

  /** The supervisor has seen it: the sound stops (journalled); a tier newly over sounds again. */
  async acknowledge(): Promise<ResponseMap['acknowledgeBacklog']> {
    const slot = this.watchedSlot();
    if (!slot) return { ok: false, error: 'the backlog alarm is for a supervisor on a shared deployment' };
    const alarm = this.alarm;
    if (!alarm) return { ok: false, error: 'no backlog alarm to acknowledge' };
    if (alarm.acknowledged) return { ok: true };
    alarm.acknowledged = true;
    await this.record(
      slot,
      actorOf(this.ctx.session),
      'backlog-acknowledged',
      'info',
      'Backlog alarm acknowledged',
      alarm.tiers,
    );
    this.ctx.schedulePush();
    return { ok: true };
  }

  view(): RoomView | null {
    const slot = this.watchedSlot();
    if (!slot || !this.backlog) return null;
    const now = this.ctx.now();
    const stationId = this.ctx.options.signer.stationId;
    const tierOf = (alertId: string) =>
      slot.state.alerts.get(alertId)?.subject.tier ?? slot.state.summaries.get(alertId)?.tier ?? null;
    const seats = (
      this.claims.seats?.deploymentId === slot.state.deploymentId ? this.claims.seats.seats : []
    ).map((seat) => ({
      stationId: seat.stationId,
      label: seat.label,
      operator: seat.operator ? { id: seat.operator.id, name: seat.operator.name } : null,
      role: seat.role ?? null,
      holding: seat.holding.map((alertId) => {
        const since = this.claims.heldSince(alertId);
        return {
          alertId,
          tier: tierOf(alertId),
          heldForMs: since === null ? null : Math.max(0, now - since),
        };
      }),
      waiting: seat.waiting,
      since: seat.since,
      here: seat.stationId === stationId,
    }));
    const escalations = this.claims.escalations
      .filter((e) => slot.state.alerts.get(e.alertId)?.status === 'pending')
      .slice(-MAX_ESCALATIONS)
      .reverse()
      .map((e) => ({
        alertId: e.alertId,
        by: seatName(e.by),
        note: e.note,
        at: e.at,
      }));
    const alarm = this.alarm
      ? {
          tiers: this.alarm.tiers,
          since: new Date(this.alarm.since).toISOString(),
          acknowledged: this.alarm.acknowledged,
        }
      : null;
    return { seats, backlog: this.backlog, alarm, escalations };
  }
}
