/**
 * Run snapshots: the live state of the methods a Pulumi provider process has read,
 * shared by every resource of that process, so that a `pulumi up` or a refresh of many
 * resources of one REST API reads it once (one `GetResources` per 500 resources,
 * AWS-30) instead of once or more per resource.
 *
 * What keeps it honest:
 * - It lives in one provider process, and the engine starts a provider process per
 *   operation (`preview`, `up`, `refresh`): a run never sees the reads of an earlier run,
 *   so a change made out of band before a run starts is always read by that run.
 * - An entry expires `ttlMs` after the read it comes from (30 s by default): a long run
 *   reads again rather than act on an old read.
 * - Our own writes update it from their answers: `PutMethodResponse`, `UpdateMethodResponse`
 *   and `PutIntegrationResponse` answer with the stored object (AWS-70); a delete that succeeded (or found nothing, AWS-14) removes the response. A
 *   write whose outcome is not known (any other failure) drops the method, so the next
 *   question about it is read again.
 * - A read that started before one of our writes on a method finished may or may not show
 *   that write: it never replaces what the write left (see {@link RunSnapshots.rememberWhole}).
 *
 * Only the provider uses it (the command line and the library read once per run through a
 * `ReadSession` and verify with a fresh read). Nothing here calls AWS: `observe.ts` reads
 * and hands the reads over, `apply.ts` hands over the answers of its writes.
 */
import type { GatewayResponseOperation, ObservedGatewayResponses } from "../gateway-responses";
import type { MethodKey, NormalizedResponse, Operation } from "../model";
import { methodId } from "../model";
import {
  compareKeys,
  normalizeIntegrationResponse,
  normalizeLiveGatewayResponse,
  normalizeMethodResponse,
  type LiveGatewayResponse,
  type LiveIntegrationResponse,
  type LiveMethodResponse,
} from "../normalize";
import { observeInSnapshot, type ApiSnapshot, type ObservedMethodWithEvidence } from "./reads";

/** How long a read answers later questions, by default: 30 s. */
export const DEFAULT_SNAPSHOT_TTL_MS = 30_000;

interface Entry {
  readonly observed: ObservedMethodWithEvidence;
  /** When the read it comes from started (our writes since then are applied to it). */
  readonly readAt: number;
}

interface ApiEntry {
  /** The last whole-API read, which also tells that an unlisted method does not exist. */
  whole?: { readonly snapshot: ApiSnapshot; readonly readAt: number };
  /** Method id → what the last read said of it, with our writes since applied. */
  readonly methods: Map<string, Entry>;
  /** Method id → sequence number of our last write on it that finished. */
  readonly written: Map<string, number>;
  /** Method ids that must be read again before they answer (a write of unknown outcome, or on a method not held). */
  readonly unknown: Set<string>;
  /** Every method asked for in this process (how many a whole read would serve). */
  readonly asked: Set<string>;
}

/** The position of a read among our writes: reads started at `seq` have seen the writes numbered up to `seq`. */
export interface ReadMark {
  readonly seq: number;
  readonly at: number;
}

/** The run snapshots of one provider process (see the module TSDoc). */
export class RunSnapshots {
  private readonly apis = new Map<string, ApiEntry>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** REST API id → its gateway responses (one `GetGatewayResponses`, AWS-32), with our writes since applied. */
  private readonly gateway = new Map<string, { readonly observed: ObservedGatewayResponses; readonly readAt: number }>();
  /** REST API id → sequence number of our last gateway-response write on it that finished. */
  private readonly gatewayWritten = new Map<string, number>();
  private seq = 0;

  /**
   * @param ttlMs how long a read answers later questions
   * @param now the clock (tests)
   */
  constructor(
    readonly ttlMs: number = DEFAULT_SNAPSHOT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  private api(restApiId: string): ApiEntry {
    let a = this.apis.get(restApiId);
    if (!a) this.apis.set(restApiId, (a = { methods: new Map(), written: new Map(), unknown: new Set(), asked: new Set() }));
    return a;
  }

  private fresh(readAt: number): boolean {
    return this.now() - readAt < this.ttlMs;
  }

  /**
   * Track a read in flight under `name` (a REST API id for its whole read, or another read's
   * name): callers that ask meanwhile wait for it ({@link whenRead}) rather than read again.
   */
  track<T>(name: string, read: Promise<T>): Promise<T> {
    const settled = read.then(
      () => undefined,
      () => undefined,
    );
    this.inflight.set(name, settled);
    void settled.then(() => {
      if (this.inflight.get(name) === settled) this.inflight.delete(name);
    });
    return read;
  }

  /** The read tracked under `name` while it is in flight, if any (it never rejects). */
  whenRead(name: string): Promise<unknown> | undefined {
    return this.inflight.get(name);
  }

  /** Mark the start of a read: pass it back with what the read returned. */
  mark(): ReadMark {
    return { seq: this.seq, at: this.now() };
  }

  /** Note that these methods were asked for; returns how many methods of `restApiId` have been asked for in this process. */
  noteAsked(restApiId: string, keys: readonly MethodKey[]): number {
    const a = this.api(restApiId);
    for (const k of keys) a.asked.add(methodId(k));
    return a.asked.size;
  }

  /** What a read in this process says of `key`, or undefined when it must be read. */
  lookup(key: MethodKey): ObservedMethodWithEvidence | undefined {
    const a = this.apis.get(key.restApiId);
    if (!a) return undefined;
    const id = methodId(key);
    if (a.unknown.has(id)) return undefined;
    const e = a.methods.get(id);
    if (e) return this.fresh(e.readAt) ? { ...e.observed, key } : undefined;
    // Not listed by the last whole read: absent, as long as that read is fresh and no write of ours came after it.
    if (a.whole && this.fresh(a.whole.readAt) && !a.written.has(id)) return observeInSnapshot(a.whole.snapshot, key);
    return undefined;
  }

  /** The last whole-API read of `restApiId`, while it is fresh (resource paths and ids). */
  wholeRead(restApiId: string): ApiSnapshot | undefined {
    const w = this.apis.get(restApiId)?.whole;
    return w && this.fresh(w.readAt) ? w.snapshot : undefined;
  }

  /** Has a write of ours on `id` finished after the read marked `mark` started? */
  private writtenSince(a: ApiEntry, id: string, mark: ReadMark): boolean {
    return (a.written.get(id) ?? -1) > mark.seq;
  }

  /**
   * Keep a whole-API read (`GetResources`, AWS-30) started at `mark`. Methods written by
   * us since it started keep what the write left (or stay to be read, when we held none).
   */
  rememberWhole(snapshot: ApiSnapshot, mark: ReadMark): void {
    const a = this.api(snapshot.restApiId);
    a.whole = { snapshot, readAt: mark.at };
    const listed = new Set<string>();
    for (const r of snapshot.resources) {
      for (const httpMethod of Object.keys(r.methods)) {
        const key = { restApiId: snapshot.restApiId, resourceId: r.id, httpMethod };
        const id = methodId(key);
        listed.add(id);
        if (this.writtenSince(a, id, mark)) continue;
        a.methods.set(id, { observed: observeInSnapshot(snapshot, key), readAt: mark.at });
        a.unknown.delete(id);
      }
    }
    for (const id of [...a.methods.keys()]) {
      if (listed.has(id) || this.writtenSince(a, id, mark)) continue;
      a.methods.delete(id);
      a.unknown.delete(id);
    }
  }

  /** Keep a read of one method (`GetMethod`) started at `mark`, unless a write of ours finished since. */
  rememberMethod(observed: ObservedMethodWithEvidence, mark: ReadMark): void {
    const a = this.api(observed.key.restApiId);
    const id = methodId(observed.key);
    if (this.writtenSince(a, id, mark)) return;
    a.methods.set(id, { observed, readAt: mark.at });
    a.unknown.delete(id);
  }

  /**
   * A write of ours on `op`'s method finished: apply its answer (a put or update: the
   * stored object, AWS-70; a delete: the response is gone, AWS-14). Without a held state
   * to apply it to, or with an answer that is not an object, the method is to be read again.
   */
  rememberWrite(op: Operation, answer: unknown): void {
    const a = this.api(op.key.restApiId);
    const id = methodId(op.key);
    a.written.set(id, ++this.seq);
    const e = a.methods.get(id);
    const next = e && e.observed.exists && this.fresh(e.readAt) ? applied(e.observed.responses[op.statusCode], op, answer) : null;
    if (next === null) {
      a.methods.delete(id);
      a.unknown.add(id);
      return;
    }
    const responses = { ...e!.observed.responses };
    if (next.methodResponse || next.integrationResponse) responses[op.statusCode] = next;
    else delete responses[op.statusCode];
    a.methods.set(id, { observed: { ...e!.observed, responses: sortedByCode(responses) }, readAt: e!.readAt });
  }

  // ---------------------------------------------------------------- gateway responses (AWS-32)

  /** The gateway responses of `restApiId` as a read of this process left them, or undefined when they must be read. */
  gatewayLookup(restApiId: string): ObservedGatewayResponses | undefined {
    const g = this.gateway.get(restApiId);
    return g && this.fresh(g.readAt) ? g.observed : undefined;
  }

  /** Keep a read of a REST API's gateway responses started at `mark`, unless a write of ours on them finished since. */
  rememberGatewayRead(observed: ObservedGatewayResponses, mark: ReadMark): void {
    if ((this.gatewayWritten.get(observed.restApiId) ?? -1) > mark.seq) return;
    this.gateway.set(observed.restApiId, { observed, readAt: mark.at });
  }

  /**
   * A gateway-response write of ours finished: a put answers the stored customization
   * (AWS-35), which replaces the type's entry. After a reset (AWS-44) the type shows
   * defaults or what it inherits (AWS-33), which only a read tells; after a write of
   * unknown outcome (`answer` undefined) nothing is known: the REST API's gateway
   * responses are then to be read again.
   */
  rememberGatewayWrite(op: GatewayResponseOperation, answer: unknown): void {
    this.gatewayWritten.set(op.restApiId, ++this.seq);
    const held = this.gateway.get(op.restApiId);
    if (op.kind !== "PutGatewayResponse" || !held || !isObject(answer)) {
      this.gateway.delete(op.restApiId);
      return;
    }
    const stored = normalizeLiveGatewayResponse(op.responseType, answer as LiveGatewayResponse);
    this.gateway.set(op.restApiId, { observed: { ...held.observed, responses: { ...held.observed.responses, [op.responseType]: stored } }, readAt: held.readAt });
  }

  /** A write of ours on `key` failed in a way that leaves its outcome unknown: read the method again before it answers. */
  forget(key: MethodKey): void {
    const a = this.api(key.restApiId);
    const id = methodId(key);
    a.written.set(id, ++this.seq);
    a.methods.delete(id);
    a.unknown.add(id);
  }
}

/** The responses of one status code after `op`, from its answer; null when the answer is not one. */
function applied(before: NormalizedResponse | undefined, op: Operation, answer: unknown): NormalizedResponse | null {
  const { methodResponse, integrationResponse } = before ?? {};
  switch (op.kind) {
    case "DeleteMethodResponse":
      return integrationResponse ? { integrationResponse } : {};
    case "DeleteIntegrationResponse":
      return methodResponse ? { methodResponse } : {};
    case "PutMethodResponse":
    case "UpdateMethodResponse":
      if (!isObject(answer)) return null;
      return { ...(integrationResponse ? { integrationResponse } : {}), methodResponse: normalizeMethodResponse(answer as LiveMethodResponse) };
    case "PutIntegrationResponse":
      if (!isObject(answer)) return null;
      return { integrationResponse: normalizeIntegrationResponse(answer as LiveIntegrationResponse), ...(methodResponse ? { methodResponse } : {}) };
  }
}

function isObject(v: unknown): boolean {
  return typeof v === "object" && v !== null;
}

function sortedByCode(responses: Record<string, NormalizedResponse>): Record<string, NormalizedResponse> {
  return Object.fromEntries(Object.keys(responses).sort(compareKeys).map((c) => [c, responses[c]!]));
}

/** The run snapshots a runtime carries, if any (only the provider's runtimes carry them). */
export function snapshotsOf(connection: object): RunSnapshots | undefined {
  return (connection as { readonly snapshots?: RunSnapshots }).snapshots;
}
