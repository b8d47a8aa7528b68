/**
 * Reconcile against the local API Gateway: convergence, exclusive:false, no-op
 * second pass, AWS-1 adoption, AWS-14, AWS-22, fail-fast terminal errors, path
 * resolution and validation before any call.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan, ApplyError } from "../../src/apply";
import { ApiGatewayError } from "../../src/aws/errors";
import { createRuntime, releaseSharedClients, type Runtime } from "../../src/runtime";
import type { Emulator } from "../../src/emulator";
import type { MethodSpec, NormalizedResponses, ObservedMethod } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";
import { observeMethods } from "../../src/observe";
import { PathNotFoundError } from "../../src/observe/paths";
import { planMethod } from "../../src/plan/method";
import { reconcile, toDesiredMethod, ValidationError } from "../../src/reconcile";
import { localClient } from "../../tools/seed";
import { FAST_RATES, readsAndWrites, seedApi, seedResponses, startLocalApiGateway, type SeededApi } from "../support/local-api-gateway";

let emulator: Emulator;
let client: APIGatewayClient;
let runtime: Runtime;
let api: SeededApi;

beforeAll(async () => {
  emulator = await startLocalApiGateway();
  client = localClient(emulator.endpoint);
  runtime = createRuntime({ endpoint: emulator.endpoint, ...FAST_RATES, deadlineMs: 10_000 });
  api = await seedApi(client, { resources: 12, methods: 10 });
});

afterAll(async () => {
  client?.destroy();
  releaseSharedClients();
  await emulator?.stop();
});

const H = (name: string) => `method.response.header.${name}`;

/** A full spec: 200 default with a mapped header and a template, 400 with a model, 500 by pattern with contentHandling. */
function fullResponses(): MethodSpec["responses"] {
  return {
    "200": {
      methodResponse: { responseParameters: { [H("X-Trace")]: true, [H("Cache-Control")]: false }, responseModels: { "application/json": "Empty" } },
      integrationResponse: {
        responseParameters: { [H("X-Trace")]: "integration.response.header.X-Trace", [H("Cache-Control")]: "'no-store'" },
        responseTemplates: { "application/json": "" },
      },
    },
    "400": {
      methodResponse: { responseModels: { "application/json": "Error" } },
      integrationResponse: { selectionPattern: "4\\d{2}", responseTemplates: { "application/json": '{"message": $input.json(\'$.message\')}' } },
    },
    "500": {
      methodResponse: {},
      integrationResponse: { selectionPattern: "5\\d{2}", contentHandling: "CONVERT_TO_TEXT" },
    },
  };
}

function liveOf(observed: readonly ObservedMethod[], i = 0): NormalizedResponses {
  expect(observed[i]!.exists).toBe(true);
  return observed[i]!.responses;
}

describe("reconcile", () => {
  it("converges from empty (every response created) and verifies the result", async () => {
    const key = api.methods[0]!;
    const spec: MethodSpec = { ...key, responses: fullResponses() };
    const result = await reconcile(runtime, [spec]);
    expect(liveOf(result.observed)).toEqual(normalizeDesiredResponses(spec.responses));
    const kinds = result.report.operations.map((o) => `${o.kind} ${o.statusCode}`);
    // Method responses first, then integration responses, non-default patterns before the default (AWS-6).
    expect(kinds).toEqual([
      "PutMethodResponse 200",
      "PutMethodResponse 400",
      "PutMethodResponse 500",
      "PutIntegrationResponse 400",
      "PutIntegrationResponse 500",
      "PutIntegrationResponse 200",
    ]);
    expect(result.report.calls).toMatchObject({ PutMethodResponse: 3, PutIntegrationResponse: 3 });
    // An independent read agrees.
    const again = await observeMethods(runtime, [key], { immediate: true });
    expect(liveOf(again)).toEqual(normalizeDesiredResponses(spec.responses));
  });

  it("converges from a live state with extra, missing and changed responses", async () => {
    const key = api.methods[1]!;
    await seedResponses(client, key, {
      // changed: 200 has X-Old (to remove), X-Trace not required (to change), a different template
      "200": {
        methodResponse: { responseParameters: { [H("X-Old")]: true, [H("X-Trace")]: false } },
        integrationResponse: { responseParameters: { [H("X-Old")]: "'x'" }, responseTemplates: { "application/json": "{}" } },
      },
      // extra: 404 is not desired
      "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404" } },
      // 400 is missing entirely; 500 has only a method response
      "500": { methodResponse: {} },
    });
    const spec: MethodSpec = { ...key, responses: fullResponses() };
    const result = await reconcile(runtime, [spec]);
    expect(liveOf(result.observed)).toEqual(normalizeDesiredResponses(spec.responses));
    const kinds = result.report.operations.map((o) => `${o.kind} ${o.statusCode}`);
    expect(kinds).toContain("DeleteIntegrationResponse 404");
    expect(kinds).toContain("DeleteMethodResponse 404");
    expect(kinds).toContain("UpdateMethodResponse 200");
    expect(kinds).toContain("PutMethodResponse 400");
    expect(kinds).not.toContain("PutMethodResponse 500");
    // The integration response stops mapping X-Old before the method response drops it.
    expect(kinds.indexOf("PutIntegrationResponse 200")).toBeLessThan(kinds.lastIndexOf("UpdateMethodResponse 200"));
  });

  it("exclusive: false leaves foreign status codes alone", async () => {
    const key = api.methods[2]!;
    await seedResponses(client, key, {
      "418": { methodResponse: { responseParameters: { [H("X-Teapot")]: true } }, integrationResponse: { selectionPattern: "418", responseParameters: { [H("X-Teapot")]: "'yes'" } } },
    });
    const spec: MethodSpec = { ...key, exclusive: false, responses: { "200": { methodResponse: {}, integrationResponse: {} } } };
    const result = await reconcile(runtime, [spec]);
    const live = liveOf(result.observed);
    expect(Object.keys(live).sort()).toEqual(["200", "418"]);
    expect(live["418"]!.integrationResponse!.responseParameters).toEqual({ [H("X-Teapot")]: "'yes'" });
    expect(result.report.operations.every((o) => o.statusCode === "200")).toBe(true);
    // The same spec with exclusive (default true) removes 418.
    const { exclusive: _omitted, ...byDefault } = spec;
    const exclusive = await reconcile(runtime, [byDefault]);
    expect(Object.keys(liveOf(exclusive.observed))).toEqual(["200"]);
  });

  it("a second reconcile of the same spec makes zero write calls (emulator stats)", async () => {
    const key = api.methods[3]!;
    const spec: MethodSpec = { ...key, responses: fullResponses() };
    await reconcile(runtime, [spec]);
    const before = emulator.stats();
    const second = await reconcile(runtime, [spec]);
    const { reads, writes, calls } = readsAndWrites(before, emulator.stats());
    expect(writes).toBe(0);
    expect(calls).toEqual({ GetMethod: 1 });
    expect(reads).toBe(1);
    expect(second.report.operations).toEqual([]);
    expect(second.plan.methods[0]!.operations).toEqual([]);
  });

  it("AWS-1: a put on a method response that already exists adopts it and patches it from the live state", async () => {
    const key = api.methods[4]!;
    await seedResponses(client, key, { "200": { methodResponse: { responseParameters: { [H("X-Live")]: true } } } });
    const desired = toDesiredMethod({ ...key, responses: { "200": { methodResponse: { responseParameters: { [H("X-Wanted")]: false } } } } });
    // A plan made from a stale observation (as a Pulumi create does): the response is absent.
    const stale: ObservedMethod = { key, exists: true, integrationType: "MOCK", responses: {} };
    const plan = { methods: [planMethod(desired, stale)] };
    expect(plan.methods[0]!.operations.map((o) => o.kind)).toEqual(["PutMethodResponse"]);
    const before = emulator.stats();
    const report = await applyPlan(runtime, plan);
    expect(report.adopted).toEqual([{ key, statusCode: "200", kind: "methodResponse" }]);
    expect(report.operations.map((o) => o.kind)).toEqual(["UpdateMethodResponse"]);
    // The put was not retried blindly: one put (409), one read, one update.
    expect(readsAndWrites(before, emulator.stats()).calls).toEqual({ PutMethodResponse: 1, GetMethod: 1, UpdateMethodResponse: 1 });
    const live = liveOf(await observeMethods(runtime, [key], { immediate: true }));
    expect(live["200"]!.methodResponse!.responseParameters).toEqual({ [H("X-Wanted")]: false });
  });

  it("AWS-22: a patch made from a stale state is re-planned from the live state once", async () => {
    const key = api.methods[5]!;
    await seedResponses(client, key, { "200": { methodResponse: { responseParameters: { [H("A")]: true } } } });
    const desired = toDesiredMethod({ ...key, responses: { "200": { methodResponse: { responseParameters: { [H("A")]: true, [H("B")]: true } } } } });
    // Stale: we think B exists (not required) and A is absent, so the patch says "replace B".
    const stale: ObservedMethod = {
      key,
      exists: true,
      integrationType: "MOCK",
      responses: { "200": { methodResponse: { responseParameters: { [H("B")]: false }, responseModels: {} } } },
    };
    const plan = { methods: [planMethod(desired, stale)] };
    expect(plan.methods[0]!.operations[0]).toMatchObject({ kind: "UpdateMethodResponse" });
    const before = emulator.stats();
    const report = await applyPlan(runtime, plan);
    const after = emulator.stats();
    expect(after.outcomesByOperation.UpdateMethodResponse?.["404"] ?? 0).toBeGreaterThan(before.outcomesByOperation.UpdateMethodResponse?.["404"] ?? 0);
    expect(report.calls.GetMethod).toBe(1);
    const live = liveOf(await observeMethods(runtime, [key], { immediate: true }));
    expect(live["200"]!.methodResponse!.responseParameters).toEqual({ [H("A")]: true, [H("B")]: true });
  });

  it("AWS-14: deleting responses that are already gone is success", async () => {
    const key = api.methods[6]!;
    const desired = toDesiredMethod({ ...key, responses: {} });
    const stale: ObservedMethod = {
      key,
      exists: true,
      integrationType: "MOCK",
      responses: { "302": { methodResponse: { responseParameters: {}, responseModels: {} }, integrationResponse: { selectionPattern: "302", responseParameters: {}, responseTemplates: {} } } },
    };
    const plan = { methods: [planMethod(desired, stale)] };
    const report = await applyPlan(runtime, plan);
    expect(report.operations.map((o) => o.kind)).toEqual(["DeleteIntegrationResponse", "DeleteMethodResponse"]);
    expect(Object.values(report.retries).every((n) => n === 0)).toBe(true);
  });

  it("a missing method fails fast: METHOD_NOT_FOUND with the request id, one read of the method and one of its REST API (AWS-8), no retry", async () => {
    const resource = api.resources[11]!; // no method was created on it
    const before = emulator.stats();
    const started = Date.now();
    const err = await reconcile(runtime, [{ restApiId: api.restApiId, resourceId: resource.id, httpMethod: "POST", responses: { "200": { methodResponse: {} } } }]).catch(
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(ApiGatewayError);
    const e = err as ApiGatewayError;
    expect(e.code).toBe("METHOD_NOT_FOUND");
    expect(e.requestId).toMatch(/\S{8,}/);
    expect(e.message).toContain(`request id ${e.requestId}`);
    expect(e.message).toContain("POST");
    expect(readsAndWrites(before, emulator.stats()).calls).toEqual({ GetMethod: 1, GetRestApi: 1 });
    expect(elapsed).toBeLessThan(2_000);
  });

  it("a terminal write error fails fast with the operation, the code and the request id", async () => {
    const key = api.methods[7]!;
    // Bypasses validation on purpose (a DesiredMethod, not a spec): AWS-7 answers 400.
    const desired = { key, responses: normalizeDesiredResponses({ "600": { methodResponse: {} } }), exclusive: false };
    const before = emulator.stats();
    const err = await reconcile(runtime, [desired]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    const inner = (err as ApplyError).errors[0] as ApiGatewayError;
    expect(inner).toBeInstanceOf(ApiGatewayError);
    expect(inner.code).toBe("TERMINAL");
    expect(inner.operation).toBe("PutMethodResponse");
    expect(inner.attempts).toBe(1);
    expect((err as Error).message).toContain(`request id ${inner.requestId}`);
    expect((err as Error).message).toMatch(/PutMethodResponse failed .* status 600 \[TERMINAL\]/);
    expect(readsAndWrites(before, emulator.stats()).calls.PutMethodResponse).toBe(1);
  });

  it("resolves paths with the same GetResources read that observes, and names a missing path", async () => {
    const r = api.resources[8]!;
    const before = emulator.stats();
    const result = await reconcile(runtime, [
      { restApiId: api.restApiId, path: r.path, httpMethod: "GET", responses: { "200": { methodResponse: {} } } },
      { restApiId: api.restApiId, path: api.resources[9]!.path, httpMethod: "GET", responses: { "200": { methodResponse: {} } } },
    ]);
    expect(result.desired[0]!.key.resourceId).toBe(r.id);
    const { calls } = readsAndWrites(before, emulator.stats());
    // One read resolves and observes; writes; one read verifies (coalesced for the two methods).
    expect(calls).toEqual({ GetResources: 2, PutMethodResponse: 2 });

    const err = await reconcile(runtime, [{ restApiId: api.restApiId, path: "/nope", httpMethod: "GET", responses: {} }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PathNotFoundError);
    expect((err as Error).message).toContain('"/nope"');
    expect((err as Error).message).toContain(api.restApiId);
  });

  it("validates before any AWS call and reports every failure", async () => {
    const before = emulator.stats();
    const err = await reconcile(runtime, [
      {
        restApiId: api.restApiId,
        resourceId: api.resources[0]!.id,
        httpMethod: "GET",
        responses: { "600": { integrationResponse: { contentHandling: "CONVERT_TO_JSON" as never, selectionPattern: "-" } } },
      },
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).failures.length).toBeGreaterThanOrEqual(3);
    expect(emulator.stats().totalCalls).toBe(before.totalCalls);
  });
});
