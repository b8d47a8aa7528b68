/**
 * The runtime the reconciler takes: a {@link Connection} to API Gateway (client,
 * limits, write queues, retry policy, counters) plus how observe shares its reads
 * (the coalescing window). `createRuntime` is the public name users call
 * (`pulumi-apigw-responses/reconciler`).
 */
import { createConnection, type Connection, type ConnectionOptions } from "./aws/connection";
import type { RunSnapshots } from "./observe/snapshots";

/** Re-exported from `aws/connection.ts`: destroy the shared clients and empty the registry. */
export { releaseSharedClients } from "./aws/connection";
/** Re-exported from `aws/connection.ts`. */
export type { CallCounters, Connection, ConnectionOptions, RetryPolicy } from "./aws/connection";

/** Everything the reconciler needs: a connection and observe's coalescing window. */
export interface Runtime extends Connection {
  /** Window in which concurrent observes of one REST API are coalesced, in ms. Default 25; 0 turns it off. */
  readonly coalesceWindowMs: number;
  /**
   * Reads shared across the calls of a whole engine operation (the Pulumi provider's),
   * updated by this runtime's writes. Absent: each run reads for itself.
   */
  readonly snapshots?: RunSnapshots;
}

/** Options of {@link createRuntime}: the connection's plus observe's coalescing window. */
export interface RuntimeOptions extends ConnectionOptions {
  /** Observe coalescing window, in ms. Default 25. */
  readonly coalesceWindowMs?: number;
  /** Share reads across runs through these snapshots (the provider process's; see `observe/snapshots.ts`). */
  readonly snapshots?: RunSnapshots;
}

/**
 * Create a runtime: a connection (shared client, bucket and queues from the
 * registry; its own policy and counters) with observe's coalescing window.
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const window = options.coalesceWindowMs;
  return {
    ...createConnection(options),
    coalesceWindowMs: window !== undefined && window >= 0 ? window : 25,
    ...(options.snapshots ? { snapshots: options.snapshots } : {}),
  };
}
