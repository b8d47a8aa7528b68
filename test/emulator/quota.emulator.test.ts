/**
 * AWS-11, AWS-12: the account token bucket (10 rps, burst 40) and the buckets of
 * CreateDeployment (1 every 5 s, burst 3: AWS-51) and GetResources (5 every 2 s). Throttled calls get
 * 429 TooManyRequestsException with a Retry-After header. moto never throttles.
 */
import {
  CreateDeploymentCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  TooManyRequestsException,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import { beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index";
import { clientFor, createMethod, errorOf, expectAwsError, rawCall, useEmulator } from "../support/emulator";

let emulator: Emulator;
let aws: APIGatewayClient;

// The AWS default quota: 10 requests per second, burst 40.
useEmulator({ latencyMs: 0 }, (s) => ({ emulator, aws } = s));

// Full buckets and a clean moto for every test.
beforeEach(() => emulator.reset());

describe("AWS-11, AWS-12: the account quota", () => {
  it("200 calls at once: 429s with Retry-After, and no more than burst + rate x seconds succeed", async () => {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, async () => {
        try {
          await aws.send(new GetRestApisCommand({}));
          return "ok" as const;
        } catch (e) {
          return e;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const ok = results.filter((r) => r === "ok").length;
    const throttled = results.filter((r): r is TooManyRequestsException => r instanceof TooManyRequestsException);
    expect(ok + throttled.length).toBe(200);
    expect(ok).toBeGreaterThanOrEqual(40);
    expect(ok).toBeLessThanOrEqual(40 + 10 * seconds);
    expect(throttled.length).toBeGreaterThan(0);
    for (const t of throttled) {
      expect(t.$metadata.httpStatusCode).toBe(429);
      expect(t.name).toBe("TooManyRequestsException");
      expect(t.message).toBe("Too Many Requests");
      // The SDK reads the Retry-After header into retryAfterSeconds.
      expect(Number(t.retryAfterSeconds)).toBeGreaterThanOrEqual(1);
    }
    const stats = emulator.stats();
    expect(stats.throttles.quota).toBe(throttled.length);
    expect(stats.outcomes["429"]).toBe(throttled.length);
    expect(stats.peakRequestRate).toBeGreaterThanOrEqual(100);
  });

  it("the Retry-After header is on the wire, and waiting that long lets calls through again", async () => {
    const burst = await Promise.all(Array.from({ length: 60 }, () => rawCall(emulator.endpoint, "GET", "/restapis")));
    const throttled = burst.find((r) => r.status === 429)!;
    expect(throttled).toBeDefined();
    expect(throttled.headers.get("x-amzn-errortype")).toBe("TooManyRequestsException");
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    expect((await rawCall(emulator.endpoint, "GET", "/restapis")).status).toBe(200);
  });

  it("moto alone never throttles", async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => rawCall(emulator.moto.endpoint, "GET", "/restapis")));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});

describe("AWS-12: per-operation quotas", () => {
  it("CreateDeployment: 1 every 5 s, a burst of 3 tolerated (AWS-51)", async () => {
    const m = await createMethod(aws);
    for (const stageName of ["a", "b", "c"]) await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName }));
    const e = await expectAwsError(aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "d" })), {
      status: 429,
      name: "TooManyRequestsException",
      message: "Too Many Requests",
    });
    expect(Number(e.retryAfterSeconds)).toBe(5);
    // The account bucket still has tokens: other calls go through.
    expect(await errorOf(aws.send(new GetRestApisCommand({})))).toBeUndefined();
  });

  it("GetResources: 5 every 2 s", async () => {
    const m = await createMethod(aws); // one GetResources inside
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 10 }, () => errorOf(aws.send(new GetResourcesCommand({ restApiId: m.restApiId })))));
    const seconds = (performance.now() - started) / 1000;
    const ok = results.filter((r) => r === undefined).length;
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(ok).toBeLessThanOrEqual(4 + 2.5 * seconds + 1);
    const throttled = results.filter((r) => r !== undefined);
    expect(throttled.length).toBeGreaterThan(0);
    for (const t of throttled) expect(t).toEqual({ status: 429, name: "TooManyRequestsException", message: "Too Many Requests" });
    // The account bucket (burst 40) was not what refused them.
    expect(emulator.stats().throttles.quota).toBe(throttled.length);
    expect(await errorOf(aws.send(new GetRestApisCommand({})))).toBeUndefined();
  });
});

describe("one factor scales every bucket", () => {
  it("quotaScale 0.25: account burst 10, GetResources burst 1", async () => {
    const small = await startEmulator({ latencyMs: 0, quotaScale: 0.25 });
    const client = clientFor(small.endpoint);
    try {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: 30 }, () => errorOf(client.send(new GetRestApisCommand({})))));
      const seconds = (performance.now() - started) / 1000;
      const ok = results.filter((r) => r === undefined).length;
      expect(ok).toBeGreaterThanOrEqual(10);
      expect(ok).toBeLessThanOrEqual(10 + 2.5 * seconds + 1);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await errorOf(client.send(new GetResourcesCommand({ restApiId: "any" })))).toMatchObject({ status: 404 });
      expect(await errorOf(client.send(new GetResourcesCommand({ restApiId: "any" })))).toMatchObject({ status: 429 });
    } finally {
      client.destroy();
      await small.stop();
    }
  });
});
