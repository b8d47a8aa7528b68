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
 * {@link PlanError} with a stable code (`plan/errors.ts`).
 */
import type { DesiredMethod, MethodKey, MethodPlan, ObservedMethod, Operation } from "../model";
import { describeMethod } from "../model";
import { compareKeys, normalizeResponses } from "../normalize";
import { patchPathField, patchPathTarget } from "../patch";
import { PlanError } from "./errors";
import { integrationResponseOperation, methodResponseOperation } from "./operations";
import { checkTarget, targetState } from "./target";

/** Same method? */
function sameKey(a: MethodKey, b: MethodKey): boolean {
  return a.restApiId === b.restApiId && a.resourceId === b.resourceId && a.httpMethod === b.httpMethod;
}

/**
 * Plan one method. Pure. See the module TSDoc for the target state, the ordering of
 * the five phases and the patch rules. Returns an empty `operations` list when the
 * method is in sync.
 *
 * @throws {@link PlanError} `METHOD_NOT_FOUND` when `observed.exists` is false,
 *   `METHOD_KEY_MISMATCH`, `REMOVAL_CONFLICT`, `NO_INTEGRATION`, `PROXY_INTEGRATION`, `UNDECLARED_HEADER`, `DUPLICATE_DEFAULT`.
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
    const liveIr = live[statusCode]?.integrationResponse;
    const wantIr = target[statusCode]?.integrationResponse;

    // Integration response: phases 1 and 3.
    const irOp = integrationResponseOperation(key, statusCode, liveIr, wantIr);
    if (irOp?.kind === "DeleteIntegrationResponse") {
      deleteIrs.push(irOp);
    } else if (irOp?.kind === "PutIntegrationResponse") {
      if (observed.integrationType === undefined) {
        throw new PlanError(
          "NO_INTEGRATION",
          key,
          `status code ${statusCode}: an integration response is wanted but the method has no integration (AWS-8)`,
          statusCode,
        );
      }
      if (observed.integrationType === "AWS_PROXY") {
        // Writing one would succeed and change nothing clients get: refused, so that nobody believes it does.
        throw new PlanError(
          "PROXY_INTEGRATION",
          key,
          `status code ${statusCode}: an integration response is wanted but the method's integration is AWS_PROXY, which never uses integration responses (AWS-26): ` +
            `the Lambda function's answer is the response. Declare only the method response of ${statusCode}`,
          statusCode,
        );
      }
      putIrs.push({ op: irOp, isDefault: irOp.integrationResponse.selectionPattern === "" });
    }

    // Method response: phases 2, 4 and 5.
    const mrOp = methodResponseOperation(key, statusCode, live[statusCode]?.methodResponse, target[statusCode]?.methodResponse);
    if (mrOp?.kind === "DeleteMethodResponse") {
      deleteMrs.push(mrOp);
    } else if (mrOp?.kind === "PutMethodResponse") {
      phase2.push(mrOp);
    } else if (mrOp?.kind === "UpdateMethodResponse") {
      const upserts = mrOp.patch.filter((p) => p.op !== "remove");
      const removes = mrOp.patch.filter((p) => p.op === "remove");
      const removedParameters = removes.map((p) => patchPathTarget(p.path)).flatMap((t) => (t?.map === "responseParameters" ? [t.key] : []));
      // The integration response as it stands between phases 1 and 3.
      const irDuringPhase2 = wantIr === undefined ? undefined : liveIr;
      const removalsSafe = removedParameters.every(
        (h) => irDuringPhase2 === undefined || !Object.prototype.hasOwnProperty.call(irDuringPhase2.responseParameters, h),
      );
      if (upserts.length > 0 && removalsSafe) {
        phase2.push(mrOp);
      } else {
        const upsertFields = new Set(upserts.map((p) => patchPathField(p.path)));
        if (upserts.length > 0) {
          phase2.push({ ...mrOp, patch: upserts, changes: mrOp.changes.filter((c) => upsertFields.has(c.field)) });
        }
        phase4.push({ ...mrOp, patch: removes, changes: mrOp.changes.filter((c) => !upsertFields.has(c.field)) });
      }
    }
  }

  // Phase 3: non-default selection patterns first, then the default (AWS-6); stable by code otherwise.
  const phase3 = [...putIrs.filter((p) => !p.isDefault), ...putIrs.filter((p) => p.isDefault)].map((p) => p.op);
  const operations = [...deleteIrs, ...phase2, ...phase3, ...phase4, ...deleteMrs];
  return desired.path === undefined ? { key, operations } : { key, path: desired.path, operations };
}
