/**
 * The reads observe is made of, each one call or one paginated read, read only:
 * `GetMethod` for one method (AWS-15), `GetResources` `embed=methods` for every
 * method of a REST API (AWS-30), `GetRestApi` to tell a gone REST API from a gone
 * method. Absence is data (rule 2): a 404 is `exists: false`, with its evidence
 * (the operation and the request id) kept for the error a caller may raise.
 */
import type { GetMethodCommandOutput, GetResourcesCommandOutput, Resource } from "@aws-sdk/client-api-gateway";
import { send } from "../aws/call";
import { ApiGatewayError } from "../aws/errors";
import type { CallCounters, Connection } from "../aws/connection";
import type { MethodKey, ObservedMethod } from "../model";
import { normalizeLiveMethod, type LiveMethod } from "../normalize";
import { readCacheOf } from "./cache";

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
export async function getMethod(connection: Connection, key: MethodKey, counters?: CallCounters): Promise<ObservedMethodWithEvidence> {
  try {
    const out: GetMethodCommandOutput = await send(
      connection,
      "GetMethod",
      { restApiId: key.restApiId, resourceId: key.resourceId, httpMethod: key.httpMethod },
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
export async function restApiAbsence(connection: Connection, restApiId: string, counters?: CallCounters): Promise<AbsenceEvidence | undefined> {
  try {
    await send(connection, "GetRestApi", { restApiId }, { restApiId, counters });
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
export async function readApi(connection: Connection, restApiId: string, counters?: CallCounters): Promise<ApiSnapshot> {
  const resources: ResourceSnapshot[] = [];
  const requestIds: string[] = [];
  const seenPositions = new Set<string>();
  let position: string | undefined;
  let pages = 0;
  for (;;) {
    let out: GetResourcesCommandOutput;
    try {
      out = await send(
        connection,
        "GetResources",
        { restApiId, embed: ["methods"], limit: RESOURCES_PAGE_SIZE, position },
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
  readCacheOf(connection).resourceCounts.set(restApiId, resources.length);
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
export function estimatedPages(connection: Connection, restApiId: string): number {
  const r = readCacheOf(connection).resourceCounts.get(restApiId);
  return r === undefined ? 1 : Math.max(1, Math.ceil(r / RESOURCES_PAGE_SIZE));
}
