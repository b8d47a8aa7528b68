/**
 * Gateway responses against the local API Gateway: one read of all 21 types (AWS-32),
 * the planner's puts and resets written through the real call path (AWS-35, AWS-44),
 * the live answers checked raw with the SDK, and the errors of a REST API that does not
 * exist (AWS-38).
 */
import { GetGatewayResponseCommand, GetGatewayResponsesCommand, PutGatewayResponseCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { applyGatewayResponsesPlan } from "../../src/apply/gateway-responses";
import { ApiGatewayError } from "../../src/aws/errors";
import type { DesiredGatewayResponses, GatewayResponseSpec, GatewayResponseType, NormalizedGatewayResponse } from "../../src/gateway-responses";
import { normalizeGatewayResponse } from "../../src/normalize";
import { readGatewayResponses } from "../../src/observe/gateway-responses";
import { planGatewayResponses } from "../../src/plan/gateway-responses";
import { readsAndWrites, useSeededApi } from "../support/local-api-gateway";

const suite = useSeededApi({ resources: 1, methods: 1 });
const CORS = { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" };
const DEFAULT_TEMPLATE = { "application/json": '{"message":$context.error.messageString}' };

function desiredOf(specs: Partial<Record<GatewayResponseType, GatewayResponseSpec>>, exclusive = true): DesiredGatewayResponses {
  const responses: Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> = {};
  for (const [t, s] of Object.entries(specs) as [GatewayResponseType, GatewayResponseSpec][]) responses[t] = normalizeGatewayResponse(t, s);
  return { restApiId: suite.api.restApiId, responses, exclusive };
}

async function converge(desired: DesiredGatewayResponses) {
  const observed = await readGatewayResponses(suite.runtime, desired.restApiId);
  const plan = planGatewayResponses(desired, observed);
  const outcome = await applyGatewayResponsesPlan(suite.runtime, plan);
  return { plan, outcome };
}

describe("gateway responses through the reconciler's read, plan and write", () => {
  it("one GetGatewayResponses reads all 21 types; a new API has no customization", async () => {
    const before = await suite.emulator.stats();
    const observed = await readGatewayResponses(suite.runtime, suite.api.restApiId);
    expect(readsAndWrites(before, await suite.emulator.stats()).calls).toEqual({ GetGatewayResponses: 1 });
    expect(Object.keys(observed.responses)).toHaveLength(21);
    expect(Object.values(observed.responses).every((o) => !o.customized)).toBe(true);
    expect(observed.responses.THROTTLED?.response).toEqual({ responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE, statusCode: "429" });
  });

  it("puts the declared customizations, one call each; the raw answers are what was declared, with what a put stores for the rest (AWS-35)", async () => {
    const desired = desiredOf({
      DEFAULT_4XX: { responseParameters: CORS },
      DEFAULT_5XX: { responseParameters: CORS },
      UNAUTHORIZED: { statusCode: "401", responseTemplates: { "application/json": '{"error":"unauthorized","id":"$context.requestId"}' } },
    });
    const before = await suite.emulator.stats();
    const { plan, outcome } = await converge(desired);
    expect(plan.operations.map((o) => `${o.kind} ${o.responseType}`)).toEqual(["PutGatewayResponse DEFAULT_4XX", "PutGatewayResponse DEFAULT_5XX", "PutGatewayResponse UNAUTHORIZED"]);
    expect(outcome.failures).toEqual([]);
    expect(readsAndWrites(before, await suite.emulator.stats()).calls).toEqual({ GetGatewayResponses: 1, PutGatewayResponse: 3 });

    const raw = await suite.client.send(new GetGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "UNAUTHORIZED" }));
    expect({ ...raw, $metadata: undefined }).toEqual({
      $metadata: undefined,
      defaultResponse: false,
      responseParameters: {},
      responseTemplates: { "application/json": '{"error":"unauthorized","id":"$context.requestId"}' },
      responseType: "UNAUTHORIZED",
      statusCode: "401",
    });
    // DEFAULT_4XX put without a status code reads back without one (AWS-36), and another 4xx type inherits its header (AWS-33).
    const all = await suite.client.send(new GetGatewayResponsesCommand({ restApiId: suite.api.restApiId }));
    const byType = Object.fromEntries((all.items ?? []).map((i) => [i.responseType, i]));
    expect(byType.DEFAULT_4XX).toEqual({ defaultResponse: false, responseParameters: CORS, responseTemplates: DEFAULT_TEMPLATE, responseType: "DEFAULT_4XX" });
    expect(byType.THROTTLED).toEqual({ defaultResponse: true, responseParameters: CORS, responseTemplates: DEFAULT_TEMPLATE, responseType: "THROTTLED", statusCode: "429" });

    // In sync now: the next pass reads once and writes nothing (no perpetual diff on DEFAULT_4XX's missing status code).
    const again = await converge(desired);
    expect(again.plan.operations).toEqual([]);
  });

  it("exclusive: a customization made by someone else is reset; a reset that finds nothing customized is success (AWS-44)", async () => {
    await suite.client.send(new PutGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "WAF_FILTERED", statusCode: "418" }));
    const desired = desiredOf({ DEFAULT_4XX: { responseParameters: CORS }, DEFAULT_5XX: { responseParameters: CORS } });
    const observed = await readGatewayResponses(suite.runtime, desired.restApiId);
    const plan = planGatewayResponses(desired, observed);
    expect(plan.operations.map((o) => `${o.kind} ${o.responseType}`)).toEqual(["DeleteGatewayResponse UNAUTHORIZED", "DeleteGatewayResponse WAF_FILTERED"]);
    // Someone else resets WAF_FILTERED first: our delete then meets a 404 and has still reached its goal.
    await applyGatewayResponsesPlan(suite.runtime, { restApiId: plan.restApiId, operations: plan.operations.filter((o) => o.responseType === "WAF_FILTERED") });
    const outcome = await applyGatewayResponsesPlan(suite.runtime, plan);
    expect(outcome.failures).toEqual([]);
    expect(outcome.done).toHaveLength(2);
    const raw = await suite.client.send(new GetGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "WAF_FILTERED" }));
    expect(raw.defaultResponse).toBe(true);
    expect(raw.statusCode).toBe("403");
  });

  it("a REST API that does not exist: the read fails with REST_API_NOT_FOUND (AWS-38), once, not retried", async () => {
    const before = await suite.emulator.stats();
    const err = await readGatewayResponses(suite.runtime, "nosuchapi").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiGatewayError);
    expect((err as ApiGatewayError).code).toBe("REST_API_NOT_FOUND");
    expect((err as ApiGatewayError).attempts).toBe(1);
    expect((err as Error).message).toMatch(/^GetGatewayResponses failed for the gateway responses of rest api nosuchapi \[REST_API_NOT_FOUND\]: NotFoundException: Invalid API identifier specified \d+:nosuchapi \(request id /);
    expect(readsAndWrites(before, await suite.emulator.stats()).calls).toEqual({ GetGatewayResponses: 1 });
  });
});
