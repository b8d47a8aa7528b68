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
 * 25 ms by default) are coalesced into one read: a `pulumi refresh` of many
 * resources makes one `GetResources` call per 500 resources instead of one call
 * per resource.
 *
 * Absence is data (rule 2): a 404 is `exists: false`, with the evidence (the
 * operation and the request id) kept for the error a caller may raise.
 */
import type { GetMethodCommandOutput, GetResourcesCommandOutput, Resource } from "@aws-sdk/client-api-gateway";
import { send } from "./aws/call";
import { ApiGatewayError } from "./aws/errors";
import type { CallCounters, PendingObserve, Runtime } from "./aws/runtime";
import { methodId, type MethodKey, type ObservedMethod } from "./model";
import { normalizeLiveMethod, type LiveMethod } from "./normalize";

/** `GetResources` page size: the largest AWS allows (AWS-30). */
export const RESOURCES_PAGE_SIZE = 500;

/** Why a method was observed as absent: the read that said so. */
export interface AbsenceEvidence {
  /** `GetMethod` (a 404), `GetResources` (not listed) or `GetRestApi` (the REST API is gone). */
  readonly operation: "GetMethod" | "GetResources" | "GetRestApi";
  /** The AWS request id of that read, when the service gave one. */
  readonly requestId?: string;
  /** What the read said, e.g. `NotFoundException: Invalid Method identifier specified`. */
  readonly message: string;
}

/** An {@link ObservedMethod}, with the evidence of its absence when `exists` is false. */
export interface ObservedMethodWithEvidence extends ObservedMethod {
  readonly absence?: AbsenceEvidence;
}

/** One resource of a REST API as `GetResources` (`embed=methods`) returned it. */
export interface ResourceSnapshot {
  readonly id: string;
  readonly path?: string;
  /** HTTP method → the method, in full (AWS-30). */
  readonly methods: Readonly<Record<string, LiveMethod>>;
}

/** Every resource of one REST API, read with `GetResources` `embed=methods` (all pages). */
export interface ApiSnapshot {
  readonly restApiId: string;
  /** False when the REST API itself does not exist (404). */
  readonly exists: boolean;
  readonly resources: readonly ResourceSnapshot[];
  /** Pages read (= calls made). */
  readonly pages: number;
  /** Request id of each page, in order. */
  readonly requestIds: readonly string[];
  /** The 404 when the REST API does not exist. */
  readonly absence?: AbsenceEvidence;
}

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


function describeError(err: unknown): string {
  if (err instanceof ApiGatewayError) {
    const cause = err.cause as { name?: string; message?: string } | undefined;
    return `${cause?.name ?? err.awsErrorName ?? "Error"}: ${cause?.message ?? err.message}`;
  }
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function observedFromLive(key: MethodKey, live: LiveMethod): ObservedMethodWithEvidence {
  const n = normalizeLiveMethod(live);
  return n.integrationType === undefined
    ? { key, exists: true, responses: n.responses }
    : { key, exists: true, integrationType: n.integrationType, responses: n.responses };
}

function absent(key: MethodKey, absence: AbsenceEvidence): ObservedMethodWithEvidence {
  return { key, exists: false, responses: {}, absence };
}

/** Read one method with `GetMethod` (AWS-15); a 404 is `exists: false` (AWS-8). */
export async function getMethod(runtime: Runtime, key: MethodKey, counters?: CallCounters): Promise<ObservedMethodWithEvidence> {
  const { GetMethodCommand } = await import("@aws-sdk/client-api-gateway");
  try {
    const out: GetMethodCommandOutput = await send(
      runtime,
      "GetMethod",
      new GetMethodCommand({ restApiId: key.restApiId, resourceId: key.resourceId, httpMethod: key.httpMethod }),
      { method: key, counters },
    );
    return observedFromLive(key, out as LiveMethod);
  } catch (err) {
    if (err instanceof ApiGatewayError && err.classification === "not-found") {
      return absent(key, { operation: "GetMethod", requestId: err.requestId, message: describeError(err) });
    }
    throw err;
  }
}

/**
 * Does a REST API exist? One `GetRestApi`: undefined when it does, the evidence of
 * its absence when it answers 404. Asked only on the error path, to tell a missing
 * REST API from a missing method: `GetMethod` answers both with the same text (AWS-8).
 */
export async function restApiAbsence(runtime: Runtime, restApiId: string, counters?: CallCounters): Promise<AbsenceEvidence | undefined> {
  const { GetRestApiCommand } = await import("@aws-sdk/client-api-gateway");
  try {
    await send(runtime, "GetRestApi", new GetRestApiCommand({ restApiId }), { restApiId, counters });
    return undefined;
  } catch (err) {
    if (err instanceof ApiGatewayError && err.classification === "not-found") {
      return { operation: "GetRestApi", requestId: err.requestId, message: describeError(err) };
    }
    throw err;
  }
}

/**
 * Read a whole REST API with `GetResources`, `embed=methods`, 500 a page,
 * following `position` (AWS-30). Records the resource count for the cost
 * estimate of later passes. A 404 gives `exists: false`.
 */
export async function readApi(runtime: Runtime, restApiId: string, counters?: CallCounters): Promise<ApiSnapshot> {
  const { GetResourcesCommand } = await import("@aws-sdk/client-api-gateway");
  const resources: ResourceSnapshot[] = [];
  const requestIds: string[] = [];
  const seenPositions = new Set<string>();
  let position: string | undefined;
  let pages = 0;
  for (;;) {
    let out: GetResourcesCommandOutput;
    try {
      out = await send(
        runtime,
        "GetResources",
        new GetResourcesCommand({ restApiId, embed: ["methods"], limit: RESOURCES_PAGE_SIZE, position }),
        { restApiId, counters },
      );
    } catch (err) {
      if (err instanceof ApiGatewayError && err.classification === "not-found" && pages === 0) {
        return {
          restApiId,
          exists: false,
          resources: [],
          pages: 1,
          requestIds: err.requestId ? [err.requestId] : [],
          absence: { operation: "GetResources", requestId: err.requestId, message: describeError(err) },
        };
      }
      throw err;
    }
    pages++;
    if (out.$metadata.requestId) requestIds.push(out.$metadata.requestId);
    for (const r of out.items ?? ([] as Resource[])) {
      if (!r.id) continue;
      resources.push({ id: r.id, path: r.path, methods: (r.resourceMethods ?? {}) as Record<string, LiveMethod> });
    }
    position = out.position ?? undefined;
    // A position seen before would loop forever: stop (defensive; AWS never repeats one).
    if (!position || seenPositions.has(position)) break;
    seenPositions.add(position);
  }
  runtime.shared.resourceCounts.set(restApiId, resources.length);
  return { restApiId, exists: true, resources, pages, requestIds };
}

/** The observed state of `key` in a snapshot. */
export function observeInSnapshot(snapshot: ApiSnapshot, key: MethodKey): ObservedMethodWithEvidence {
  const requestId = snapshot.requestIds[0];
  if (!snapshot.exists) return absent(key, snapshot.absence ?? { operation: "GetResources", requestId, message: "REST API not found" });
  const resource = snapshot.resources.find((r) => r.id === key.resourceId);
  if (!resource) {
    return absent(key, {
      operation: "GetResources",
      requestId,
      message: `GetResources lists no resource ${key.resourceId} in REST API ${key.restApiId}`,
    });
  }
  const live = resource.methods[key.httpMethod] ?? resource.methods[key.httpMethod.toUpperCase()];
  if (!live) {
    return absent(key, {
      operation: "GetResources",
      requestId,
      message: `GetResources lists no ${key.httpMethod} method on resource ${key.resourceId} (${resource.path ?? "?"}) of REST API ${key.restApiId}`,
    });
  }
  return observedFromLive(key, live);
}

/** Estimated `GetResources` pages of a REST API: from the last read, else 1. */
export function estimatedPages(runtime: Runtime, restApiId: string): number {
  const r = runtime.shared.resourceCounts.get(restApiId);
  return r === undefined ? 1 : Math.max(1, Math.ceil(r / RESOURCES_PAGE_SIZE));
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
  // GetResources has a quota of its own, 4 times scarcer than the account's (AWS-12: 5 every 2 s).
  // When its bucket is empty and the account bucket holds a token for every key now, the
  // GetMethod calls are served at once instead of queueing for a GetResources token (a refresh
  // or many single resources would otherwise run at 2.5 reads a second). Otherwise: fewer calls wins.
  const resourcesStarved = (runtime.operationBuckets.get("GetResources")?.available() ?? Infinity) < pages && keys.length <= runtime.bucket.available();
  const useResources = strategy === "get-resources" || (strategy === "auto" && keys.length > 1 && keys.length > pages && !resourcesStarved);
  if (useResources) {
    const snapshot = await readApi(runtime, restApiId, counters);
    for (const k of keys) out.set(methodId(k), observeInSnapshot(snapshot, k));
  } else {
    const observed = await Promise.all(keys.map((k) => getMethod(runtime, k, counters)));
    keys.forEach((k, i) => out.set(methodId(k), observed[i]!));
  }
  return out;
}

/**
 * Join (or open) the coalescing window of a REST API: every key added while the
 * window is open is read by the one read made when it closes.
 */
function coalescedRead(
  runtime: Runtime,
  restApiId: string,
  keys: readonly MethodKey[],
  strategy: ObserveStrategy,
  counters: CallCounters | undefined,
): Promise<Map<string, ObservedMethodWithEvidence>> {
  const pending = runtime.shared.pendingObserves;
  const open = pending.get(restApiId);
  if (open) {
    for (const k of keys) open.keys.set(methodId(k), k);
    return open.result as Promise<Map<string, ObservedMethodWithEvidence>>;
  }
  const batchKeys = new Map<string, MethodKey>();
  for (const k of keys) batchKeys.set(methodId(k), k);
  const result = new Promise<Map<string, ObservedMethodWithEvidence>>((resolve, reject) => {
    setTimeout(() => {
      // Close the window before reading: later observers open a new one.
      if (pending.get(restApiId) === batch) pending.delete(restApiId);
      readMethodsOfApi(runtime, restApiId, [...batchKeys.values()], strategy, counters).then(resolve, reject);
    }, runtime.coalesceWindowMs);
  });
  const batch: PendingObserve = { keys: batchKeys, result };
  pending.set(restApiId, batch);
  return result;
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
      const list = [...apiKeys.values()];
      const fromSession = options.session?.snapshots.get(restApiId);
      let read: Map<string, ObservedMethodWithEvidence>;
      if (fromSession) {
        const snapshot = await fromSession;
        read = new Map(list.map((k) => [methodId(k), observeInSnapshot(snapshot, k)]));
      } else if (options.immediate || runtime.coalesceWindowMs <= 0) {
        read = await readMethodsOfApi(runtime, restApiId, list, strategy, options.counters);
      } else {
        read = await coalescedRead(runtime, restApiId, list, strategy, options.counters);
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

/** A resource path that does not exist in a REST API. */
export class PathNotFoundError extends Error {
  override readonly name = "PathNotFoundError";
  /** Stable code. */
  readonly code = "PATH_NOT_FOUND" as const;
  readonly restApiId: string;
  /** The first path that does not exist. */
  readonly path: string;
  /** Every path asked for that does not exist, in the order asked. */
  readonly paths: readonly string[];
  /** The request id of the `GetResources` read that did not list it. */
  readonly requestId?: string;

  constructor(restApiId: string, paths: string | readonly string[], snapshot: ApiSnapshot) {
    const missing = typeof paths === "string" ? [paths] : paths;
    const path = missing[0]!;
    const requestId = snapshot.requestIds[0] ?? snapshot.absence?.requestId;
    const known = snapshot.resources
      .map((r) => r.path)
      .filter((p): p is string => typeof p === "string")
      .sort();
    const hint = !snapshot.exists
      ? `the REST API does not exist (${snapshot.absence?.message ?? "404"})`
      : `${known.length} path(s) exist${known.length ? `, e.g. ${known.slice(0, 5).join(", ")}` : ""}`;
    const what =
      missing.length === 1
        ? `resource path ${JSON.stringify(path)} does not exist`
        : `${missing.length} resource paths do not exist: ${missing.map((p) => JSON.stringify(p)).join(", ")}`;
    super(`PATH_NOT_FOUND: ${what} in REST API ${restApiId}: ${hint} (GetResources request id ${requestId ?? "none"})`);
    this.restApiId = restApiId;
    this.path = path;
    this.paths = missing;
    this.requestId = requestId;
  }
}

/** `/users/` → `/users`; `""` → `/`. Paths are otherwise compared exactly (they are case-sensitive). */
export function canonicalPath(path: string): string {
  const p = path.trim();
  if (p === "" || p === "/") return "/";
  const withSlash = p.startsWith("/") ? p : `/${p}`;
  return withSlash.endsWith("/") ? withSlash.slice(0, -1) : withSlash;
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
    read = readApi(runtime, restApiId, options.counters);
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
