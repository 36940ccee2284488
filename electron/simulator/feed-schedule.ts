/**
 * The training feed's clock: alerts at the configured rate (with jitter) once a station
 * is connected, and the drills that act on a timer (out-of-window, malformed, duplicate
 * alerts mixed into the flow; the disconnect drill's dropped connections).
 */
import { setImmediate as yieldToLoop, setTimeout as delay } from 'node:timers/promises';
import { hashSeed, type Random } from './prng';
import { outOfWindowTime, type burstPlan, type DrillName } from './drills';
import type { AlertRecord } from './feed-setup';
import type { AlertOverrides, ScenarioContext } from './scenario';

interface FeedScheduleHost {
  rate: number;
  disconnectEveryMs: number;
  drills: ReadonlySet<DrillName>;
  scenario: ScenarioContext;
  random: Random;
  timers: Set<NodeJS.Timeout>;
  closed: () => boolean;
  connectedStations: () => number;
  alerts: () => Iterable<AlertRecord>;
  emitAlert: (overrides: AlertOverrides) => Promise<AlertRecord>;
  emitMalformed: () => Promise<unknown>;
  redeliver: (alertId: string) => Promise<unknown>;
  dropConnections: () => void;
  log: (line: string) => void;
}

export class FeedSchedule {
  private tickCount = 0;

  constructor(private readonly h: FeedScheduleHost) {}

  start(): void {
    if (this.h.rate > 0) this.scheduleTick();
    if (this.h.drills.has('disconnect')) this.scheduleDrop();
  }

  private scheduleDrop(): void {
    const timer = setTimeout(() => {
      this.h.timers.delete(timer);
      if (this.h.connectedStations()) {
        this.h.log('disconnect drill: dropping the station connection');
        this.h.dropConnections();
      }
      this.scheduleDrop();
    }, this.h.disconnectEveryMs);
    this.h.timers.add(timer);
  }

  private scheduleTick(): void {
    if (this.h.closed()) return;
    const period = 60_000 / this.h.rate;
    const jitter = 0.7 + 0.6 * this.h.random.float();
    const timer = setTimeout(() => {
      this.h.timers.delete(timer);
      if (this.h.connectedStations() > 0) {
        this.tick().catch((error: unknown) => this.h.log(`alert generation failed: ${String(error)}`));
      }
      this.scheduleTick();
    }, period * jitter);
    this.h.timers.add(timer);
  }

  private async tick(): Promise<void> {
    this.tickCount += 1;
    const n = this.tickCount;
    const overrides: AlertOverrides = {};
    if (this.h.drills.has('out-of-window') && n % 3 === 0) {
      overrides.capturedAt = outOfWindowTime(this.h.scenario.deployment, n / 3);
    }
    const sent = this.h.emitAlert(overrides);
    if (this.h.drills.has('malformed')) await this.h.emitMalformed();
    if (this.h.drills.has('duplicate') && n % 3 === 0) {
      const stored = [...this.h.alerts()].filter((r) => r.ack === 'stored');
      if (stored.length) {
        const pick = stored[hashSeed(n) % stored.length]!;
        this.h.log(`duplicate drill: re-sending alert seq ${pick.payload.seq}`);
        await this.h.redeliver(pick.payload.alertId);
      }
    }
    await sent;
  }
}

/** The burst and flood drills: many alerts at once (or at a fixed short interval). */
export async function runBurst(
  plan: NonNullable<ReturnType<typeof burstPlan>>,
  closed: () => boolean,
  log: (line: string) => void,
  sendOne: () => void,
): Promise<void> {
  log(`${plan.name} drill: sending ${plan.count} alerts`);
  for (let i = 0; i < plan.count && !closed(); i += 1) {
    sendOne();
    await (plan.everyMs ? delay(plan.everyMs) : yieldToLoop());
  }
}
