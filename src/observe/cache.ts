/**
 * Observe's read cache: what observe keeps between calls, per client
 * configuration (so every resource of a Pulumi provider process shares it), next
 * to the connection's shared client through {@link attachment}:
 * - the resource count of each REST API seen by its last `GetResources` read, for
 *   the read-cost estimate (AWS-30);
 * - the observe read of each REST API in its coalescing window;
 * - the `GetResources` read of path resolution of each REST API in its coalescing window.
 *
 * It holds no live state itself: a window's read is made when the window closes,
 * and the counts only pick the cheaper way to read.
 */
import { attachment, type Connection } from "../aws/connection";
import type { MethodKey } from "../model";
import type { ApiSnapshot, ObservedMethodWithEvidence } from "./reads";

/** An observe read in its coalescing window (see `observe.ts`). */
export interface PendingObserve {
  /** The keys the read will read: every key added while the window is open. */
  readonly keys: Map<string, MethodKey>;
  /** The read, made when the window closes: method id → observed method. */
  readonly result: Promise<Map<string, ObservedMethodWithEvidence>>;
}

/** Observe's state per client configuration. */
export interface ReadCache {
  /** REST API id → resource count seen by the last `GetResources` read (AWS-30). */
  readonly resourceCounts: Map<string, number>;
  /** REST API id → the observe read in its coalescing window. */
  readonly pendingObserves: Map<string, PendingObserve>;
  /** REST API id → the `GetResources` read of path resolution in its coalescing window. */
  readonly pendingPathReads: Map<string, Promise<ApiSnapshot>>;
}

// A global symbol, so every copy of this module (Pulumi closure serialization) finds the same cache.
const READ_CACHE: unique symbol = Symbol.for("pulumi-apigw-responses/read-cache@1") as never;

/** The read cache of a connection's configuration (created on first use). */
export function readCacheOf(connection: Pick<Connection, "shared">): ReadCache {
  return attachment<ReadCache>(connection, READ_CACHE, () => ({ resourceCounts: new Map(), pendingObserves: new Map(), pendingPathReads: new Map() }));
}
