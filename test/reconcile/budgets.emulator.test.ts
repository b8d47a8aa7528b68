/**
 * The retry budgets running out, and a failure staying the failing method's own, against
 * the local API Gateway with fault rules:
 * - the default attempt budget (25, src/aws/connection.ts) used up by a 409 concurrent
 *   modification on every attempt: CONFLICT_ATTEMPTS after exactly 25 calls;
 * - the deadline (AWS-10) reached under the same 409s: CONFLICT_DEADLINE, within the deadline;
 * - in a run of several methods of one REST API, one failing method does not stop the
 *   others: the ApplyError lists it alone, and the others' live state (read raw with the
 *   SDK) is the desired one.
 * (ConvergenceError, NOT_CONVERGED, is covered in ./writers.emulator.test.ts; THROTTLED_* in
 * ./faults.emulator.test.ts.)
 */
import { GetMethodCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { ApplyError } from "../../src/apply";
import { ApiGatewayError } from "../../src/aws/errors";
import type { MethodKey, MethodSpec } from "../../src/model";
import { reconcile } from "../../src/reconcile";
import { createRuntime } from "../../src/runtime";
import { seedApi, useSeededApi } from "../support/local-api-gateway";

const suite = useSeededApi({ resources: 1, methods: 1 });

const X = "method.response.header.X-Variant";
function responses(i: number): MethodSpec["responses"] {
  return {
    "200": {
      methodResponse: { responseParameters: { [X]: true } },
      integrationResponse: { responseParameters: { [X]: `'v${i}'` }, responseTemplates: { "application/json": `{"v": ${i}}` } },
    },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404" } },
  };
}

/** The error of a run that must fail with an ApplyError. */
async function applyError(run: Promise<unknown>): Promise<ApplyError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplyError);
  return err as ApplyError;
}

describe("retry budgets against the local API Gateway", () => {
  it("the default attempt budget: a 409 concurrent modification on every write ends with CONFLICT_ATTEMPTS after exactly 25 attempts", async () => {
    const api = await seedApi(suite.client, { resources: 1, methods: 1, name: "attempts" });
    const key = api.methods[0]!;
    // No maxAttempts given: the default. Short backoff steps and a long deadline, so that the attempts run out first.
    const runtime = createRuntime({ endpoint: suite.emulator.endpoint, rate: "off", deadlineMs: 60_000, baseDelayMs: 1, maxDelayMs: 5 });
    expect(runtime.policy.maxAttempts).toBe(25);
    suite.emulator.setFaults([{ fault: "conflict", restApiId: api.restApiId, mutating: true }]);
    try {
      const before = suite.emulator.stats();
      const err = await applyError(reconcile(runtime, [{ ...key, responses: responses(1) }]));
      const after = suite.emulator.stats();
      expect(err.errors).toHaveLength(1);
      const e = err.errors[0] as ApiGatewayError;
      expect(e).toBeInstanceOf(ApiGatewayError);
      expect(e.code).toBe("CONFLICT_ATTEMPTS");
      expect(e.attempts).toBe(25);
      expect(e.message).toContain("[CONFLICT_ATTEMPTS]");
      expect(e.message).toContain("attempt budget of 25 used up");
      expect(e.method).toEqual(key);
      // The emulator refused 25 writes, and no more; our side counted 24 retries of them.
      expect(after.conflicts.injected - before.conflicts.injected).toBe(25);
      expect(err.report.retries.conflict).toBe(24);
    } finally {
      suite.emulator.setFaults([]);
    }
  });

  it("the deadline (AWS-10): a 409 concurrent modification until the deadline ends with CONFLICT_DEADLINE, within it", async () => {
    const api = await seedApi(suite.client, { resources: 1, methods: 1, name: "deadline" });
    const key = api.methods[0]!;
    const DEADLINE_MS = 1_500;
    const runtime = createRuntime({ endpoint: suite.emulator.endpoint, rate: "off", deadlineMs: DEADLINE_MS, baseDelayMs: 100, maxDelayMs: 400 });
    suite.emulator.setFaults([{ fault: "conflict", restApiId: api.restApiId, mutating: true }]);
    try {
      const before = suite.emulator.stats();
      const started = Date.now();
      const err = await applyError(reconcile(runtime, [{ ...key, responses: responses(2) }]));
      const elapsed = Date.now() - started;
      const e = err.errors[0] as ApiGatewayError;
      expect(err.errors).toHaveLength(1);
      expect(e).toBeInstanceOf(ApiGatewayError);
      expect(e.code).toBe("CONFLICT_DEADLINE");
      expect(e.message).toContain("[CONFLICT_DEADLINE]");
      expect(e.message).toMatch(/deadline of 1500 ms/);
      expect(e.message).toContain(`request id ${e.requestId}`);
      // Several attempts, far fewer than the attempt budget: the deadline ended it.
      expect(e.attempts).toBeGreaterThan(2);
      expect(e.attempts).toBeLessThan(25);
      expect(suite.emulator.stats().conflicts.injected - before.conflicts.injected).toBe(e.attempts);
      // No retry was scheduled past the deadline (the run's own reads and the last call's time on top).
      expect(elapsed).toBeLessThan(DEADLINE_MS + 1_000);
    } finally {
      suite.emulator.setFaults([]);
    }
  });

  it("one failing method in a run of several on one REST API does not stop the others: the ApplyError lists it alone, the others converged (raw SDK read)", async () => {
    const api = await seedApi(suite.client, { resources: 4, methods: 4, name: "several" });
    const specs: MethodSpec[] = api.methods.map((key, i) => ({ ...key, responses: responses(10 + i) }));
    const runtime = createRuntime({ endpoint: suite.emulator.endpoint, rate: "off", deadlineMs: 20_000 });
    // The first write of the run is refused for good (403 AccessDeniedException, a terminal
    // error: not retried), whichever method's it is; the rule is then spent.
    suite.emulator.setFaults([{ fault: "denied", restApiId: api.restApiId, operation: "PutMethodResponse", count: 1 }]);
    let err: ApplyError;
    try {
      // One pass: a second one would write the failed method again, the spent rule no longer refusing it
      // (the run's further passes are ./writers.emulator.test.ts's subject).
      err = await applyError(reconcile(runtime, specs, { maxPasses: 1 }));
    } finally {
      suite.emulator.setFaults([]);
    }
    const failing = err.failures[0]?.method.key as MethodKey;
    const converging = api.methods.filter((k) => k.resourceId !== failing.resourceId);
    expect(converging).toHaveLength(3);
    expect(err.failures).toHaveLength(1);
    expect(err.errors).toHaveLength(1);
    expect(err.methodCount).toBe(4);
    const e = err.errors[0] as ApiGatewayError;
    expect(e).toBeInstanceOf(ApiGatewayError);
    expect(e.operation).toBe("PutMethodResponse");
    expect(e.awsErrorName).toBe("AccessDeniedException");
    expect(e.attempts).toBe(1);
    expect(e.method).toEqual(failing);
    expect(err.message).toMatch(/^APPLY_FAILED: 1 of 4 method\(s\) could not be applied/);
    for (const key of converging) {
      const i = api.methods.indexOf(key);
      const raw = await suite.client.send(new GetMethodCommand(key));
      expect(Object.keys(raw.methodResponses ?? {}).sort(), key.resourceId).toEqual(["200", "404"]);
      expect(raw.methodResponses!["200"]!.responseParameters).toEqual({ [X]: true });
      const irs = raw.methodIntegration?.integrationResponses ?? {};
      expect(Object.keys(irs).sort()).toEqual(["200", "404"]);
      expect(irs["200"]!.responseParameters).toEqual({ [X]: `'v${10 + i}'` });
      expect(irs["200"]!.responseTemplates).toEqual({ "application/json": `{"v": ${10 + i}}` });
      expect(irs["404"]!.selectionPattern).toBe("404");
    }
    // The failing method: its refused method response is not there (nor, AWS-4, the integration response mapping its header).
    const raw = await suite.client.send(new GetMethodCommand(failing));
    expect(raw.methodIntegration?.integrationResponses?.["200"]).toBeUndefined();
  });
});
