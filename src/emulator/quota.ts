/**
 * The account quota of the API Gateway management API (AWS-11, AWS-12): one token
 * bucket for the whole account (10 requests per second, burst 40) plus buckets of
 * their own for `CreateDeployment` (1 every 5 s) and `GetResources` (5 every 2 s).
 */

/** Rate and burst of a token bucket. */
export interface BucketLimits {
  /** Tokens added per second. */
  readonly rps: number;
  /** Bucket size: the most calls allowed at once after a quiet period. */
  readonly burst: number;
}

/** A token bucket, refilled continuously. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limits: BucketLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.last = this.now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((t - this.last) / 1000) * this.limits.rps);
    this.last = t;
  }

  /** True when a token is there (without taking it). */
  available(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  /** Take one token; call only after {@link available} said yes. */
  take(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** Seconds until one token is there (0 when one is there now). */
  secondsUntilToken(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return (1 - this.tokens) / this.limits.rps;
  }

  /** Fill the bucket again. */
  refillAll(): void {
    this.tokens = this.limits.burst;
    this.last = this.now();
  }
}

/** AWS-12: the account quota, 10 requests per second with a burst of 40. */
export const AWS_ACCOUNT_QUOTA: BucketLimits = { rps: 10, burst: 40 };

/** AWS-12: per-operation quotas on top of the account quota. */
export const AWS_OPERATION_QUOTAS: Readonly<Record<string, BucketLimits>> = {
  CreateDeployment: { rps: 1 / 5, burst: 1 },
  GetResources: { rps: 5 / 2, burst: 5 },
};

/** The outcome of asking the quota for one call. */
export type QuotaDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number; readonly bucket: string };

/** Account and per-operation buckets, all scaled by one factor. */
export class Quota {
  private readonly account?: TokenBucket;
  private readonly perOperation = new Map<string, TokenBucket>();

  /**
   * @param account the account bucket, or "off" for no quota at all.
   * @param scale multiplies every rate and burst (e.g. 10 for a ten times larger quota), default 1.
   */
  constructor(account: BucketLimits | "off", scale = 1) {
    if (account === "off") return;
    const scaled = (l: BucketLimits): BucketLimits => ({ rps: l.rps * scale, burst: Math.max(1, Math.round(l.burst * scale)) });
    this.account = new TokenBucket(scaled(account));
    for (const [op, limits] of Object.entries(AWS_OPERATION_QUOTAS)) this.perOperation.set(op, new TokenBucket(scaled(limits)));
  }

  /** Take the tokens for one call of `operation`, or say how long to wait (AWS-11). */
  admit(operation: string): QuotaDecision {
    if (!this.account) return { allowed: true };
    const own = this.perOperation.get(operation);
    // Both buckets must have a token; a refused call costs nothing.
    for (const [name, bucket] of [["account", this.account], [operation, own]] as const) {
      if (bucket && !bucket.available()) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(bucket.secondsUntilToken())), bucket: name ?? "account" };
      }
    }
    this.account.take();
    own?.take();
    return { allowed: true };
  }

  /** Refill every bucket. */
  reset(): void {
    this.account?.refillAll();
    for (const b of this.perOperation.values()) b.refillAll();
  }

  /** The effective limits, for stats. */
  describe(): Record<string, BucketLimits> | "off" {
    if (!this.account) return "off";
    const out: Record<string, BucketLimits> = { account: this.account.limits };
    for (const [op, b] of this.perOperation) out[op] = b.limits;
    return out;
  }
}
