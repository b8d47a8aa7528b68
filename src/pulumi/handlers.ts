/**
 * What the Pulumi dynamic providers do, kept out of the serialized provider objects:
 * the providers `require` this module inside their methods (docs/toolchain.md,
 * "Dynamic providers": no client or module state may be captured), so the glue that
 * Pulumi serializes stays a few lines.
 *
 * Three kinds of resource share it:
 * - `ResponseSet`: every response of one method (authoritative by default);
 * - `MethodResponse` / `IntegrationResponse`: one response of one status code.
 */
import type { DesiredMethod, MethodKey, NormalizedResponses, Removal } from "../model";
import { describeMethod } from "../model";
import { normalizedEqual, normalizeDesiredResponses, normalizeResponses } from "../normalize";
import { newReadSession, observeMethods, resolvePaths, type ReadSession } from "../observe";
import { reconcile, toDesiredMethod, type Runtime } from "../reconcile";
import {
  IDENTITY_FIELDS,
  KIND_OF,
  SINGLE_FIELDS,
  UNKNOWN,
  LEFT_ALONE,
  containsUnknown,
  importAdvice,
  ownerOf,
  specOf,
  type AnyInputs,
  type IntegrationResponseInputs,
  type MethodResponseInputs,
  type ResourceKind,
  type ResponseSetInputs,
} from "./inputs";
import { claimsOn, markDeleteFirst, resolveClaim } from "./ownership";
import { compactResponses, managedPart, partsOf, unmanagedPart } from "./responses";
import { processSettings, runtimeFor } from "./settings";
import { resourceIdOf, revisionOf, type IntegrationResponseOutputs, type MethodResponseOutputs, type ResponseSetOutputs } from "./state";

// Providers serialized into existing state by earlier versions call these through this
// module (`configure` and `check` included): keep them reachable here.
export { checkInputs, checkResource, inputsAfterCheck } from "./check";
export { configureProcess } from "./settings";
export { UNKNOWN, specOf };
export type { IntegrationResponseInputs, MethodResponseInputs, ResourceKind, ResponseSetInputs };
export { compactResponses } from "./responses";
export { resourceIdOf, revisionOf } from "./state";
export type { IntegrationResponseOutputs, MethodResponseOutputs, ResponseSetOutputs } from "./state";

// ------------------------------------------------------------------ outputs

type AnyOutputs = ResponseSetOutputs | MethodResponseOutputs | IntegrationResponseOutputs;

function outputsOf(kind: ResourceKind, inputs: AnyInputs, key: MethodKey, managed: NormalizedResponses): AnyOutputs {
  const common = {
    restApiId: key.restApiId,
    resourceId: key.resourceId,
    ...(inputs.path !== undefined ? { path: inputs.path } : {}),
    httpMethod: key.httpMethod,
    revision: revisionOf(key, managed),
  };
  if (kind === "ResponseSet") {
    const exclusive = (inputs as ResponseSetInputs).exclusive;
    return { ...common, ...(exclusive !== undefined ? { exclusive } : {}), responses: managed };
  }
  const single = inputs as MethodResponseInputs | IntegrationResponseInputs;
  const adopt = single.adoptExisting !== undefined ? { adoptExisting: single.adoptExisting } : {};
  const response = managed[single.statusCode] ?? {};
  if (kind === "MethodResponse") {
    const mr = response.methodResponse ?? { responseParameters: {}, responseModels: {} };
    return { ...common, statusCode: single.statusCode, ...mr, ...adopt };
  }
  const ir = response.integrationResponse ?? { selectionPattern: "", responseParameters: {}, responseTemplates: {} };
  return { ...common, statusCode: single.statusCode, ...ir, ...adopt };
}

/** The responses a resource's outputs describe (the managed live part). */
function responsesOfOutputs(kind: ResourceKind, olds: AnyOutputs): NormalizedResponses {
  if (kind === "ResponseSet") return normalizeResponses((olds as ResponseSetOutputs).responses ?? {});
  const single = olds as MethodResponseOutputs & IntegrationResponseOutputs;
  const fields: Record<string, unknown> = {};
  for (const f of SINGLE_FIELDS[kind]) if (single[f as keyof typeof single] !== undefined) fields[f] = single[f as keyof typeof single];
  // Outputs of a response that is gone carry no fields: the response is absent.
  if (single.revision !== undefined && Object.keys(fields).length === 0) return {};
  return normalizeResponses({ [single.statusCode]: { [KIND_OF[kind]]: fields } });
}

// ------------------------------------------------------------------ desired state

/**
 * The method key of a resource's inputs; a `path` is resolved with the `GetResources`
 * read that the resources of this process asking together share, kept in `session`
 * for the run's first observe.
 */
async function resolveKey(rt: Runtime, inputs: AnyInputs, session?: ReadSession): Promise<MethodKey> {
  let resourceId = inputs.resourceId;
  if (resourceId === undefined) {
    if (inputs.path === undefined) throw new Error("one of resourceId and path is required");
    resourceId = (await resolvePaths(rt, inputs.restApiId, [inputs.path], session ? { session } : {}))[inputs.path]!;
  }
  return { restApiId: inputs.restApiId, resourceId, httpMethod: inputs.httpMethod };
}

/** What a resource managed before an update: its declarations, or (older state) its managed live part. */
function previousParts(kind: ResourceKind, olds: AnyOutputs): Required<Removal>[] {
  const declared = kind === "ResponseSet" ? (olds as ResponseSetOutputs).__declared : undefined;
  return Array.isArray(declared) ? declared : partsOf(responsesOfOutputs(kind, olds));
}

/** Parts in `previous` that the new desired state no longer names. */
function dropped(previous: readonly Required<Removal>[], next: NormalizedResponses): Removal[] {
  return previous.filter((p) => !next[p.statusCode]?.[p.kind]);
}

function desiredOf(kind: ResourceKind, inputs: AnyInputs, key: MethodKey, previous?: readonly Required<Removal>[]): DesiredMethod {
  const spec = specOf(kind, inputs);
  const desired = toDesiredMethod(spec, key.resourceId);
  const removals = previous && !desired.exclusive ? dropped(previous, desired.responses) : [];
  return removals.length > 0 ? { ...desired, removals } : desired;
}

async function converge(rt: Runtime, kind: ResourceKind, inputs: AnyInputs, key: MethodKey, previous: readonly Required<Removal>[] | undefined, session: ReadSession) {
  const desired = desiredOf(kind, inputs, key, previous);
  const result = await reconcile(rt, [desired], { session });
  const live = result.observed[0]!.responses;
  const outs = outputsOf(kind, inputs, key, managedPart(live, desired.exclusive, desired.responses));
  return kind === "ResponseSet" ? { ...outs, __declared: partsOf(desired.responses) } : outs;
}

/** The owner (URN) the resource class passes as the hidden `__owner` input. */

// ------------------------------------------------------------------ provider methods

/**
 * `diff`: the refreshed live state (olds = outputs) against the desired inputs, both
 * normalized. A changed `path` is resolved first (one read), so that the decision to
 * delete before replacing rests on the real new method, and a path that does not
 * exist fails here, before anything is deleted.
 */
export async function diffResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs, id = "") {
  const replaces: string[] = [];
  const identity: string[] = [...IDENTITY_FIELDS, ...(kind === "ResponseSet" ? [] : ["statusCode"])];
  const o = olds as unknown as Record<string, unknown>;
  const n = news as unknown as Record<string, unknown>;
  for (const f of identity) {
    if (n[f] === undefined) continue;
    if (n[f] === UNKNOWN || n[f] !== o[f]) replaces.push(f);
  }
  if (replaces.length > 0) {
    let newResourceId = n.resourceId !== undefined ? n.resourceId : n.path === o.path ? o.resourceId : UNKNOWN;
    if (newResourceId === UNKNOWN && typeof n.path === "string" && n.path !== UNKNOWN && typeof n.restApiId === "string" && n.restApiId !== UNKNOWN) {
      newResourceId = (await resolvePaths(runtimeFor(processSettings()), n.restApiId, [n.path]))[n.path];
    }
    const newKeyKnown = [n.restApiId, newResourceId, n.httpMethod, n.statusCode].every((v) => v !== UNKNOWN);
    const sameMethod = n.restApiId === o.restApiId && newResourceId === o.resourceId && n.httpMethod === o.httpMethod;
    // Deleting the old one after creating the new one would wipe the new responses when both
    // name the same method and code (or when it cannot be known yet, at preview): delete first then.
    // An integration response moving to another code of the same method is also deleted first:
    // a new default one beside the old default one would be refused (AWS-6).
    const deleteBeforeReplace = !newKeyKnown || (sameMethod && (kind !== "MethodResponse" || n.statusCode === o.statusCode));
    markDeleteFirst(kind, id, ownerOf(news), deleteBeforeReplace);
    return { changes: true, replaces, deleteBeforeReplace };
  }
  markDeleteFirst(kind, id, ownerOf(news), false);
  if (containsUnknown(n)) return { changes: true };
  // What the resource manages, live (olds) against desired: equal after normalization = no change.
  const live = responsesOfOutputs(kind, olds);
  const desired = normalizeDesiredResponses(specOf(kind, news).responses);
  const exclusiveChanged = kind === "ResponseSet" && ((news as ResponseSetInputs).exclusive ?? true) !== ((olds as ResponseSetOutputs).exclusive ?? true);
  return { changes: !normalizedEqual(live, desired) || exclusiveChanged };
}

/** `create`: converge; single resources refuse to take over an existing response unless `adoptExisting`. */
export async function createResource(kind: ResourceKind, inputs: AnyInputs) {
  const rt = runtimeFor(processSettings());
  const session = newReadSession();
  const key = await resolveKey(rt, inputs, session);
  resolveClaim(ownerOf(inputs), key.resourceId);
  if (kind !== "ResponseSet") {
    const single = inputs as MethodResponseInputs | IntegrationResponseInputs;
    if (!single.adoptExisting) {
      const [observed] = await observeMethods(rt, [key], { session });
      const existing = observed?.responses[single.statusCode]?.[KIND_OF[kind]];
      if (existing) {
        const what = kind === "MethodResponse" ? "method response" : "integration response";
        throw new Error(
          `ALREADY_EXISTS: the ${what} ${single.statusCode} of ${describeMethod(key, inputs.path)} already exists. ` +
            `If a resource of this stack managed it under another name or parent (a rename, or a move into a component), ` +
            `give this resource the option aliases: [{ name: "<old name>" }] (or the old parent) so that Pulumi moves it instead of replacing it. ` +
            `If nothing in this stack manages it, set adoptExisting: true to bring it under management (it will be converged to these inputs), or delete it first.`,
        );
      }
    }
  }
  const outs = await converge(rt, kind, inputs, key, undefined, session);
  const statusCode = kind === "ResponseSet" ? undefined : (inputs as MethodResponseInputs).statusCode;
  return { id: resourceIdOf(key, statusCode), outs };
}

/** `update`: converge; for a non-exclusive set, what the old inputs declared and the new ones do not is removed. */
export async function updateResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs) {
  const rt = runtimeFor(processSettings());
  const session = newReadSession();
  const key = await resolveKey(rt, { ...news, resourceId: news.resourceId ?? (news.path === olds.path ? olds.resourceId : undefined) }, session);
  resolveClaim(ownerOf(news), key.resourceId);
  return { outs: await converge(rt, kind, news, key, previousParts(kind, olds), session) };
}

/**
 * `read` (refresh): the live state. Returns no id when the method (or, for a single
 * resource, its response) is gone; `props` and `inputs` are the live state, so drift
 * shows as property changes in `pulumi preview --refresh --diff`.
 *
 * Called without state (`pulumi import`, the `import` resource option, `.get`), it
 * fails with what to do instead: dynamic resources cannot be imported (pulumi/pulumi #3550).
 */
export async function readResource(kind: ResourceKind, id: string, props?: AnyOutputs) {
  if (!props || props.restApiId === undefined) throw new Error(`IMPORT_UNSUPPORTED: ${kind} ${id}: ${importAdvice(kind)}`);
  const rt = runtimeFor(processSettings());
  const key: MethodKey = { restApiId: props.restApiId, resourceId: props.resourceId, httpMethod: props.httpMethod };
  const [observed] = await observeMethods(rt, [key]);
  if (!observed || !observed.exists) return {};
  const statusCode = kind === "ResponseSet" ? undefined : (props as MethodResponseOutputs).statusCode;
  const given = kind === "ResponseSet" ? (props as ResponseSetOutputs).exclusive : undefined;
  const exclusive = kind === "ResponseSet" ? given !== false : false;
  const scope = responsesOfOutputs(kind, props);
  const scopeWithCode: NormalizedResponses =
    statusCode !== undefined ? { [statusCode]: { [KIND_OF[kind as Exclude<ResourceKind, "ResponseSet">]]: {} as never } } : scope;
  const managed = managedPart(observed.responses, exclusive, kind === "ResponseSet" ? scope : scopeWithCode);
  if (statusCode !== undefined && !managed[statusCode]) return {};
  const base = {
    restApiId: key.restApiId,
    httpMethod: key.httpMethod,
    ...(props.path !== undefined ? { path: props.path } : { resourceId: key.resourceId }),
  };
  if (kind === "ResponseSet") {
    // `exclusive` only as the user gave it, so that refreshed inputs show no spurious difference.
    // A non-exclusive set also lists, as an input the program never sets, what it leaves alone:
    // `check` keeps it while the set stays non-exclusive, so that a preview of exclusive
    // false → true shows those responses going away.
    const leftAlone = exclusive ? {} : compactResponses(unmanagedPart(observed.responses, managed));
    const inputs = {
      ...base,
      ...(given !== undefined ? { exclusive: given } : {}),
      responses: compactResponses(managed),
      ...(Object.keys(leftAlone).length > 0 ? { [LEFT_ALONE]: leftAlone } : {}),
    };
    const declared = (props as ResponseSetOutputs).__declared;
    return { id, props: { ...outputsOf(kind, inputs, key, managed), ...(declared !== undefined ? { __declared: declared } : {}) }, inputs };
  }
  const outs = outputsOf(kind, { ...base, statusCode: statusCode! } as MethodResponseInputs, key, managed) as unknown as Record<string, unknown>;
  const response = compactResponses(managed)[statusCode!]![KIND_OF[kind as Exclude<ResourceKind, "ResponseSet">]] ?? {};
  const adopt = (props as MethodResponseOutputs).adoptExisting;
  const inputs = { ...base, statusCode: statusCode!, ...response, ...(adopt !== undefined ? { adoptExisting: adopt } : {}) };
  return { id, props: { ...outs, ...(adopt !== undefined ? { adoptExisting: adopt } : {}) }, inputs };
}

/**
 * `delete`: remove what the resource owns; a method or response already gone is done
 * (AWS-14). Responses that another resource of the stack manages are left alone (a
 * rename, a move, two resources trading methods), and nothing at all when another
 * exclusive `ResponseSet` owns the method.
 */
export async function deleteResource(kind: ResourceKind, props: AnyOutputs, id?: string): Promise<void> {
  const rt = runtimeFor(processSettings());
  const key: MethodKey = { restApiId: props.restApiId, resourceId: props.resourceId, httpMethod: props.httpMethod };
  // Providers serialized by earlier versions pass no id; ours is the natural key.
  id ??= resourceIdOf(key, kind === "ResponseSet" ? undefined : (props as MethodResponseOutputs).statusCode);
  const others = await claimsOn(rt, kind, id, key, props.path);
  if (others.some((c) => c.wholeMethod)) return;
  const kept = others.flatMap((c) => c.parts);
  const isKept = (r: Removal) => kept.some((k) => k.statusCode === r.statusCode && (r.kind === undefined || k.kind === r.kind));
  const exclusive = kind === "ResponseSet" && (props as ResponseSetOutputs).exclusive !== false;
  const owned: Removal[] = exclusive
    ? []
    : kind === "ResponseSet"
      ? previousParts(kind, props)
      : [{ statusCode: (props as MethodResponseOutputs).statusCode, kind: KIND_OF[kind] }];
  const removals = owned.filter((r) => !isKept(r));
  if (!exclusive && removals.length === 0) return;
  await reconcile(rt, [{ key, responses: {}, exclusive, removals, ...(kept.length > 0 ? { keep: kept } : {}) }]);
}
