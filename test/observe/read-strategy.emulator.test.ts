/**
 * The read strategy under the GetResources quota (AWS-12: 5 every 2 s, scarcer
 * than the account's), found by the benchmark: when the GetResources bucket is
 * empty and the account bucket has a token for every method, observe reads with
 * GetMethod instead of queueing for a GetResources token; when the account
 * bucket is short, fewer calls still win.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, releaseSharedClients } from "../../src/runtime";
import { observeMethods } from "../../src/observe";
import { seedApi, type SeededApi } from "../support/sets";
import { sharedEndpoint, sharedMotoEndpoint } from "../support/workers";

const endpoint = sharedEndpoint();
let api: SeededApi;

beforeAll(async () => {
  api = await seedApi(sharedMotoEndpoint(), 10, "read-strategy");
});
afterAll(() => releaseSharedClients());

describe("observe picks GetMethod when the GetResources bucket is empty and account tokens are idle", () => {
  it("first batch: one GetResources; second batch, GetResources bucket empty: one GetMethod per method, at once", async () => {
    releaseSharedClients();
    const rt = createRuntime({ endpoint, rate: { rps: 1000, burst: 1000 }, operationRates: { GetResources: { rps: 0.05, burst: 1 } } });
    await observeMethods(rt, api.methods.slice(0, 5), { immediate: true });
    expect(rt.counters.calls).toEqual({ GetResources: 1 });
    const started = Date.now();
    const second = await observeMethods(rt, api.methods.slice(5), { immediate: true });
    expect(Date.now() - started).toBeLessThan(2_000); // not the 20 s wait for a GetResources token
    expect(rt.counters.calls).toEqual({ GetResources: 1, GetMethod: 5 });
    expect(second.every((o) => o.exists)).toBe(true);
  });

  it("when the account bucket cannot cover the GetMethod calls, it waits for GetResources (fewer calls)", async () => {
    releaseSharedClients();
    const rt = createRuntime({ endpoint, rate: { rps: 1000, burst: 3 }, operationRates: { GetResources: { rps: 5, burst: 1 } } });
    await observeMethods(rt, api.methods.slice(0, 5), { immediate: true });
    await observeMethods(rt, api.methods.slice(5), { immediate: true });
    expect(rt.counters.calls).toEqual({ GetResources: 2 });
  });
});
