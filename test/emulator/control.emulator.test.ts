/**
 * The emulator's control semantics, as docs/local-api-gateway.md and src/emulator/faults.ts
 * state them (issue 16): a reset brings back the fault rules given at start; latency rules
 * add up and the first other matching rule decides; each call meets the quota, then the fault
 * rules, then the AWS-9 gate; `hang` with `latencyMs` drops the connection after that long.
 * Every claim is shown with the emulator's counters and the real AWS SDK.
 */
import {
  DeleteMethodResponseCommand,
  GetRestApisCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
  type APIGatewayClient as Client,
} from "@aws-sdk/client-api-gateway";
import { beforeEach, describe, expect, it } from "vitest";
import type { Emulator, FaultRule } from "../../src/emulator/index";
import { clientFor, createMethod, errorOf, expectAwsError, key, rawCall, useEmulator } from "../support/emulator";

let emulator: Emulator;
let aws: Client;
let moto: Client;

/** The fault rules given at start: throttle the next 2 GetRestApis. */
const START_RULES: FaultRule[] = [{ fault: "throttle", operation: "GetRestApis", count: 2, retryAfterSeconds: 7 }];

// A small account bucket that does not refill within a test (1 token per 100 s, burst 8):
// a reset fills it. Fixtures are made on moto directly, which spends nothing.
useEmulator({ quota: { rps: 0.01, burst: 8 }, latencyMs: 0, seed: 7, faults: START_RULES }, (s) => ({ emulator, aws, moto } = s));

beforeEach(() => emulator.reset());

/** The rules in force and what is left of their counts (GET /__emulator/faults). */
async function rulesInForce(): Promise<unknown[]> {
  const r = await rawCall(emulator.endpoint, "GET", "/__emulator/faults");
  expect(r.status).toBe(200);
  return (r.json as { rules: unknown[] }).rules;
}

const getRestApis = () => aws.send(new GetRestApisCommand({}));
const injectedThrottle = { status: 429, name: "TooManyRequestsException", message: "Too Many Requests" };

describe("reset restores the fault rules given at start", () => {
  it("emulator.reset(): not the rules set since, not an empty list; their counts start again", async () => {
    expect(await rulesInForce()).toEqual([{ ...START_RULES[0], remaining: 2 }]);
    // Spend one of the start rule's two throttles, then replace the rules.
    await expectAwsError(getRestApis(), injectedThrottle);
    expect(await rulesInForce()).toEqual([{ ...START_RULES[0], remaining: 1 }]);
    emulator.setFaults([{ fault: "internal", operation: "GetRestApis", count: 5 }]);
    await expectAwsError(getRestApis(), { status: 500, name: "InternalFailure", message: "Internal server error" });

    await emulator.reset();
    expect(await rulesInForce()).toEqual([{ ...START_RULES[0], remaining: 2 }]);
    for (let i = 0; i < 2; i++) {
      const e = await expectAwsError(getRestApis(), injectedThrottle);
      expect(Number(e.retryAfterSeconds)).toBe(7);
    }
    expect(await errorOf(getRestApis())).toBeUndefined();
    const stats = emulator.stats();
    expect(stats.faults).toEqual({ throttle: 2 });
    expect(stats.throttles).toEqual({ quota: 0, injected: 2 });
    expect(stats.outcomesByOperation.GetRestApis).toEqual({ "429": 2, "200": 1 });
  });

  it("POST /__emulator/reset after POST /__emulator/faults: the start rules again", async () => {
    const set = await rawCall(emulator.endpoint, "POST", "/__emulator/faults", [{ fault: "unavailable", count: 1 }]);
    expect(set.json).toEqual({ rules: [{ fault: "unavailable", count: 1, remaining: 1 }] });
    const reset = await rawCall(emulator.endpoint, "POST", "/__emulator/reset");
    expect(reset).toMatchObject({ status: 200, json: { reset: true } });
    expect(await rulesInForce()).toEqual([{ ...START_RULES[0], remaining: 2 }]);
    await expectAwsError(getRestApis(), injectedThrottle);
    expect(emulator.stats().faults).toEqual({ throttle: 1 });
  });
});

describe("latency rules add up; the first other matching rule decides", () => {
  it("two matching latencies delay the call by their sum; rules after the deciding one are not reached", async () => {
    emulator.setFaults([
      { fault: "latency", latencyMs: 150, operation: "GetRestApis" },
      { fault: "latency", latencyMs: 5000, operation: "GetAccount", count: 1 }, // does not match
      { fault: "latency", latencyMs: 100 },
      { fault: "conflict", operation: "GetRestApis", count: 1 },
      { fault: "throttle", operation: "GetRestApis", count: 1 },
      { fault: "latency", latencyMs: 300, count: 1 }, // after the deciding rules
    ]);

    // 1st call: 150 + 100 ms, then the conflict rule decides; the throttle and the last latency are not reached.
    let started = performance.now();
    await expectAwsError(getRestApis(), { status: 409, name: "ConflictException", message: /concurrent modification/i });
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    expect((await rulesInForce()).map((r) => (r as { remaining?: number }).remaining)).toEqual([undefined, 1, undefined, 0, 1, 1]);

    // 2nd call: the conflict is spent; the throttle decides, after the same 250 ms.
    started = performance.now();
    await expectAwsError(getRestApis(), injectedThrottle);
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    expect((await rulesInForce()).map((r) => (r as { remaining?: number }).remaining)).toEqual([undefined, 1, undefined, 0, 0, 1]);

    // 3rd call: nothing decides; all three matching latencies add up (150 + 100 + 300), then the call is served.
    started = performance.now();
    expect(await errorOf(getRestApis())).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(545);
    expect((await rulesInForce()).map((r) => (r as { remaining?: number }).remaining)).toEqual([undefined, 1, undefined, 0, 0, 0]);

    const stats = emulator.stats();
    // `latency` counts delayed calls (one each), not rules.
    expect(stats.faults).toEqual({ latency: 3, conflict: 1, throttle: 1 });
    expect(stats.conflicts).toEqual({ concurrent: 0, injected: 1 });
    expect(stats.throttles).toEqual({ quota: 0, injected: 1 });
    expect(stats.outcomesByOperation.GetRestApis).toEqual({ "409": 1, "429": 1, "200": 1 });
  });
});

describe("the order: quota, then fault rules, then the AWS-9 gate", () => {
  it("with a write in flight: a fault rule answers before the gate; the gate answers what no rule takes; the quota answers before both", { timeout: 20_000 }, async () => {
    const m = await createMethod(moto);
    emulator.setFaults([
      // Keeps the first PutMethodResponse in flight, holding the REST API's lock (AWS-9).
      { fault: "latency", latencyMs: 3000, operation: "PutMethodResponse", count: 1 },
      { fault: "internal", operation: "PutIntegrationResponse", restApiId: m.restApiId, count: 1 },
      { fault: "conflict", operation: "DeleteMethodResponse", count: 1 },
    ]);
    expect(emulator.stats().totalCalls).toBe(0);

    // Token 1: the write in flight.
    const inFlight = aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    await expect.poll(() => emulator.stats().calls.PutMethodResponse ?? 0).toBe(1);
    const ir = () => aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    // Token 2: a write the fault rule takes: 500, not the concurrent-modification 409.
    await expectAwsError(ir(), { status: 500, name: "InternalFailure", message: "Internal server error" });
    // Token 3: the same write, the rule spent: the AWS-9 gate answers 409.
    await expectAwsError(ir(), { status: 409, name: "ConflictException", message: /concurrent modification/i });
    // Tokens 4 to 8: reads are never gated.
    for (let i = 0; i < 5; i++) expect(await errorOf(getRestApis())).toBeUndefined();
    // No token left: the quota answers first; the matching conflict rule is not spent, the gate not asked.
    const e = await expectAwsError(aws.send(new DeleteMethodResponseCommand({ ...key(m), statusCode: "200" })), { status: 429, name: "TooManyRequestsException", message: "Too Many Requests" });
    expect(Number(e.retryAfterSeconds)).toBeGreaterThanOrEqual(1);
    expect(await rulesInForce()).toEqual([
      { fault: "latency", latencyMs: 3000, operation: "PutMethodResponse", count: 1, remaining: 0 },
      { fault: "internal", operation: "PutIntegrationResponse", restApiId: m.restApiId, count: 1, remaining: 0 },
      { fault: "conflict", operation: "DeleteMethodResponse", count: 1, remaining: 1 },
    ]);
    const during = emulator.stats();
    expect(during.throttles).toEqual({ quota: 1, injected: 0 });
    expect(during.conflicts).toEqual({ concurrent: 1, injected: 0 });
    expect(during.faults).toEqual({ latency: 1, internal: 1 });

    // The write in flight ends as it would have.
    expect((await inFlight).$metadata.httpStatusCode).toBe(201);
    const stats = emulator.stats();
    expect(stats.totalCalls).toBe(9);
    expect(stats.outcomesByOperation).toEqual({
      PutMethodResponse: { "201": 1 },
      PutIntegrationResponse: { "500": 1, "409": 1 },
      GetRestApis: { "200": 5 },
      DeleteMethodResponse: { "429": 1 },
    });
  });
});

describe("hang with latencyMs", () => {
  it("no answer, and the connection is dropped after latencyMs, long before the client's own timeout", { timeout: 20_000 }, async () => {
    const patient = clientFor(emulator.endpoint, { requestTimeoutMs: 10_000 });
    try {
      emulator.setFaults([{ fault: "hang", operation: "GetRestApis", latencyMs: 600, count: 1 }]);
      const started = performance.now();
      const e = (await errorOf(patient.send(new GetRestApisCommand({}))))!;
      const elapsed = performance.now() - started;
      expect(e).toBeDefined();
      expect(e.status).toBeUndefined();
      expect(`${e.name} ${e.message}`).toMatch(/ECONNRESET|socket hang up/i);
      expect(elapsed).toBeGreaterThanOrEqual(590);
      expect(elapsed).toBeLessThan(8_000);
      // Spent: the next call is served.
      expect(await errorOf(patient.send(new GetRestApisCommand({})))).toBeUndefined();
      const stats = emulator.stats();
      expect(stats.faults).toEqual({ hang: 1 });
      expect(stats.outcomesByOperation.GetRestApis).toEqual({ hang: 1, "200": 1 });
      expect(stats.totalCalls).toBe(2);
    } finally {
      patient.destroy();
    }
  });
});
