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
