/**
 * The planner's main property: for random live states (as AWS could hold them) and
 * random desired states, applying the plan in the pure model of AWS (`aws-model.ts`)
 * never throws, reaches exactly the desired state (respecting `exclusive` and
 * `removals`), and planning again yields an empty plan. Also: after a crash at any
 * point of the plan, planning again from that state converges to the same target.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyOperations } from "../support/aws-model";
import type { DesiredMethod, MethodKey, NormalizedResponses, ObservedMethod, Removal, ResponseKind } from "../../src/model";
import { PlanError } from "../../src/plan/errors";
import { planMethod } from "../../src/plan/method";
import { CODES, consistentResponsesArb } from "../support/arbitraries";
import { awsCanHold, expectedState } from "../support/expected-state";

const key: MethodKey = { restApiId: "api1", resourceId: "res1", httpMethod: "POST" };
const KINDS: readonly ResponseKind[] = ["methodResponse", "integrationResponse"];

/** Removals that do not conflict with the desired responses: a kind the desired state does not give, or a whole code it does not name. */
function removalsArb(desired: NormalizedResponses): fc.Arbitrary<Removal[]> {
  const candidates: Removal[] = [];
  for (const code of CODES) {
    const d = desired[code];
    if (d === undefined) candidates.push({ statusCode: code });
    for (const kind of KINDS) if (d?.[kind] === undefined) candidates.push({ statusCode: code, kind });
  }
  return fc.subarray(candidates, { maxLength: Math.min(4, candidates.length) });
}

const caseArb = fc
  .record({ live: consistentResponsesArb, desired: consistentResponsesArb, exclusive: fc.boolean() })
  .chain((c) => removalsArb(c.desired).map((removals) => ({ ...c, removals })));

const NUM_RUNS = 1500;

describe("plan: property", () => {
  it(`applying the plan in the AWS model reaches the desired state, and re-planning is empty (${NUM_RUNS} cases)`, () => {
    let reachable = 0;
    let unreachable = 0;
    let operations = 0;
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ live, desired, exclusive, removals }, crashSeed) => {
        const d: DesiredMethod = { key, responses: desired, exclusive, removals };
        const o: ObservedMethod = { key, exists: true, integrationType: "AWS", responses: live };
        const expected = expectedState(live, d);
        if (!awsCanHold(expected)) {
          unreachable += 1;
          expect(() => planMethod(d, o)).toThrow(PlanError);
          try {
            planMethod(d, o);
          } catch (e) {
            expect(["UNDECLARED_HEADER", "DUPLICATE_DEFAULT"]).toContain((e as PlanError).code);
          }
          return;
        }
        reachable += 1;
        const ops = planMethod(d, o).operations;
        operations += ops.length;
        // Never throws, reaches the target.
        const after = applyOperations(live, ops);
        expect(after).toEqual(expected);
        // Planning again is empty.
        expect(planMethod(d, { ...o, responses: after }).operations).toEqual([]);
        // At most one call per code and kind, except a method response update split in two.
        const perObject = new Map<string, number>();
        for (const op of ops) {
          const k = `${op.statusCode} ${op.kind.endsWith("IntegrationResponse") ? "ir" : "mr"}`;
          perObject.set(k, (perObject.get(k) ?? 0) + 1);
        }
        for (const [k, n] of perObject) expect(n, k).toBeLessThanOrEqual(k.endsWith("mr") ? 2 : 1);
        // A crash after any prefix: re-planning from there converges to the same target.
        if (ops.length > 0) {
          const cut = crashSeed % ops.length;
          const partial = applyOperations(live, ops.slice(0, cut));
          const resumed = applyOperations(partial, planMethod(d, { ...o, responses: partial }).operations);
          expect(resumed).toEqual(expected);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // Most generated cases must exercise the full path.
    expect(reachable).toBeGreaterThanOrEqual(1000);
    expect(unreachable).toBeGreaterThan(0);
    expect(operations).toBeGreaterThan(reachable);
  });
});
