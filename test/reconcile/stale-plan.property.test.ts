/**
 * The reconciler under another writer, as a property: for a random live state, a random
 * desired state and another writer that replaces the method's responses (or deletes the
 * method) just before one of the run's writes — so that the run's plan is stale and its
 * writes meet AWS-1 (a put of a response that now exists) and AWS-22 (a patch of a key
 * that is gone) — `reconcile` through the real call path (the in-memory API Gateway of
 * test/support/aws-transport.ts) either reaches exactly the state the specification gives
 * from what the other writer left (./../support/expected-state.ts, not the planner), or,
 * when that state is one API Gateway cannot hold or the method is gone, fails with a
 * typed error. Never a silent wrong state.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ApplyError } from "../../src/apply";
import { ApiGatewayError } from "../../src/aws/errors";
import type { DesiredMethod, MethodKey, NormalizedResponses } from "../../src/model";
import { PlanError } from "../../src/plan/errors";
import { reconcile } from "../../src/reconcile";
import { ConvergenceError } from "../../src/reconcile/convergence";
import { createRuntime, releaseSharedClients } from "../../src/runtime";
import { consistentResponsesArb } from "../support/arbitraries";
import { InMemoryApiGateway } from "../support/aws-transport";
import { awsCanHold, expectedState } from "../support/expected-state";

const key: MethodKey = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };
const NUM_RUNS = 1000;
const isWrite = (op: string) => /^(Put|Update|Delete)(Method|Integration)Response$/.test(op);

afterEach(() => releaseSharedClients());

const caseArb = fc.record({
  live: consistentResponsesArb,
  other: consistentResponsesArb,
  desired: consistentResponsesArb,
  exclusive: fc.boolean(),
  /** Before which of the run's writes the other writer acts. */
  moveAt: fc.nat({ max: 6 }),
  /** One case in ten, the other writer deletes the method instead. */
  deletes: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

describe("reconcile under another writer: property", () => {
  it(`stale plans (AWS-1, AWS-22) and a deleted method: the specified state, or a typed error (${NUM_RUNS} cases)`, async () => {
    const seen = { converged: 0, moved: 0, refused: 0, gone: 0, aws1: 0, aws22: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ live, other, desired, exclusive, moveAt, deletes }) => {
        const api = new InMemoryApiGateway().addRestApi(key.restApiId).addResource(key.restApiId, key.resourceId, "/users").addMethod(key, { responses: live });
        const runtime = createRuntime({ transport: api.transport, rate: "off", coalesceWindowMs: 0, baseDelayMs: 1, maxDelayMs: 1 });
        let writes = 0;
        let moved = false;
        api.beforeCall = (call) => {
          if (moved || !isWrite(call.operation) || writes++ !== moveAt) return;
          moved = true;
          if (deletes) api.removeMethod(key);
          else api.setResponses(key, other);
        };
        const d: DesiredMethod = { key, responses: desired, exclusive };
        const count = () => {
          seen.aws1 += api.calls.filter((c) => c.operation.startsWith("Put") && c.error === "ConflictException").length;
          seen.aws22 += api.calls.filter((c) => c.operation.startsWith("Update") && c.error === "NotFoundException").length;
        };
        try {
          await reconcile(runtime, [d]).finally(count);
        } catch (e) {
          // Typed, and only where the specification says the goal cannot be reached.
          expect(e instanceof PlanError || e instanceof ApplyError || e instanceof ConvergenceError || e instanceof ApiGatewayError, String(e)).toBe(true);
          if (moved && deletes) {
            expect(String((e as Error).message)).toMatch(/METHOD_NOT_FOUND|NOT_FOUND/);
            seen.gone += 1;
            return;
          }
          expect(awsCanHold(expectedState(moved ? other : live, d)), `${(e as Error).message}\nlive ${JSON.stringify(live)}\nother ${JSON.stringify(other)}`).toBe(false);
          seen.refused += 1;
          return;
        }
        if (moved && deletes) {
          // A method gone under the run: success only when nothing was to be created (AWS-14: a delete that finds nothing is done).
          expect(Object.keys(desired), "the method was deleted under the run, yet responses were created").toEqual([]);
          seen.gone += 1;
          return;
        }
        // What the other writer left (or the start state, when the run wrote nothing), under the specification.
        const base: NormalizedResponses = moved ? other : live;
        expect(api.responses(key)).toEqual(expectedState(base, d));
        seen.converged += 1;
        if (moved) seen.moved += 1;
      }),
      { numRuns: NUM_RUNS },
    );
    // The interesting paths were taken: runs that converged after the other writer moved, refusals, a deleted method.
    expect(seen.moved, JSON.stringify(seen)).toBeGreaterThan(NUM_RUNS / 5);
    expect(seen.refused, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.gone, JSON.stringify(seen)).toBeGreaterThan(0);
    // The stale writes met what they are about: AWS-1 and AWS-22.
    expect(seen.aws1, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.aws22, JSON.stringify(seen)).toBeGreaterThan(0);
    console.log(`stale plans: ${JSON.stringify(seen)}`);
  });
});
