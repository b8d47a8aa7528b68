/**
 * The pure planner (architecture rule 1): from the normalized desired responses of a
 * method and its normalized live state, the ordered list of mutating calls that makes
 * the live state equal to the desired one. It takes values, never a client.
 *
 * ## Target state
 *
 * For every status code and each kind of response (method response, integration response):
 * - given in `desired.responses` → it must exist with exactly that content;
 * - else named in `desired.removals` → it must not exist;
 * - else named in `desired.keep` → it is left as it is (another resource manages it);
 * - else `exclusive: true` → it must not exist (live codes and kinds absent from the spec are deleted);
 * - else (`exclusive: false`) → it is left as it is.
 *
 * ## Ordering
 *
 * Operations of one method come in five phases; within a phase, by status code
 * (code-point order) unless said otherwise:
 * 1. `DeleteIntegrationResponse` for integration responses that must go.
 * 2. `PutMethodResponse` for new status codes, and `UpdateMethodResponse` with the
 *    `add`/`replace` patches of existing ones. The `remove` patches of the same method
 *    response are merged into this one call when it is safe: when none of the headers
 *    removed is mapped by the integration response of that code as it stands after
 *    phase 1 (it was deleted in phase 1, or it does not map them).
 * 3. `PutIntegrationResponse`: ONE full put per new or changed integration response
 *    (AWS-2 overwrites; a partial put would clear fields). Non-default selection patterns
 *    first, the default one (`""`) last, so that moving the default from one code to
 *    another never has two defaults at once (AWS-6).
 * 4. `UpdateMethodResponse` with only `remove` patches (those not merged in phase 2).
 * 5. `DeleteMethodResponse` for method responses that must go.
 *
 * Hence method responses are created or extended before the integration responses that
 * map their headers (AWS-4, AWS-5), integration responses are deleted before their
 * method responses, and a header removed from both is removed from the integration
 * response first.
 *
 * ## Patches (AWS-21, AWS-22, AWS-24)
 *
 * Computed from the LIVE method response: `add` for keys absent live, `replace` for keys
 * whose value differs, `remove` for live keys not desired. Paths:
 * `/responseParameters/method.response.header.X` (parameter keys not escaped) and
 * `/responseModels/application~1json` (`~` → `~0`, `/` → `~1`). Parameter values are
 * sent as the strings `"true"` / `"false"`.
 *
 * ## Errors
 *
 * A target that AWS would refuse, or a method that cannot be written, throws a
 * {@link PlanError} with a stable {@link PlanErrorCode}.
 */
import type {
  DesiredMethod,
  FieldChange,
  MethodKey,
  MethodPlan,
  NormalizedIntegrationResponse,
  NormalizedMethodResponse,
  NormalizedResponse,
  NormalizedResponses,
  ObservedMethod,
  Operation,
  OperationKind,
  PatchOperation,
  Plan,
  Removal,
  ResponseKind,
} from "./model";
import { describeMethod, methodId } from "./model";
import { compareKeys, normalizedEqual, normalizeResponses } from "./normalize";

/**
 * Stable codes of {@link PlanError}:
 * - `METHOD_NOT_FOUND`: the observed method does not exist (`exists: false`);
 * - `METHOD_NOT_OBSERVED`: {@link plan} got a desired method with no observed counterpart;
 * - `DUPLICATE_METHOD`: the same method is desired twice in one {@link plan};
 * - `METHOD_KEY_MISMATCH`: {@link planMethod} got desired and observed states of different methods;
 * - `REMOVAL_CONFLICT`: a response kind is both desired and listed in `removals`;
 * - `NO_INTEGRATION`: integration responses are wanted but the method has no integration (AWS-8);
 * - `UNDECLARED_HEADER`: in the target state, an integration response maps a header
 *   that the method response of the same code does not declare, or has no method
 *   response at all (AWS-4, AWS-5);
 * - `DUPLICATE_DEFAULT`: the target state has more than one default integration
 *   response (AWS-6), e.g. a desired one plus a live one kept by `exclusive: false`.
 */
export type PlanErrorCode =
  | "METHOD_NOT_FOUND"
  | "METHOD_NOT_OBSERVED"
  | "DUPLICATE_METHOD"
  | "METHOD_KEY_MISMATCH"
  | "REMOVAL_CONFLICT"
  | "NO_INTEGRATION"
  | "UNDECLARED_HEADER"
  | "DUPLICATE_DEFAULT";

/** Why a method cannot be planned. `code` is stable; the message names the method and the rule. */
export class PlanError extends Error {
  override readonly name = "PlanError";
  /** Stable, machine-readable cause. */
  readonly code: PlanErrorCode;
  /** The method concerned. */
  readonly key: MethodKey;
  /** The status code concerned, when there is one. */
  readonly statusCode?: string;

  /** @param code stable cause; @param key the method; @param detail what is wrong; @param statusCode the status code concerned. */
  constructor(code: PlanErrorCode, key: MethodKey, detail: string, statusCode?: string) {
    super(`${code}: ${describeMethod(key)}: ${detail}`);
    this.code = code;
    this.key = key;
    if (statusCode !== undefined) this.statusCode = statusCode;
  }
}

/** Escape a JSON Pointer segment: `~` → `~0`, `/` → `~1` (RFC 6901, AWS-21). */
export function escapePathSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Patch path of a method response parameter: keys are NOT escaped (AWS-21). */
export function parameterPatchPath(key: string): string {
  return `/responseParameters/${key}`;
}

/** Patch path of a method response model: the content type is escaped (AWS-21). */
export function modelPatchPath(contentType: string): string {
  return `/responseModels/${escapePathSegment(contentType)}`;
}

/** A method response parameter value as a patch sends it (AWS-24). */
function requiredString(v: boolean): string {
  return v ? "true" : "false";
}

/** Same method? */
function sameKey(a: MethodKey, b: MethodKey): boolean {
  return a.restApiId === b.restApiId && a.resourceId === b.resourceId && a.httpMethod === b.httpMethod;
}

/** Flatten a method response into `field → value` rows for {@link FieldChange}s. */
function flattenMethodResponse(mr: NormalizedMethodResponse | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (mr === undefined) return out;
  for (const [k, v] of Object.entries(mr.responseParameters)) out.set(`responseParameters.${k}`, v);
  for (const [k, v] of Object.entries(mr.responseModels)) out.set(`responseModels.${k}`, v);
  return out;
}

/** Flatten an integration response into `field → value` rows for {@link FieldChange}s. */
function flattenIntegrationResponse(ir: NormalizedIntegrationResponse | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (ir === undefined) return out;
  out.set("selectionPattern", ir.selectionPattern);
  if (ir.contentHandling !== undefined) out.set("contentHandling", ir.contentHandling);
  for (const [k, v] of Object.entries(ir.responseParameters)) out.set(`responseParameters.${k}`, v);
  for (const [k, v] of Object.entries(ir.responseTemplates)) out.set(`responseTemplates.${k}`, v);
  return out;
}

/** Field-level differences between two flattened values, sorted by field. */
function diffFields(live: Map<string, unknown>, desired: Map<string, unknown>): FieldChange[] {
  const fields = [...new Set([...live.keys(), ...desired.keys()])].sort(compareKeys);
  const out: FieldChange[] = [];
  for (const field of fields) {
    const l = live.get(field);
    const d = desired.get(field);
    if (l === d) continue;
    const c: { field: string; live?: unknown; desired?: unknown } = { field };
    if (l !== undefined) c.live = l;
    if (d !== undefined) c.desired = d;
    out.push(c);
  }
  return out;
}

/** Changes of a method response from `live` to `desired` (either may be absent). */
export function methodResponseChanges(
  live: NormalizedMethodResponse | undefined,
  desired: NormalizedMethodResponse | undefined,
): FieldChange[] {
  return diffFields(flattenMethodResponse(live), flattenMethodResponse(desired));
}

/** Changes of an integration response from `live` to `desired` (either may be absent). */
export function integrationResponseChanges(
  live: NormalizedIntegrationResponse | undefined,
  desired: NormalizedIntegrationResponse | undefined,
): FieldChange[] {
  return diffFields(flattenIntegrationResponse(live), flattenIntegrationResponse(desired));
}

/** The patches of one method response, split by kind. */
export interface MethodResponsePatch {
  /** `add` and `replace` operations, sorted by path. */
  readonly upserts: readonly PatchOperation[];
  /** `remove` operations, sorted by path. */
  readonly removes: readonly PatchOperation[];
  /** Parameter keys removed (`method.response.header.X`). */
  readonly removedParameters: readonly string[];
}

/**
 * The patches that turn the LIVE method response into the desired one (AWS-21,
 * AWS-22, AWS-24): `add` for keys absent live, `replace` for changed values, `remove`
 * for live keys not desired.
 */
export function methodResponsePatch(live: NormalizedMethodResponse, desired: NormalizedMethodResponse): MethodResponsePatch {
  const upserts: PatchOperation[] = [];
  const removes: PatchOperation[] = [];
  const removedParameters: string[] = [];
  const params = (m: NormalizedMethodResponse) => m.responseParameters;
  for (const k of Object.keys(params(desired))) {
    const d = params(desired)[k] as boolean;
    if (!Object.prototype.hasOwnProperty.call(params(live), k)) {
      upserts.push({ op: "add", path: parameterPatchPath(k), value: requiredString(d) });
    } else if (params(live)[k] !== d) {
      upserts.push({ op: "replace", path: parameterPatchPath(k), value: requiredString(d) });
    }
  }
  for (const k of Object.keys(params(live))) {
    if (!Object.prototype.hasOwnProperty.call(params(desired), k)) {
      removes.push({ op: "remove", path: parameterPatchPath(k) });
      removedParameters.push(k);
    }
  }
  for (const k of Object.keys(desired.responseModels)) {
    const d = desired.responseModels[k] as string;
    if (!Object.prototype.hasOwnProperty.call(live.responseModels, k)) {
      upserts.push({ op: "add", path: modelPatchPath(k), value: d });
    } else if (live.responseModels[k] !== d) {
      upserts.push({ op: "replace", path: modelPatchPath(k), value: d });
    }
  }
  for (const k of Object.keys(live.responseModels)) {
    if (!Object.prototype.hasOwnProperty.call(desired.responseModels, k)) {
      removes.push({ op: "remove", path: modelPatchPath(k) });
    }
  }
  const byPath = (a: PatchOperation, b: PatchOperation) => compareKeys(a.path, b.path);
  return { upserts: upserts.sort(byPath), removes: removes.sort(byPath), removedParameters: removedParameters.sort(compareKeys) };
}

/** The target of one response kind: a value, or `null` = must not exist. */
type Target<T> = T | null;

/** Does `refs` name this code and kind? */
function names(refs: readonly Removal[] | undefined, code: string, kind: ResponseKind): boolean {
  return (refs ?? []).some((r) => r.statusCode === code && (r.kind === undefined || r.kind === kind));
}

/** Has `removals` a removal of this code and kind? */
function isRemoved(desired: DesiredMethod, code: string, kind: ResponseKind): boolean {
  return names(desired.removals, code, kind);
}

/** The target of one kind at one code (see the module TSDoc). */
function targetOf<T>(
  desired: DesiredMethod,
  code: string,
  kind: ResponseKind,
  wanted: T | undefined,
  live: T | undefined,
): Target<T> {
  if (wanted !== undefined) {
    if (isRemoved(desired, code, kind)) {
      throw new PlanError("REMOVAL_CONFLICT", desired.key, `status code ${code}: the ${kind} is both desired and listed in removals`, code);
    }
    return wanted;
  }
  if (isRemoved(desired, code, kind)) return null;
  if (desired.exclusive && !names(desired.keep, code, kind)) return null;
  return live === undefined ? null : live;
}

/**
 * The state the plan reaches: for each status code, the responses that exist
 * afterwards (see the module TSDoc, "Target state"). Pure; does not check AWS rules.
 */
export function targetState(desired: DesiredMethod, live: NormalizedResponses): NormalizedResponses {
  const want = normalizeResponses(desired.responses);
  const codes = [...new Set([...Object.keys(want), ...Object.keys(live)])].sort(compareKeys);
  const out: Record<string, NormalizedResponse> = {};
  for (const code of codes) {
    const mr = targetOf(desired, code, "methodResponse", want[code]?.methodResponse, live[code]?.methodResponse);
    const ir = targetOf(desired, code, "integrationResponse", want[code]?.integrationResponse, live[code]?.integrationResponse);
    const r: { methodResponse?: NormalizedMethodResponse; integrationResponse?: NormalizedIntegrationResponse } = {};
    if (ir !== null) r.integrationResponse = ir;
    if (mr !== null) r.methodResponse = mr;
    if (mr !== null || ir !== null) out[code] = r;
  }
  return out;
}

/** Throw a {@link PlanError} when the target state breaks an AWS rule (AWS-4, AWS-5, AWS-6). */
function checkTarget(key: MethodKey, target: NormalizedResponses): void {
  const defaults: string[] = [];
  for (const [code, r] of Object.entries(target)) {
    const ir = r.integrationResponse;
    if (ir === undefined) continue;
    if (ir.selectionPattern === "") defaults.push(code);
    for (const header of Object.keys(ir.responseParameters)) {
      if (r.methodResponse === undefined) {
        throw new PlanError(
          "UNDECLARED_HEADER",
          key,
          `status code ${code}: the integration response maps ${header} but no method response of that code would exist (AWS-4)`,
          code,
        );
      }
      if (!Object.prototype.hasOwnProperty.call(r.methodResponse.responseParameters, header)) {
        throw new PlanError(
          "UNDECLARED_HEADER",
          key,
          `status code ${code}: the integration response maps ${header} but the method response would not declare it (AWS-5)`,
          code,
        );
      }
    }
  }
  if (defaults.length > 1) {
    throw new PlanError(
      "DUPLICATE_DEFAULT",
      key,
      `status codes ${defaults.join(", ")} would all be the default integration response (selectionPattern absent or ""); at most one is allowed (AWS-6)`,
      defaults[1],
    );
  }
}

/**
 * Plan one method. Pure. See the module TSDoc for the target state, the ordering of
 * the five phases and the patch rules. Returns an empty `operations` list when the
 * method is in sync.
 *
 * @throws {@link PlanError} `METHOD_NOT_FOUND` when `observed.exists` is false,
 *   `METHOD_KEY_MISMATCH`, `REMOVAL_CONFLICT`, `NO_INTEGRATION`, `UNDECLARED_HEADER`, `DUPLICATE_DEFAULT`.
 */
export function planMethod(desired: DesiredMethod, observed: ObservedMethod): MethodPlan {
  const key = desired.key;
  if (!sameKey(key, observed.key)) {
    throw new PlanError("METHOD_KEY_MISMATCH", key, `observed state is of another method: ${describeMethod(observed.key)}`);
  }
  if (!observed.exists) {
    throw new PlanError("METHOD_NOT_FOUND", key, "the method does not exist; create the method (and its integration) first (AWS-8)");
  }
  const live = normalizeResponses(observed.responses);
  const target = targetState(desired, live);
  checkTarget(key, target);

  const deleteIrs: Operation[] = [];
  const phase2: Operation[] = [];
  const putIrs: { op: Operation; isDefault: boolean }[] = [];
  const phase4: Operation[] = [];
  const deleteMrs: Operation[] = [];

  const codes = [...new Set([...Object.keys(live), ...Object.keys(target)])].sort(compareKeys);
  for (const statusCode of codes) {
    const liveMr = live[statusCode]?.methodResponse;
    const liveIr = live[statusCode]?.integrationResponse;
    const wantMr = target[statusCode]?.methodResponse;
    const wantIr = target[statusCode]?.integrationResponse;

    // Integration response: phases 1 and 3.
    if (liveIr !== undefined && wantIr === undefined) {
      deleteIrs.push({ kind: "DeleteIntegrationResponse", key, statusCode, changes: integrationResponseChanges(liveIr, undefined) });
    } else if (wantIr !== undefined && (liveIr === undefined || !normalizedEqual(liveIr, wantIr))) {
      if (observed.integrationType === undefined) {
        throw new PlanError(
          "NO_INTEGRATION",
          key,
          `status code ${statusCode}: an integration response is wanted but the method has no integration (AWS-8)`,
          statusCode,
        );
      }
      const op: Operation = {
        kind: "PutIntegrationResponse",
        key,
        statusCode,
        integrationResponse: wantIr,
        changes: integrationResponseChanges(liveIr, wantIr),
        overwrites: liveIr !== undefined,
      };
      putIrs.push({ op, isDefault: wantIr.selectionPattern === "" });
    }

    // Method response: phases 2, 4 and 5.
    if (liveMr !== undefined && wantMr === undefined) {
      deleteMrs.push({ kind: "DeleteMethodResponse", key, statusCode, changes: methodResponseChanges(liveMr, undefined) });
    } else if (wantMr !== undefined && liveMr === undefined) {
      phase2.push({ kind: "PutMethodResponse", key, statusCode, methodResponse: wantMr, changes: methodResponseChanges(undefined, wantMr) });
    } else if (wantMr !== undefined && liveMr !== undefined) {
      const patch = methodResponsePatch(liveMr, wantMr);
      if (patch.upserts.length === 0 && patch.removes.length === 0) continue;
      // The integration response as it stands between phases 1 and 3.
      const irDuringPhase2 = wantIr === undefined ? undefined : liveIr;
      const removalsSafe = patch.removedParameters.every(
        (h) => irDuringPhase2 === undefined || !Object.prototype.hasOwnProperty.call(irDuringPhase2.responseParameters, h),
      );
      const changes = methodResponseChanges(liveMr, wantMr);
      if (patch.upserts.length > 0 && removalsSafe) {
        phase2.push({ kind: "UpdateMethodResponse", key, statusCode, patch: [...patch.upserts, ...patch.removes], changes });
      } else {
        const upsertFields = new Set(patch.upserts.map((p) => patchPathField(p.path)));
        if (patch.upserts.length > 0) {
          phase2.push({
            kind: "UpdateMethodResponse",
            key,
            statusCode,
            patch: patch.upserts,
            changes: changes.filter((c) => upsertFields.has(c.field)),
          });
        }
        phase4.push({
          kind: "UpdateMethodResponse",
          key,
          statusCode,
          patch: patch.removes,
          changes: changes.filter((c) => !upsertFields.has(c.field)),
        });
      }
    }
  }

  // Phase 3: non-default selection patterns first, then the default (AWS-6); stable by code otherwise.
  const phase3 = [...putIrs.filter((p) => !p.isDefault), ...putIrs.filter((p) => p.isDefault)].map((p) => p.op);
  const operations = [...deleteIrs, ...phase2, ...phase3, ...phase4, ...deleteMrs];
  return desired.path === undefined ? { key, operations } : { key, path: desired.path, operations };
}

/**
 * The {@link FieldChange} field of a method response patch path (inverse of the AWS-21
 * escaping): `/responseModels/application~1json` → `responseModels.application/json`,
 * `/responseParameters/method.response.header.X` → `responseParameters.method.response.header.X`.
 */
export function patchPathField(path: string): string {
  if (path.startsWith("/responseParameters/")) return `responseParameters.${path.slice("/responseParameters/".length)}`;
  const model = path.slice("/responseModels/".length).replace(/~1/g, "/").replace(/~0/g, "~");
  return `responseModels.${model}`;
}

/**
 * Plan many methods: one {@link MethodPlan} per desired method, in input order.
 * Observed methods are matched by key; extra observed methods are ignored.
 *
 * @throws {@link PlanError} `DUPLICATE_METHOD`, `METHOD_NOT_OBSERVED`, and whatever {@link planMethod} throws.
 */
export function plan(desired: readonly DesiredMethod[], observed: readonly ObservedMethod[]): Plan {
  const byKey = new Map<string, ObservedMethod>();
  for (const o of observed) byKey.set(methodId(o.key), o);
  const seen = new Map<string, number>();
  const methods: MethodPlan[] = [];
  for (const [i, d] of desired.entries()) {
    const k = methodId(d.key);
    const first = seen.get(k);
    if (first !== undefined) {
      const how = (x: DesiredMethod) => (x.path !== undefined ? `path ${x.path}` : `resource id ${x.key.resourceId}`);
      throw new PlanError(
        "DUPLICATE_METHOD",
        d.key,
        `the method is desired more than once in one plan: methods[${first}] (${how(desired[first]!)}) and methods[${i}] (${how(d)}) name it; merge them`,
      );
    }
    seen.set(k, i);
    const o = byKey.get(k);
    if (o === undefined) throw new PlanError("METHOD_NOT_OBSERVED", d.key, "no observed state was given for this method");
    methods.push(planMethod(d, o));
  }
  return { methods };
}

/** True when no method of the plan has an operation (the live state equals the desired one). */
export function isInSync(p: Plan): boolean {
  return p.methods.every((m) => m.operations.length === 0);
}

/** The number of operations (mutating calls) in the plan. */
export function countOperations(p: Plan): number {
  return p.methods.reduce((n, m) => n + m.operations.length, 0);
}

/** The number of operations of each kind in the plan (every kind present, zero when unused). */
export function countOperationsByKind(p: Plan): Record<OperationKind, number> {
  const out: Record<OperationKind, number> = {
    PutMethodResponse: 0,
    UpdateMethodResponse: 0,
    DeleteMethodResponse: 0,
    PutIntegrationResponse: 0,
    DeleteIntegrationResponse: 0,
  };
  for (const m of p.methods) for (const op of m.operations) out[op.kind] += 1;
  return out;
}
