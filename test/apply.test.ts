/**
 * Apply's recovery paths against the in-memory API Gateway (test/support/aws-transport.ts),
 * through the real call path (send, write queue, retry policy, classifier): AWS-1 (a
 * `PutMethodResponse` meets 409 "already exists": re-observe, adopt, patch) and AWS-22
 * (a patch meets 404: re-observe, re-plan once). Plans are made from a stale observation,
 * as when another writer changed the method between observe and apply.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ApplyError, applyPlan } from "../src/apply";
import { ApiGatewayError } from "../src/aws/errors";
import type { MethodKey, ObservedMethod, Plan, ResponseSpec } from "../src/model";
import { normalizeDesiredResponses } from "../src/normalize";
import { planMethod } from "../src/plan/method";
import { createRuntime, releaseSharedClients } from "../src/runtime";
import { InMemoryApiGateway } from "./support/aws-transport";

const key: MethodKey = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };
const H = (name: string) => `method.response.header.${name}`;

/** An API with one MOCK method holding `live`, and a runtime on it (no rate limit, no coalescing). */
function setup(live: Record<string, ResponseSpec>) {
  const api = new InMemoryApiGateway().addRestApi(key.restApiId).addResource(key.restApiId, key.resourceId, "/users").addMethod(key, { responses: live });
  const runtime = createRuntime({ transport: api.transport, rate: "off", coalesceWindowMs: 0, baseDelayMs: 1, maxDelayMs: 1 });
  return { api, runtime };
}

/** The plan towards `desired` (not exclusive) made from a stale observation `seen`. */
function staleplan(seen: Record<string, ResponseSpec>, desired: Record<string, ResponseSpec>): Plan {
  const observed: ObservedMethod = { key, exists: true, integrationType: "MOCK", responses: normalizeDesiredResponses(seen) };
  return { methods: [planMethod({ key, responses: normalizeDesiredResponses(desired), exclusive: false }, observed)] };
}

afterEach(() => releaseSharedClients());

describe("AWS-1: PutMethodResponse meets 409 already exists", () => {
  it("re-observes with GetMethod, adopts the live response and patches it to the desired state", async () => {
    const { api, runtime } = setup({ "200": { methodResponse: { responseParameters: { [H("X-A")]: false } } } });
    const desired = { "200": { methodResponse: { responseParameters: { [H("X-A")]: true, [H("X-B")]: false } } } };
    const plan = staleplan({}, desired);
    expect(plan.methods[0]!.operations.map((o) => o.kind)).toEqual(["PutMethodResponse"]);

    const report = await applyPlan(runtime, plan);

    expect(api.calls.map((c) => [c.operation, c.error])).toEqual([
      ["PutMethodResponse", "ConflictException"],
      ["GetMethod", undefined],
      ["UpdateMethodResponse", undefined],
    ]);
    expect(api.calls[2]!.input.patchOperations).toEqual([
      { op: "replace", path: `/responseParameters/${H("X-A")}`, value: "true" },
      { op: "add", path: `/responseParameters/${H("X-B")}`, value: "false" },
    ]);
    expect(report.adopted).toEqual([{ key, statusCode: "200", kind: "methodResponse" }]);
    expect(report.operations.map((o) => o.kind)).toEqual(["UpdateMethodResponse"]);
    expect(report.calls).toEqual({ PutMethodResponse: 1, GetMethod: 1, UpdateMethodResponse: 1 });
    expect(report.retries).toEqual({ throttled: 0, conflict: 0, server: 0, network: 0, timeout: 0 });
    expect(api.responses(key)).toEqual(normalizeDesiredResponses(desired));
  });

  it("adopts without a write when the live response is already the desired one", async () => {
    const desired = { "200": { methodResponse: { responseParameters: { [H("X-A")]: true } } } };
    const { api, runtime } = setup(desired);
    const report = await applyPlan(runtime, staleplan({}, desired));
    expect(api.operations()).toEqual(["PutMethodResponse", "GetMethod"]);
    expect(report.adopted).toEqual([{ key, statusCode: "200", kind: "methodResponse" }]);
    expect(report.operations).toEqual([]);
  });

  it("fails with METHOD_NOT_FOUND when the method is gone at the re-observe", async () => {
    const { api, runtime } = setup({ "200": { methodResponse: {} } });
    // Another writer deletes the method right after the conflict.
    api.beforeCall = (call) => {
      if (call.operation === "GetMethod") api.removeMethod(key);
    };
    const err = await applyPlan(runtime, staleplan({}, { "200": { methodResponse: { responseParameters: { [H("X-A")]: true } } } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    const cause = (err as ApplyError).errors[0];
    expect(cause).toBeInstanceOf(ApiGatewayError);
    expect((cause as ApiGatewayError).code).toBe("METHOD_NOT_FOUND");
    expect(api.calls.map((c) => [c.operation, c.error])).toEqual([
      ["PutMethodResponse", "ConflictException"],
      ["GetMethod", "NotFoundException"],
    ]);
  });
});

describe("AWS-22: a patch meets 404", () => {
  it("re-observes and re-plans the patch from the live response, once", async () => {
    // Planned from X-A: false; meanwhile another writer removed X-A, so `replace` answers 404.
    const { api, runtime } = setup({ "200": { methodResponse: { responseParameters: {} } } });
    const desired = { "200": { methodResponse: { responseParameters: { [H("X-A")]: true, [H("X-B")]: false } } } };
    const plan = staleplan({ "200": { methodResponse: { responseParameters: { [H("X-A")]: false } } } }, desired);

    const report = await applyPlan(runtime, plan);

    expect(api.calls.map((c) => [c.operation, c.error])).toEqual([
      ["UpdateMethodResponse", "NotFoundException"],
      ["GetMethod", undefined],
      ["UpdateMethodResponse", undefined],
    ]);
    expect(api.calls[2]!.input.patchOperations).toEqual([
      { op: "add", path: `/responseParameters/${H("X-A")}`, value: "true" },
      { op: "add", path: `/responseParameters/${H("X-B")}`, value: "false" },
    ]);
    expect(report.calls).toEqual({ UpdateMethodResponse: 2, GetMethod: 1 });
    expect(report.adopted).toEqual([]);
    expect(api.responses(key)).toEqual(normalizeDesiredResponses(desired));
  });

  it("re-plans to a PutMethodResponse when the response itself is gone", async () => {
    const { api, runtime } = setup({});
    const desired = { "200": { methodResponse: { responseParameters: { [H("X-A")]: true } } } };
    const report = await applyPlan(runtime, staleplan({ "200": { methodResponse: { responseParameters: { [H("X-A")]: false } } } }, desired));
    expect(api.calls.map((c) => [c.operation, c.error])).toEqual([
      ["UpdateMethodResponse", "NotFoundException"],
      ["GetMethod", undefined],
      ["PutMethodResponse", undefined],
    ]);
    expect(report.operations.map((o) => o.kind)).toEqual(["PutMethodResponse"]);
    expect(api.responses(key)).toEqual(normalizeDesiredResponses(desired));
  });

  it("re-plans only once: a second 404 fails the method", async () => {
    const { api, runtime } = setup({ "200": { methodResponse: { responseParameters: {} } } });
    let updates = 0;
    api.beforeCall = (call) => {
      // Another writer deletes the response between the re-observe and the second patch.
      if (call.operation === "UpdateMethodResponse" && ++updates === 2) api.setResponses(key, {});
    };
    const plan = staleplan({ "200": { methodResponse: { responseParameters: { [H("X-A")]: false } } } }, { "200": { methodResponse: { responseParameters: { [H("X-A")]: true } } } });
    const err = await applyPlan(runtime, plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    const cause = (err as ApplyError).errors[0] as ApiGatewayError;
    expect(cause.code).toBe("RESPONSE_NOT_FOUND");
    expect(cause.operation).toBe("UpdateMethodResponse");
    expect(api.calls.map((c) => [c.operation, c.error])).toEqual([
      ["UpdateMethodResponse", "NotFoundException"],
      ["GetMethod", undefined],
      ["UpdateMethodResponse", "NotFoundException"],
    ]);
    expect((err as ApplyError).report.calls).toEqual({ UpdateMethodResponse: 2, GetMethod: 1 });
  });
});
