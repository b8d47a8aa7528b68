/**
 * Apply, for gateway responses: the writer of a {@link GatewayResponsesPlan}. Part of the
 * one writer (architecture rule 1): every call goes through `send` (token bucket, the
 * REST API's write queue, the retry policy) like apply.ts's.
 *
 * - `PutGatewayResponse` sends the whole customization (a full overwrite, AWS-35):
 *   every field, so nothing is left to the previous value.
 * - `DeleteGatewayResponse` of a type that is not customized answers 404 "Gateway
 *   response type not defined on api": the goal is reached (AWS-44). A 404 for a REST
 *   API that does not exist (AWS-38) is not.
 * - Each response type is written on its own: one that fails does not stop the others.
 */
import type { PutGatewayResponseCommandInput } from "@aws-sdk/client-api-gateway";
import { send } from "../aws/call";
import { ApiGatewayError } from "../aws/errors";
import type { CallCounters, Connection } from "../aws/connection";
import type { GatewayResponseOperation, GatewayResponsesPlan } from "../gateway-responses";
import { snapshotsOf } from "../observe/snapshots";

/** A gateway-response operation that failed, and why. */
export interface GatewayResponseFailure {
  readonly operation: GatewayResponseOperation;
  readonly error: Error;
}

/** What applying a {@link GatewayResponsesPlan} did. */
export interface GatewayResponsesOutcome {
  /** Operations completed, in plan order. */
  readonly done: readonly GatewayResponseOperation[];
  /** Operations that failed. */
  readonly failures: readonly GatewayResponseFailure[];
}

/** How messages name a response type of a REST API. */
export function describeGatewayResponse(restApiId: string, responseType: string): string {
  return `gateway response ${responseType} (rest api ${restApiId})`;
}

/** Send one operation (a delete that finds nothing to reset succeeds, AWS-44); returns its answer. */
async function sendGatewayOperation(connection: Connection, op: GatewayResponseOperation, counters: CallCounters | undefined): Promise<unknown> {
  const opts = { restApiId: op.restApiId, subject: describeGatewayResponse(op.restApiId, op.responseType), write: true, ...(counters ? { counters } : {}) };
  if (op.kind === "PutGatewayResponse") {
    const g = op.gatewayResponse;
    const input: PutGatewayResponseCommandInput = {
      restApiId: op.restApiId,
      responseType: op.responseType,
      ...(g.statusCode !== undefined ? { statusCode: g.statusCode } : {}),
      responseParameters: g.responseParameters,
      responseTemplates: g.responseTemplates,
    };
    return send(connection, "PutGatewayResponse", input, opts);
  }
  try {
    return await send(connection, "DeleteGatewayResponse", { restApiId: op.restApiId, responseType: op.responseType }, opts);
  } catch (err) {
    if (err instanceof ApiGatewayError && err.classification === "not-found" && err.code !== "REST_API_NOT_FOUND") return undefined;
    throw err;
  }
}

/**
 * Apply the plan of one REST API's gateway responses, operation by operation (the
 * REST API's write queue serializes them with its other writes, AWS-9).
 *
 * @returns the operations done and the ones that failed (typed {@link ApiGatewayError}s)
 */
export async function applyGatewayResponsesPlan(connection: Connection, plan: GatewayResponsesPlan, counters?: CallCounters): Promise<GatewayResponsesOutcome> {
  const done: GatewayResponseOperation[] = [];
  const failures: GatewayResponseFailure[] = [];
  // The provider's run snapshots are told every outcome (src/observe/snapshots.ts).
  const snapshots = snapshotsOf(connection);
  for (const op of plan.operations) {
    try {
      const answer = await sendGatewayOperation(connection, op, counters);
      snapshots?.rememberGatewayWrite(op, answer);
      done.push(op);
    } catch (err) {
      snapshots?.rememberGatewayWrite(op, undefined);
      failures.push({ operation: op, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }
  return { done, failures };
}
