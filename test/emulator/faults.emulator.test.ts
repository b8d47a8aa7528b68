/**
 * Fault injection (429 throttling, coded or not; 429 hard limit; transient 409, 500,
 * 503, latency, connection reset, hang) by
 * operation, REST API, kind of call, count and seeded probability; the control
 * calls under /__emulator/ and the accounting they report.
 */
import {
  APIGatewayClient,
  APIGatewayServiceException,
  GetMethodCommand,
  GetRestApisCommand,
  LimitExceededException,
  PutMethodResponseCommand,
  ServiceUnavailableException,
  type APIGatewayClient as Client,
} from "@aws-sdk/client-api-gateway";
import { beforeEach, describe, expect, it } from "vitest";
import { parseFaultRules, type Emulator } from "../../src/emulator/index";
import { clientFor, createMethod, errorOf, expectAwsError, key, rawCall, useEmulator } from "../support/emulator";

let emulator: Emulator;
let aws: Client;

useEmulator({ quota: "off", latencyMs: 0, seed: 42 }, (s) => ({ emulator, aws } = s));

beforeEach(() => emulator.reset());

describe("fault kinds", () => {
  it("throttle: 429 TooManyRequestsException with Retry-After, for the next N calls of an operation", async () => {
    emulator.setFaults([{ fault: "throttle", operation: "GetRestApis", count: 2, retryAfterSeconds: 3 }]);
    for (let i = 0; i < 2; i++) {
      const e = await expectAwsError(aws.send(new GetRestApisCommand({})), { status: 429, name: "TooManyRequestsException", message: "Too Many Requests" });
      expect(Number(e.retryAfterSeconds)).toBe(3);
    }
    expect(await errorOf(aws.send(new GetRestApisCommand({})))).toBeUndefined();
    expect(emulator.stats().throttles).toEqual({ quota: 0, injected: 2 });
  });

  it("hard-limit: 429 LimitExceededException with AWS's body (AWS-63): the maximum reached, retryAfterSeconds null, no Retry-After", async () => {
    const m = await createMethod(aws);
    emulator.setFaults([{ fault: "hard-limit", restApiId: m.restApiId, mutating: true, count: 2 }]);
    const aws63 = "Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.";
    const e = await expectAwsError(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" })), { status: 429, name: "LimitExceededException", message: aws63 });
    expect(e).toBeInstanceOf(LimitExceededException);
    expect(e.retryAfterSeconds).toBeNull();
    // On the wire: the error type header, exactly AWS's body, no Retry-After.
    const raw = await rawCall(emulator.endpoint, "PUT", `/restapis/${m.restApiId}/resources/${m.resourceId}/methods/GET/responses/200`, {});
    expect(raw.status).toBe(429);
    expect(raw.headers.get("x-amzn-errortype")).toBe("LimitExceededException");
    expect(raw.headers.get("retry-after")).toBeNull();
    expect(raw.json).toEqual({ message: aws63, retryAfterSeconds: null });
    // Reads are left alone (mutating: true); the rule is spent after 2.
    expect(await errorOf(aws.send(new GetMethodCommand(key(m))))).toBeUndefined();
    expect(await errorOf(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" })))).toBeUndefined();
    expect(emulator.stats().faults["hard-limit"]).toBe(2);
  });

  it("lost-write: a mutating call is answered as done (201 for a put) but not applied; reads neither match nor spend it", async () => {
    const m = await createMethod(aws);
    emulator.setFaults([{ fault: "lost-write", count: 1 }]);
    expect(await errorOf(aws.send(new GetMethodCommand(key(m))))).toBeUndefined();
    const raw = await rawCall(emulator.endpoint, "PUT", `/restapis/${m.restApiId}/resources/${m.resourceId}/methods/GET/responses/200`, {});
    expect(raw.status).toBe(201);
    const method = await aws.send(new GetMethodCommand(key(m)));
    expect(method.methodResponses?.["200"]).toBeUndefined();
    expect(emulator.stats().faults["lost-write"]).toBe(1);
    // Spent: the next write is applied.
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    expect((await aws.send(new GetMethodCommand(key(m)))).methodResponses?.["200"]).toBeDefined();
  });

  it("hard-limit: another message when given", async () => {
    emulator.setFaults([{ fault: "hard-limit", count: 1, message: "Maximum number of Stages for this API has been reached." }]);
    await expectAwsError(aws.send(new GetRestApisCommand({})), { status: 429, name: "LimitExceededException", message: "Maximum number of Stages for this API has been reached." });
  });

  it("throttle-uncoded: a 429 with no error code (AWS-64); Retry-After only when asked", async () => {
    emulator.setFaults([{ fault: "throttle-uncoded", operation: "GetRestApis", count: 1 }]);
    const e = await expectAwsError(aws.send(new GetRestApisCommand({})), { status: 429, name: "Unknown", message: "Too Many Requests" });
    expect(e).toBeInstanceOf(APIGatewayServiceException);
    expect(e.retryAfterSeconds).toBeUndefined();
    expect(await errorOf(aws.send(new GetRestApisCommand({})))).toBeUndefined();
    emulator.setFaults([{ fault: "throttle-uncoded", operation: "GetRestApis", retryAfterSeconds: 2 }]);
    const raw = await rawCall(emulator.endpoint, "GET", "/restapis");
    expect(raw.status).toBe(429);
    expect(raw.headers.get("x-amzn-errortype")).toBeNull();
    expect(raw.headers.get("retry-after")).toBe("2");
    expect(raw.json).toEqual({ message: "Too Many Requests" });
    expect(emulator.stats().faults["throttle-uncoded"]).toBe(2);
  });

  it("conflict: the transient 409, only on the REST API named", async () => {
    const a = await createMethod(aws, { name: "a" });
    const b = await createMethod(aws, { name: "b" });
    emulator.setFaults([{ fault: "conflict", restApiId: a.restApiId }]);
    await expectAwsError(aws.send(new PutMethodResponseCommand({ ...key(a), statusCode: "200" })), {
      status: 409,
      name: "ConflictException",
      message: "Unable to complete operation due to concurrent modification. Please try again later.",
    });
    expect(await errorOf(aws.send(new PutMethodResponseCommand({ ...key(b), statusCode: "200" })))).toBeUndefined();
    expect(emulator.stats().conflicts.injected).toBe(1);
  });

  it("internal: 500, only on mutating calls when mutating is true", async () => {
    const m = await createMethod(aws);
    emulator.setFaults([{ fault: "internal", mutating: true }]);
    expect(await errorOf(aws.send(new GetMethodCommand(key(m))))).toBeUndefined();
    const e = await errorOf(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" })));
    expect(e).toEqual({ status: 500, name: "InternalFailure", message: "Internal server error" });
  });

  it("unavailable: 503 ServiceUnavailableException", async () => {
    emulator.setFaults([{ fault: "unavailable", count: 1, message: "Slow down" }]);
    const e = await expectAwsError(aws.send(new GetRestApisCommand({})), { status: 503, name: "ServiceUnavailableException", message: "Slow down" });
    expect(e).toBeInstanceOf(ServiceUnavailableException);
  });

  it("latency: the call is delayed, then answered normally", async () => {
    emulator.setFaults([{ fault: "latency", latencyMs: 300, operation: "GetRestApis" }]);
    const started = performance.now();
    await aws.send(new GetRestApisCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(emulator.stats().faults.latency).toBe(1);
  });

  it("reset: the connection is destroyed without an answer", async () => {
    emulator.setFaults([{ fault: "reset", count: 1 }]);
    const e = (await errorOf(aws.send(new GetRestApisCommand({}))))!;
    expect(e.status).toBeUndefined();
    expect(`${e.name} ${e.message}`).toMatch(/ECONNRESET|socket hang up/i);
    expect(await errorOf(aws.send(new GetRestApisCommand({})))).toBeUndefined();
    expect(emulator.stats().outcomes.reset).toBe(1);
  });

  it("hang: no answer, the client's timeout fires; later calls are served", { timeout: 10_000 }, async () => {
    const impatient = clientFor(emulator.endpoint, { requestTimeoutMs: 300 });
    try {
      emulator.setFaults([{ fault: "hang", count: 1 }]);
      const started = performance.now();
      const e = (await errorOf(impatient.send(new GetRestApisCommand({}))))!;
      expect(e.status).toBeUndefined();
      expect(`${e.name} ${e.message}`).toMatch(/timeout|timed out/i);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(await errorOf(aws.send(new GetRestApisCommand({})))).toBeUndefined();
      expect(emulator.stats().outcomes.hang).toBe(1);
    } finally {
      impatient.destroy();
    }
  });
});

describe("probability and seed", () => {
  async function pattern(): Promise<string> {
    let out = "";
    for (let i = 0; i < 24; i++) out += (await errorOf(aws.send(new GetRestApisCommand({})))) ? "x" : ".";
    return out;
  }

  it("the same rules and seed give the same sequence of faults", async () => {
    const rules = parseFaultRules([{ fault: "internal", operation: "GetRestApis", probability: 0.5 }]);
    emulator.setFaults(rules);
    const first = await pattern();
    emulator.setFaults(rules);
    const second = await pattern();
    expect(second).toBe(first);
    expect(first).toContain("x");
    expect(first).toContain(".");
    // Another seed (through the control call) gives another sequence.
    const posted = await rawCall(emulator.endpoint, "POST", "/__emulator/faults", { rules, seed: 7 });
    expect(posted.status).toBe(200);
    const third = await pattern();
    expect(third).not.toBe(first);
  });
});

describe("the rule format", () => {
  it("rejects bad rules with a message naming the rule", () => {
    expect(() => parseFaultRules([{ fault: "explode" }])).toThrow(/fault rule 0: "fault" must be one of/);
    expect(() => parseFaultRules([{ fault: "explode" }])).toThrow(/hard-limit, throttle-uncoded/);
    expect(parseFaultRules([{ fault: "hard-limit", restApiId: "a1" }, { fault: "throttle-uncoded", retryAfterSeconds: 0 }])).toEqual([
      { fault: "hard-limit", restApiId: "a1" },
      { fault: "throttle-uncoded", retryAfterSeconds: 0 },
    ]);
    expect(() => parseFaultRules([{ fault: "latency" }])).toThrow(/fault rule 0: "latency" needs "latencyMs"/);
    expect(() => parseFaultRules([{ fault: "internal", probability: 2 }])).toThrow(/"probability" must be a number in \[0, 1\]/);
    expect(() => parseFaultRules([{ fault: "internal", opertion: "GetMethod" }])).toThrow(/unknown field "opertion"/);
    expect(() => emulator.setFaults([{ fault: "nope" as "reset" }])).toThrow(/fault rule 0/);
  });
});

describe("control calls and accounting", () => {
  it("POST /__emulator/faults replaces the rules; GET shows what is left; bad JSON is a 400", async () => {
    const set = await rawCall(emulator.endpoint, "POST", "/__emulator/faults", [{ fault: "internal", operation: "GetRestApis", count: 2 }]);
    expect(set.status).toBe(200);
    await errorOf(aws.send(new GetRestApisCommand({})));
    const listed = await rawCall(emulator.endpoint, "GET", "/__emulator/faults");
    expect(listed.json).toEqual({ rules: [{ fault: "internal", operation: "GetRestApis", count: 2, remaining: 1 }] });
    const bad = await rawCall(emulator.endpoint, "POST", "/__emulator/faults", [{ fault: "bad" }]);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ __type: "BadRequestException", message: expect.stringMatching(/fault rule 0/) });
  });

  it("GET /__emulator/stats counts calls by operation and outcome, and POST /__emulator/reset clears moto and counters", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    await errorOf(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" })));
    const stats = (await rawCall(emulator.endpoint, "GET", "/__emulator/stats")).json as Record<string, unknown>;
    expect(stats).toMatchObject({
      calls: { CreateRestApi: 1, GetResources: 1, CreateResource: 1, PutMethod: 1, PutIntegration: 1, PutMethodResponse: 2 },
      outcomesByOperation: { PutMethodResponse: { "201": 1, "409": 1 } },
      totalCalls: 7,
    });
    expect(stats.peakRequestRate).toBeGreaterThanOrEqual(1);
    const reset = await rawCall(emulator.endpoint, "POST", "/__emulator/reset");
    expect(reset.status).toBe(200);
    expect(emulator.stats().totalCalls).toBe(0);
    const apis = await aws.send(new GetRestApisCommand({}));
    expect(apis.items ?? []).toEqual([]);
  });

  it("retries: the SDK's attempt header, or a call identical to a recent failed one", async () => {
    // The SDK retries a 503 on its own (amz-sdk-request: attempt=2).
    const retrying = new APIGatewayClient({
      endpoint: emulator.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 2,
    });
    try {
      emulator.setFaults([{ fault: "unavailable", operation: "GetRestApis", count: 1 }]);
      await retrying.send(new GetRestApisCommand({}));
      expect(emulator.stats().retriesByOperation).toEqual({ GetRestApis: 1 });
    } finally {
      retrying.destroy();
    }
    // Our own retry of the same call (maxAttempts 1: attempt=1 each time).
    const m = await createMethod(aws);
    emulator.setFaults([{ fault: "conflict", operation: "PutMethodResponse", count: 1 }]);
    await errorOf(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" })));
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    expect(emulator.stats().retriesByOperation).toEqual({ GetRestApis: 1, PutMethodResponse: 1 });
    expect(emulator.stats().retries).toBe(2);
  });
});
