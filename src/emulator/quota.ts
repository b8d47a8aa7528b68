/**
 * The account quota of the API Gateway management API (AWS-11, AWS-12): one token
 * bucket for the whole account (10 requests per second, burst 40) plus buckets of
 * their own for `CreateDeployment` (1 every 5 s, burst 3: AWS-51) and `GetResources` (5 every 2 s).
 * The server side of a rate limit: a call is admitted or refused with `Retry-After`,
 * never kept waiting. The buckets are the product's {@link TokenBucket} (`src/rate.ts`).
 */
import { TokenBucket, type RateLimit } from "../rate";

/** AWS-12: the account quota, 10 requests per second with a burst of 40. */
export const AWS_ACCOUNT_QUOTA: RateLimit = { rps: 10, burst: 40 };

/**
 * AWS-51: the CreateDeployment quota, 1 every 5 s per account (AWS-12), with a burst of 3:
 * recorded AWS runs (LS-CAN `test_update_stage_canary_deployment_validation`, LS-STG2
 * `test_get_stages_filters_by_deployment_id`) made 2 or 3 CreateDeployment calls back to
 * back without a 429, and four within seconds were refused (serverless-components/aws-api-gateway #8).
 */
export const AWS_DEPLOYMENT_QUOTA: RateLimit = { rps: 1 / 5, burst: 3 };

/** AWS-12: per-operation quotas on top of the account quota. */
export const AWS_OPERATION_QUOTAS: Readonly<Record<string, RateLimit>> = {
  CreateDeployment: AWS_DEPLOYMENT_QUOTA,
  GetResources: { rps: 5 / 2, burst: 5 },
};

/** The outcome of asking the quota for one call. */
export type QuotaDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number; readonly bucket: string };

/** Account and per-operation buckets, all scaled by one factor. */
export class Quota {
  private readonly account?: TokenBucket;
  private readonly perOperation = new Map<string, TokenBucket>();

  /**
   * @param account the account bucket, or "off" for no quota at all (but see `deployment`).
   * @param scale multiplies every rate and burst (e.g. 10 for a ten times larger quota), default 1.
   * @param deployment the CreateDeployment bucket (AWS-51): absent, {@link AWS_DEPLOYMENT_QUOTA}
   *   with the account quota and none without it; given, it applies (scaled) even when the
   *   account quota is off, and `"off"` removes it.
   */
  constructor(account: RateLimit | "off", scale = 1, deployment?: RateLimit | "off") {
    const now = () => performance.now();
    const scaled = (l: RateLimit): RateLimit => ({ rps: l.rps * scale, burst: Math.max(1, Math.round(l.burst * scale)) });
    if (account !== "off") {
      this.account = new TokenBucket(scaled(account), now);
      for (const [op, limits] of Object.entries(AWS_OPERATION_QUOTAS)) this.perOperation.set(op, new TokenBucket(scaled(limits), now));
    }
    if (deployment === "off") this.perOperation.delete("CreateDeployment");
    else if (deployment !== undefined) this.perOperation.set("CreateDeployment", new TokenBucket(scaled(deployment), now));
  }

  /** Take the tokens for one call of `operation`, or say how long to wait (AWS-11). */
  admit(operation: string): QuotaDecision {
    const own = this.perOperation.get(operation);
    if (!this.account && !own) return { allowed: true };
    // Both buckets must have a token; a refused call costs nothing.
    for (const [name, bucket] of [["account", this.account], [operation, own]] as const) {
      const waitMs = bucket?.msUntilToken() ?? 0;
      if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), bucket: name ?? "account" };
    }
    this.account?.tryTake();
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
    if (!this.account && this.perOperation.size === 0) return "off";
    const out: Record<string, RateLimit> = this.account ? { account: this.account.rate } : {};
    for (const [op, b] of this.perOperation) out[op] = b.rate;
    return out;
  }
}
