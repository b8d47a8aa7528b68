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

/** A read of one REST API in its coalescing window: every caller that joins while it is open shares it. */
export interface ReadWindow<K, T> {
  /** What the read will read: every key added while the window is open (by id). */
  readonly keys: Map<string, K>;
  /** The read, made when the window closes. */
  readonly result: Promise<T>;
}

/**
 * Join the open window of `restApiId` in `windows` (adding `keys` to it), or open one
 * that closes after `windowMs` and then calls `read` with every key added meanwhile.
 * The window is closed before the read starts: later callers open a new one, so no
 * caller shares a read that started before it asked.
 */
export function readInWindow<K, T>(
  windows: Map<string, ReadWindow<K, T>>,
  restApiId: string,
  windowMs: number,
  keys: ReadonlyMap<string, K>,
  read: (keys: readonly K[]) => Promise<T>,
): Promise<T> {
  const open = windows.get(restApiId);
  if (open) {
    for (const [id, k] of keys) open.keys.set(id, k);
    return open.result;
  }
  const all = new Map(keys);
  const result = new Promise<T>((resolve, reject) => {
    setTimeout(() => {
      if (windows.get(restApiId) === window) windows.delete(restApiId);
      read([...all.values()]).then(resolve, reject);
    }, windowMs);
  });
  const window: ReadWindow<K, T> = { keys: all, result };
  windows.set(restApiId, window);
  return result;
}

/** Observe's state per client configuration. */
export interface ReadCache {
  /** REST API id → resource count seen by the last `GetResources` read (AWS-30). */
  readonly resourceCounts: Map<string, number>;
  /** REST API id → the observe read in its coalescing window (method id → observed method). */
  readonly pendingObserves: Map<string, ReadWindow<MethodKey, Map<string, ObservedMethodWithEvidence>>>;
  /** REST API id → the `GetResources` read of path resolution in its coalescing window (no keys). */
  readonly pendingPathReads: Map<string, ReadWindow<never, ApiSnapshot>>;
}

// A global symbol, so every copy of this module (Pulumi closure serialization) finds the same cache.
const READ_CACHE: unique symbol = Symbol.for("pulumi-apigw-responses/read-cache@1") as never;

/** The read cache of a connection's configuration (created on first use). */
export function readCacheOf(connection: Pick<Connection, "shared">): ReadCache {
  return attachment<ReadCache>(connection, READ_CACHE, () => ({ resourceCounts: new Map(), pendingObserves: new Map(), pendingPathReads: new Map() }));
}
