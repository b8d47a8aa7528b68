/**
 * The two limits every call goes through: one process-wide token bucket (the
 * account quota of the management API, AWS-12: 10 rps, burst 40) and a write
 * queue per REST API (AWS-9: concurrent writes on one API fail, so they are
 * serialized).
 *
 * Both are plain objects created on demand and kept in the process-wide
 * registry (`connection.ts`); nothing is created at module load.
 */
import { TokenBucket, type RateLimit } from "../rate";

/** The API Gateway management quota (AWS-12). */
export const DEFAULT_RATE: RateLimit = { rps: 10, burst: 40 };

/**
 * Per-operation quotas on top of the account quota (AWS-12): `GetResources` 5
 * every 2 s; `CreateDeployment` 1 every 5 s (AWS-51: short bursts are tolerated, but
 * only one a 5 s is promised, so this client keeps to it, with half a second to spare
 * for the requests' own travel: the quota counts arrivals, the bucket departures).
 * Several deployments queue behind each other instead of failing. A call of such an
 * operation waits for a token of both buckets.
 */
export const DEFAULT_OPERATION_RATES: Readonly<Record<string, RateLimit>> = {
  GetResources: { rps: 2.5, burst: 5 },
  CreateDeployment: { rps: 1 / 5.5, burst: 1 },
};

/**
 * The client side of a rate limit: callers wait in FIFO order for a token of a
 * {@link TokenBucket}. `take()` resolves when a token is available; waiters are
 * served in arrival order. `rps: Infinity` turns the limit off. Uses the global
 * `Date.now` and `setTimeout`, so fake timers drive it in tests.
 */
export class RateLimiter {
  /** The configured rate. */
  readonly rate: RateLimit;
  private readonly bucket: TokenBucket;
  private readonly waiters: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(rate: RateLimit = DEFAULT_RATE) {
    if (!(rate.rps > 0) || !(rate.burst >= 1)) throw new RangeError(`invalid rate ${JSON.stringify(rate)}: rps must be > 0 and burst >= 1`);
    this.rate = rate;
    this.bucket = new TokenBucket(rate);
  }

  /** Tokens available now (fractional). */
  available(): number {
    return this.bucket.available();
  }

  /** Callers waiting for a token. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Wait for one token. */
  take(): Promise<void> {
    if (this.rate.rps === Infinity) return Promise.resolve();
    if (this.waiters.length === 0 && this.bucket.tryTake()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiters.length === 0) return;
    const waitMs = Math.max(1, Math.ceil(this.bucket.msUntilToken()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      while (this.waiters.length > 0 && this.bucket.tryTake()) this.waiters.shift()!();
      this.schedule();
    }, waitMs);
  }
}

/**
 * FIFO queues keyed by REST API id: `run(restApiId, fn)` starts `fn` once every
 * earlier task of the same API has settled (AWS-9). Different APIs run in
 * parallel. A failed task does not block the next one.
 */
export class WriteQueues {
  private readonly tails = new Map<string, Promise<void>>();

  /** Run `fn` after every earlier task queued on `key`. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    return previous.then(fn).finally(() => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }

  /** Keys with queued or running tasks. */
  busy(): string[] {
    return [...this.tails.keys()];
  }
}
