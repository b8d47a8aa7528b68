/**
 * Reconcile = validate → resolve paths → observe → plan → apply → observe again
 * and verify that the plan is now empty (Kubernetes controller-runtime: level
 * based, every pass re-reads the live state). Used by both front ends.
 *
 * Validation happens before any AWS call. Path resolution and the first observe
 * share one `GetResources` read per REST API. A no-op (the plan is empty) makes
 * no write and no second read: the first read was the verification.
 */
import { applyPlan } from "./apply";
import { ApiGatewayError } from "./aws/errors";
import { addCounters, createRuntime, newCounters, type CallCounters, type Runtime, type RuntimeOptions } from "./aws/runtime";
import type { ApplyReport, DesiredMethod, MethodKey, MethodSpec, Plan, ValidationFailure } from "./model";
import { describeMethod } from "./model";
import { normalizeDesiredResponses } from "./normalize";
import { newReadSession, observeMethods, resolvePaths, type ObservedMethodWithEvidence, type ReadSession } from "./observe";
import { isInSync, plan as planMethods } from "./plan";
import { validateSpecs, type ValidateOptions } from "./validate";

/** Re-exported from `aws/runtime`: a runtime on the shared client, bucket and write queues of its configuration. */
export { createRuntime };
/** Re-exported from `aws/runtime`. */
export type { Runtime, RuntimeOptions };

/** The specs are invalid. Thrown before any AWS call; carries every failure. */
export class ValidationError extends Error {
  override readonly name = "ValidationError";
  /** Stable code. */
  readonly code = "VALIDATION_FAILED" as const;
  /** Every failure, `{ property, reason }`. */
  readonly failures: readonly ValidationFailure[];

  constructor(failures: readonly ValidationFailure[]) {
    super(`VALIDATION_FAILED: ${failures.length} problem(s) in the spec:\n` + failures.map((f) => `  - ${f.property || "(spec)"}: ${f.reason}`).join("\n"));
    this.failures = failures;
  }
}

/** After apply, the live state still differs from the desired one. */
export class ConvergenceError extends Error {
  override readonly name = "ConvergenceError";
  /** Stable code. */
  readonly code = "NOT_CONVERGED" as const;
  /** The plan made from the state observed after apply (what is still to do). */
  readonly remaining: Plan;
  /** The apply report. */
  readonly report: ApplyReport;

  constructor(remaining: Plan, report: ApplyReport) {
    const lines: string[] = [];
    for (const m of remaining.methods) {
      if (m.operations.length === 0) continue;
      lines.push(`  - ${describeMethod(m.key, m.path)}:`);
      for (const op of m.operations) {
        const fields = op.changes.map((c) => c.field).join(", ");
        lines.push(`      ${op.kind} ${op.statusCode}${fields ? ` (${fields})` : ""}`);
      }
    }
    super(`NOT_CONVERGED: after apply, the live state still differs from the desired state:\n${lines.join("\n")}`);
    this.remaining = remaining;
    this.report = report;
  }
}

/** Options of {@link reconcile} and {@link planSpecs}. */
export interface ReconcileOptions {
  /** Passed to validation (`MethodSpec` input only). */
  readonly validate?: ValidateOptions;
  /** Observe again after apply and throw {@link ConvergenceError} if the plan is not empty. Default true. */
  readonly verify?: boolean;
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

/** Either input shape of {@link reconcile}. */
export type ReconcileInput = MethodSpec | DesiredMethod;

function isDesiredMethod(x: ReconcileInput): x is DesiredMethod {
  return typeof x === "object" && x !== null && "key" in x && typeof (x as DesiredMethod).key === "object";
}

/**
 * The desired state of one method from its spec: responses normalized
 * (`normalizeDesiredResponses`), `exclusive` defaulting to true.
 *
 * @param spec the method spec
 * @param resourceId the resource id (required when the spec names a `path`)
 */
export function toDesiredMethod(spec: MethodSpec, resourceId?: string): DesiredMethod {
  const id = resourceId ?? spec.resourceId;
  if (id === undefined) throw new TypeError(`toDesiredMethod: ${spec.httpMethod} ${spec.path ?? "?"} has no resourceId; resolve its path first`);
  const key: MethodKey = { restApiId: spec.restApiId, resourceId: id, httpMethod: spec.httpMethod };
  const base = { key, responses: normalizeDesiredResponses(spec.responses), exclusive: spec.exclusive ?? true };
  return spec.path !== undefined ? { ...base, path: spec.path } : base;
}

/** Validate (before any call), resolve paths (one read per REST API, kept in `session`), and build the desired methods. */
async function desiredOf(
  runtime: Runtime,
  inputs: readonly ReconcileInput[],
  session: ReadSession,
  counters: CallCounters,
  options: ReconcileOptions,
): Promise<DesiredMethod[]> {
  const specs = inputs.filter((x) => !isDesiredMethod(x));
  if (specs.length > 0) {
    const failures = validateSpecs(specs, options.validate);
    if (failures.length > 0) throw new ValidationError(failures);
  }
  const pathsByApi = new Map<string, Set<string>>();
  for (const x of inputs) {
    if (isDesiredMethod(x) || x.resourceId !== undefined || x.path === undefined) continue;
    let s = pathsByApi.get(x.restApiId);
    if (!s) pathsByApi.set(x.restApiId, (s = new Set()));
    s.add(x.path);
  }
  const resolved = new Map<string, Record<string, string>>();
  await Promise.all(
    [...pathsByApi].map(async ([api, paths]) => resolved.set(api, await resolvePaths(runtime, api, [...paths], { session, counters }))),
  );
  return inputs.map((x) => (isDesiredMethod(x) ? x : toDesiredMethod(x, x.resourceId ?? resolved.get(x.restApiId)?.[x.path!])));
}

/**
 * Desired methods whose method does not exist: a method with nothing to create
 * (only removals, e.g. a deleted resource) has reached its goal; any other is a
 * terminal `METHOD_NOT_FOUND` error, with the request id of the read that said so.
 */
function checkExistence(desired: readonly DesiredMethod[], observed: readonly ObservedMethodWithEvidence[]): void {
  const missing = desired
    .map((d, i) => ({ d, o: observed[i]! }))
    .filter(({ d, o }) => !o.exists && Object.keys(d.responses).length > 0);
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
 * Validate, resolve paths, observe and plan — no writes. For previews, the
 * command line's `plan` and `drift`.
 *
 * @throws {ValidationError} before any AWS call when a spec is invalid
 * @throws {PathNotFoundError} when a path does not exist
 * @throws {ApiGatewayError} `METHOD_NOT_FOUND` when a method with responses to create does not exist
 * @throws {PlanError} when the desired state cannot be reached (see `plan.ts`)
 */
export async function planSpecs(runtime: Runtime, specs: readonly ReconcileInput[], options: ReconcileOptions = {}): Promise<SpecPlan> {
  const counters = newCounters();
  const session = newReadSession();
  const desired = await desiredOf(runtime, specs, session, counters, options);
  const observed = await observeMethods(
    runtime,
    desired.map((d) => d.key),
    { session, counters },
  );
  return { plan: planObserved(desired, observed), desired, observed, counters };
}

/**
 * Converge the live responses of the given methods to the desired ones:
 * validate (before any AWS call), resolve paths, observe, plan, apply, observe
 * again and verify the plan is now empty.
 *
 * @returns the applied plan, the report (calls of the whole run, reads included), the final observed state
 * @throws {ValidationError} before any AWS call when a spec is invalid
 * @throws {PathNotFoundError} when a path does not exist
 * @throws {ApiGatewayError} `METHOD_NOT_FOUND` (fails fast, with the request id) when a method does not exist
 * @throws {ApplyError} when writes failed (typed errors inside)
 * @throws {ConvergenceError} when the state after apply still differs
 */
export async function reconcile(runtime: Runtime, specs: readonly ReconcileInput[], options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const started = Date.now();
  const first = await planSpecs(runtime, specs, options);
  const counters = first.counters;
  if (first.plan.methods.every((m) => m.operations.length === 0)) {
    return {
      plan: first.plan,
      desired: first.desired,
      observed: first.observed,
      report: { operations: [], calls: { ...counters.calls }, retries: { ...counters.retries }, adopted: [], durationMs: Date.now() - started },
    };
  }
  const applyCounters = newCounters();
  const applied = await applyPlan(runtime, first.plan, { counters: applyCounters });
  addCounters(counters, applyCounters);
  let observed: readonly ObservedMethodWithEvidence[] = first.observed;
  if (options.verify ?? true) {
    observed = await observeMethods(
      runtime,
      first.desired.map((d) => d.key),
      { counters },
    );
  }
  const report: ApplyReport = { ...applied, calls: { ...counters.calls }, retries: { ...counters.retries }, durationMs: Date.now() - started };
  if (options.verify ?? true) {
    const again = planObserved(first.desired, observed);
    if (!isInSync(again)) throw new ConvergenceError(again, report);
  }
  return { plan: first.plan, desired: first.desired, observed, report };
}
