/**
 * The connection to API Gateway every effectful step takes: the shared client,
 * token buckets and write queues, the retry policy and call counters.
 *
 * Shared objects live in a process-wide registry on `globalThis` under a global
 * symbol, keyed by the resolved client configuration, so every resource of one
 * Pulumi provider process (and every copy of this module that Pulumi's closure
 * serialization may have made) shares one client, one bucket and one queue per
 * REST API. Nothing is created at module load (toolchain.md).
 *
 * Other layers keep their own state next to the shared objects through
 * {@link attachment} (observe keeps its read cache there); this module knows
 * nothing of what they keep.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { RetryCause } from "../model";
import { clientConfigKey, createApiGatewayClient, resolveClientConfig, type ClientConfig, type ResolvedClientConfig } from "./client";
import type { RateLimit } from "../rate";
import { DEFAULT_OPERATION_RATES, DEFAULT_RATE, RateLimiter, WriteQueues } from "./limits";
import { clientTransport, type Transport } from "./transport";

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

/** What connections with the same client configuration share. */
export interface SharedConnectionState {
  /** The registry key: the resolved client configuration (`transport:<n>` for a given transport). */
  readonly key: string;
  /** The SDK client of this configuration; undefined when a given transport replaces it. */
  readonly client: APIGatewayClient | undefined;
  /** How an attempt reaches API Gateway: the client's, or the one given ({@link ConnectionOptions.transport}). */
  readonly transport: Transport;
  /** One write queue per REST API (AWS-9). */
  readonly writes: WriteQueues;
  /** Token buckets by operation (`*` for the account's) and rate. */
  readonly buckets: Map<string, RateLimiter>;
  /** State other layers keep per configuration, by their own key ({@link attachment}). */
  readonly attachments: Map<symbol, unknown>;
}

/** Everything the effectful steps need to call API Gateway. Cheap to create: shared parts come from the registry. */
export interface Connection {
  /** The resolved client configuration. */
  readonly config: ResolvedClientConfig;
  /** The shared SDK client; undefined when a given transport replaces it. */
  readonly client: APIGatewayClient | undefined;
  /** How one attempt of one operation reaches API Gateway (the seam `send` calls). */
  readonly transport: Transport;
  /** The account's token bucket (AWS-12). */
  readonly bucket: RateLimiter;
  /** Operation name → its own bucket (AWS-12: `GetResources`), awaited after {@link Connection.bucket}. */
  readonly operationBuckets: ReadonlyMap<string, RateLimiter>;
  /** The per-REST-API write queues (AWS-9). */
  readonly writes: WriteQueues;
  /** This connection's retry policy. */
  readonly policy: RetryPolicy;
  /** What connections of the same configuration share. */
  readonly shared: SharedConnectionState;
  /** Totals of every call made through this connection. */
  readonly counters: CallCounters;
}

/** Options of {@link createConnection}: client configuration plus limits and policy. */
export interface ConnectionOptions extends ClientConfig {
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
  /**
   * Send every attempt through this function instead of an SDK client (the seam;
   * see `transport.ts`): no client is created. Connections given the same function
   * share buckets, write queues and attachments, as connections of one configuration do.
   */
  readonly transport?: Transport;
}

interface Registry {
  readonly version: 2;
  readonly entries: Map<string, SharedConnectionState>;
  readonly credentialIds: WeakMap<object, string>;
  nextCredentialId: number;
  /** Given transports → their shared state. */
  transports: WeakMap<Transport, SharedConnectionState>;
  nextTransportId: number;
}

/** The global symbol under which the registry lives. */
export const REGISTRY_SYMBOL: unique symbol = Symbol.for("pulumi-apigw-responses/connection-registry@2") as never;

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  let r = g[REGISTRY_SYMBOL];
  if (!r) {
    r = { version: 2, entries: new Map(), credentialIds: new WeakMap(), nextCredentialId: 1, transports: new WeakMap(), nextTransportId: 1 };
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
export function sharedStateFor(config: ClientConfig): SharedConnectionState {
  const r = registry();
  const resolved = resolveClientConfig(config);
  const key = clientConfigKey(resolved, credentialsId(r, resolved));
  let entry = r.entries.get(key);
  if (!entry) {
    const client = createApiGatewayClient({ ...config, ...resolved });
    entry = {
      key,
      client,
      transport: clientTransport(client),
      writes: new WriteQueues(),
      buckets: new Map(),
      attachments: new Map(),
    };
    r.entries.set(key, entry);
  }
  return entry;
}

/** The shared state of connections given `transport` (created on first use). */
function sharedStateOfTransport(transport: Transport): SharedConnectionState {
  const r = registry();
  let entry = r.transports.get(transport);
  if (!entry) {
    entry = { key: `transport:${r.nextTransportId++}`, client: undefined, transport, writes: new WriteQueues(), buckets: new Map(), attachments: new Map() };
    r.transports.set(transport, entry);
  }
  return entry;
}

/**
 * Create a connection: shared client, bucket and queues from the registry (or
 * those of the given transport); the policy and counters are this connection's own.
 */
export function createConnection(options: ConnectionOptions = {}): Connection {
  const shared = options.transport ? sharedStateOfTransport(options.transport) : sharedStateFor(options);
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
    transport: shared.transport,
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
    counters: newCounters(),
  };
}

/**
 * Destroy every shared client (closing their sockets) and empty the registry
 * (connections of given transports included).
 * For tests and short-lived processes; connections created before must not be used after.
 */
export function releaseSharedClients(): void {
  const r = registry();
  for (const entry of r.entries.values()) entry.client?.destroy();
  r.entries.clear();
  r.transports = new WeakMap();
}

/**
 * The state a layer keeps per client configuration, next to the shared client:
 * created by `create` on first use under `key` (the layer's own symbol), then
 * the same object for every connection of that configuration.
 */
export function attachment<T>(connection: Pick<Connection, "shared">, key: symbol, create: () => T): T {
  const attached = connection.shared.attachments;
  if (!attached.has(key)) attached.set(key, create());
  return attached.get(key) as T;
}
