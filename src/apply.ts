/**
 * Apply: the ONLY writer (architecture rule 1). Runs a {@link Plan}'s operations
 * through `send` (token bucket, per-API write queue, retry policy) and reports
 * what it did.
 *
 * - Each method's operations run in plan order; methods of one REST API run one
 *   after the other (writes on one API are serialized anyway, AWS-9), methods of
 *   different REST APIs in parallel.
 * - AWS-1: a 409 "already exists" on `PutMethodResponse` is not retried blindly:
 *   the method is re-observed, the patch is computed from the LIVE object by the
 *   planner, and `UpdateMethodResponse` continues; the report lists it in `adopted`.
 * - AWS-14: a 404 on a delete is success (the goal is reached).
 * - AWS-22: a 404 on an `UpdateMethodResponse` patch (a key that is not there, or
 *   the response is gone) re-observes the method and re-plans that response, once.
 * - AWS-2: `PutIntegrationResponse` is a full overwrite, so every field is sent.
 * - AWS-63: a hard limit (`LIMIT_EXCEEDED`) on a REST API stops the run's remaining
 *   methods of that REST API before they start: every further write there would
 *   meet the same quota. Methods stop between operations, never inside a call, so
 *   what was written is a state the next run re-observes and converges from.
 * - A runtime with run snapshots (the Pulumi provider's, `observe/snapshots.ts`) is told
 *   every write's outcome: the answer of a put or update (the stored object, AWS-70), a
 *   delete done, or a failure that leaves the method to be read again.
 */
import type {
  DeleteIntegrationResponseCommandInput,
  DeleteMethodResponseCommandInput,
  PutIntegrationResponseCommandInput,
  PutMethodResponseCommandInput,
  UpdateMethodResponseCommandInput,
} from "@aws-sdk/client-api-gateway";
import { send } from "./aws/call";
import { ApiGatewayError, errorMessage } from "./aws/errors";
import { addCounters, newCounters, type CallCounters, type Connection } from "./aws/connection";
import type {
  ApplyReport,
  DesiredMethod,
  MethodKey,
  MethodPlan,
  NormalizedMethodResponse,
  Operation,
  Plan,
  ResponseKind,
} from "./model";
import { describeMethod } from "./model";
import { applyGatewayResponsesPlan, type GatewayResponseFailure } from "./apply/gateway-responses";
import type { GatewayResponseOperation } from "./gateway-responses";
import { getMethod } from "./observe/reads";
import { snapshotsOf, type RunSnapshots } from "./observe/snapshots";
import { applyMethodResponsePatch } from "./patch";
import { planMethod } from "./plan/method";

type Adopted = ApplyReport["adopted"][number];

/** What one method's apply did, given to {@link ApplyEvents.methodEnded}. */
export interface MethodOutcome {
  /** Operations completed for this method, in order. */
  readonly operations: readonly Operation[];
  /** Responses adopted for this method (AWS-1). */
  readonly adopted: readonly Adopted[];
  /** This method's calls and retries. */
  readonly counters: CallCounters;
  readonly durationMs: number;
  /** Set when the method could not be applied. */
  readonly error?: Error;
}

/**
 * Progress of an apply, method by method (the command line draws its progress
 * lines from these). Called synchronously; a handler must not throw.
 */
export interface ApplyEvents {
  /** A method's operations start; `counters` are its own and count live (retries show as they happen). */
  methodStarted?(method: MethodPlan, counters: CallCounters): void;
  /** A method's operations ended, done or failed. */
  methodEnded?(method: MethodPlan, outcome: MethodOutcome): void;
}

/** Options of {@link applyPlan}. */
export interface ApplyOptions {
  /** Counters to count into instead of fresh ones (the report's `calls`/`retries` are these). */
  readonly counters?: CallCounters;
  /** Progress events. */
  readonly events?: ApplyEvents;
}

/** A method that could not be applied, and why. */
export interface MethodFailure {
  readonly method: MethodPlan;
  readonly error: Error;
}

/** True for a hard limit (AWS-63, code `LIMIT_EXCEEDED`): the REST API would refuse the run's next writes too. */
export function isHardLimit(err: unknown): err is ApiGatewayError {
  return err instanceof ApiGatewayError && err.classification === "limit-exceeded";
}

/**
 * A method the run did not start, because an earlier method on the same REST API
 * met a hard limit (AWS-63). Nothing of it was written; a later run applies it
 * once the quota allows. Its code is the limit's, `LIMIT_EXCEEDED`.
 */
export class MethodNotStartedError extends Error {
  override readonly name = "MethodNotStartedError";
  /** Stable code: the reason's, `LIMIT_EXCEEDED`. */
  readonly code = "LIMIT_EXCEEDED" as const;
  /** The method that was not started. */
  readonly method: MethodKey;
  /** The hard-limit error that stopped the REST API's remaining methods. */
  readonly limit: ApiGatewayError;

  /**
   * @param method the method not started
   * @param path its resource path, when known, for the message
   * @param limit the hard-limit error met earlier in the run on the same REST API
   */
  constructor(method: MethodKey, path: string | undefined, limit: ApiGatewayError) {
    const aws = `${limit.awsErrorName ? `${limit.awsErrorName}: ` : ""}${errorMessage(limit.cause) || limit.message}`;
    super(
      `${describeMethod(method, path)} not started [LIMIT_EXCEEDED]: rest api ${method.restApiId} met a hard limit earlier in this run ` +
        `(AWS-63; ${limit.operation}, request id ${limit.requestId ?? "none"}): ${aws}`,
      { cause: limit },
    );
    this.method = method;
    this.limit = limit;
  }
}

/** Why a run that re-planned still failed: the words both front ends print. */
export function movedNote(passes: number): string {
  return `after ${passes} apply passes, each planned from a fresh read of the live state: another writer changing these methods at the same time is the probable cause`;
}

/**
 * Could a write have failed because the live state moved under it (so that another
 * pass, planned from a fresh read, may succeed)? A 400 (a mapping to a header another
 * writer just removed, AWS-5; a second default, AWS-6), a 404 (a response just
 * deleted) or a 409 "already exists" depend on the state; a refused permission, a
 * hard limit or a throttling deadline do not.
 */
export function isStateDependent(err: Error): boolean {
  if (!(err instanceof ApiGatewayError)) return false;
  return err.classification === "not-found" || err.classification === "already-exists" || err.awsErrorName === "BadRequestException";
}

/** Some methods (or gateway responses) could not be applied. Everything else was applied (each step is safe to repeat). */
export class ApplyError extends Error {
  override readonly name = "ApplyError";
  /** Stable code: `APPLY_FAILED`. The first failure's code is `errors[0].code` when it is an {@link ApiGatewayError}. */
  readonly code = "APPLY_FAILED" as const;
  /**
   * One error per failed method (a method a hard limit kept from starting has a
   * {@link MethodNotStartedError}), then one per failed gateway-response operation.
   */
  readonly errors: readonly Error[];
  /** The failed methods with their errors (the first entries of {@link errors}). */
  readonly failures: readonly MethodFailure[];
  /** The failed gateway-response operations with their errors (the last entries of {@link errors}). */
  readonly gatewayFailures: readonly GatewayResponseFailure[];
  /** What was done before and besides the failures. */
  readonly report: ApplyReport;
  /** How many methods the apply tried. */
  readonly methodCount: number;

  /** Apply passes of the run (`reconcile` re-plans when the live state may have moved). */
  readonly passes: number;
  /** The live state was seen to change under the run in ways it did not write: another writer is the probable cause. */
  readonly otherWriter: boolean;

  /**
   * @param failures the failed methods with their errors
   * @param report what was done
   * @param methodCount how many methods the apply tried
   * @param passes apply passes of the run
   * @param otherWriter the state was seen to move under the run: the message names another writer as the probable cause
   * @param gatewayFailures the gateway-response operations that failed
   */
  constructor(failures: readonly MethodFailure[], report: ApplyReport, methodCount: number, passes = 1, otherWriter = false, gatewayFailures: readonly GatewayResponseFailure[] = []) {
    const errors = [...failures.map((f) => f.error), ...gatewayFailures.map((f) => f.error)];
    const notStarted = errors.filter((e) => e instanceof MethodNotStartedError).length;
    const stopped = notStarted > 0 ? ` (${notStarted} not started after a hard limit, LIMIT_EXCEEDED, AWS-63)` : "";
    const what = [
      ...(failures.length > 0 || gatewayFailures.length === 0 ? [`${failures.length} of ${methodCount} method(s)`] : []),
      ...(gatewayFailures.length > 0 ? [`${gatewayFailures.length} gateway response(s)`] : []),
    ].join(" and ");
    super(`APPLY_FAILED: ${what} could not be applied${stopped}${otherWriter ? ` ${movedNote(passes)}` : ""}:\n` + errors.map((e) => `  - ${e.message}`).join("\n"), {
      cause: errors[0],
    });
    this.errors = errors;
    this.failures = failures;
    this.gatewayFailures = gatewayFailures;
    this.report = report;
    this.methodCount = methodCount;
    this.passes = passes;
    this.otherWriter = otherWriter;
  }
}

interface ApplyContext {
  readonly connection: Connection;
  readonly counters: CallCounters;
  readonly done: Operation[];
  readonly adopted: Adopted[];
  /** The resource path of the method being applied, when known, for messages. */
  readonly path?: string;
  /** The runtime's run snapshots, told every write's outcome (the provider's). */
  readonly snapshots?: RunSnapshots;
}

function sdkCommonInput(key: MethodKey, statusCode: string) {
  return { restApiId: key.restApiId, resourceId: key.resourceId, httpMethod: key.httpMethod, statusCode };
}

/** Send one operation (no AWS-1/AWS-22 handling here); returns its answer. */
async function sendOperation(ctx: ApplyContext, op: Operation): Promise<unknown> {
  const opts = { method: op.key, path: ctx.path, statusCode: op.statusCode, write: true, counters: ctx.counters };
  const base = sdkCommonInput(op.key, op.statusCode);
  switch (op.kind) {
    case "PutMethodResponse": {
      const input: PutMethodResponseCommandInput = {
        ...base,
        responseParameters: op.methodResponse.responseParameters,
        responseModels: op.methodResponse.responseModels,
      };
      return send(ctx.connection, op.kind, input, opts);
    }
    case "UpdateMethodResponse": {
      const input: UpdateMethodResponseCommandInput = { ...base, patchOperations: op.patch.map((p) => ({ ...p })) };
      return send(ctx.connection, op.kind, input, opts);
    }
    case "DeleteMethodResponse": {
      const input: DeleteMethodResponseCommandInput = base;
      return send(ctx.connection, op.kind, input, opts);
    }
    case "PutIntegrationResponse": {
      // A full overwrite (AWS-2): every field, templates and parameters as given;
      // contentHandling only when set (absent = pass-through, AWS-27).
      const ir = op.integrationResponse;
      const input: PutIntegrationResponseCommandInput = {
        ...base,
        selectionPattern: ir.selectionPattern,
        responseParameters: ir.responseParameters,
        responseTemplates: ir.responseTemplates,
        ...(ir.contentHandling !== undefined ? { contentHandling: ir.contentHandling } : {}),
      };
      return send(ctx.connection, op.kind, input, opts);
    }
    case "DeleteIntegrationResponse": {
      const input: DeleteIntegrationResponseCommandInput = base;
      return send(ctx.connection, op.kind, input, opts);
    }
  }
}

/**
 * Re-observe one method (fresh `GetMethod`, no coalescing) and plan the method
 * response of one status code towards `target`, leaving everything else alone.
 */
async function replanMethodResponse(ctx: ApplyContext, key: MethodKey, statusCode: string, target: (live: NormalizedMethodResponse | undefined) => NormalizedMethodResponse) {
  const mark = ctx.snapshots?.mark();
  const observed = await getMethod(ctx.connection, key, ctx.counters);
  if (mark) ctx.snapshots!.rememberMethod(observed, mark);
  if (!observed.exists) {
    throw new ApiGatewayError({
      code: "METHOD_NOT_FOUND",
      classification: "not-found",
      operation: "GetMethod",
      method: key,
      path: ctx.path,
      statusCode,
      requestId: observed.absence?.requestId,
      message: `METHOD_NOT_FOUND: ${describeMethod(key, ctx.path)} disappeared while its responses were being applied: ${observed.absence?.message ?? "404"} (request id ${observed.absence?.requestId ?? "none"})`,
    });
  }
  const live = observed.responses[statusCode]?.methodResponse;
  const desired: DesiredMethod = { key, responses: { [statusCode]: { methodResponse: target(live) } }, exclusive: false };
  const replanned = planMethod(desired, observed);
  return replanned.operations.filter((o) => o.statusCode === statusCode && (o.kind === "PutMethodResponse" || o.kind === "UpdateMethodResponse"));
}

/** Run one operation with the AWS-1, AWS-14 and AWS-22 rules. */
async function runOperation(ctx: ApplyContext, op: Operation, allowReplan = true): Promise<void> {
  try {
    const answer = await sendOperation(ctx, op);
    ctx.snapshots?.rememberWrite(op, answer);
    ctx.done.push(op);
  } catch (err) {
    if (!(err instanceof ApiGatewayError)) {
      ctx.snapshots?.forget(op.key);
      throw err;
    }
    // AWS-14: deleting what is not there reached the goal.
    if ((op.kind === "DeleteMethodResponse" || op.kind === "DeleteIntegrationResponse") && err.classification === "not-found") {
      ctx.snapshots?.rememberWrite(op, undefined);
      ctx.done.push(op);
      return;
    }
    // Whatever follows, what the held read says of this method is no longer known.
    ctx.snapshots?.forget(op.key);
    // AWS-1: the method response exists already: adopt it and patch it from its live state.
    if (op.kind === "PutMethodResponse" && err.classification === "already-exists" && allowReplan) {
      const ops = await replanMethodResponse(ctx, op.key, op.statusCode, () => op.methodResponse);
      for (const next of ops) await runOperation(ctx, next, false);
      ctx.adopted.push({ key: op.key, statusCode: op.statusCode, kind: "methodResponse" as ResponseKind });
      return;
    }
    // AWS-22: the patch was computed from a state that changed: re-observe and re-plan once.
    // Any 404 on a patch ("Invalid parameter name specified", "Content-Type specified
    // was not found", or the response itself gone) gets this one re-plan.
    if (op.kind === "UpdateMethodResponse" && err.classification === "not-found" && allowReplan) {
      const ops = await replanMethodResponse(ctx, op.key, op.statusCode, (live) => applyMethodResponsePatch(live, op.patch));
      for (const next of ops) await runOperation(ctx, next, false);
      return;
    }
    throw err;
  }
}

/** Run one method's operations in plan order, in a context of its own; tell the events. */
async function runMethod(connection: Connection, mp: MethodPlan, events: ApplyEvents | undefined): Promise<MethodOutcome> {
  const started = Date.now();
  const snapshots = snapshotsOf(connection);
  const ctx: ApplyContext = {
    connection,
    counters: newCounters(),
    done: [],
    adopted: [],
    ...(mp.path !== undefined ? { path: mp.path } : {}),
    ...(snapshots ? { snapshots } : {}),
  };
  events?.methodStarted?.(mp, ctx.counters);
  let error: Error | undefined;
  try {
    for (const op of mp.operations) await runOperation(ctx, op);
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
  }
  const outcome: MethodOutcome = { operations: ctx.done, adopted: ctx.adopted, counters: ctx.counters, durationMs: Date.now() - started, ...(error ? { error } : {}) };
  events?.methodEnded?.(mp, outcome);
  return outcome;
}

/**
 * Apply a plan. Methods of different REST APIs run in parallel; writes on one
 * REST API are serialized (AWS-9); a REST API's gateway responses are written after
 * its methods (`apply/gateway-responses.ts`). A method that fails does not stop the others,
 * except a hard limit (AWS-63), which stops the remaining methods of its REST API
 * before they start ({@link MethodNotStartedError}, told to `methodEnded` without a
 * `methodStarted`); at the end, failures are thrown together.
 *
 * @returns what was done: operations in order, calls by operation (reads for
 *   AWS-1/AWS-22 included), retries by cause, adopted objects, duration
 * @throws {ApplyError} when a method could not be applied; `errors` holds the
 *   typed errors ({@link ApiGatewayError}, with code and request id), `report` the partial report
 */
export async function applyPlan(connection: Connection, plan: Plan, options: ApplyOptions = {}): Promise<ApplyReport> {
  const started = Date.now();
  const counters = options.counters ?? newCounters();
  const done: Operation[] = [];
  const adopted: Adopted[] = [];
  const gatewayDone: GatewayResponseOperation[] = [];
  const byApi = new Map<string, MethodPlan[]>();
  for (const mp of plan.methods) {
    if (mp.operations.length === 0) continue;
    let list = byApi.get(mp.key.restApiId);
    if (!list) byApi.set(mp.key.restApiId, (list = []));
    list.push(mp);
  }
  const gateway = new Map((plan.gatewayResponses ?? []).filter((g) => g.operations.length > 0).map((g) => [g.restApiId, g]));
  for (const restApiId of gateway.keys()) if (!byApi.has(restApiId)) byApi.set(restApiId, []);
  const failures: MethodFailure[] = [];
  const gatewayFailures: GatewayResponseFailure[] = [];
  let methodCount = 0;
  await Promise.all(
    [...byApi].map(async ([restApiId, methods]) => {
      let limit: ApiGatewayError | undefined;
      for (const mp of methods) {
        methodCount++;
        if (limit) {
          const error = new MethodNotStartedError(mp.key, mp.path, limit);
          failures.push({ method: mp, error });
          options.events?.methodEnded?.(mp, { operations: [], adopted: [], counters: newCounters(), durationMs: 0, error });
          continue;
        }
        const outcome = await runMethod(connection, mp, options.events);
        if (isHardLimit(outcome.error)) limit = outcome.error;
        done.push(...outcome.operations);
        adopted.push(...outcome.adopted);
        addCounters(counters, outcome.counters);
        if (outcome.error) failures.push({ method: mp, error: outcome.error });
      }
      // The REST API's gateway responses after its methods (a hard limit on method responses does not bind them).
      const g = gateway.get(restApiId);
      if (g === undefined) return;
      const outcome = await applyGatewayResponsesPlan(connection, g, counters);
      gatewayDone.push(...outcome.done);
      gatewayFailures.push(...outcome.failures);
    }),
  );
  const report: ApplyReport = {
    operations: done,
    calls: { ...counters.calls },
    retries: { ...counters.retries },
    adopted,
    durationMs: Date.now() - started,
    ...(gateway.size > 0 ? { gatewayResponseOperations: gatewayDone } : {}),
  };
  if (failures.length > 0 || gatewayFailures.length > 0) throw new ApplyError(failures, report, methodCount, 1, false, gatewayFailures);
  return report;
}
