/**
 * The runtime every effectful step takes: the shared client, token bucket and
 * write queues, the retry policy and call counters.
 *
 * Shared objects live in a process-wide registry on `globalThis` under a global
 * symbol, keyed by the resolved client configuration, so every resource of one
 * Pulumi provider process (and every copy of this module that Pulumi's closure
 * serialization may have made) shares one client, one bucket and one queue per
 * REST API. Nothing is created at module load (toolchain.md).
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { MethodKey, ObservedMethod, RetryCause } from "../model";
import { clientConfigKey, createApiGatewayClient, resolveClientConfig, type ClientConfig, type ResolvedClientConfig } from "./client";
import type { RateLimit } from "../rate";
import { DEFAULT_OPERATION_RATES, DEFAULT_RATE, RateLimiter, WriteQueues } from "./limits";

/** The retry policy, as data (architecture rule 6). */
export interface RetryPolicy {
  /** Time budget of one call including its retries, in ms. Default 120 000 (AWS-10). */
  readonly deadlineMs: number;
  /** Attempts of one call, first one included. Default 25. */
  readonly maxAttempts: number;
  /** First backoff step, in ms (equal jitter: a delay is random in [step/2, step], see `backoffMs`). Default 100. */
  readonly baseDelayMs: number;
  /** Largest backoff step, in ms. Default 5 000. */
  readonly maxDelayMs: number;
}

/** The default retry policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { deadlineMs: 120_000, maxAttempts: 25, baseDelayMs: 100, maxDelayMs: 5_000 };

/** Calls by operation and retries by cause. */
export interface CallCounters {
  readonly calls: Record<string, number>;
  readonly retries: Record<RetryCause, number>;
}

/** New, zeroed counters. */
export function newCounters(): CallCounters {
  return { calls: {}, retries: { throttled: 0, conflict: 0, server: 0, network: 0, timeout: 0 } };
}

/** Add `from` into `into`. */
export function addCounters(into: CallCounters, from: CallCounters): void {
  for (const [op, n] of Object.entries(from.calls)) into.calls[op] = (into.calls[op] ?? 0) + n;
  for (const [cause, n] of Object.entries(from.retries) as [RetryCause, number][]) into.retries[cause] += n;
}

/** An observe read in its coalescing window (see `observe.ts`). */
export interface PendingObserve {
  readonly keys: Map<string, MethodKey>;
  readonly result: Promise<Map<string, ObservedMethod>>;
}

/** What runtimes with the same client configuration share. */
export interface SharedState {
  readonly key: string;
  readonly client: APIGatewayClient;
  readonly writes: WriteQueues;
  readonly buckets: Map<string, RateLimiter>;
  /** REST API id → resource count seen by the last `GetResources` read (AWS-30). */
  readonly resourceCounts: Map<string, number>;
  /** REST API id → the observe read in its coalescing window. */
  readonly pendingObserves: Map<string, PendingObserve>;
  /** REST API id → the `GetResources` read of path resolution in its coalescing window (its result is an `ApiSnapshot`). */
  readonly pendingPathReads: Map<string, Promise<unknown>>;
}

/** Everything the effectful steps need. Cheap to create: shared parts come from the registry. */
export interface Runtime {
  readonly config: ResolvedClientConfig;
  readonly client: APIGatewayClient;
  readonly bucket: RateLimiter;
  /** Operation name → its own bucket (AWS-12: `GetResources`), awaited after {@link Runtime.bucket}. */
  readonly operationBuckets: ReadonlyMap<string, RateLimiter>;
  readonly writes: WriteQueues;
  readonly policy: RetryPolicy;
  readonly shared: SharedState;
  /** Window in which concurrent observes of one REST API are coalesced, in ms. Default 25; 0 turns it off. */
  readonly coalesceWindowMs: number;
  /** Totals of every call made through this runtime. */
  readonly counters: CallCounters;
}

/** Options of {@link createRuntime}: client configuration plus limits and policy. */
export interface RuntimeOptions extends ClientConfig {
  /** Process-wide rate for this configuration. Default 10 rps, burst 40 (AWS-12). `"off"` = no limit. */
  readonly rate?: RateLimit | "off";
  /**
   * Per-operation rates on top of `rate`. Default {@link DEFAULT_OPERATION_RATES}
   * (`GetResources` 2.5 rps, burst 5, AWS-12); given entries replace the defaults
   * of their operation. Off when `rate` is `"off"`.
   */
  readonly operationRates?: Readonly<Record<string, RateLimit>>;
  /** Deadline of one call with its retries, in ms. Default 120 000. */
  readonly deadlineMs?: number;
  /** Attempts of one call. Default 25. */
  readonly maxAttempts?: number;
  /** Backoff first step, in ms. Default 100. */
  readonly baseDelayMs?: number;
  /** Backoff largest step, in ms. Default 5 000. */
  readonly maxDelayMs?: number;
  /** Observe coalescing window, in ms. Default 25. */
  readonly coalesceWindowMs?: number;
}

interface Registry {
  readonly version: 1;
  readonly entries: Map<string, SharedState>;
  readonly credentialIds: WeakMap<object, string>;
  nextCredentialId: number;
}

/** The global symbol under which the registry lives. */
export const REGISTRY_SYMBOL: unique symbol = Symbol.for("pulumi-apigw-responses/runtime-registry@1") as never;

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  let r = g[REGISTRY_SYMBOL];
  if (!r) {
    r = { version: 1, entries: new Map(), credentialIds: new WeakMap(), nextCredentialId: 1 };
    g[REGISTRY_SYMBOL] = r;
  }
  return r;
}

function credentialsId(r: Registry, config: ResolvedClientConfig): string {
  const c = config.credentials;
  if (!c) return "chain";
  if (config.dummyCredentials) return "dummy";
  let id = r.credentialIds.get(c);
  if (!id) {
    id = `c${r.nextCredentialId++}`;
    r.credentialIds.set(c, id);
  }
  return id;
}

/**
 * The shared client, bucket and write queues for a client configuration, from
 * the process-wide registry (created on first use).
 */
export function sharedStateFor(config: ClientConfig): SharedState {
  const r = registry();
  const resolved = resolveClientConfig(config);
  const key = clientConfigKey(resolved, credentialsId(r, resolved));
  let entry = r.entries.get(key);
  if (!entry) {
    entry = {
      key,
      client: createApiGatewayClient({ ...config, ...resolved }),
      writes: new WriteQueues(),
      buckets: new Map(),
      resourceCounts: new Map(),
      pendingObserves: new Map(),
      pendingPathReads: new Map(),
    };
    r.entries.set(key, entry);
  }
  return entry;
}

/**
 * Create a runtime: shared client, bucket and queues from the registry; the
 * policy and counters are this runtime's own.
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const shared = sharedStateFor(options);
  const bucketFor = (name: string, rate: RateLimit): RateLimiter => {
    const k = `${name}:${rate.rps}/${rate.burst}`;
    let b = shared.buckets.get(k);
    if (!b) shared.buckets.set(k, (b = new RateLimiter(rate)));
    return b;
  };
  const off = options.rate === "off";
  const bucket = bucketFor("*", off ? { rps: Infinity, burst: Infinity } : (options.rate as RateLimit | undefined) ?? DEFAULT_RATE);
  const operationBuckets = new Map<string, RateLimiter>();
  if (!off) {
    for (const [op, rate] of Object.entries({ ...DEFAULT_OPERATION_RATES, ...(options.operationRates ?? {}) })) operationBuckets.set(op, bucketFor(op, rate));
  }
  const positive = (v: number | undefined, d: number) => (v !== undefined && v > 0 ? v : d);
  return {
    config: resolveClientConfig(options),
    client: shared.client,
    bucket,
    operationBuckets,
    writes: shared.writes,
    shared,
    policy: {
      deadlineMs: positive(options.deadlineMs, DEFAULT_RETRY_POLICY.deadlineMs),
      maxAttempts: Math.floor(positive(options.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts)),
      baseDelayMs: positive(options.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs),
      maxDelayMs: positive(options.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs),
    },
    coalesceWindowMs: options.coalesceWindowMs !== undefined && options.coalesceWindowMs >= 0 ? options.coalesceWindowMs : 25,
    counters: newCounters(),
  };
}

/**
 * Destroy every shared client (closing their sockets) and empty the registry.
 * For tests and short-lived processes; runtimes created before must not be used after.
 */
export function releaseSharedClients(): void {
  const r = registry();
  for (const entry of r.entries.values()) entry.client.destroy();
  r.entries.clear();
}
