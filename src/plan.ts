/**
 * The planner's entry point (architecture rule 1): {@link plan} plans many methods at
 * once (one {@link MethodPlan} each, via `plan/method.ts`), and the summaries of a plan
 * ({@link isInSync}, {@link countOperations}, {@link countOperationsByKind}). Pure: takes
 * values, never a client.
 */
import type { DesiredMethod, MethodPlan, ObservedMethod, OperationKind, Plan } from "./model";
import { methodId } from "./model";
import type { GatewayResponseOperation } from "./gateway-responses";
import { PlanError } from "./plan/errors";
import { planMethod } from "./plan/method";

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

/** True when no method and no REST API's gateway responses of the plan has an operation (the live state equals the desired one). */
export function isInSync(p: Plan): boolean {
  return p.methods.every((m) => m.operations.length === 0) && (p.gatewayResponses ?? []).every((g) => g.operations.length === 0);
}

/** The number of operations (mutating calls) in the plan. */
export function countOperations(p: Plan): number {
  return p.methods.reduce((n, m) => n + m.operations.length, 0) + (p.gatewayResponses ?? []).reduce((n, g) => n + g.operations.length, 0);
}

/** The number of operations of each kind in the plan (every kind present, zero when unused). */
export function countOperationsByKind(p: Plan): Record<OperationKind | GatewayResponseOperation["kind"], number> {
  const out: Record<OperationKind | GatewayResponseOperation["kind"], number> = {
    PutMethodResponse: 0,
    UpdateMethodResponse: 0,
    DeleteMethodResponse: 0,
    PutIntegrationResponse: 0,
    DeleteIntegrationResponse: 0,
    PutGatewayResponse: 0,
    DeleteGatewayResponse: 0,
  };
  for (const m of p.methods) for (const op of m.operations) out[op.kind] += 1;
  for (const g of p.gatewayResponses ?? []) for (const op of g.operations) out[op.kind] += 1;
  return out;
}
