/**
 * The provider lifecycle (diff, create, read, update, delete), written once for every
 * resource kind over its adapter (./adapter.ts; `check` is ./check.ts). What differs
 * per kind is the adapter's; what every kind does is here: resolving the method,
 * converging it with the reconciler, the ownership rules of replacement and delete.
 */
import type { DesiredMethod, MethodKey, NormalizedResponses, Removal } from "../model";
import { describeMethod } from "../model";
import { normalizedEqual, normalizeDesiredResponses } from "../normalize";
import { newReadSession, observeMethods, resolvePaths, type ReadSession } from "../observe";
import { convergeDesiredState, toDesiredMethod, type Runtime } from "../reconcile";
import { ValidationError } from "../validate";
import type { ResourceAdapter } from "./adapter";
import { checkInputs } from "./check";
import { IDENTITY_FIELDS, LEFT_ALONE, UNKNOWN, containsUnknown, ownerOf, type AnyInputs, type ResourceKind } from "./inputs";
import { adapterOf, importAdvice } from "./kinds";
import { claimsOn, markDeleteFirst, resolveClaim } from "./ownership";
import { RESPONSE_LABEL, managedPart, partsOf } from "./responses";
import { processSettings, runtimeFor } from "./settings";
import type { AnyOutputs, CreateOutcome, DiffOutcome, ReadOutcome, ReadTarget, UpdateOutcome } from "./state";

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

/** Parts in `previous` that the new desired state no longer names. */
function dropped(previous: readonly Required<Removal>[], next: NormalizedResponses): Removal[] {
  return previous.filter((p) => !next[p.statusCode]?.[p.kind]);
}

/**
 * The one validation of a create or an update, before any AWS call: the inputs as `check`
 * validates them (`check` ran in its own call, maybe in another process, and the engine
 * may call create and update with inputs it did not see there: `pulumi up --skip-preview`,
 * state edits). The responses a non-exclusive set leaves alone ({@link LEFT_ALONE}) are
 * `check`'s own addition, not the program's.
 *
 * @throws {ValidationError} with every failure
 */
function validateInputs(kind: ResourceKind, inputs: AnyInputs): void {
  const { [LEFT_ALONE]: _leftAlone, ...given } = inputs as unknown as Record<string, unknown>;
  const failures = checkInputs(kind, given);
  if (failures.length > 0) throw new ValidationError(failures);
}

/**
 * The desired method of a resource's (validated) inputs on `key`; for a non-exclusive
 * resource, with the removal of what its previous inputs declared and these do not.
 */
function desiredMethodOfResource(adapter: ResourceAdapter, inputs: AnyInputs, key: MethodKey, previous?: readonly Required<Removal>[]): DesiredMethod {
  const desired = toDesiredMethod(adapter.specOf(inputs), key.resourceId);
  const removals = previous && !desired.exclusive ? dropped(previous, desired.responses) : [];
  return removals.length > 0 ? { ...desired, removals } : desired;
}

/** Converge the method to the inputs; the outputs of what the resource then manages. */
async function converge(
  rt: Runtime,
  adapter: ResourceAdapter,
  inputs: AnyInputs,
  key: MethodKey,
  previous: readonly Required<Removal>[] | undefined,
  session: ReadSession,
): Promise<AnyOutputs> {
  const desired = desiredMethodOfResource(adapter, inputs, key, previous);
  const result = await convergeDesiredState(rt, [{ desired }], { session });
  const live = result.observed[0]!.responses;
  return adapter.outputsOf(inputs, key, managedPart(live, desired.exclusive, desired.responses), partsOf(desired.responses));
}

// ------------------------------------------------------------------ provider methods

/**
 * `diff`: the refreshed live state (olds = outputs) against the desired inputs, both
 * normalized. A changed `path` is resolved first (one read), so that the decision to
 * delete before replacing rests on the real new method, and a path that does not
 * exist fails here, before anything is deleted.
 */
export async function diffResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs, id = ""): Promise<DiffOutcome> {
  const adapter = adapterOf(kind);
  const replaces: string[] = [];
  const identity: readonly string[] = [...IDENTITY_FIELDS, ...adapter.replacingFields];
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
    const newKeyKnown = [n.restApiId, newResourceId, n.httpMethod, ...adapter.replacingFields.map((f) => n[f])].every((v) => v !== UNKNOWN);
    const sameMethod = n.restApiId === o.restApiId && newResourceId === o.resourceId && n.httpMethod === o.httpMethod;
    // Deleting the old one after creating the new one would wipe the new responses when both
    // name the same method and code (or when it cannot be known yet, at preview): delete first then.
    // Which moves on the same method also delete first is the kind's (an integration response
    // moving to another code: a new default one beside the old default one would be refused, AWS-6).
    const deleteBeforeReplace = !newKeyKnown || (sameMethod && adapter.deletesFirstOnSameMethod(olds, news));
    markDeleteFirst(adapter.kind, id, ownerOf(news), deleteBeforeReplace);
    return { changes: true, replaces, deleteBeforeReplace };
  }
  markDeleteFirst(adapter.kind, id, ownerOf(news), false);
  if (containsUnknown(n)) return { changes: true };
  // What the resource manages, live (olds) against desired: equal after normalization = no change.
  const live = adapter.managedResponsesOf(olds);
  const desired = normalizeDesiredResponses(adapter.specOf(news).responses);
  return { changes: !normalizedEqual(live, desired) || adapter.modeChanged(olds, news) };
}

/** `create`: validate, converge; a kind that refuses to take over an existing response (unless `adoptExisting`) checks first. */
export async function createResource(kind: ResourceKind, inputs: AnyInputs): Promise<CreateOutcome> {
  validateInputs(kind, inputs);
  const adapter = adapterOf(kind);
  const rt = runtimeFor(processSettings());
  const session = newReadSession();
  const key = await resolveKey(rt, inputs, session);
  resolveClaim(ownerOf(inputs), key.resourceId);
  const refused = adapter.mustNotExist(inputs);
  if (refused !== undefined) {
    const [observed] = await observeMethods(rt, [key], { session });
    if (observed?.responses[refused.statusCode]?.[refused.kind]) {
      throw new Error(
        `ALREADY_EXISTS: the ${RESPONSE_LABEL[refused.kind]} ${refused.statusCode} of ${describeMethod(key, inputs.path)} already exists. ` +
          `If a resource of this stack managed it under another name or parent (a rename, or a move into a component), ` +
          `give this resource the option aliases: [{ name: "<old name>" }] (or the old parent) so that Pulumi moves it instead of replacing it. ` +
          `If nothing in this stack manages it, set adoptExisting: true to bring it under management (it will be converged to these inputs), or delete it first.`,
      );
    }
  }
  const outs = await converge(rt, adapter, inputs, key, undefined, session);
  return { id: adapter.idOf(key, inputs), outs };
}

/** `update`: validate, converge; for a non-exclusive set, what the old inputs declared and the new ones do not is removed. */
export async function updateResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs): Promise<UpdateOutcome> {
  validateInputs(kind, news);
  const adapter = adapterOf(kind);
  const rt = runtimeFor(processSettings());
  const session = newReadSession();
  const key = await resolveKey(rt, { ...news, resourceId: news.resourceId ?? (news.path === olds.path ? olds.resourceId : undefined) }, session);
  resolveClaim(ownerOf(news), key.resourceId);
  return { outs: await converge(rt, adapter, news, key, adapter.previousParts(olds), session) };
}

/**
 * `read` (refresh): the live state. Returns no id when the method (or, for a single
 * resource, its response) is gone; `props` and `inputs` are the live state, so drift
 * shows as property changes in `pulumi preview --refresh --diff`.
 *
 * Called without state (`pulumi import`, the `import` resource option, `.get`), it
 * fails with what to do instead: dynamic resources cannot be imported (pulumi/pulumi #3550).
 */
export async function readResource(kind: ResourceKind, id: string, props?: AnyOutputs): Promise<ReadOutcome> {
  if (!props || props.restApiId === undefined) throw new Error(`IMPORT_UNSUPPORTED: ${kind} ${id}: ${importAdvice(kind)}`);
  const adapter = adapterOf(kind);
  const rt = runtimeFor(processSettings());
  const key: MethodKey = { restApiId: props.restApiId, resourceId: props.resourceId, httpMethod: props.httpMethod };
  const [observed] = await observeMethods(rt, [key]);
  if (!observed || !observed.exists) return {};
  const { exclusive, scope } = adapter.readScope(props);
  const managed = managedPart(observed.responses, exclusive, scope);
  const target: ReadTarget = {
    restApiId: key.restApiId,
    httpMethod: key.httpMethod,
    ...(props.path !== undefined ? { path: props.path } : { resourceId: key.resourceId }),
  };
  const back = adapter.readBack(props, key, target, observed.responses, managed);
  return back === undefined ? {} : { id, props: back.props, inputs: back.inputs };
}

/**
 * `delete`: remove what the resource owns; a method or response already gone is done
 * (AWS-14). Responses that another resource of the stack manages are left alone (a
 * rename, a move, two resources trading methods), and nothing at all when another
 * exclusive `ResponseSet` owns the method.
 */
export async function deleteResource(kind: ResourceKind, props: AnyOutputs, id?: string): Promise<void> {
  const adapter = adapterOf(kind);
  const rt = runtimeFor(processSettings());
  const key: MethodKey = { restApiId: props.restApiId, resourceId: props.resourceId, httpMethod: props.httpMethod };
  // Providers serialized by earlier versions pass no id; ours is the natural key.
  id ??= adapter.idOf(key, props);
  const others = await claimsOn(rt, adapter.kind, id, key, props.path);
  if (others.some((c) => c.wholeMethod)) return;
  const kept = others.flatMap((c) => c.parts);
  const isKept = (r: Removal) => kept.some((k) => k.statusCode === r.statusCode && (r.kind === undefined || k.kind === r.kind));
  const owned = adapter.deleteScope(props);
  const removals = owned.parts.filter((r) => !isKept(r));
  if (!owned.wholeMethod && removals.length === 0) return;
  // Nothing to validate: removals only, of what the resource's state says it owns.
  await convergeDesiredState(rt, [{ desired: { key, responses: {}, exclusive: owned.wholeMethod, removals, ...(kept.length > 0 ? { keep: kept } : {}) } }]);
}
