/**
 * Accounting of the local API Gateway: calls by operation and by outcome, retries
 * seen, conflicts and throttles issued, faults injected, peak request rate.
 * Tests and benchmarks read it from `GET /__emulator/stats`: it is how we count API calls.
 */
import { createHash } from "node:crypto";

/** How a call ended: an HTTP status as text (`"200"`, `"409"`, …), `"reset"` or `"hang"`. */
export type Outcome = string;

/** A snapshot of the counters (the JSON of `GET /__emulator/stats`). */
export interface EmulatorStats {
  /** Calls received (control calls under `/__emulator/` excluded). */
  readonly totalCalls: number;
  /** Calls by operation name. */
  readonly calls: Record<string, number>;
  /** Outcome → count, over all operations. */
  readonly outcomes: Record<Outcome, number>;
  /** Operation → outcome → count. */
  readonly outcomesByOperation: Record<string, Record<Outcome, number>>;
  /** Calls seen as retries: `amz-sdk-request: attempt=N` with N > 1, or identical to a recently failed call. */
  readonly retries: number;
  /** Retries by operation name. */
  readonly retriesByOperation: Record<string, number>;
  /** 409 ConflictException issued: `concurrent` by the AWS-9 rule, `injected` by fault rules. */
  readonly conflicts: { readonly concurrent: number; readonly injected: number };
  /** 429 TooManyRequestsException issued: `quota` by the buckets (AWS-11/12), `injected` by fault rules. */
  readonly throttles: { readonly quota: number; readonly injected: number };
  /** Faults injected, by kind (conflict and throttle included). */
  readonly faults: Record<string, number>;
  /** The most calls received within any one-second window. */
  readonly peakRequestRate: number;
  /** Milliseconds since the start (or the last reset). */
  readonly uptimeMs: number;
}

/** How long a failed call is remembered for retry detection. */
const RETRY_MEMORY_MS = 30_000;

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/** The mutable counters behind {@link EmulatorStats}. */
export class StatsRecorder {
  private started = Date.now();
  private totalCalls = 0;
  private calls: Record<string, number> = {};
  private outcomes: Record<string, number> = {};
  private outcomesByOperation: Record<string, Record<string, number>> = {};
  private retries = 0;
  private retriesByOperation: Record<string, number> = {};
  private conflicts = { concurrent: 0, injected: 0 };
  private throttles = { quota: 0, injected: 0 };
  private faults: Record<string, number> = {};
  private window: number[] = [];
  private peak = 0;
  private failed = new Map<string, number>();

  /** The fingerprint used to recognize a repeated call. */
  static fingerprint(method: string, url: string, body: Buffer): string {
    return createHash("sha1").update(method).update("\0").update(url).update("\0").update(body).digest("hex");
  }

  /**
   * Count a call as it arrives.
   * @param sdkRequest the `amz-sdk-request` header (`attempt=2; max=3`), if any.
   * @returns true when the call is seen as a retry.
   */
  arrive(operation: string, fingerprint: string, sdkRequest: string | undefined): boolean {
    const now = Date.now();
    this.totalCalls++;
    bump(this.calls, operation);
    this.window.push(now);
    while (this.window.length > 0 && this.window[0]! <= now - 1000) this.window.shift();
    this.peak = Math.max(this.peak, this.window.length);

    const attempt = /attempt=(\d+)/.exec(sdkRequest ?? "");
    let retry = attempt !== null && Number(attempt[1]) > 1;
    const failedAt = this.failed.get(fingerprint);
    if (failedAt !== undefined) {
      this.failed.delete(fingerprint);
      if (now - failedAt <= RETRY_MEMORY_MS) retry = true;
    }
    if (retry) {
      this.retries++;
      bump(this.retriesByOperation, operation);
    }
    return retry;
  }

  /** Count how a call ended; failures are remembered for retry detection. */
  finish(operation: string, fingerprint: string, outcome: Outcome): void {
    bump(this.outcomes, outcome);
    bump((this.outcomesByOperation[operation] ??= {}), outcome);
    const ok = /^[23]\d\d$/.test(outcome);
    if (!ok) {
      this.failed.set(fingerprint, Date.now());
      if (this.failed.size > 10_000) {
        const cutoff = Date.now() - RETRY_MEMORY_MS;
        for (const [k, t] of this.failed) if (t < cutoff) this.failed.delete(k);
      }
    }
  }

  /** A 409 issued by the AWS-9 rule. */
  concurrentConflict(): void {
    this.conflicts.concurrent++;
  }

  /** A 429 issued by the quota (AWS-11/12). */
  quotaThrottle(): void {
    this.throttles.quota++;
  }

  /** A fault injected by a rule. */
  injected(kind: string): void {
    bump(this.faults, kind);
    if (kind === "conflict") this.conflicts.injected++;
    if (kind === "throttle") this.throttles.injected++;
  }

  /** A copy of the counters. */
  snapshot(): EmulatorStats {
    const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
    return {
      totalCalls: this.totalCalls,
      calls: copy(this.calls),
      outcomes: copy(this.outcomes),
      outcomesByOperation: copy(this.outcomesByOperation),
      retries: this.retries,
      retriesByOperation: copy(this.retriesByOperation),
      conflicts: { ...this.conflicts },
      throttles: { ...this.throttles },
      faults: copy(this.faults),
      peakRequestRate: this.peak,
      uptimeMs: Date.now() - this.started,
    };
  }

  /** Zero every counter. */
  reset(): void {
    this.started = Date.now();
    this.totalCalls = 0;
    this.calls = {};
    this.outcomes = {};
    this.outcomesByOperation = {};
    this.retries = 0;
    this.retriesByOperation = {};
    this.conflicts = { concurrent: 0, injected: 0 };
    this.throttles = { quota: 0, injected: 0 };
    this.faults = {};
    this.window = [];
    this.peak = 0;
    this.failed.clear();
  }
}
