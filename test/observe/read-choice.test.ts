/**
 * Observe's choice of read against the in-memory API Gateway (test/support/aws-transport.ts),
 * through the real call path: for N methods of one REST API, N `GetMethod` calls or
 * `GetResources` (`embed=methods`) by pages of 500, whichever costs fewer calls, the
 * pages estimated from the resource count of the last read (1 before the first);
 * one method is always a `GetMethod`; an empty `GetResources` bucket with tokens for
 * every `GetMethod` now reads with `GetMethod`; concurrent observes in one window share a read.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { MethodKey } from "../../src/model";
import { observeMethods } from "../../src/observe";
import { createRuntime, releaseSharedClients, type RuntimeOptions } from "../../src/runtime";
import { InMemoryApiGateway } from "../support/aws-transport";

const H = (name: string) => `method.response.header.${name}`;
const restApiId = "api1";
const key = (i: number): MethodKey => ({ restApiId, resourceId: `r${i}`, httpMethod: "GET" });

/** A REST API with `resources` resources under the root, a GET method on the first `methods` of them. */
function setup(resources: number, methods: number, options: RuntimeOptions = {}) {
  const api = new InMemoryApiGateway().addRestApi(restApiId);
  for (let i = 0; i < resources; i++) api.addResource(restApiId, `r${i}`, `/p${i}`);
  for (let i = 0; i < methods; i++) {
    api.addMethod(key(i), { responses: { "200": { methodResponse: { responseParameters: { [H(`X-${i}`)]: true } } } } });
  }
  const runtime = createRuntime({ transport: api.transport, rate: "off", coalesceWindowMs: 0, ...options });
  return { api, runtime };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => key(i));

afterEach(() => releaseSharedClients());

describe("observe: GetMethod or GetResources, by cost", () => {
  it("reads one method with GetMethod", async () => {
    const { api, runtime } = setup(3, 3);
    const [m] = await observeMethods(runtime, [key(1)]);
    expect(api.calls.map((c) => [c.operation, c.input])).toEqual([["GetMethod", { restApiId, resourceId: "r1", httpMethod: "GET" }]]);
    expect(m).toEqual({ key: key(1), exists: true, integrationType: "MOCK", responses: { "200": { methodResponse: { responseModels: {}, responseParameters: { [H("X-1")]: true } } } } });
  });

  it("reads two methods with one GetResources page before any read (1 page assumed)", async () => {
    const { api, runtime } = setup(3, 3);
    const observed = await observeMethods(runtime, [key(0), key(2)]);
    expect(api.calls.map((c) => [c.operation, c.input])).toEqual([["GetResources", { restApiId, embed: ["methods"], limit: 500 }]]);
    expect(observed.map((o) => [o.key.resourceId, o.exists, Object.keys(o.responses["200"]!.methodResponse!.responseParameters)])).toEqual([
      ["r0", true, [H("X-0")]],
      ["r2", true, [H("X-2")]],
    ]);
  });

  it("uses the resource count of the last read: GetMethod while methods <= pages, GetResources (every page) above", async () => {
    // 1 201 resources (the root included): 3 pages of 500.
    const { api, runtime } = setup(1200, 4);
    await observeMethods(runtime, keys(2));
    expect(api.calls.map((c) => [c.operation, c.input.position])).toEqual([
      ["GetResources", undefined],
      ["GetResources", "r499"],
      ["GetResources", "r999"],
    ]);

    api.calls.length = 0;
    await observeMethods(runtime, keys(3));
    expect(api.operations()).toEqual(["GetMethod", "GetMethod", "GetMethod"]);

    api.calls.length = 0;
    const observed = await observeMethods(runtime, keys(4));
    expect(api.operations()).toEqual(["GetResources", "GetResources", "GetResources"]);
    expect(observed.every((o) => o.exists)).toBe(true);
  });

  it("reads with GetMethod when the GetResources bucket is empty and the account bucket has a token for each method", async () => {
    const { api, runtime } = setup(3, 3, { rate: { rps: 10, burst: 40 }, operationRates: { GetResources: { rps: 0.001, burst: 1 } } });
    await observeMethods(runtime, keys(2));
    expect(api.operations()).toEqual(["GetResources"]);
    api.calls.length = 0;
    await observeMethods(runtime, keys(3));
    expect(api.operations()).toEqual(["GetMethod", "GetMethod", "GetMethod"]);
  });

  it("follows a forced strategy", async () => {
    const { api, runtime } = setup(3, 3);
    await observeMethods(runtime, [key(0)], { strategy: "get-resources" });
    await observeMethods(runtime, keys(3), { strategy: "get-method" });
    expect(api.operations()).toEqual(["GetResources", "GetMethod", "GetMethod", "GetMethod"]);
  });

  it("tells a missing method with the evidence of its 404 (GetMethod) or of its absence from GetResources", async () => {
    const { api, runtime } = setup(3, 2);
    const [alone] = await observeMethods(runtime, [key(2)]);
    expect(alone).toMatchObject({ exists: false, responses: {}, absence: { operation: "GetMethod", requestId: "mem-1", message: "NotFoundException: Invalid Method identifier specified" } });
    const [, missing] = await observeMethods(runtime, [key(0), key(2)]);
    expect(missing).toMatchObject({ exists: false, absence: { operation: "GetResources", requestId: "mem-2" } });
    expect(api.operations()).toEqual(["GetMethod", "GetResources"]);
  });

  it("coalesces concurrent observes of one REST API within the window into one read", async () => {
    const { api, runtime } = setup(3, 3, { coalesceWindowMs: 5 });
    const [a, b] = await Promise.all([observeMethods(runtime, [key(0)]), observeMethods(runtime, [key(1)])]);
    expect(api.operations()).toEqual(["GetResources"]);
    expect([a![0]!.exists, b![0]!.exists]).toEqual([true, true]);
  });
});
