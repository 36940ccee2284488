/**
 * Wrong passwords at the locked screen slow the unlock down; they never lock the
 * officer's account (a passer-by typing at a locked station must not keep the officer
 * out of their own session). The first few are free, then each waits twice as long, up
 * to a minute. A right password, or a new sign-in, starts the count again.
 */
const FREE_TRIES = 3;
const FIRST_WAIT_MS = 2_000;
const MAX_WAIT_MS = 60_000;

export class UnlockLimiter {
  private failures = 0;
  private notBefore = 0;

  constructor(private readonly now: () => number) {}

  /** How long until the next try is heard (0: now). */
  waitMs(): number {
    return Math.max(0, this.notBefore - this.now());
  }

  failed(): void {
    this.failures += 1;
    const over = this.failures - FREE_TRIES;
    if (over >= 0)
      this.notBefore = this.now() + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(10, over));
  }

  reset(): void {
    this.failures = 0;
    this.notBefore = 0;
  }
}
