/**
 * The operation that takes ONE response (one status code, one kind) from its live value
 * to its target: put, patch, delete, or nothing. The planner (`plan/method.ts`) orders
 * these into its five phases; the pull-request comment shows them as they come. Pure.
 */
import type { MethodKey, NormalizedIntegrationResponse, NormalizedMethodResponse, Operation } from "../model";
import { methodResponsePatch } from "../patch";
import { integrationResponseChanges, methodResponseChanges } from "./changes";

/**
 * The operation on a method response: `PutMethodResponse` when it is new,
 * `UpdateMethodResponse` with the whole patch from the LIVE response when it differs
 * (`add`/`replace` first, then `remove`, each sorted by path), `DeleteMethodResponse`
 * when it must go; `undefined` when live and target are the same.
 */
export function methodResponseOperation(
  key: MethodKey,
  statusCode: string,
  live: NormalizedMethodResponse | undefined,
  target: NormalizedMethodResponse | undefined,
): Operation | undefined {
  if (live !== undefined && target === undefined) {
    return { kind: "DeleteMethodResponse", key, statusCode, changes: methodResponseChanges(live, undefined) };
  }
  if (target !== undefined && live === undefined) {
    return { kind: "PutMethodResponse", key, statusCode, methodResponse: target, changes: methodResponseChanges(undefined, target) };
  }
  if (target === undefined || live === undefined) return undefined;
  const patch = methodResponsePatch(live, target);
  if (patch.upserts.length === 0 && patch.removes.length === 0) return undefined;
  return { kind: "UpdateMethodResponse", key, statusCode, patch: [...patch.upserts, ...patch.removes], changes: methodResponseChanges(live, target) };
}

/**
 * The operation on an integration response: `DeleteIntegrationResponse` when it must
 * go, ONE full `PutIntegrationResponse` when it is new or any field differs (AWS-2: a
 * put overwrites), `undefined` when live and target are the same.
 */
export function integrationResponseOperation(
  key: MethodKey,
  statusCode: string,
  live: NormalizedIntegrationResponse | undefined,
  target: NormalizedIntegrationResponse | undefined,
): Operation | undefined {
  const changes = integrationResponseChanges(live, target);
  if (live !== undefined && target === undefined) return { kind: "DeleteIntegrationResponse", key, statusCode, changes };
  if (target === undefined || changes.length === 0) return undefined;
  return { kind: "PutIntegrationResponse", key, statusCode, integrationResponse: target, changes, overwrites: live !== undefined };
}
