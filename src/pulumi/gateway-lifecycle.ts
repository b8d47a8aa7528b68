/**
 * The provider lifecycle (check, diff, create, read, update, delete) of the kinds whose
 * target is a REST API's gateway responses, written once over their adapter
 * (./gateway-adapter.ts). The same rules as the method kinds' (./lifecycle.ts,
 * ./check.ts): validation before any call, one owner per response type in a stack, a
 * delete that never resets what another resource of the stack still manages (a rename,
 * a move into a component), drift visible on refresh.
 */
import { ApiGatewayError } from "../aws/errors";
import type { GatewayResponseType, NormalizedGatewayResponse, ObservedGatewayResponses } from "../gateway-responses";
import type { ValidationFailure } from "../model";
import { normalizedEqual } from "../normalize";
import { observeGatewayResponses } from "../observe/gateway-responses";
import { convergeDesiredState, toDesiredGatewayResponses, type Runtime } from "../reconcile";
import { ValidationError } from "../validate";
import { managedCustomizations, type GatewayAdapter, type GatewayCustomizations } from "./gateway-adapter";
import { UNKNOWN, containsUnknown, ownerOf, withoutUnknowns, type AnyGatewayInputs, type GatewayResourceKind } from "./inputs";
import { gatewayAdapterOf, importAdvice } from "./kinds";
import { claimGateway, gatewayClaimsOn, markDeleteFirst } from "./ownership";
import { processSettings, runtimeFor, settingsFailures } from "./settings";
import type { AnyGatewayOutputs, DiffOutcome, GatewayCreateOutcome, GatewayReadOutcome, GatewayUpdateOutcome } from "./state";

/** The field naming the target of every gateway-response kind. */
const TARGET_FIELD = "restApiId";

/** A REST API that does not exist (any more): nothing of it can be read or reset. */
const isMissingApi = (err: unknown): boolean => err instanceof ApiGatewayError && err.code === "REST_API_NOT_FOUND";

/** The customized types of a read (only `defaultResponse: false` entries are customizations, AWS-32). */
function customizedOf(observed: ObservedGatewayResponses): Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> {
  const out: Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> = {};
  for (const [type, o] of Object.entries(observed.responses) as [GatewayResponseType, NonNullable<ObservedGatewayResponses["responses"][GatewayResponseType]>][]) {
    if (o.customized) out[type] = o.response;
  }
  return out;
}

// ------------------------------------------------------------------ check

/**
 * Every validation failure of a gateway-response resource's inputs, with zero AWS calls.
 * Values not known yet (preview) are skipped. When the program marked the resource as
 * holding secrets (`__secretInputs`), no message quotes a value.
 */
export function checkGatewayInputs(kind: GatewayResourceKind, news: Record<string, unknown>): ValidationFailure[] {
  const adapter = gatewayAdapterOf(kind);
  const hideValues = news.__secretInputs === true;
  const failures: ValidationFailure[] = [];
  const allowed = [TARGET_FIELD, ...adapter.inputFields];
  for (const k of Object.keys(news)) {
    if (!k.startsWith("__") && !allowed.includes(k) && news[k] !== undefined) failures.push({ property: k, reason: `unknown property "${k}"; allowed: ${allowed.join(", ")}` });
  }
  const restApiId = news[TARGET_FIELD];
  if (restApiId !== UNKNOWN && (typeof restApiId !== "string" || restApiId === "")) {
    failures.push({ property: TARGET_FIELD, reason: `restApiId must be a non-empty string (the REST API's id, or give restApi: an aws.apigateway.RestApi), got ${hideValues ? "a secret value" : JSON.stringify(restApiId) ?? "nothing"}` });
  }
  const known = withoutUnknowns(news) as Record<string, unknown>;
  if (known.adoptExisting !== undefined && typeof known.adoptExisting !== "boolean") {
    failures.push({ property: "adoptExisting", reason: `adoptExisting must be a boolean, got ${hideValues ? "a secret value" : JSON.stringify(known.adoptExisting)}` });
  }
  const inputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(known)) if (k !== TARGET_FIELD && k !== "adoptExisting" && !k.startsWith("__")) inputs[k] = v;
  return [...failures, ...adapter.validate(news, inputs, hideValues)];
}

/**
 * `check` in the provider: the stack config's settings, the inputs, and ownership: a
 * response type managed by two resources of the stack (an exclusive
 * `GatewayResponseSet` manages every type of its REST API) is refused, naming the other.
 */
export function checkGatewayResource(kind: GatewayResourceKind, news: Record<string, unknown>): ValidationFailure[] {
  const adapter = gatewayAdapterOf(kind);
  const failures = [...settingsFailures(processSettings()), ...checkGatewayInputs(kind, news)];
  const owner = ownerOf(news);
  const restApiId = news[TARGET_FIELD];
  const scope = adapter.claimedScope(news);
  if (owner === undefined || typeof restApiId !== "string" || restApiId === UNKNOWN || scope === undefined) return failures;
  for (const { other, types } of claimGateway({ owner, type: kind, restApiId, ...scope })) {
    const whole = scope.wholeApi || other.wholeApi;
    const what = whole && types.length === 0 ? "every gateway response" : `the gateway response${types.length > 1 ? "s" : ""} ${types.join(", ")}`;
    failures.push({
      property: adapter.ownershipProperty,
      reason:
        `${what} of rest api ${restApiId} ${types.length > 1 ? "are" : "is"} also managed by ${other.owner}` +
        `${whole ? " (an exclusive GatewayResponseSet manages every gateway response of its REST API)" : ""}. ` +
        `Two owners would undo each other on every pulumi up --refresh: keep each response type in one resource ` +
        `(or set exclusive: false on the GatewayResponseSet and leave the other resource's types out of it).`,
    });
  }
  return failures;
}

/** @throws {ValidationError} with every failure of the inputs (create and update validate what they are given). */
function validateInputs(kind: GatewayResourceKind, inputs: AnyGatewayInputs): void {
  const failures = checkGatewayInputs(kind, inputs as unknown as Record<string, unknown>);
  if (failures.length > 0) throw new ValidationError(failures);
}

// ------------------------------------------------------------------ converge

/** Converge the REST API's gateway responses to the inputs; the outputs of what the resource then manages. */
async function converge(rt: Runtime, adapter: GatewayAdapter, inputs: AnyGatewayInputs, previous: readonly GatewayResponseType[]): Promise<AnyGatewayOutputs> {
  const want = adapter.desiredOf(inputs);
  const desired = toDesiredGatewayResponses({ restApiId: inputs.restApiId, ...want });
  const declared = Object.keys(desired.responses) as GatewayResponseType[];
  // What a non-exclusive resource stops declaring is reset; an exclusive one resets every undeclared type anyway.
  const resets = want.exclusive ? [] : previous.filter((t) => !declared.includes(t));
  const result = await convergeDesiredState(rt, [{ gatewayResponses: resets.length > 0 ? { ...desired, resets } : desired }]);
  const managed = managedCustomizations(customizedOf(result.observedGatewayResponses[0]!), { wholeApi: want.exclusive, types: declared });
  return adapter.outputsOf(inputs, managed);
}

// ------------------------------------------------------------------ provider methods

/**
 * `diff`: the refreshed live customizations (olds = outputs) against the desired inputs,
 * normalized (a field left out equals the type's default, AWS-35/AWS-36: no perpetual
 * diff). A changed REST API (or response type) replaces the resource; when the new one
 * is not known yet, the old one is deleted first.
 */
export async function diffGatewayResource(kind: GatewayResourceKind, olds: AnyGatewayOutputs, news: AnyGatewayInputs, id = ""): Promise<DiffOutcome> {
  const adapter = gatewayAdapterOf(kind);
  const o = olds as unknown as Record<string, unknown>;
  const n = news as unknown as Record<string, unknown>;
  const identity = [TARGET_FIELD, ...adapter.replacingFields];
  const replaces = identity.filter((f) => n[f] !== undefined && (n[f] === UNKNOWN || n[f] !== o[f]));
  if (replaces.length > 0) {
    const deleteBeforeReplace = identity.some((f) => n[f] === UNKNOWN);
    markDeleteFirst(kind, id, ownerOf(news), deleteBeforeReplace);
    return { changes: true, replaces, deleteBeforeReplace };
  }
  markDeleteFirst(kind, id, ownerOf(news), false);
  if (containsUnknown(n)) return { changes: true };
  const desired = toDesiredGatewayResponses({ restApiId: news.restApiId, ...adapter.desiredOf(news) }).responses;
  return { changes: !normalizedEqual(adapter.managedOf(olds), desired) || adapter.modeChanged(olds, news) };
}

/** `create`: validate, refuse to take over a customized type unless adopting (one read), converge. */
export async function createGatewayResource(kind: GatewayResourceKind, inputs: AnyGatewayInputs): Promise<GatewayCreateOutcome> {
  validateInputs(kind, inputs);
  const adapter = gatewayAdapterOf(kind);
  const rt = runtimeFor(processSettings());
  const refused = adapter.mustNotBeCustomized(inputs);
  if (refused !== undefined && (await observeGatewayResponses(rt, inputs.restApiId)).responses[refused]?.customized === true) {
    throw new Error(
      `ALREADY_EXISTS: the gateway response ${refused} of rest api ${inputs.restApiId} is already customized. ` +
        `If a resource of this stack managed it under another name or parent (a rename, or a move into a component), ` +
        `give this resource the option aliases: [{ name: "<old name>" }] (or the old parent) so that Pulumi moves it instead of replacing it. ` +
        `If nothing in this stack manages it, set adoptExisting: true to bring it under management (it will be converged to these inputs), or reset it first.`,
    );
  }
  return { id: adapter.idOf(inputs), outs: await converge(rt, adapter, inputs, []) };
}

/** `update`: validate, converge; what a non-exclusive set stops declaring is reset. */
export async function updateGatewayResource(kind: GatewayResourceKind, olds: AnyGatewayOutputs, news: AnyGatewayInputs): Promise<GatewayUpdateOutcome> {
  validateInputs(kind, news);
  const adapter = gatewayAdapterOf(kind);
  return { outs: await converge(runtimeFor(processSettings()), adapter, news, adapter.scopeOf(olds).types) };
}

/**
 * `read` (refresh): the live customizations the resource manages, in one
 * `GetGatewayResponses` (AWS-32). No id when the REST API is gone, or (a single
 * `GatewayResponse`) its type is no longer customized. Called without state
 * (`pulumi import`), it fails with what to do instead (pulumi/pulumi #3550).
 */
export async function readGatewayResource(
  kind: GatewayResourceKind,
  id: string,
  props?: AnyGatewayOutputs,
): Promise<GatewayReadOutcome> {
  if (!props || props.restApiId === undefined) throw new Error(`IMPORT_UNSUPPORTED: ${kind} ${id}: ${importAdvice(kind)}`);
  const adapter = gatewayAdapterOf(kind);
  let observed: ObservedGatewayResponses;
  try {
    observed = await observeGatewayResponses(runtimeFor(processSettings()), props.restApiId);
  } catch (err) {
    if (isMissingApi(err)) return {};
    throw err;
  }
  const managed: GatewayCustomizations = managedCustomizations(customizedOf(observed), adapter.scopeOf(props));
  const back = adapter.readBack(props, managed);
  return back === undefined ? {} : { id, props: back.props, inputs: back.inputs };
}

/**
 * `delete`: reset what the resource manages to the types' defaults (AWS-44), except the
 * types another resource of the stack manages, and nothing at all when another exclusive
 * `GatewayResponseSet` manages the REST API. A REST API already gone is done.
 */
export async function deleteGatewayResource(kind: GatewayResourceKind, props: AnyGatewayOutputs, id?: string): Promise<void> {
  const adapter = gatewayAdapterOf(kind);
  const others = gatewayClaimsOn(kind, id ?? adapter.idOf(props), props.restApiId);
  if (others.some((c) => c.wholeApi)) return;
  const keep = [...new Set(others.flatMap((c) => c.types))];
  const scope = adapter.scopeOf(props);
  const resets = scope.types.filter((t) => !keep.includes(t));
  if (!scope.wholeApi && resets.length === 0) return;
  try {
    await convergeDesiredState(runtimeFor(processSettings()), [
      { gatewayResponses: { restApiId: props.restApiId, responses: {}, exclusive: scope.wholeApi, resets, ...(keep.length > 0 ? { keep } : {}) } },
    ]);
  } catch (err) {
    if (!isMissingApi(err)) throw err;
  }
}
