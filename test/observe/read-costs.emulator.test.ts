/**
 * Read costs (AWS-15, AWS-30), counted with the local API Gateway's stats: a no-op
 * reconcile of N methods on a REST API of R resources makes at most
 * min(N, ceil(R/500)) read calls and no write, for N = 1, 20 and 200; concurrent
 * observes of one API are coalesced into one read; GetResources pages are followed.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, releaseSharedClients, type Runtime } from "../../src/runtime";
import type { Emulator } from "../../src/emulator";
import type { MethodKey, MethodSpec } from "../../src/model";
import { observeMethods } from "../../src/observe";
import { reconcile } from "../../src/reconcile";
import { localClient } from "../../tools/seed";
import { FAST_RATES, readsAndWrites, seedApi, seedResponses, startLocalApiGateway, type SeededApi } from "../support/local-api-gateway";

let emulator: Emulator;
let client: APIGatewayClient;
let runtime: Runtime;
/** 200 resources + root = 201; a GET with a 200 response on each of the 200. */
let wide: SeededApi;
/** 600 resources + root = 601 (2 pages); a GET on 20 of them. */
let large: SeededApi;

const H = (name: string) => `method.response.header.${name}`;
const responsesOf = (i: number): MethodSpec["responses"] => ({
  "200": {
    methodResponse: { responseParameters: { [H("X-N")]: true } },
    integrationResponse: { responseParameters: { [H("X-N")]: `'${i}'` } },
  },
});

async function seedSpecs(api: SeededApi, keys: readonly MethodKey[]): Promise<MethodSpec[]> {
  const specs: MethodSpec[] = [];
  for (const [i, key] of keys.entries()) {
    await seedResponses(client, key, responsesOf(i) as never);
    specs.push({ ...key, responses: responsesOf(i) });
  }
  return specs;
}

let wideSpecs: MethodSpec[];
let largeSpecs: MethodSpec[];

beforeAll(async () => {
  emulator = await startLocalApiGateway({ latencyMs: 1 });
  client = localClient(emulator.endpoint);
  runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES });
  const t0 = Date.now();
  wide = await seedApi(client, { resources: 200, methods: 200, name: "wide" });
  wideSpecs = await seedSpecs(wide, wide.methods);
  large = await seedApi(client, { resources: 600, methods: 0, name: "large" });
  // Methods on the last 20 resources, so that some sit on the second page.
  const { PutMethodCommand, PutIntegrationCommand } = await import("@aws-sdk/client-api-gateway");
  const keys: MethodKey[] = [];
  for (const r of large.resources.slice(-20)) {
    const key = { restApiId: large.restApiId, resourceId: r.id, httpMethod: "GET" };
    await client.send(new PutMethodCommand({ ...key, authorizationType: "NONE" }));
    await client.send(new PutIntegrationCommand({ ...key, type: "MOCK" }));
    keys.push(key);
  }
  largeSpecs = await seedSpecs(large, keys);
  console.log(`seeded 2 REST APIs (201 and 601 resources, 220 methods) in ${Date.now() - t0} ms`);
}, 300_000);

afterAll(async () => {
  client?.destroy();
  releaseSharedClients();
  await emulator?.stop();
});

const R_WIDE = 201;
const R_LARGE = 601;

describe("read costs of a no-op reconcile", () => {
  for (const n of [1, 20, 200]) {
    it(`N = ${n} methods on a REST API of ${R_WIDE} resources: at most min(N, ceil(R/500)) reads, no write`, async () => {
      const specs = wideSpecs.slice(0, n);
      const before = emulator.stats();
      const started = Date.now();
      const result = await reconcile(runtime, specs);
      const elapsed = Date.now() - started;
      const { reads, writes, calls } = readsAndWrites(before, emulator.stats());
      console.log(`no-op N=${n} R=${R_WIDE}: ${JSON.stringify(calls)} in ${elapsed} ms`);
      expect(result.report.operations).toEqual([]);
      expect(writes).toBe(0);
      expect(reads).toBeLessThanOrEqual(Math.min(n, Math.ceil(R_WIDE / 500)));
      expect(reads).toBeGreaterThan(0);
    });
  }

  for (const n of [1, 2, 20]) {
    it(`N = ${n} methods on a REST API of ${R_LARGE} resources (2 pages): at most min(N, ceil(R/500)) reads, no write`, async () => {
      const specs = largeSpecs.slice(0, n);
      const before = emulator.stats();
      const result = await reconcile(runtime, specs);
      const { reads, writes, calls } = readsAndWrites(before, emulator.stats());
      console.log(`no-op N=${n} R=${R_LARGE}: ${JSON.stringify(calls)}`);
      expect(result.observed.every((o) => o.exists)).toBe(true);
      expect(writes).toBe(0);
      expect(reads).toBeLessThanOrEqual(Math.min(n, Math.ceil(R_LARGE / 500)));
    });
  }

  it("follows GetResources pages: methods on the second page are observed", async () => {
    const keys = largeSpecs.map((s) => ({ restApiId: s.restApiId, resourceId: s.resourceId!, httpMethod: s.httpMethod }));
    const before = emulator.stats();
    const observed = await observeMethods(runtime, keys, { strategy: "get-resources", immediate: true });
    expect(readsAndWrites(before, emulator.stats()).calls).toEqual({ GetResources: 2 });
    expect(observed.every((o) => o.exists && o.responses["200"]?.methodResponse !== undefined)).toBe(true);
  });

  it("200 concurrent observes of one REST API (a pulumi refresh) are coalesced into one read", async () => {
    const before = emulator.stats();
    const observed = await Promise.all(wide.methods.map((key) => observeMethods(runtime, [key])));
    expect(readsAndWrites(before, emulator.stats()).calls).toEqual({ GetResources: 1 });
    expect(observed.every(([o]) => o!.exists && o!.responses["200"] !== undefined)).toBe(true);
  });
});
