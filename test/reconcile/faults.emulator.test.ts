/**
 * The retry policy against injected faults and the AWS-9 gate of the local API
 * Gateway: 30% throttles + 30% transient conflicts converge with zero failures;
 * Retry-After is honoured (AWS-11); the deadline ends retries with a typed error
 * (AWS-10), the attempt budget with another code; 20 methods of one REST API reconciled in parallel never fail with a
 * conflict (writes serialized per API, AWS-9). A hard limit (AWS-63) fails at once
 * with AWS's message and stops the run's other methods of that REST API; an
 * un-coded 429 (AWS-64) is throttling: retried, and the run converges.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplyError, MethodNotStartedError } from "../../src/apply";
import { ApiGatewayError } from "../../src/aws/errors";
import { createRuntime, releaseSharedClients } from "../../src/runtime";
import type { Emulator } from "../../src/emulator";
import type { MethodSpec } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";
import { observeMethods } from "../../src/observe";
import { reconcile } from "../../src/reconcile";
import { localClient } from "../../tools/seed";
import { callsBetween, FAST_RATES, readsAndWrites, seedApi, seedResponses, startLocalApiGateway, type SeededApi } from "../support/local-api-gateway";

let emulator: Emulator;
let client: APIGatewayClient;
let apis: SeededApi[];

const H = (name: string) => `method.response.header.${name}`;

function responses(variant: number): MethodSpec["responses"] {
  return {
    "200": {
      methodResponse: { responseParameters: { [H("X-Variant")]: true } },
      integrationResponse: { responseParameters: { [H("X-Variant")]: `'v${variant}'` }, responseTemplates: { "application/json": `{"v": ${variant}}` } },
    },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404" } },
    "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d{2}" } },
  };
}

beforeAll(async () => {
  // Default latency (20 ms) on writes: long enough for the AWS-9 gate to fire on concurrent writes.
  emulator = await startLocalApiGateway({ latencyMs: 20 });
  client = localClient(emulator.endpoint);
  apis = [await seedApi(client, { resources: 6, methods: 6, name: "a" }), await seedApi(client, { resources: 6, methods: 6, name: "b" }), await seedApi(client, { resources: 21, methods: 20, name: "c" })];
  // Some live drift on the first two APIs.
  for (const api of apis.slice(0, 2)) {
    for (const key of api.methods.slice(0, 3)) {
      await seedResponses(client, key, { "200": { methodResponse: { responseParameters: { [H("X-Old")]: true } } }, "302": { methodResponse: {} } });
    }
  }
}, 120_000);

afterAll(async () => {
  client?.destroy();
  releaseSharedClients();
  await emulator?.stop();
});

describe("retry policy against the local API Gateway", () => {
  it("converges 12 methods on 2 APIs with 30% injected 429s and 30% transient 409s, with zero failures", async () => {
    const runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES, deadlineMs: 60_000, maxAttempts: 40, baseDelayMs: 20, maxDelayMs: 200 });
    // Rules are tried in order, the first that fires decides: 0.3 / 0.7 makes the conflicts 30% of all calls too.
    emulator.setFaults([
      { fault: "throttle", probability: 0.3, retryAfterSeconds: 0.02 },
      { fault: "conflict", probability: 0.3 / 0.7 },
    ]);
    try {
      const specs: MethodSpec[] = apis.slice(0, 2).flatMap((api) => api.methods.map((key, i) => ({ ...key, responses: responses(i) })));
      const before = emulator.stats();
      const started = Date.now();
      const result = await reconcile(runtime, specs);
      const elapsed = Date.now() - started;
      const after = emulator.stats();
      result.observed.forEach((o, i) => expect(o.responses).toEqual(normalizeDesiredResponses(specs[i]!.responses)));
      const throttles = after.throttles.injected - before.throttles.injected;
      const conflicts = after.conflicts.injected + after.conflicts.concurrent - before.conflicts.injected - before.conflicts.concurrent;
      const totalCalls = after.totalCalls - before.totalCalls;
      // Every injected fault was met by exactly one retry of ours, and then the call succeeded.
      expect(result.report.retries.throttled).toBe(throttles);
      expect(result.report.retries.conflict).toBe(conflicts);
      expect(throttles).toBeGreaterThan(totalCalls * 0.15);
      expect(conflicts).toBeGreaterThan(totalCalls * 0.15);
      console.log(
        `faults: ${totalCalls} calls, ${throttles} throttled, ${conflicts} conflicts, ${result.report.operations.length} operations, ${elapsed} ms`,
        JSON.stringify(result.report.calls),
      );

      // With the faults still on, a second pass writes nothing.
      const mid = emulator.stats();
      const second = await reconcile(runtime, specs);
      expect(second.report.operations).toEqual([]);
      expect(readsAndWrites(mid, emulator.stats()).writes).toBe(0);
    } finally {
      emulator.setFaults([]);
    }
  });

  it("retries server errors, broken connections and hung requests (request time limit), classified from real transport errors", async () => {
    const runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES, requestTimeoutMs: 400, baseDelayMs: 20, maxDelayMs: 100 });
    const api = apis[1]!;
    const specs: MethodSpec[] = api.methods.slice(3).map((key, i) => ({ ...key, responses: responses(100 + i) }));
    emulator.setFaults([
      { fault: "internal", mutating: true, count: 2 },
      { fault: "unavailable", mutating: true, count: 1, retryAfterSeconds: 0 },
      { fault: "reset", count: 2 },
      { fault: "hang", count: 1, mutating: true },
    ]);
    try {
      const result = await reconcile(runtime, specs);
      result.observed.forEach((o, i) => expect(o.responses).toEqual(normalizeDesiredResponses(specs[i]!.responses)));
      expect(result.report.retries).toMatchObject({ server: 3, network: 2, timeout: 1 });
    } finally {
      emulator.setFaults([]);
    }
  });

  it("honours Retry-After (AWS-11): one throttle of 1 s delays the call by at least 1 s", async () => {
    const runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES });
    emulator.setFaults([{ fault: "throttle", operation: "GetMethod", count: 1, retryAfterSeconds: 1 }]);
    try {
      const started = Date.now();
      const [o] = await observeMethods(runtime, [apis[0]!.methods[0]!], { immediate: true });
      const elapsed = Date.now() - started;
      expect(o!.exists).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(1_000);
      expect(elapsed).toBeLessThan(3_000);
      expect(runtime.counters.retries.throttled).toBe(1);
      expect(runtime.counters.calls.GetMethod).toBe(2);
    } finally {
      emulator.setFaults([]);
    }
  });

  it("stops at the deadline (AWS-10) with THROTTLED_DEADLINE, the operation and the request id", async () => {
    const runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES, deadlineMs: 1_500 });
    emulator.setFaults([{ fault: "throttle", operation: "GetMethod", retryAfterSeconds: 1 }]);
    try {
      const started = Date.now();
      const err = await observeMethods(runtime, [apis[0]!.methods[1]!], { immediate: true }).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(err).toBeInstanceOf(ApiGatewayError);
      const e = err as ApiGatewayError;
      expect(e.code).toBe("THROTTLED_DEADLINE");
      expect(e.operation).toBe("GetMethod");
      expect(e.attempts).toBe(2);
      expect(e.message).toContain(`request id ${e.requestId}`);
      expect(e.message).toMatch(/deadline of 1500 ms/);
      expect(elapsed).toBeLessThan(2_500);
    } finally {
      emulator.setFaults([]);
    }
  });

  it("stops when the attempt budget is used up with THROTTLED_ATTEMPTS, not THROTTLED_DEADLINE", async () => {
    const runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES, maxAttempts: 3 });
    emulator.setFaults([{ fault: "throttle", operation: "GetMethod", retryAfterSeconds: 0 }]);
    try {
      const before = emulator.stats();
      const err = await observeMethods(runtime, [apis[0]!.methods[2]!], { immediate: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiGatewayError);
      const e = err as ApiGatewayError;
      expect(e.code).toBe("THROTTLED_ATTEMPTS");
      expect(e.attempts).toBe(3);
      expect(e.message).toContain("[THROTTLED_ATTEMPTS]");
      expect(e.message).toContain("3 attempts, attempt budget of 3 used up");
      expect(emulator.stats().calls.GetMethod! - (before.calls.GetMethod ?? 0)).toBe(3);
      expect(runtime.counters.retries.throttled).toBe(2);
    } finally {
      emulator.setFaults([]);
    }
  });

  it("20 methods of one REST API reconciled in parallel: no call fails with a conflict that was not retried", async () => {
    const api = apis[2]!;
    // Separate runtimes, as separate Pulumi resources would create them: they share the client, bucket and write queue.
    const specs: MethodSpec[] = api.methods.map((key, i) => ({ ...key, responses: responses(i) }));
    const before = emulator.stats();
    const started = Date.now();
    const results = await Promise.all(
      specs.map((spec) => reconcile(createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES }), [spec])),
    );
    const elapsed = Date.now() - started;
    const after = emulator.stats();
    results.forEach((r, i) => expect(r.observed[0]!.responses).toEqual(normalizeDesiredResponses(specs[i]!.responses)));
    const conflicts = after.conflicts.concurrent + after.conflicts.injected - before.conflicts.concurrent - before.conflicts.injected;
    const retried = results.reduce((n, r) => n + r.report.retries.conflict, 0);
    // Writes are serialized per REST API, so the AWS-9 gate has nothing to refuse; any conflict would have been retried.
    expect(conflicts).toBe(retried);
    expect(conflicts).toBe(0);
    const { calls } = readsAndWrites(before, after);
    console.log(`parallel: 20 reconciles in ${elapsed} ms, calls ${JSON.stringify(calls)}`);
    // The 20 concurrent first observes were coalesced into one GetResources read; the
    // verifications come one by one as the serialized writes finish (one GetMethod each).
    expect(calls.GetResources).toBe(1);
    expect(calls.GetMethod ?? 0).toBeLessThanOrEqual(20);
    expect(calls.PutMethodResponse).toBe(60);
    expect(calls.PutIntegrationResponse).toBe(60);
  });

  it("a hard limit (AWS-63) fails at once with AWS's message, zero retries, and stops the run's other methods of that REST API; a later run converges", async () => {
    const limited = await seedApi(client, { resources: 4, methods: 4, name: "limited" });
    const other = await seedApi(client, { resources: 2, methods: 2, name: "other" });
    // The default policy: without the hard-limit rule, a 429 would be retried for 2 minutes.
    const runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES });
    emulator.setFaults([{ fault: "hard-limit", restApiId: limited.restApiId, mutating: true }]);
    const specs: MethodSpec[] = [...limited.methods, ...other.methods].map((key, i) => ({ ...key, responses: responses(200 + i) }));
    try {
      const before = emulator.stats();
      const started = Date.now();
      const err = await reconcile(runtime, specs).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      const after = emulator.stats();
      expect(err).toBeInstanceOf(ApplyError);
      const errors = (err as ApplyError).errors;
      expect(errors).toHaveLength(4);
      // The first method of the limited API: one attempt, AWS's message, LIMIT_EXCEEDED.
      const limit = errors[0] as ApiGatewayError;
      expect(limit).toBeInstanceOf(ApiGatewayError);
      expect(limit.code).toBe("LIMIT_EXCEEDED");
      expect(limit.attempts).toBe(1);
      expect(limit.method).toEqual(limited.methods[0]);
      expect(limit.message).toContain("[LIMIT_EXCEEDED]: LimitExceededException: Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.");
      expect(limit.message).toContain("1 attempt, a hard limit (AWS-63): not retried");
      // Its three other methods were not started.
      expect(errors.slice(1).map((e) => (e as MethodNotStartedError).method)).toEqual(limited.methods.slice(1));
      for (const e of errors.slice(1)) {
        expect(e).toBeInstanceOf(MethodNotStartedError);
        expect((e as MethodNotStartedError).code).toBe("LIMIT_EXCEEDED");
        expect(e.message).toMatch(/not started \[LIMIT_EXCEEDED\]: rest api \w+ met a hard limit earlier in this run \(AWS-63; PutMethodResponse, request id [\w-]+\): LimitExceededException: Maximum number of Resources/);
      }
      expect((err as ApplyError).message).toMatch(/^APPLY_FAILED: 4 of 6 method\(s\) could not be applied \(3 not started after a hard limit, LIMIT_EXCEEDED, AWS-63\):/);
      // One write reached the limited API; nothing was retried.
      expect((after.faults["hard-limit"] ?? 0) - (before.faults["hard-limit"] ?? 0)).toBe(1);
      expect(Object.values(runtime.counters.retries).reduce((a, b) => a + b, 0)).toBe(0);
      expect(Object.values((err as ApplyError).report.retries).reduce((a, b) => a + b, 0)).toBe(0);
      // The other REST API was applied in full.
      const otherOps = (err as ApplyError).report.operations.filter((o) => o.key.restApiId === other.restApiId);
      expect(otherOps).toHaveLength(other.methods.length * 6);
      const observed = await observeMethods(runtime, other.methods, { immediate: true });
      observed.forEach((o, i) => expect(o.responses).toEqual(normalizeDesiredResponses(specs[limited.methods.length + i]!.responses)));
      console.log(`hard limit: failed in ${elapsed} ms, calls ${JSON.stringify(callsBetween(before, after))}`);
      expect(elapsed).toBeLessThan(5_000);

      // Once the quota allows, the next run converges from what is there.
      emulator.setFaults([]);
      const again = await reconcile(runtime, specs);
      again.observed.forEach((o, i) => expect(o.responses).toEqual(normalizeDesiredResponses(specs[i]!.responses)));
      expect(again.report.operations.every((o) => o.key.restApiId === limited.restApiId)).toBe(true);
    } finally {
      emulator.setFaults([]);
    }
  });

  it("an un-coded 429 (AWS-64) is throttling: retried with backoff, and the run converges", async () => {
    const api = await seedApi(client, { resources: 3, methods: 3, name: "uncoded" });
    const runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES, baseDelayMs: 20, maxDelayMs: 100 });
    emulator.setFaults([
      { fault: "throttle-uncoded", restApiId: api.restApiId, mutating: true, count: 4 },
      { fault: "throttle-uncoded", restApiId: api.restApiId, mutating: false, count: 1 },
    ]);
    try {
      const specs: MethodSpec[] = api.methods.map((key, i) => ({ ...key, responses: responses(300 + i) }));
      const before = emulator.stats();
      const result = await reconcile(runtime, specs);
      const after = emulator.stats();
      result.observed.forEach((o, i) => expect(o.responses).toEqual(normalizeDesiredResponses(specs[i]!.responses)));
      const injected = (after.faults["throttle-uncoded"] ?? 0) - (before.faults["throttle-uncoded"] ?? 0);
      expect(injected).toBe(5);
      expect(result.report.retries.throttled).toBe(5);
      expect(Object.values(result.report.retries).reduce((a, b) => a + b, 0)).toBe(5);
    } finally {
      emulator.setFaults([]);
    }
  });
});
