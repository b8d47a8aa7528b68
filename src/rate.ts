/**
 * A rate limit (`RPS:BURST`, AWS-12) and the token bucket that enforces one: the one
 * implementation both sides use. The client waits for a token (`RateLimiter` in
 * `aws/limits.ts`); the local API Gateway admits a call or refuses it with
 * `Retry-After` (`Quota` in `emulator/quota.ts`). `RPS:BURST` text is parsed by
 * `parseRate` in `settings.ts`.
 */

/** A rate: `rps` tokens a second, at most `burst` saved up. */
export interface RateLimit {
  /** Tokens added per second. */
  readonly rps: number;
  /** Bucket size: the most calls allowed at once after a quiet period. */
  readonly burst: number;
}

/**
 * A token bucket, refilled continuously at `rate.rps` up to `rate.burst`; it starts
 * full. Reads the time from `now` (milliseconds; default the global `Date.now`, so
 * fake timers drive it in tests). Pure bookkeeping: it never waits nor schedules.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    /** The configured rate. */
    readonly rate: RateLimit,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = rate.burst;
    this.last = this.now();
  }

  private refill(): void {
    const t = this.now();
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    this.tokens = Math.min(this.rate.burst, this.tokens + (elapsed * this.rate.rps) / 1000);
  }

  /** Tokens available now (fractional). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Take one token if one is there; false (and nothing taken) otherwise. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one token is there (0 when one is there now). */
  msUntilToken(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / this.rate.rps;
  }

  /** Fill the bucket again. */
  refillAll(): void {
    this.tokens = this.rate.burst;
    this.last = this.now();
  }
}
