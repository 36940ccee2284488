/**
 * The warm-up that spares the first alert after sign-in its first-call costs (issue 21)
 * must really run the intake's functions end to end: a made-up alert that the schema
 * refused, or that the fold dropped, would warm nothing and say nothing.
 */
import { describe, expect, it } from 'vitest';
import { warmIntake } from '../../electron/core/feed/intake-warmup';

describe('intake warm-up', () => {
  it('takes a made-up alert of the deployment through checking, describing and folding', async () => {
    await expect(warmIntake('bench-2026-12-05', Date.now())).resolves.toBe(true);
  });

  it('says false, and throws nothing, when the alert cannot be made for the deployment', async () => {
    await expect(warmIntake('../not a deployment id', Date.now())).resolves.toBe(false);
  });
});
