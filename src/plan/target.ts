/**
 * The target state of a method: for each status code, which responses exist after the
 * plan, and with what content (see "Target state" in `plan/method.ts`), and the AWS
 * rules the target must keep (AWS-4, AWS-5, AWS-6). Pure.
 */
import type { DesiredMethod, MethodKey, NormalizedIntegrationResponse, NormalizedMethodResponse, NormalizedResponse, NormalizedResponses, Removal, ResponseKind } from "../model";
import { compareKeys, normalizeResponses } from "../normalize";
import { PlanError } from "./errors";

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
export function checkTarget(key: MethodKey, target: NormalizedResponses): void {
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

