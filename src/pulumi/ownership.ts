/**
 * Who manages what, across the resources of one provider process.
 *
 * One provider process serves every dynamic resource of a stack during one engine
 * operation, and the engine calls `check` for every resource the program declares
 * before it deletes anything that the program no longer declares (deletions of
 * removed resources and of create-before-delete replacements run at the end). So a
 * delete can ask which responses another resource of the stack still manages, and
 * leave those alone: renaming a resource, moving it under a component, or two
 * resources trading methods never removes the responses that the new owner adopted.
 *
 * A claim is what one resource (named by its URN, the hidden `__owner` input) says it
 * manages: a whole method (an exclusive `ResponseSet`) or some response kinds of some
 * status codes. Claims are kept on `globalThis` so that every copy of this module in
 * the process shares them.
 */
import type { GatewayResponseType } from "../gateway-responses";
import type { MethodKey, Removal } from "../model";
import { newReadSession, resolvePaths } from "../observe";
import { PathNotFoundError, canonicalPath } from "../observe/paths";
import type { Runtime } from "../reconcile";
import { RESPONSE_LABEL } from "./responses";

/** What one resource of the stack manages. */
export interface Claim {
  /** The resource's URN. */
  readonly owner: string;
  /** `ResponseSet`, `MethodResponse` or `IntegrationResponse`. */
  readonly type: string;
  readonly restApiId: string;
  readonly httpMethod: string;
  /** The resource id, when given or resolved. */
  readonly resourceId?: string;
  /** The resource path, when the method is named by path. */
  readonly path?: string;
  /** Every response of the method (an exclusive `ResponseSet`). */
  readonly wholeMethod: boolean;
  /** The status codes and kinds it manages (all of them when `wholeMethod`). */
  readonly parts: readonly Required<Removal>[];
}

interface Registry {
  readonly claims: Map<string, Claim>;
  /** `type id` of a resource being replaced delete-first → its URN (its own claim does not protect its old responses). */
  readonly deleteFirst: Map<string, string>;
}

const REGISTRY = Symbol.for("pulumi-apigw-responses/ownership@1");

function registry(): Registry {
  const g = globalThis as Record<symbol, unknown>;
  let r = g[REGISTRY] as Registry | undefined;
  if (!r) g[REGISTRY] = r = { claims: new Map(), deleteFirst: new Map() };
  return r;
}

/** Forget every claim (tests). */
export function resetOwnership(): void {
  registry().claims.clear();
  registry().deleteFirst.clear();
  gatewayClaims().clear();
  stageClaims().clear();
}

/** Do two claims name the same method, as far as can be told without a call? */
function sameMethod(a: Claim, b: Claim): boolean {
  if (a.restApiId !== b.restApiId || a.httpMethod !== b.httpMethod) return false;
  if (a.resourceId !== undefined && b.resourceId !== undefined) return a.resourceId === b.resourceId;
  if (a.path !== undefined && b.path !== undefined) return canonicalPath(a.path) === canonicalPath(b.path);
  return false;
}

function sharedParts(a: Claim, b: Claim): Required<Removal>[] {
  if (a.wholeMethod) return [...b.parts];
  if (b.wholeMethod) return [...a.parts];
  return a.parts.filter((p) => b.parts.some((q) => q.statusCode === p.statusCode && q.kind === p.kind));
}

/** How an overlap reads in a message: `the method response 200, …` or `every response`. */
export function describeParts(parts: readonly Required<Removal>[], wholeMethod: boolean): string {
  if (wholeMethod && parts.length === 0) return "every response of the method";
  return parts.map((p) => `the ${RESPONSE_LABEL[p.kind]} ${p.statusCode}`).join(", ");
}

/**
 * Record what a resource manages (from `check`), replacing its earlier claim.
 *
 * @returns the claims of OTHER resources that manage some of the same responses
 *   (an exclusive `ResponseSet` manages every response of its method)
 */
export function claim(c: Claim): { other: Claim; parts: Required<Removal>[] }[] {
  const { claims } = registry();
  claims.set(c.owner, c);
  const overlaps: { other: Claim; parts: Required<Removal>[] }[] = [];
  for (const other of claims.values()) {
    if (other.owner === c.owner || !sameMethod(c, other)) continue;
    const parts = sharedParts(c, other);
    if (parts.length > 0 || c.wholeMethod || other.wholeMethod) overlaps.push({ other, parts });
  }
  return overlaps;
}

/** Record the resolved resource id of a resource named by path (after create or update). */
export function resolveClaim(owner: string | undefined, resourceId: string): void {
  if (owner === undefined) return;
  const { claims } = registry();
  const c = claims.get(owner);
  if (c && c.resourceId === undefined) claims.set(owner, { ...c, resourceId });
}

/** Remember that the resource `type id` is being replaced delete-first by `owner` (from `diff`). */
export function markDeleteFirst(type: string, id: string, owner: string | undefined, deleteFirst: boolean): void {
  const key = `${type} ${id}`;
  if (deleteFirst && owner !== undefined) registry().deleteFirst.set(key, owner);
  else registry().deleteFirst.delete(key);
}

/**
 * What the other resources of the stack manage on `key`, for the delete of the
 * resource `type id` (whose own new claim counts only when it is not replaced
 * delete-first: then its delete must clear the way for its replacement).
 * Claims named by path are resolved with one shared `GetResources` read.
 */
export async function claimsOn(rt: Runtime, type: string, id: string, key: MethodKey, path?: string): Promise<Claim[]> {
  const { claims, deleteFirst } = registry();
  const self = deleteFirst.get(`${type} ${id}`);
  deleteFirst.delete(`${type} ${id}`);
  const candidates = [...claims.values()].filter(
    (c) => c.owner !== self && c.restApiId === key.restApiId && c.httpMethod === key.httpMethod,
  );
  const byPath = candidates.filter((c) => c.resourceId === undefined && c.path !== undefined && (path === undefined || canonicalPath(c.path) !== canonicalPath(path)));
  let resolved: Record<string, string> = {};
  if (byPath.length > 0) {
    // A path that does not exist (any more) names no method: such a claim cannot be on this one.
    // Any other failure fails the delete (a re-run converges) rather than guess.
    const paths = [...new Set(byPath.map((c) => c.path!))];
    const session = newReadSession();
    const results = await Promise.all(
      paths.map((p) =>
        resolvePaths(rt, key.restApiId, [p], { session }).catch((err: unknown) => {
          if (err instanceof PathNotFoundError) return {} as Record<string, string>;
          throw err;
        }),
      ),
    );
    resolved = Object.assign({}, ...results);
  }
  return candidates.filter((c) => {
    if (c.resourceId !== undefined) return c.resourceId === key.resourceId;
    if (c.path === undefined) return false;
    if (path !== undefined && canonicalPath(c.path) === canonicalPath(path)) return true;
    return resolved[c.path] === key.resourceId;
  });
}

// ------------------------------------------------------------------ gateway responses

/** What one gateway-response resource of the stack manages on its REST API. */
export interface GatewayClaim {
  /** The resource's URN. */
  readonly owner: string;
  /** `GatewayResponseSet` or `GatewayResponse`. */
  readonly type: string;
  readonly restApiId: string;
  /** Every gateway response of the REST API (an exclusive `GatewayResponseSet`). */
  readonly wholeApi: boolean;
  /** The response types it manages (those declared, also when `wholeApi`). */
  readonly types: readonly GatewayResponseType[];
}

const GATEWAY_CLAIMS = Symbol.for("pulumi-apigw-responses/gateway-ownership@1");

function gatewayClaims(): Map<string, GatewayClaim> {
  const g = globalThis as Record<symbol, unknown>;
  let m = g[GATEWAY_CLAIMS] as Map<string, GatewayClaim> | undefined;
  if (!m) g[GATEWAY_CLAIMS] = m = new Map();
  return m;
}

/**
 * Record what a gateway-response resource manages (from `check`), replacing its earlier claim.
 *
 * @returns the claims of OTHER resources on the same REST API that manage some of the
 *   same types (an exclusive `GatewayResponseSet` manages every type), with those types
 */
export function claimGateway(c: GatewayClaim): { other: GatewayClaim; types: GatewayResponseType[] }[] {
  const claims = gatewayClaims();
  claims.set(c.owner, c);
  const overlaps: { other: GatewayClaim; types: GatewayResponseType[] }[] = [];
  for (const other of claims.values()) {
    if (other.owner === c.owner || other.restApiId !== c.restApiId) continue;
    const types = c.wholeApi ? [...other.types] : other.wholeApi ? [...c.types] : c.types.filter((t) => other.types.includes(t));
    if (types.length > 0 || c.wholeApi || other.wholeApi) overlaps.push({ other, types });
  }
  return overlaps;
}

/**
 * What the other resources of the stack manage on the gateway responses of `restApiId`,
 * for the delete of the resource `type id` (its own new claim counts only when it is not
 * replaced delete-first, as for methods: {@link claimsOn}).
 */
export function gatewayClaimsOn(type: string, id: string, restApiId: string): GatewayClaim[] {
  const { deleteFirst } = registry();
  const self = deleteFirst.get(`${type} ${id}`);
  deleteFirst.delete(`${type} ${id}`);
  return [...gatewayClaims().values()].filter((c) => c.owner !== self && c.restApiId === restApiId);
}

// ------------------------------------------------------------------ stages

const STAGE_CLAIMS = Symbol.for("pulumi-apigw-responses/stage-ownership@1");

/** Owner (URN) of a `StageDeployment` → the stage it deploys. */
function stageClaims(): Map<string, { readonly restApiId: string; readonly stageName: string }> {
  const g = globalThis as Record<symbol, unknown>;
  let m = g[STAGE_CLAIMS] as Map<string, { restApiId: string; stageName: string }> | undefined;
  if (!m) g[STAGE_CLAIMS] = m = new Map();
  return m;
}

/**
 * Record the stage a `StageDeployment` deploys (from `check`), replacing its earlier claim.
 *
 * @returns the owners of the other `StageDeployment`s of the stack that deploy the same stage
 */
export function claimStage(owner: string, restApiId: string, stageName: string): string[] {
  const claims = stageClaims();
  claims.set(owner, { restApiId, stageName });
  return [...claims].filter(([o, c]) => o !== owner && c.restApiId === restApiId && c.stageName === stageName).map(([o]) => o);
}
