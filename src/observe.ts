/**
 * Observe: read the live responses of methods. Read only — nothing here mutates
 * (architecture rule 1; Crossplane's `Observe`).
 *
 * Two ways to read, picked per pass by cost:
 * - `GetMethod`, one call per method, gives both kinds of responses (AWS-15);
 * - `GetResources` with `embed=methods`, 500 resources a page (AWS-30), gives every
 *   method of a REST API: one call per 500 resources.
 * For N methods of one REST API, `GetMethod` costs N calls and `GetResources`
 * ceil(R/500), where R is the resource count seen by the last read of that API
 * (1 page assumed before the first read). The cheaper one wins; N = 1 always
 * reads with `GetMethod`. Exception: when the `GetResources` bucket (its own,
 * smaller quota) is empty while the account bucket has a token for each method
 * right now, `GetMethod` is used rather than waiting.
 *
 * Concurrent observes of one REST API within a short window (`coalesceWindowMs`,
 * 25 ms by default) are coalesced into one read. A runtime with run snapshots (the
 * Pulumi provider's, `observe/snapshots.ts`) also answers from the reads made earlier in
 * its process, kept current by its writes' answers, and counts the methods asked for
 * so far when it picks a way to read: a `pulumi up` or refresh of many resources makes
 * about one `GetResources` call per 500 resources in all, instead of reads per resource.
 *
 * Absence is data (rule 2): a 404 is `exists: false`, with the evidence (the
 * operation and the request id) kept for the error a caller may raise.
 *
 * This module holds the two entry points, {@link observeMethods} and {@link resolvePaths};
 * the single reads are in `observe/reads.ts`, paths and their error in `observe/paths.ts`, the
 * coalescing windows and resource counts (per client configuration) in `observe/cache.ts`.
 */
import type { CallCounters } from "./aws/connection";
import type { Runtime } from "./runtime";
import { readCacheOf, readInWindow } from "./observe/cache";
import { methodId, type MethodKey } from "./model";
import { canonicalPath, PathNotFoundError } from "./observe/paths";
import { estimatedPages, getMethod, observeInSnapshot, readApi, type ApiSnapshot, type ObservedMethodWithEvidence } from "./observe/reads";

/**
 * The reads of one run, shared between path resolution and the first observe,
 * so that a run reads each REST API at most once before it writes.
 */
export interface ReadSession {
  readonly snapshots: Map<string, Promise<ApiSnapshot>>;
}

/** A new, empty {@link ReadSession}. */
export function newReadSession(): ReadSession {
  return { snapshots: new Map() };
}

/** How {@link observeMethods} reads. */
export type ObserveStrategy = "auto" | "get-method" | "get-resources";

/** Options of {@link observeMethods}. */
export interface ObserveOptions {
  /** Counters of the caller's report (besides `runtime.counters`). */
  readonly counters?: CallCounters;
  /** Reuse the reads of this session (filled by {@link resolvePaths}) for the APIs it holds. */
  readonly session?: ReadSession;
  /** Force a way to read (tests, diagnostics). Default `auto` (the cheaper one). */
  readonly strategy?: ObserveStrategy;
  /** Skip the coalescing window (a read that must be fresh and alone, e.g. AWS-1 adoption). */
  readonly immediate?: boolean;
}

/** Read the given methods of ONE REST API, the cheaper way (see the module TSDoc). */
async function readMethodsOfApi(
  runtime: Runtime,
  restApiId: string,
  keys: readonly MethodKey[],
  strategy: ObserveStrategy,
  counters: CallCounters | undefined,
): Promise<Map<string, ObservedMethodWithEvidence>> {
  const out = new Map<string, ObservedMethodWithEvidence>();
  const pages = estimatedPages(runtime, restApiId);
  // With run snapshots, a whole read also answers the methods asked for earlier in this
  // process (and, by the time it returns, probably later): count those too.
  const served = runtime.snapshots ? Math.max(keys.length, runtime.snapshots.noteAsked(restApiId, keys)) : keys.length;
  const mark = runtime.snapshots?.mark();
  // GetResources has a quota of its own, 4 times scarcer than the account's (AWS-12: 5 every 2 s).
  // When its bucket is empty and the account bucket holds a token for every key now, the
  // GetMethod calls are served at once instead of queueing for a GetResources token (a refresh
  // or many single resources would otherwise run at 2.5 reads a second). Otherwise: fewer calls wins.
  const resourcesStarved = (runtime.operationBuckets.get("GetResources")?.available() ?? Infinity) < pages && keys.length <= runtime.bucket.available();
  const useResources = strategy === "get-resources" || (strategy === "auto" && served > 1 && served > pages && !resourcesStarved);
  if (useResources) {
    const read = readApi(runtime, restApiId, counters);
    const snapshot = await (runtime.snapshots ? runtime.snapshots.track(restApiId, read) : read);
    if (mark) runtime.snapshots!.rememberWhole(snapshot, mark);
    for (const k of keys) out.set(methodId(k), observeInSnapshot(snapshot, k));
  } else {
    const observed = await Promise.all(keys.map((k) => getMethod(runtime, k, counters)));
    keys.forEach((k, i) => {
      out.set(methodId(k), observed[i]!);
      if (mark) runtime.snapshots!.rememberMethod(observed[i]!, mark);
    });
  }
  return out;
}

/**
 * Observe methods (read only). Returns one {@link ObservedMethodWithEvidence}
 * per key, in input order. Methods of different REST APIs are read in parallel;
 * each REST API is read the cheaper way (one `GetMethod` per method, or
 * `GetResources` `embed=methods` by pages of 500), and concurrent observes of one
 * API are coalesced (see the module TSDoc). A missing method (or resource, or
 * REST API) is `exists: false` with its {@link AbsenceEvidence}.
 *
 * @throws {ApiGatewayError} when a read fails for another reason than "not found"
 */
export async function observeMethods(runtime: Runtime, keys: readonly MethodKey[], options: ObserveOptions = {}): Promise<ObservedMethodWithEvidence[]> {
  const strategy = options.strategy ?? "auto";
  const byApi = new Map<string, Map<string, MethodKey>>();
  for (const k of keys) {
    let m = byApi.get(k.restApiId);
    if (!m) byApi.set(k.restApiId, (m = new Map()));
    m.set(methodId(k), k);
  }
  const results = new Map<string, ObservedMethodWithEvidence>();
  await Promise.all(
    [...byApi].map(async ([restApiId, apiKeys]) => {
      // Run snapshots hold our writes since their read; a session's read does not: they go first.
      const fromSession = runtime.snapshots ? undefined : options.session?.snapshots.get(restApiId);
      if (fromSession) {
        const snapshot = await fromSession;
        for (const k of apiKeys.values()) results.set(methodId(k), observeInSnapshot(snapshot, k));
        return;
      }
      // Run snapshots (the provider's) answer what a read of this process already holds.
      const toRead = new Map<string, MethodKey>();
      const held = options.immediate || strategy !== "auto" ? undefined : runtime.snapshots;
      const lookup = () => {
        toRead.clear();
        for (const [id, k] of apiKeys) {
          const hit = held?.lookup(k);
          if (hit) results.set(id, hit);
          else toRead.set(id, k);
        }
      };
      lookup();
      // A whole read of this API in flight answers these too, once it returns.
      const inflight = toRead.size > 0 ? held?.whenRead(restApiId) : undefined;
      if (inflight) {
        await inflight;
        lookup();
      }
      if (toRead.size === 0) return;
      const list = [...toRead.values()];
      let read: Map<string, ObservedMethodWithEvidence>;
      if (options.immediate || runtime.coalesceWindowMs <= 0) {
        read = await readMethodsOfApi(runtime, restApiId, list, strategy, options.counters);
      } else {
        const pending = readCacheOf(runtime).pendingObserves;
        read = await readInWindow(pending, restApiId, runtime.coalesceWindowMs, toRead, (all) => readMethodsOfApi(runtime, restApiId, all, strategy, options.counters));
      }
      for (const k of list) results.set(methodId(k), read.get(methodId(k))!);
    }),
  );
  return keys.map((k) => {
    const o = results.get(methodId(k))!;
    // Keep the caller's key (same identity, maybe other letter case).
    return { ...o, key: k };
  });
}

/**
 * A `GetResources` read of a REST API for path resolution, shared by every caller
 * of the process (same client configuration) that asks within the coalescing
 * window: the Pulumi resources of a `pulumi up` resolve their paths together with
 * one read instead of one each (`GetResources` has the tightest quota, AWS-12). Only
 * callers that arrive before the read starts share it, so none of them can depend
 * on a change made after it (a resource it waited for would have made it arrive later).
 */
function coalescedApiRead(runtime: Runtime, restApiId: string, counters: CallCounters | undefined): Promise<ApiSnapshot> {
  const held = runtime.snapshots?.wholeRead(restApiId);
  if (held) return Promise.resolve(held);
  const read = async (): Promise<ApiSnapshot> => {
    const snapshots = runtime.snapshots;
    if (!snapshots) return readApi(runtime, restApiId, counters);
    const mark = snapshots.mark();
    const snapshot = await snapshots.track(restApiId, readApi(runtime, restApiId, counters));
    snapshots.rememberWhole(snapshot, mark);
    return snapshot;
  };
  if (runtime.coalesceWindowMs <= 0) return read();
  return readInWindow(readCacheOf(runtime).pendingPathReads, restApiId, runtime.coalesceWindowMs, new Map(), read);
}

/**
 * Resolve resource paths to resource ids with ONE `GetResources` read of the
 * REST API per run (shared with the first observe through `session`).
 *
 * @returns path (as given) → resource id
 * @throws {PathNotFoundError} naming every path that does not exist
 */
export async function resolvePaths(
  runtime: Runtime,
  restApiId: string,
  paths: readonly string[],
  options: { readonly session?: ReadSession; readonly counters?: CallCounters } = {},
): Promise<Record<string, string>> {
  const session = options.session ?? newReadSession();
  let read = session.snapshots.get(restApiId);
  if (!read) {
    read = coalescedApiRead(runtime, restApiId, options.counters);
    session.snapshots.set(restApiId, read);
  }
  const snapshot = await read;
  const byPath = new Map<string, string>();
  for (const r of snapshot.resources) if (r.path !== undefined) byPath.set(canonicalPath(r.path), r.id);
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const p of paths) {
    const id = byPath.get(canonicalPath(p));
    if (id === undefined) missing.push(p);
    else out[p] = id;
  }
  if (missing.length > 0) throw new PathNotFoundError(restApiId, missing, snapshot);
  return out;
}
