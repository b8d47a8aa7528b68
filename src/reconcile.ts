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
 * no write and no second read: the first read was the verification.
 */
import { applyPlan, ApplyError, isHardLimit, isStateDependent, type ApplyEvents } from "./apply";
import { ApiGatewayError } from "./aws/errors";
import { newCounters, type CallCounters } from "./aws/connection";
import { createRuntime, type Runtime, type RuntimeOptions } from "./runtime";
import type { ApplyReport, DesiredMethod, Operation, Plan } from "./model";
import { describeMethod, methodId } from "./model";
import { newReadSession, observeMethods, resolvePaths, type ReadSession } from "./observe";
import { restApiAbsence, type ObservedMethodWithEvidence } from "./observe/reads";
import { isInSync, plan as planMethods } from "./plan";
import { toDesiredMethod, validatedInputs, type DesiredInput, type ReconcileInput } from "./reconcile/inputs";
import { ValidationError, type ValidateOptions } from "./validate";

/** Re-exported from `runtime.ts`: a runtime on the shared client, bucket and write queues of its configuration. */
export { createRuntime };
/** Re-exported from `runtime.ts`. */
export type { Runtime, RuntimeOptions };
/** Re-exported from `validate.ts`: the specs are invalid (thrown before any AWS call, with every failure). */
export { ValidationError };
/** Re-exported from `reconcile/inputs.ts`: the inputs of the pipeline. */
export { toDesiredMethod };
export type { DesiredInput, ReconcileInput };

/** The lines listing a plan's operations, method by method (what still differs). */
function remainingLines(remaining: Plan): string[] {
  const lines: string[] = [];
  for (const m of remaining.methods) {
    if (m.operations.length === 0) continue;
    lines.push(`  - ${describeMethod(m.key, m.path)}:`);
    for (const op of m.operations) {
      const fields = op.changes.map((c) => c.field).join(", ");
      lines.push(`      ${op.kind} ${op.statusCode}${fields ? ` (${fields})` : ""}`);
    }
  }
  return lines;
}

/** Why the live state still differs after the last pass, as {@link ConvergenceError.cause} says it. */
export type NonConvergenceCause =
  /** One pass only (`maxPasses: 1`): no second look. */
  | "single-pass"
  /** The live state changed between passes in ways this run did not write: another writer is the probable cause. */
  | "moved"
  /** The same changes were needed again after being applied: the writes did not stick (or another writer reverts them each time). */
  | "not-sticking";

/** After apply (and re-plans, up to `maxPasses`), the live state still differs from the desired one. */
export class ConvergenceError extends Error {
  override readonly name = "ConvergenceError";
  /** Stable code. */
  readonly code = "NOT_CONVERGED" as const;
  /** The plan made from the state observed after the last pass (what is still to do). */
  readonly remaining: Plan;
  /** The report of the whole run (every pass). */
  readonly report: ApplyReport;
  /** How many apply passes were made. */
  readonly passes: number;
  /** Why it probably did not converge. */
  readonly why: NonConvergenceCause;

  constructor(remaining: Plan, report: ApplyReport, passes = 1, why: NonConvergenceCause = "single-pass") {
    const methods = remaining.methods.filter((m) => m.operations.length > 0).length;
    const reason =
      why === "moved"
        ? "; the live state changed between passes: another writer changing these methods at the same time is the probable cause"
        : why === "not-sticking"
          ? "; the same changes were needed again after being applied: the writes did not stick, or another writer reverts them"
          : "";
    super(
      `NOT_CONVERGED: after ${passes} apply pass${passes === 1 ? "" : "es"}, the live state still differs from the desired state in ${methods} method(s)${reason}.` +
        `\n${remainingLines(remaining).join("\n")}`,
    );
    this.remaining = remaining;
    this.report = report;
    this.passes = passes;
    this.why = why;
  }
}

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
}

/** The result of {@link planSpecs}. */
export interface SpecPlan {
  readonly plan: Plan;
  readonly desired: readonly DesiredMethod[];
  readonly observed: readonly ObservedMethodWithEvidence[];
  /** Reads made. */
  readonly counters: CallCounters;
}

/**
 * The desired methods of validated inputs: paths resolved (one `GetResources` read per
 * REST API, kept in `session` for the first observe), specs normalized. No validation:
 * the inputs passed it.
 */
async function resolveDesiredMethods(runtime: Runtime, inputs: readonly DesiredInput[], session: ReadSession, counters: CallCounters): Promise<DesiredMethod[]> {
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

/** Plan, treating a missing method with nothing to create as in sync. */
function planObserved(desired: readonly DesiredMethod[], observed: readonly ObservedMethodWithEvidence[]): Plan {
  checkExistence(desired, observed);
  // Only methods with nothing to create are missing here: plan them against an empty live state.
  const live = observed.map((o) => (o.exists ? o : { key: o.key, exists: true, responses: {} }));
  const p = planMethods(desired, live);
  // A method that does not exist and has nothing to create: nothing to delete either.
  return { methods: p.methods.map((m, i) => (observed[i]!.exists ? m : { ...m, operations: [] })) };
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
  const desired = await resolveDesiredMethods(runtime, inputs, session, counters);
  const observed = await observeMethods(
    runtime,
    desired.map((d) => d.key),
    { session, counters },
  );
  await checkRestApis(runtime, desired, observed, counters);
  return { plan: planObserved(desired, observed), desired, observed, counters };
}

/** A canonical text of an operation: what it would change, from which live values. */
const operationText = (op: Operation): string => JSON.stringify([op.kind, op.statusCode, op.changes]);

/** The operations of each method of a plan, as canonical texts, by method. */
function operationsByMethod(p: Plan): Map<string, string[]> {
  return new Map(p.methods.map((m) => [methodId(m.key), m.operations.map(operationText)]));
}

/**
 * Did the live state of the failed methods move under the run, in ways the run
 * did not write? True when a failed method's fresh plan is not what remained of
 * its planned operations (those not done): a write that fails on an unchanged
 * state fails the same way again, and is not retried by another pass.
 */
function failedMethodsMoved(failed: ApplyError, applied: Plan, again: Plan): boolean {
  const done = new Set(failed.report.operations.map(operationText));
  const before = operationsByMethod(applied);
  const after = operationsByMethod(again);
  return failed.failures.some((f) => {
    const id = methodId(f.method.key);
    const expected = (before.get(id) ?? []).filter((t) => !done.has(t));
    return JSON.stringify(expected) !== JSON.stringify(after.get(id) ?? []);
  });
}

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
  const adopted: ApplyReport["adopted"][number][] = [];
  const report = (): ApplyReport => ({ operations: [...operations], calls: { ...counters.calls }, retries: { ...counters.retries }, adopted: [...adopted], durationMs: Date.now() - started });
  let observed: readonly ObservedMethodWithEvidence[] = first.observed;
  let current = first.plan;
  let moved = false;
  for (let pass = 1; !isInSync(current); pass++) {
    await options.events?.passStarted?.(pass, current);
    let failed: ApplyError | undefined;
    try {
      const applied = await applyPlan(runtime, current, { counters, ...(options.events ? { events: options.events } : {}) });
      operations.push(...applied.operations);
      adopted.push(...applied.adopted);
    } catch (e) {
      if (!(e instanceof ApplyError)) throw e;
      operations.push(...e.report.operations);
      adopted.push(...e.report.adopted);
      failed = e;
    }
    // Another writer is the probable cause when the state was seen to move, or when a write
    // that depends on the state failed again on a fresh plan.
    const failure = () => new ApplyError(failed!.failures, report(), failed!.methodCount, pass, moved || (pass > 1 && failed!.errors.some(isStateDependent)));
    // A hard limit (AWS-63) does not lift with another pass.
    if (failed?.errors.some(isHardLimit)) throw failure();
    if (!verify) {
      if (failed) throw failure();
      break;
    }
    observed = await observeMethods(
      runtime,
      desired.map((d) => d.key),
      { counters },
    );
    const again = planObserved(desired, observed);
    // Level-based: the goal is reached, whoever wrote the last piece.
    if (isInSync(again)) break;
    // Another pass when the state visibly moved, or when a failure depends on the state
    // (it may have moved and moved back between the failure and this read).
    const movedNow = failed ? failedMethodsMoved(failed, current, again) : JSON.stringify([...operationsByMethod(again)]) !== JSON.stringify([...operationsByMethod(current)]);
    moved ||= movedNow;
    if (failed && (pass >= maxPasses || !(movedNow || failed.errors.some(isStateDependent)))) throw failure();
    if (pass >= maxPasses) {
      const why: NonConvergenceCause = maxPasses === 1 ? "single-pass" : movedNow ? "moved" : "not-sticking";
      throw new ConvergenceError(again, report(), pass, why);
    }
    current = again;
  }
  return { plan: first.plan, desired, observed, report: report() };
}
