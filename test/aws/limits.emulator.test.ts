/**
 * The real AWS quota (AWS-12: 10 rps, burst 40; `GetResources` 5 every 2 s) on
 * the local API Gateway, and our default limits on the client side: the
 * process-wide token bucket keeps a reconcile of 10 methods (and a coalesced
 * refresh) under the quota, so the emulator has (next to) nothing to throttle,
 * and what it throttles is retried.
 * Seeding goes through `send` too, so it shares the same bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, releaseSharedClients, type Runtime } from "../../src/runtime";
import { startEmulator, type Emulator } from "../../src/emulator";
import type { MethodKey, MethodSpec } from "../../src/model";
import { observeMethods } from "../../src/observe";
import { reconcile } from "../../src/reconcile";
import { seedRestApi } from "../../tools/seed";

let emulator: Emulator;
let runtime: Runtime;
const keys: MethodKey[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ latencyMs: 2 }); // the AWS quota, unscaled
  runtime = createRuntime({ endpoint: emulator.endpoint }); // our defaults: 10 rps, burst 40; GetResources 2.5 rps, burst 5
  const api = await seedRestApi(runtime, { name: "quota", resources: 10, pathPart: (i) => `q${i}`, integration: { type: "MOCK" } });
  keys.push(...api.methods);
});

afterAll(async () => {
  releaseSharedClients();
  await emulator?.stop();
});

describe("the process-wide token bucket under the real AWS quota", () => {
  it("reconciles 10 methods and refreshes them without one 429 from the quota", async () => {
    const specs: MethodSpec[] = keys.map((key, i) => ({
      ...key,
      responses: {
        "200": { methodResponse: { responseParameters: { "method.response.header.X-I": true } }, integrationResponse: { responseParameters: { "method.response.header.X-I": `'${i}'` } } },
        "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d{2}" } },
      },
    }));
    const started = Date.now();
    const result = await reconcile(runtime, specs);
    const refreshed = await Promise.all(keys.map((k) => observeMethods(runtime, [k])));
    const elapsed = Date.now() - started;
    const stats = emulator.stats();
    console.log(`quota: ${stats.totalCalls} calls, peak ${stats.peakRequestRate}/s, throttles ${JSON.stringify(stats.throttles)}, ${elapsed} ms`);
    expect(result.report.operations).toHaveLength(40);
    expect(refreshed.every(([o]) => o!.exists && Object.keys(o!.responses).length === 2)).toBe(true);
    // The client's bucket runs at exactly the AWS rate and is not in phase with the
    // service's (one counts at send, the other at arrival), so the odd call can still
    // be throttled: such calls are rare, and retried.
    expect(stats.throttles.quota).toBeLessThanOrEqual(2);
    expect(runtime.counters.retries.throttled).toBe(stats.throttles.quota);
    // At most the burst plus one second of refill in any one-second window.
    expect(stats.peakRequestRate).toBeLessThanOrEqual(50);
  });
});
