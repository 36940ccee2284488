/**
 * The training feed's `tally` messages (lfr-feed-v1): how many faces each camera compared
 * against the watchlist since its last tally. Periods of one camera follow each other
 * without overlap; the counts are synthetic (150 to 600 faces a minute a camera, drawn from
 * the scenario's seeded random numbers), enough for oversight figures to have a rate.
 */
import { tallySchema, type Deployment, type Tally } from '../../shared/feed/schemas';
import type { Random } from './prng';

const FACES_PER_MINUTE = { min: 150, max: 600 };

export class TallyClock {
  private readonly lastTo = new Map<string, number>();

  constructor(
    private readonly deployment: Deployment,
    private readonly random: Random,
    private readonly now: () => number = Date.now,
  ) {
    const start = now();
    for (const camera of deployment.cameras) this.lastTo.set(camera.id, start);
  }

  /** One tally per camera for the time since its last one (none for a camera with no time passed). */
  next(): Tally[] {
    const to = this.now();
    const out: Tally[] = [];
    for (const camera of this.deployment.cameras) {
      const from = this.lastTo.get(camera.id) ?? to;
      if (to <= from) continue;
      const minutes = (to - from) / 60_000;
      const perMinute =
        FACES_PER_MINUTE.min + (FACES_PER_MINUTE.max - FACES_PER_MINUTE.min) * this.random.float();
      out.push(
        tallySchema.parse({
          v: 1,
          deploymentId: this.deployment.deploymentId,
          cameraId: camera.id,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          faces: Math.round(minutes * perMinute),
        }),
      );
      this.lastTo.set(camera.id, to);
    }
    return out;
  }
}

/**
 * Sends the tallies: each camera's since its last one, with any a station has not yet
 * answered `stored` sent again with the next ones.
 */
export class TallySender {
  /** Tallies a station answered `stored`. */
  readonly stored: unknown[] = [];
  private unanswered: unknown[] = [];

  constructor(
    private readonly clock: TallyClock,
    private readonly emit: (event: string, payload: unknown) => Promise<unknown>,
  ) {}

  /** Sends the batch; resolves with each answer (null: none). */
  async send(): Promise<unknown[]> {
    const batch = [...this.unanswered, ...this.clock.next()];
    this.unanswered = [];
    const answers: unknown[] = [];
    for (const tally of batch) {
      const answer = await this.emit('tally', tally);
      answers.push(answer);
      if ((answer as { status?: unknown } | null)?.status === 'stored') this.stored.push(tally);
      else this.unanswered.push(tally);
    }
    return answers;
  }

  /** Sends on a timer while a station is connected (never when everyMs <= 0). */
  every(
    everyMs: number,
    timers: Set<NodeJS.Timeout>,
    active: () => boolean,
    log: (line: string) => void,
  ): void {
    if (everyMs <= 0) return;
    const timer = setInterval(() => {
      if (!active()) return;
      this.send().catch((error: unknown) => log(`tally failed: ${String(error)}`));
    }, everyMs);
    timer.unref();
    timers.add(timer);
  }
}
