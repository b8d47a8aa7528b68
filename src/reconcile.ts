/**
 * Reconcile = validate → resolve paths → observe → plan → apply → observe again
 * and verify that the plan is now empty (Kubernetes controller-runtime: level
 * based, every pass re-reads the live state). Used by both front ends.
 *
 * Validation happens once on every road, before any AWS call: {@link reconcile} and
 * {@link planSpecs} (the library) validate their specs; {@link convergeDesiredState} and
 * {@link planDesiredState} take inputs already validated ({@link DesiredInput}: the
 * command line validates its spec file when it loads it, the Pulumi resources their
 * inputs in `check` and again at the start of each create and update). Path resolution and the first observe
 * share one `GetResources` read per REST API. A no-op (the plan is empty) makes
 * no write and no second read: the first read was the verification. With run
 * snapshots (the provider's runtime), "observe again" is answered by what the writes
 * answered (AWS-70), so a converge costs its writes and the process's shared reads.
 */
import { applyPlan, ApplyError, isHardLimit, isStateDependent, type ApplyEvents } from "./apply";
import { ApiGatewayError } from "./aws/errors";
import type { DesiredGatewayResponses, GatewayResponseOperation, ObservedGatewayResponses } from "./gateway-responses";
import { observeGatewayResponses } from "./observe/gateway-responses";
import { planGatewayResponses } from "./plan/gateway-responses";
import { newCounters, type CallCounters } from "./aws/connection";
import { createRuntime, type Runtime, type RuntimeOptions } from "./runtime";
import type { ApplyReport, DesiredMethod, Operation, Plan } from "./model";
import { describeMethod, methodId } from "./model";
import { newReadSession, observeMethods, resolvePaths, type ReadSession } from "./observe";
import { restApiAbsence, type ObservedMethodWithEvidence } from "./observe/reads";
import { isInSync, plan as planMethods } from "./plan";
import { ConvergenceError, type NonConvergenceCause } from "./reconcile/convergence";
import { toDesiredGatewayResponses, toDesiredMethod, validatedInputs, type DesiredInput, type ReconcileInput } from "./reconcile/inputs";
import { ValidationError, type ValidateOptions } from "./validate";

/** Re-exported from `runtime.ts`: a runtime on the shared client, bucket and write queues of its configuration. */
export { createRuntime };
/** Re-exported from `runtime.ts`. */
export type { Runtime, RuntimeOptions };
/** Re-exported from `validate.ts`: the specs are invalid (thrown before any AWS call, with every failure). */
export { ValidationError };
/** Re-exported from `reconcile/convergence.ts`. */
export { ConvergenceError };
export type { NonConvergenceCause };
/** Re-exported from `reconcile/inputs.ts`: the inputs of the pipeline. */
export { toDesiredGatewayResponses, toDesiredMethod };
export type { DesiredInput, ReconcileInput };

/** Passes of apply-then-verify before {@link reconcile} gives up (the first included). */
export const DEFAULT_MAX_PASSES = 3;

/** Progress of {@link reconcile}: the apply events of every pass, and the start of each pass. */
export interface ReconcileEvents extends ApplyEvents {
  /**
   * A pass of apply starts with this plan (pass 1: the first plan; later:
   * re-planned from a fresh read). The run waits for a returned promise.
   */
  passStarted?(pass: number, plan: Plan): void | Promise<void>;
}

/** Options of {@link reconcile} and {@link planSpecs}. */
export interface ReconcileOptions {
  /** Passed to validation (`MethodSpec` input only). */
  readonly validate?: ValidateOptions;
  /** Observe again after apply and throw {@link ConvergenceError} if the plan is not empty. Default true. */
  readonly verify?: boolean;
  /**
   * Passes of apply → observe → plan before giving up (level-based across writers:
   * when the live state moved under the run, it is read again and re-planned).
   * Default {@link DEFAULT_MAX_PASSES}; 1 = no re-plan. Without `verify`, always 1.
   */
  readonly maxPasses?: number;
  /** Progress events (the command line's progress lines). */
  readonly events?: ReconcileEvents;
  /**
   * Reads already made for this run (a Pulumi resource's path resolution): path
   * resolution and the first observe use them instead of reading again.
   */
  readonly session?: ReadSession;
}

/** The result of {@link reconcile}. */
export interface ReconcileResult {
  /** The plan that was applied (empty when everything was in sync). */
  readonly plan: Plan;
  /** What was done: operations, calls (reads included), retries by cause, adopted objects, duration. */
  readonly report: ApplyReport;
  /** The live state after the run (the first observation when nothing was applied). */
  readonly observed: readonly ObservedMethodWithEvidence[];
  /** The desired methods (paths resolved, responses normalized). */
  readonly desired: readonly DesiredMethod[];
  /** The desired gateway responses, one entry per REST API (empty when none were given). */
  readonly desiredGatewayResponses: readonly DesiredGatewayResponses[];
  /** The gateway responses after the run (the first observation when nothing was applied), same order. */
  readonly observedGatewayResponses: readonly ObservedGatewayResponses[];
}

/** The result of {@link planSpecs}. */
export interface SpecPlan {
  readonly plan: Plan;
  readonly desired: readonly DesiredMethod[];
  readonly observed: readonly ObservedMethodWithEvidence[];
  /** The desired gateway responses, one entry per REST API (empty when none were given). */
  readonly desiredGatewayResponses: readonly DesiredGatewayResponses[];
  /** Their live state, same order. */
  readonly observedGatewayResponses: readonly ObservedGatewayResponses[];
  /** Reads made. */
  readonly counters: CallCounters;
}

/**
 * The desired methods of validated inputs: paths resolved (one `GetResources` read per
 * REST API, kept in `session` for the first observe), specs normalized. No validation:
 * the inputs passed it.
 */
async function resolveDesiredMethods(runtime: Runtime, all: readonly DesiredInput[], session: ReadSession, counters: CallCounters): Promise<DesiredMethod[]> {
  const inputs = all.filter((x): x is Exclude<DesiredInput, { gatewayResponses: unknown }> => !("gatewayResponses" in x));
  const pathsByApi = new Map<string, Set<string>>();
  for (const x of inputs) {
    if (!("spec" in x) || x.spec.resourceId !== undefined || x.spec.path === undefined) continue;
    let s = pathsByApi.get(x.spec.restApiId);
    if (!s) pathsByApi.set(x.spec.restApiId, (s = new Set()));
    s.add(x.spec.path);
  }
  const resolved = new Map<string, Record<string, string>>();
  await Promise.all(
    [...pathsByApi].map(async ([api, paths]) => resolved.set(api, await resolvePaths(runtime, api, [...paths], { session, counters }))),
  );
  return inputs.map((x) => ("desired" in x ? x.desired : toDesiredMethod(x.spec, x.spec.resourceId ?? resolved.get(x.spec.restApiId)?.[x.spec.path!])));
}

/** Desired methods that do not exist live and have responses to create. */
function missingMethods(desired: readonly DesiredMethod[], observed: readonly ObservedMethodWithEvidence[]) {
  return desired.map((d, i) => ({ d, o: observed[i]! })).filter(({ d, o }) => !o.exists && Object.keys(d.responses).length > 0);
}

/**
 * When methods with responses to create are missing, is their REST API missing?
 * `GetMethod` says "Invalid Method identifier specified" for a missing method,
 * resource or REST API alike (AWS-8), so one `GetRestApi` per REST API tells the
 * REST API apart, on this error path only.
 *
 * @throws {ApiGatewayError} `REST_API_NOT_FOUND` with the request id of `GetRestApi`
 */
async function checkRestApis(runtime: Runtime, desired: readonly DesiredMethod[], observed: readonly ObservedMethodWithEvidence[], counters: CallCounters): Promise<void> {
  const missing = missingMethods(desired, observed);
  for (const restApiId of new Set(missing.map(({ d }) => d.key.restApiId))) {
    const absence = await restApiAbsence(runtime, restApiId, counters);
    if (!absence) continue;
    const methods = missing.filter(({ d }) => d.key.restApiId === restApiId).map(({ d }) => d);
    const named = methods.slice(0, 5).map((d) => describeMethod(d.key, d.path)).join("; ") + (methods.length > 5 ? ` and ${methods.length - 5} more` : "");
    throw new ApiGatewayError({
      code: "REST_API_NOT_FOUND",
      classification: "not-found",
      operation: "GetRestApi",
      method: methods[0]!.key,
      requestId: absence.requestId,
      message:
        `REST_API_NOT_FOUND: REST API ${restApiId} does not exist in this account and region (check restApiId and the region), so ${named} cannot be read or written. ` +
        `GetRestApi said: ${absence.message} (request id ${absence.requestId ?? "none"})`,
    });
  }
}

/**
 * Desired methods whose method does not exist: a method with nothing to create
 * (only removals, e.g. a deleted resource) has reached its goal; any other is a
 * terminal `METHOD_NOT_FOUND` error, with the request id of the read that said so.
 */
function checkExistence(desired: readonly DesiredMethod[], observed: readonly ObservedMethodWithEvidence[]): void {
  const missing = missingMethods(desired, observed);
  if (missing.length === 0) return;
  const { d, o } = missing[0]!;
  const others = missing.length > 1 ? ` (and ${missing.length - 1} other missing method(s): ${missing.slice(1, 6).map((m) => describeMethod(m.d.key, m.d.path)).join("; ")})` : "";
  throw new ApiGatewayError({
    code: "METHOD_NOT_FOUND",
    classification: "not-found",
    operation: o.absence?.operation ?? "GetMethod",
    method: d.key,
    requestId: o.absence?.requestId,
    message:
      `METHOD_NOT_FOUND: ${describeMethod(d.key, d.path)} does not exist; create the method and its integration first (AWS-8). ` +
      `${o.absence?.operation ?? "GetMethod"} said: ${o.absence?.message ?? "not found"} (request id ${o.absence?.requestId ?? "none"})${others}`,
  });
}

/** What a plan is made from: the desired and observed methods and gateway responses. */
interface Sides {
  readonly desired: readonly DesiredMethod[];
  readonly observed: readonly ObservedMethodWithEvidence[];
  readonly desiredGatewayResponses: readonly DesiredGatewayResponses[];
  readonly observedGatewayResponses: readonly ObservedGatewayResponses[];
}

/** Plan, treating a missing method with nothing to create as in sync; gateway responses planned per REST API. */
function planObserved(s: Sides): Plan {
  checkExistence(s.desired, s.observed);
  // Only methods with nothing to create are missing here: plan them against an empty live state.
  const live = s.observed.map((o) => (o.exists ? o : { key: o.key, exists: true, responses: {} }));
  const p = planMethods(s.desired, live);
  // A method that does not exist and has nothing to create: nothing to delete either.
  const methods = p.methods.map((m, i) => (s.observed[i]!.exists ? m : { ...m, operations: [] }));
  if (s.desiredGatewayResponses.length === 0) return { methods };
  return { methods, gatewayResponses: s.desiredGatewayResponses.map((d, i) => planGatewayResponses(d, s.observedGatewayResponses[i]!)) };
}

/** The desired gateway responses among the inputs; one entry per REST API. */
function desiredGatewayResponsesOf(inputs: readonly DesiredInput[]): DesiredGatewayResponses[] {
  const out = inputs.flatMap((x) => ("gatewayResponses" in x ? [x.gatewayResponses] : []));
  const seen = new Set<string>();
  for (const d of out) {
    if (seen.has(d.restApiId)) throw new TypeError(`the gateway responses of rest api ${d.restApiId} are desired more than once in one run; merge them`);
    seen.add(d.restApiId);
  }
  return out;
}

/** Observe the desired methods and gateway responses (in parallel; one `GetGatewayResponses` per REST API, AWS-32). */
async function observeSides(runtime: Runtime, desired: readonly DesiredMethod[], desiredGatewayResponses: readonly DesiredGatewayResponses[], options: { session?: ReadSession; counters: CallCounters }): Promise<Sides> {
  const [observed, observedGatewayResponses] = await Promise.all([
    observeMethods(
      runtime,
      desired.map((d) => d.key),
      options,
    ),
    Promise.all(desiredGatewayResponses.map((d) => observeGatewayResponses(runtime, d.restApiId, options.counters))),
  ]);
  return { desired, observed, desiredGatewayResponses, observedGatewayResponses };
}

/**
 * Validate, resolve paths, observe and plan — no writes. For previews and the library.
 *
 * @throws {ValidationError} before any AWS call when a spec is invalid
 * @throws {PathNotFoundError} when a path does not exist
 * @throws {ApiGatewayError} `METHOD_NOT_FOUND` when a method with responses to create does not exist
 * @throws {PlanError} when the desired state cannot be reached (see `plan.ts`)
 */
export async function planSpecs(runtime: Runtime, specs: readonly ReconcileInput[], options: ReconcileOptions = {}): Promise<SpecPlan> {
  return planDesiredState(runtime, validatedInputs(specs, options.validate), options);
}

/**
 * {@link planSpecs} of inputs already validated (the command line's `plan`, `drift` and
 * `apply --dry-run`, whose spec file was validated when it was loaded): resolve paths,
 * observe and plan — no writes, no second validation.
 */
export async function planDesiredState(runtime: Runtime, inputs: readonly DesiredInput[], options: ReconcileOptions = {}): Promise<SpecPlan> {
  const counters = newCounters();
  const session = options.session ?? newReadSession();
  const desiredGatewayResponses = desiredGatewayResponsesOf(inputs);
  const desired = await resolveDesiredMethods(runtime, inputs, session, counters);
  const sides = await observeSides(runtime, desired, desiredGatewayResponses, { session, counters });
  await checkRestApis(runtime, desired, sides.observed, counters);
  return { plan: planObserved(sides), ...sides, counters };
}

/** A canonical text of an operation: what it would change, from which live values. */
const operationText = (op: Operation): string => JSON.stringify([op.kind, op.statusCode, op.changes]);

/** A canonical text of a gateway-response operation. */
const gatewayOperationText = (op: GatewayResponseOperation): string => JSON.stringify([op.kind, op.responseType, op.changes]);

/** The key of a REST API's gateway responses among {@link operationsByTarget}'s method ids. */
const gatewayTargetId = (restApiId: string): string => JSON.stringify(["gateway responses", restApiId]);

/** The operations of each target of a plan (method, or a REST API's gateway responses), as canonical texts. */
function operationsByTarget(p: Plan): Map<string, string[]> {
  return new Map([
    ...p.methods.map((m): [string, string[]] => [methodId(m.key), m.operations.map(operationText)]),
    ...(p.gatewayResponses ?? []).map((g): [string, string[]] => [gatewayTargetId(g.restApiId), g.operations.map(gatewayOperationText)]),
  ]);
}

/**
 * Did the live state of the failed methods move under the run, in ways the run
 * did not write? True when a failed method's fresh plan is not what remained of
 * its planned operations (those not done): a write that fails on an unchanged
 * state fails the same way again, and is not retried by another pass.
 */
function failedMethodsMoved(failed: ApplyError, applied: Plan, again: Plan): boolean {
  const done = new Set([...failed.report.operations.map(operationText), ...(failed.report.gatewayResponseOperations ?? []).map(gatewayOperationText)]);
  const before = operationsByTarget(applied);
  const after = operationsByTarget(again);
  const ids = [...failed.failures.map((f) => methodId(f.method.key)), ...failed.gatewayFailures.map((f) => gatewayTargetId(f.operation.restApiId))];
  return ids.some((id) => {
    const expected = (before.get(id) ?? []).filter((t) => !done.has(t));
    return JSON.stringify(expected) !== JSON.stringify(after.get(id) ?? []);
  });
}

/**
 * May a failure of this apply depend on a state another pass would read afresh? Only a
 * method's write can (`isStateDependent`): a gateway-response put is a whole overwrite
 * (AWS-35) and a reset that finds nothing succeeds (AWS-44), so theirs fail the same way again.
 */
const dependsOnState = (failed: ApplyError): boolean => failed.failures.some((f) => isStateDependent(f.error));

/**
 * Converge the live responses of the given methods to the desired ones:
 * validate (before any AWS call), resolve paths, observe, plan, then apply and
 * observe again until the plan is empty. Level-based across writers: when the
 * state read after a pass still differs (another writer moved it, or a write
 * failed on a state that has since moved), the run re-plans from that read, up
 * to `maxPasses` passes; a write that fails on a state nobody moved is not retried.
 *
 * @returns the first plan, the report (calls of the whole run, reads included), the final observed state
 * @throws {ValidationError} before any AWS call when a spec is invalid
 * @throws {PathNotFoundError} when a path does not exist
 * @throws {ApiGatewayError} `METHOD_NOT_FOUND` (fails fast, with the request id) when a method does not exist
 * @throws {ApplyError} when writes failed (typed errors inside; the report covers every pass)
 * @throws {ConvergenceError} when the state after the last pass still differs (with the probable cause)
 */
export async function reconcile(runtime: Runtime, specs: readonly ReconcileInput[], options: ReconcileOptions = {}): Promise<ReconcileResult> {
  return convergeDesiredState(runtime, validatedInputs(specs, options.validate), options);
}

/**
 * {@link reconcile} of inputs already validated (the command line's `apply`, whose spec
 * file was validated when it was loaded; the Pulumi resources, whose inputs are validated
 * at the start of each create and update): no second validation.
 */
export async function convergeDesiredState(runtime: Runtime, inputs: readonly DesiredInput[], options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const started = Date.now();
  const first = await planDesiredState(runtime, inputs, options);
  const { counters, desired } = first;
  const verify = options.verify ?? true;
  const maxPasses = verify ? Math.max(1, Math.floor(options.maxPasses ?? DEFAULT_MAX_PASSES)) : 1;
  const operations: Operation[] = [];
  const gatewayOperations: GatewayResponseOperation[] = [];
  const adopted: ApplyReport["adopted"][number][] = [];
  const report = (): ApplyReport => ({
    operations: [...operations],
    calls: { ...counters.calls },
    retries: { ...counters.retries },
    adopted: [...adopted],
    durationMs: Date.now() - started,
    ...(first.desiredGatewayResponses.length > 0 ? { gatewayResponseOperations: [...gatewayOperations] } : {}),
  });
  let sides: Sides = first;
  let current = first.plan;
  let moved = false;
  for (let pass = 1; !isInSync(current); pass++) {
    await options.events?.passStarted?.(pass, current);
    let failed: ApplyError | undefined;
    try {
      const applied = await applyPlan(runtime, current, { counters, ...(options.events ? { events: options.events } : {}) });
      operations.push(...applied.operations);
      gatewayOperations.push(...(applied.gatewayResponseOperations ?? []));
      adopted.push(...applied.adopted);
    } catch (e) {
      if (!(e instanceof ApplyError)) throw e;
      operations.push(...e.report.operations);
      gatewayOperations.push(...(e.report.gatewayResponseOperations ?? []));
      adopted.push(...e.report.adopted);
      failed = e;
    }
    // Another writer is the probable cause when the state was seen to move, or when a write
    // that depends on the state failed again on a fresh plan.
    const failure = () =>
      new ApplyError(failed!.failures, report(), failed!.methodCount, pass, moved || (pass > 1 && dependsOnState(failed!)), failed!.gatewayFailures);
    // A hard limit (AWS-63) does not lift with another pass.
    if (failed?.errors.some(isHardLimit)) throw failure();
    if (!verify) {
      if (failed) throw failure();
      break;
    }
    sides = await observeSides(runtime, desired, first.desiredGatewayResponses, { counters });
    const again = planObserved(sides);
    // Level-based: the goal is reached, whoever wrote the last piece.
    if (isInSync(again)) break;
    // Another pass when the state visibly moved, or when a failure depends on the state
    // (it may have moved and moved back between the failure and this read).
    const movedNow = failed ? failedMethodsMoved(failed, current, again) : JSON.stringify([...operationsByTarget(again)]) !== JSON.stringify([...operationsByTarget(current)]);
    moved ||= movedNow;
    if (failed && (pass >= maxPasses || !(movedNow || dependsOnState(failed)))) throw failure();
    if (pass >= maxPasses) {
      const why: NonConvergenceCause = maxPasses === 1 ? "single-pass" : movedNow ? "moved" : "not-sticking";
      throw new ConvergenceError(again, report(), pass, why);
    }
    current = again;
  }
  return { plan: first.plan, desired, observed: sides.observed, desiredGatewayResponses: sides.desiredGatewayResponses, observedGatewayResponses: sides.observedGatewayResponses, report: report() };
}
