/**
 * The specification of a method's final state, written independently of the planner:
 * what `exclusive` and `removals` say the responses become, and whether API Gateway can
 * hold a state at all (AWS-4, AWS-5, AWS-6). The oracle of the planner's and the
 * reconciler's property tests.
 */
import type { DesiredMethod, NormalizedResponse, NormalizedResponses, ResponseKind } from "../../src/model";

const KINDS: readonly ResponseKind[] = ["methodResponse", "integrationResponse"];

/** The expected final state, straight from the specification of `exclusive` and `removals`. */
export function expectedState(live: NormalizedResponses, d: DesiredMethod): NormalizedResponses {
  const out: Record<string, NormalizedResponse> = {};
  const codes = new Set([...Object.keys(live), ...Object.keys(d.responses)]);
  for (const code of [...codes].sort()) {
    const r: { methodResponse?: unknown; integrationResponse?: unknown } = {};
    for (const kind of KINDS) {
      const want = d.responses[code]?.[kind];
      const removed = (d.removals ?? []).some((x) => x.statusCode === code && (x.kind === undefined || x.kind === kind));
      const value = want !== undefined ? want : removed || d.exclusive ? undefined : live[code]?.[kind];
      if (value !== undefined) r[kind] = value;
    }
    if (Object.keys(r).length > 0) out[code] = r as NormalizedResponse;
  }
  return out;
}

/** Whether API Gateway can hold `state` (AWS-4, AWS-5, AWS-6). */
export function awsCanHold(state: NormalizedResponses): boolean {
  let defaults = 0;
  for (const r of Object.values(state)) {
    const ir = r.integrationResponse;
    if (ir === undefined) continue;
    if (ir.selectionPattern === "") defaults += 1;
    for (const h of Object.keys(ir.responseParameters)) {
      if (r.methodResponse === undefined || !Object.hasOwn(r.methodResponse.responseParameters, h)) return false;
    }
  }
  return defaults <= 1;
}

