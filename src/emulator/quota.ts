/**
 * The account quota of the API Gateway management API (AWS-11, AWS-12): one token
 * bucket for the whole account (10 requests per second, burst 40) plus buckets of
 * their own for `CreateDeployment` (1 every 5 s) and `GetResources` (5 every 2 s).
 * The server side of a rate limit: a call is admitted or refused with `Retry-After`,
 * never kept waiting. The buckets are the product's {@link TokenBucket} (`src/rate.ts`).
 */
import { TokenBucket, type RateLimit } from "../rate";

/** AWS-12: the account quota, 10 requests per second with a burst of 40. */
export const AWS_ACCOUNT_QUOTA: RateLimit = { rps: 10, burst: 40 };

/** AWS-12: per-operation quotas on top of the account quota. */
export const AWS_OPERATION_QUOTAS: Readonly<Record<string, RateLimit>> = {
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
  constructor(account: RateLimit | "off", scale = 1) {
    if (account === "off") return;
    const now = () => performance.now();
    const scaled = (l: RateLimit): RateLimit => ({ rps: l.rps * scale, burst: Math.max(1, Math.round(l.burst * scale)) });
    this.account = new TokenBucket(scaled(account), now);
    for (const [op, limits] of Object.entries(AWS_OPERATION_QUOTAS)) this.perOperation.set(op, new TokenBucket(scaled(limits), now));
  }

  /** Take the tokens for one call of `operation`, or say how long to wait (AWS-11). */
  admit(operation: string): QuotaDecision {
    if (!this.account) return { allowed: true };
    const own = this.perOperation.get(operation);
    // Both buckets must have a token; a refused call costs nothing.
    for (const [name, bucket] of [["account", this.account], [operation, own]] as const) {
      const waitMs = bucket?.msUntilToken() ?? 0;
      if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), bucket: name ?? "account" };
    }
    this.account.tryTake();
    own?.tryTake();
    return { allowed: true };
  }

  /** Refill every bucket. */
  reset(): void {
    this.account?.refillAll();
    for (const b of this.perOperation.values()) b.refillAll();
  }

  /** The effective limits, for stats. */
  describe(): Record<string, RateLimit> | "off" {
    if (!this.account) return "off";
    const out: Record<string, RateLimit> = { account: this.account.rate };
    for (const [op, b] of this.perOperation) out[op] = b.rate;
    return out;
  }
}
