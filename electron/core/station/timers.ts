/**
 * What the clock drives: escalating an alert left undecided, prompting a break after
 * long review, journalling each deployment safeguard when it first applies, and the
 * retention purge. Each journals what it did, so replay shows it happened.
 */
import { safeguardWarnings } from '../../../shared/safeguards';
import type { Session } from './context';
import {
  actorOf,
  sessionSlots,
  type Configured,
  type Health,
  type Links,
  type OpenDeployment,
  type OptionsOf,
  type Serial,
  type SignedIn,
  type SlotLookup,
  type Writer,
} from './context';
import { purgeDeployment, type RetentionResult } from '../retention';
import { watchImages } from './image-loss';
import { recoverStorage } from './storage-recovery';

/** How long the signed-in person has been reviewing since their last break (monotonic ms), or null. */
function reviewingForMs(session: Session, mono: number): number | null {
  const signedIn = session.signedIn;
  return signedIn ? Math.max(0, mono - signedIn.reviewSinceMono) : null;
}

/**
 * The welfare prompt is due: continuous review passed the setting, and it is not snoozed.
 * Measured on the station's monotonic clock (`mono`): a wall clock stepped forward 40
 * days prompts nobody, one stepped back an hour delays nobody's break.
 */
export function breakDue(session: Session, mono: number): boolean {
  const reviewing = reviewingForMs(session, mono);
  if (reviewing === null || mono < session.welfareSnoozedUntil) return false;
  return reviewing >= session.settings.breakAfterMs;
}

/** What the clock's jobs use: the write path, storage health, the journals (and reopening them), the room. */
type TickPorts = Writer & Health & SlotLookup & Links & Configured & SignedIn;

/** One tick of the station clock (every second). */
export async function tick(ctx: TickPorts): Promise<void> {
  await recoverStorage(ctx);
  await watchClock(ctx);
  const now = ctx.now();
  const { session } = ctx;
  let changed = await watchImages(ctx);
  for (const slot of ctx.slots.values()) {
    for (const alert of slot.state.alerts.values()) {
      // Monotonic: a clock stepped forward cannot escalate everything, nor one stepped back delay it.
      const undecidedForMs = ctx.reliability.elapsed('received', alert.alertId, alert.receivedAt, now);
      if (
        alert.status === 'pending' &&
        !alert.escalated &&
        undecidedForMs >= session.settings.escalateAfterMs
      ) {
        await ctx.append(slot, 'alert-escalated', null, { alertId: alert.alertId, undecidedForMs });
        changed = true;
      }
    }
  }
  const mono = ctx.reliability.mono();
  if (session.operator && breakDue(session, mono) && !session.welfarePrompted) {
    session.welfarePrompted = true;
    const reviewing = reviewingForMs(session, mono) ?? 0;
    for (const slot of sessionSlots(ctx))
      await ctx.append(slot, 'welfare-prompt', actorOf(session), { reviewingForMs: reviewing });
    changed = true;
  }
  const active = ctx.activeSlot();
  if (active && (await recordSafeguards(ctx, active))) changed = true;
  if (ctx.room && (await ctx.room.tick())) changed = true;
  if (changed) ctx.schedulePush();
}

/**
 * A wall-clock step goes on the record of every open journal as soon as it is noticed
 * (each journal writes its own clock-step, entry-clock.ts), not only at its next write;
 * once the feed's capture times agree with the clock again, each journal that recorded a
 * step says so (clock-confirmed), and retention may delete again.
 */
async function watchClock(ctx: Writer & Health & SlotLookup): Promise<void> {
  for (const slot of ctx.slots.values()) {
    if (ctx.tampered.has(slot.state.deploymentId) || slot.journal.closed) continue;
    try {
      await slot.journal.noticeClockStep();
      if (slot.state.clockDoubt && ctx.reliability.clock.confirmed)
        await ctx.append(slot, 'clock-confirmed', null, {
          reason: "the feed's capture times agree with the station clock again",
        });
    } catch (error) {
      ctx.log(`clock: journal ${slot.state.deploymentId}: ${String(error)}`);
    }
  }
  // What the screen says about the clock follows the journals too.
  ctx.reliability.retentionDoubt(ctx.now(), ctx.slots.values());
}

/** Journal each safeguard warning once per deployment, when it first applies. */
export async function recordSafeguards(
  ctx: Writer & OptionsOf<'training'>,
  slot: OpenDeployment,
): Promise<boolean> {
  const deployment = slot.state.deployment;
  if (!deployment) return false;
  let any = false;
  for (const w of safeguardWarnings(deployment, ctx.now(), ctx.options.training)) {
    if (slot.state.safeguardsRaised.has(w.code)) continue;
    const { code, severity, title, detail } = w;
    await ctx.append(slot, 'safeguard-warning', null, { code, severity, title, detail });
    any = true;
  }
  return any;
}

/**
 * Purge every deployment whose retention has run out and that is not on legal hold
 * (see retention.ts for the order of deletes and entries). Journals refused as
 * tampered at start were never opened, so they are never purged; one found altered
 * now is refused too, and reported on screen.
 */
export function runRetention(ctx: Writer & Health & SlotLookup & Serial): Promise<RetentionResult[]> {
  return ctx.serialised(async () => {
    const results: RetentionResult[] = [];
    await watchClock(ctx);
    // Deleting evidence waits while the clock is in doubt; the screen says why.
    const doubt = ctx.reliability.retentionDoubt(ctx.now(), ctx.slots.values());
    if (doubt) {
      ctx.log(`retention waits: ${doubt}`);
      ctx.schedulePush();
      return [...ctx.slots.keys()].map((deploymentId) => ({
        deploymentId,
        status: 'waiting',
        reason: doubt,
      }));
    }
    for (const slot of [...ctx.slots.values()]) {
      if (ctx.closing) break;
      const id = slot.state.deploymentId;
      if (ctx.tampered.has(id)) continue;
      try {
        const result = await purgeDeployment(
          {
            state: slot.state,
            images: slot.images,
            journal: slot.journal,
            append: (type, data) => ctx.append(slot, type, null, data),
          },
          ctx.now(),
        );
        results.push(result);
        if (result.status === 'purged')
          ctx.log(
            `retention: deployment ${id}: deleted ${result.images.length + result.unreferenced.length} image file(s)`,
          );
        if (result.status === 'refused') {
          ctx.tampered.set(id, `journal ${id} changed on disk (${result.reason}); retention refused`);
          ctx.log(`retention: deployment ${id}: refused, ${result.reason}`);
        }
      } catch (error) {
        ctx.log(`retention: deployment ${id}: ${String(error)}`);
      }
    }
    ctx.schedulePush();
    return results;
  });
}

/** The station's two intervals; neither holds the process open. */
export class StationTimers {
  private ticker: NodeJS.Timeout | null = null;
  private retention: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: TickPorts & Serial,
    private readonly onClock: (now: string) => void,
  ) {}

  startTicking(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => {
      this.onClock(new Date(this.ctx.now()).toISOString());
      void tick(this.ctx).catch((e: unknown) => this.ctx.log(`tick failed: ${String(e)}`));
    }, 1000);
    this.ticker.unref();
  }

  startRetention(intervalMs: number): void {
    if (this.retention) return;
    this.retention = setInterval(() => {
      void runRetention(this.ctx).catch((e: unknown) => this.ctx.log(`retention failed: ${String(e)}`));
    }, intervalMs);
    this.retention.unref();
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.retention) clearInterval(this.retention);
    this.ticker = null;
    this.retention = null;
  }
}
