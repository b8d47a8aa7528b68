/**
 * The defaults the README and the architecture promise, pinned where they are defined
 * (src/aws/limits.ts, src/aws/connection.ts) and where they take effect (a connection
 * created with no options): the account bucket 10 rps, burst 40, and the `GetResources`
 * bucket 5 every 2 s (AWS-12); the retry policy's deadline 2 min (AWS-10), attempt budget
 * 25, backoff 100 ms to 5 s. A default that changes or disappears fails here. Pure: no
 * network (a given transport stands in for the client). The attempt budget running out
 * against the local API Gateway is in test/reconcile/budgets.emulator.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createConnection, DEFAULT_RETRY_POLICY, releaseSharedClients } from "../../src/aws/connection";
import { DEFAULT_OPERATION_RATES, DEFAULT_RATE } from "../../src/aws/limits";
import type { Transport } from "../../src/aws/transport";

const unused: Transport = (() => {
  throw new Error("no call is made in these tests");
}) as unknown as Transport;

afterEach(() => releaseSharedClients());

describe("defaults where they are defined", () => {
  it("the account quota: 10 rps, burst 40 (AWS-12)", () => {
    expect(DEFAULT_RATE).toEqual({ rps: 10, burst: 40 });
  });

  it("per-operation quotas: GetResources 5 every 2 s (2.5 rps, burst 5), CreateDeployment 1 every 5 s with half a second to spare (AWS-12, AWS-51)", () => {
    expect(DEFAULT_OPERATION_RATES).toEqual({ GetResources: { rps: 2.5, burst: 5 }, CreateDeployment: { rps: 1 / 5.5, burst: 1 } });
    const { rps, burst } = DEFAULT_OPERATION_RATES.GetResources!;
    expect(rps * 2).toBe(5);
    expect(burst).toBe(5);
    const deployments = DEFAULT_OPERATION_RATES.CreateDeployment!;
    expect(1 / deployments.rps).toBeCloseTo(5.5, 9);
    expect(deployments.burst).toBe(1);
  });

  it("the retry policy: deadline 120 000 ms (AWS-10), 25 attempts, backoff steps 100 ms to 5 000 ms", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ deadlineMs: 120_000, maxAttempts: 25, baseDelayMs: 100, maxDelayMs: 5_000 });
  });
});

describe("defaults where they take effect: a connection given no limits or policy", () => {
  it("has the default policy, the account bucket and the GetResources bucket at their default rates", () => {
    const c = createConnection({ transport: unused });
    expect(c.policy).toEqual({ deadlineMs: 120_000, maxAttempts: 25, baseDelayMs: 100, maxDelayMs: 5_000 });
    expect(c.bucket.rate).toEqual({ rps: 10, burst: 40 });
    expect([...c.operationBuckets.keys()]).toEqual(["GetResources", "CreateDeployment"]);
    expect(c.operationBuckets.get("GetResources")!.rate).toEqual({ rps: 2.5, burst: 5 });
    expect(c.operationBuckets.get("CreateDeployment")!.rate).toEqual({ rps: 1 / 5.5, burst: 1 });
  });

  it("a nonsense attempt budget (0, negative) falls back to the default 25; a given one is kept", () => {
    expect(createConnection({ transport: unused, maxAttempts: 0 }).policy.maxAttempts).toBe(25);
    expect(createConnection({ transport: unused, maxAttempts: -3 }).policy.maxAttempts).toBe(25);
    expect(createConnection({ transport: unused, maxAttempts: 3 }).policy.maxAttempts).toBe(3);
  });

  it("a given operation rate replaces GetResources' default only for that operation's entry", () => {
    const c = createConnection({ transport: unused, operationRates: { GetResources: { rps: 1, burst: 1 } } });
    expect(c.operationBuckets.get("GetResources")!.rate).toEqual({ rps: 1, burst: 1 });
    expect(c.bucket.rate).toEqual({ rps: 10, burst: 40 });
  });
});

describe("the default GetResources bucket, in time (fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("gives 5 at once, then 5 more every 2 s", async () => {
    const bucket = createConnection({ transport: unused }).operationBuckets.get("GetResources")!;
    let done = 0;
    const takes = Array.from({ length: 15 }, () => bucket.take().then(() => done++));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(5);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(done).toBe(9);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(10);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(done).toBe(15);
    await Promise.all(takes);
  });
});
