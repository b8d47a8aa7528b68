/**
 * The token bucket (fake timers), the per-REST-API write queue, the backoff, the
 * client configuration precedence and the runtime registry. Pure: no network.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffMs } from "../../src/aws/call";
import { isLoopbackEndpoint, resolveClientConfig } from "../../src/aws/client";
import { DEFAULT_RATE, RateLimiter, WriteQueues } from "../../src/aws/limits";
import { REGISTRY_SYMBOL, releaseSharedClients } from "../../src/aws/connection";
import { createRuntime } from "../../src/runtime";

describe("RateLimiter (client side, on the shared TokenBucket)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("gives the burst at once, then `rps` tokens a second, in FIFO order (AWS-12 default 10 rps, burst 40)", async () => {
    const bucket = new RateLimiter(DEFAULT_RATE);
    const order: number[] = [];
    const takes = Array.from({ length: 60 }, (_, i) => bucket.take().then(() => order.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(order.length).toBe(40);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order.length).toBe(50);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order.length).toBe(60);
    await Promise.all(takes);
    expect(order).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it("refills up to the burst, never beyond", async () => {
    const bucket = new RateLimiter({ rps: 2, burst: 3 });
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(bucket.available()).toBeCloseTo(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(bucket.available()).toBe(3);
  });

  it("spaces waiters by 1/rps", async () => {
    const bucket = new RateLimiter({ rps: 4, burst: 1 });
    const times: number[] = [];
    const start = Date.now();
    const all = Promise.all(Array.from({ length: 5 }, () => bucket.take().then(() => times.push(Date.now() - start))));
    await vi.advanceTimersByTimeAsync(2_000);
    await all;
    expect(times).toEqual([0, 250, 500, 750, 1000]);
  });

  it("rps Infinity is no limit", async () => {
    const bucket = new RateLimiter({ rps: Infinity, burst: Infinity });
    let granted = 0;
    const takes = Array.from({ length: 1000 }, () => bucket.take().then(() => granted++));
    // All 1000 at once: no time passes, no timer is set, nobody waits.
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(1000);
    expect(bucket.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await Promise.all(takes);
  });

  it("rejects a nonsense rate", () => {
    expect(() => new RateLimiter({ rps: 0, burst: 1 })).toThrow(RangeError);
  });
});

describe("WriteQueues (AWS-9)", () => {
  it("serializes tasks of one REST API, runs other APIs in parallel, and survives failures", async () => {
    const q = new WriteQueues();
    const log: string[] = [];
    let running = 0;
    let maxRunningA = 0;
    const task = (api: string, i: number, fail = false) =>
      q.run(api, async () => {
        if (api === "a") maxRunningA = Math.max(maxRunningA, ++running);
        log.push(`${api}${i}+`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${api}${i}-`);
        if (api === "a") running--;
        if (fail) throw new Error(`fail ${i}`);
        return i;
      });
    const results = await Promise.allSettled([task("a", 1), task("a", 2, true), task("a", 3), task("b", 1)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(maxRunningA).toBe(1);
    const a = log.filter((l) => l.startsWith("a"));
    expect(a).toEqual(["a1+", "a1-", "a2+", "a2-", "a3+", "a3-"]);
    // b started before a finished: different APIs do not wait for each other.
    expect(log.indexOf("b1+")).toBeLessThan(log.indexOf("a1-"));
    expect(q.busy()).toEqual([]);
  });
});

describe("backoffMs", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
  it("grows exponentially, is capped, and is jittered within [step/2, step]", () => {
    expect(backoffMs(1, policy, () => 0)).toBe(50);
    expect(backoffMs(1, policy, () => 1)).toBe(100);
    expect(backoffMs(3, policy, () => 1)).toBe(400);
    expect(backoffMs(10, policy, () => 1)).toBe(1_000);
    expect(backoffMs(10, policy, () => 0)).toBe(500);
  });
});

describe("client configuration", () => {
  it("explicit values win over the environment", () => {
    const c = resolveClientConfig({ region: "eu-west-1", endpoint: "http://127.0.0.1:9" }, { AWS_REGION: "us-west-2", APIGW_RESPONSES_ENDPOINT: "http://x" });
    expect(c.region).toBe("eu-west-1");
    expect(c.endpoint).toBe("http://127.0.0.1:9");
  });
  it("reads AWS_REGION, then AWS_DEFAULT_REGION, AWS_PROFILE and APIGW_RESPONSES_ENDPOINT", () => {
    expect(resolveClientConfig({}, { AWS_DEFAULT_REGION: "ap-south-1" }).region).toBe("ap-south-1");
    expect(resolveClientConfig({}, { AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "ap-south-1" }).region).toBe("us-east-2");
    const c = resolveClientConfig({}, { AWS_PROFILE: "dev", APIGW_RESPONSES_ENDPOINT: "https://apigw.example" });
    expect(c.profile).toBe("dev");
    expect(c.endpoint).toBe("https://apigw.example");
    expect(c.region).toBeUndefined(); // left to the SDK (profile's region)
    expect(c.credentials).toBeUndefined(); // the SDK's standard chain
  });
  it("uses dummy credentials and us-east-1 for a loopback endpoint with no credentials", () => {
    const c = resolveClientConfig({ endpoint: "http://127.0.0.1:4566" }, {});
    expect(c.dummyCredentials).toBe(true);
    expect(c.region).toBe("us-east-1");
    expect(resolveClientConfig({ endpoint: "http://127.0.0.1:4566" }, { AWS_ACCESS_KEY_ID: "AKIA" }).dummyCredentials).toBe(false);
    expect(resolveClientConfig({ endpoint: "https://apigateway.us-east-1.amazonaws.com" }, {}).dummyCredentials).toBe(false);
  });
  it("has a request timeout and a connection timeout", () => {
    expect(resolveClientConfig({}, {}).requestTimeoutMs).toBe(20_000);
    expect(resolveClientConfig({ requestTimeoutMs: 2_000 }, {}).connectionTimeoutMs).toBe(2_000);
  });
  it("knows loopback endpoints", () => {
    expect(isLoopbackEndpoint("http://localhost:1")).toBe(true);
    expect(isLoopbackEndpoint("http://[::1]:1")).toBe(true);
    expect(isLoopbackEndpoint("https://example.com")).toBe(false);
    expect(isLoopbackEndpoint(undefined)).toBe(false);
  });
});

describe("runtime registry", () => {
  afterEach(() => releaseSharedClients());
  it("shares client, bucket and write queues per configuration through a global symbol; policy is per runtime", () => {
    const a = createRuntime({ endpoint: "http://127.0.0.1:1", deadlineMs: 5 });
    const b = createRuntime({ endpoint: "http://127.0.0.1:1" });
    const c = createRuntime({ endpoint: "http://127.0.0.1:2" });
    expect(a.client).toBe(b.client);
    expect(a.bucket).toBe(b.bucket);
    expect(a.writes).toBe(b.writes);
    // The GetResources bucket is there, at its own default rate, and shared.
    const getResources = a.operationBuckets.get("GetResources");
    expect(getResources).toBeInstanceOf(RateLimiter);
    expect(getResources?.rate).toEqual({ rps: 2.5, burst: 5 });
    expect(b.operationBuckets.get("GetResources")).toBe(getResources);
    expect(a.client).not.toBe(c.client);
    expect(a.policy.deadlineMs).toBe(5);
    expect(b.policy.deadlineMs).toBe(120_000);
    expect(a.counters).not.toBe(b.counters);
    const registry = (globalThis as unknown as Record<symbol, { entries: Map<string, unknown> }>)[REGISTRY_SYMBOL];
    expect(registry.entries.size).toBe(2);
    expect(createRuntime({ endpoint: "http://127.0.0.1:1", rate: "off" }).operationBuckets.size).toBe(0);
  });
});
