/**
 * The reconcile loop with gateway responses beside methods (issue 11): one run converges
 * both, verifies both with one more read each, re-plans when another writer moves a gateway
 * response under it, and says what still differs when it cannot converge.
 */
import { GetGatewayResponseCommand, PutGatewayResponseCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import type { DesiredGatewayResponses, GatewayResponseSpec, GatewayResponseType, NormalizedGatewayResponse } from "../../src/gateway-responses";
import type { MethodSpec } from "../../src/model";
import { normalizeGatewayResponse } from "../../src/normalize";
import { ApplyError } from "../../src/apply";
import { ConvergenceError, convergeDesiredState, type DesiredInput } from "../../src/reconcile";
import { validSpecs } from "../../src/validate";
import { readsAndWrites, useSeededApi } from "../support/local-api-gateway";

const suite = useSeededApi({ resources: 2, methods: 2 });
const CORS = { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" };

function gateway(specs: Partial<Record<GatewayResponseType, GatewayResponseSpec>>, exclusive = true): DesiredInput {
  const responses: Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> = {};
  for (const [t, s] of Object.entries(specs) as [GatewayResponseType, GatewayResponseSpec][]) responses[t] = normalizeGatewayResponse(t, s);
  const desired: DesiredGatewayResponses = { restApiId: suite.api.restApiId, responses, exclusive };
  return { gatewayResponses: desired };
}

const method = (): DesiredInput => {
  const spec: MethodSpec = { ...suite.api.methods[0]!, responses: { "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": "" } } } } };
  return { spec: validSpecs([spec])[0]! };
};

describe("reconcile: gateway responses beside methods", () => {
  it("converges both in one run; the next run reads once each and writes nothing", async () => {
    const inputs = [method(), gateway({ DEFAULT_4XX: { responseParameters: CORS }, DEFAULT_5XX: { responseParameters: CORS }, UNAUTHORIZED: { statusCode: "401" } })];
    const before = await suite.emulator.stats();
    const result = await convergeDesiredState(suite.runtime, inputs);
    expect(result.report.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual(["PutMethodResponse 200", "PutIntegrationResponse 200"]);
    expect(result.report.gatewayResponseOperations?.map((o) => `${o.kind} ${o.responseType}`)).toEqual(["PutGatewayResponse DEFAULT_4XX", "PutGatewayResponse DEFAULT_5XX", "PutGatewayResponse UNAUTHORIZED"]);
    const first = readsAndWrites(before, await suite.emulator.stats());
    // One read of each before, one after (the verification), five writes.
    expect(first.calls).toEqual({ GetMethod: 2, GetGatewayResponses: 2, PutMethodResponse: 1, PutIntegrationResponse: 1, PutGatewayResponse: 3 });
    expect(result.observedGatewayResponses[0]?.responses.UNAUTHORIZED).toEqual({ customized: true, response: { responseParameters: {}, responseTemplates: { "application/json": '{"message":$context.error.messageString}' }, statusCode: "401" } });

    const mid = await suite.emulator.stats();
    const again = await convergeDesiredState(suite.runtime, inputs);
    expect(again.report.gatewayResponseOperations).toEqual([]);
    expect(readsAndWrites(mid, await suite.emulator.stats()).calls).toEqual({ GetMethod: 1, GetGatewayResponses: 1 });
  });

  it("another writer customizes a type during the first pass: a second pass resets it (exclusive), and the run converges", async () => {
    const inputs = [gateway({ DEFAULT_4XX: { responseParameters: CORS } })];
    let passes = 0;
    const result = await convergeDesiredState(suite.runtime, inputs, {
      events: {
        passStarted: async (pass) => {
          passes = pass;
          if (pass === 1) await suite.client.send(new PutGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "THROTTLED", statusCode: "503" }));
        },
      },
    });
    expect(passes).toBe(2);
    expect(result.report.gatewayResponseOperations?.map((o) => `${o.kind} ${o.responseType}`)).toEqual([
      "DeleteGatewayResponse DEFAULT_5XX",
      "DeleteGatewayResponse UNAUTHORIZED",
      "DeleteGatewayResponse THROTTLED",
    ]);
    const raw = await suite.client.send(new GetGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "THROTTLED" }));
    expect([raw.defaultResponse, raw.statusCode, raw.responseParameters]).toEqual([true, "429", CORS]);
  });

  it("one pass only: NOT_CONVERGED names the gateway response that still differs", async () => {
    const err = await convergeDesiredState(suite.runtime, [gateway({ DEFAULT_4XX: { responseParameters: CORS } })], {
      maxPasses: 1,
      events: { passStarted: async () => void (await suite.client.send(new PutGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "WAF_FILTERED", statusCode: "418" }))) },
    }).catch((e: unknown) => e);
    // In sync at the start: no pass runs, nothing can go wrong.
    expect(err).not.toBeInstanceOf(Error);
    await suite.client.send(new PutGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "DEFAULT_4XX", statusCode: "400" }));
    const failed = await convergeDesiredState(suite.runtime, [gateway({ DEFAULT_4XX: { responseParameters: CORS } })], {
      maxPasses: 1,
      events: { passStarted: async () => void (await suite.client.send(new PutGatewayResponseCommand({ restApiId: suite.api.restApiId, responseType: "WAF_FILTERED", statusCode: "418" }))) },
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConvergenceError);
    expect((failed as Error).message).toBe(
      "NOT_CONVERGED: after 1 apply pass, the live state still differs from the desired state in the gateway responses of 1 REST API(s).\n" +
        `  - the gateway responses of rest api ${suite.api.restApiId}:\n` +
        "      DeleteGatewayResponse WAF_FILTERED (defaultResponse, statusCode)",
    );
  });

  it("a put AWS refuses: APPLY_FAILED names the gateway response, once (a whole put fails the same way again: no second pass)", async () => {
    // Validation would refuse this value before any call (AWS-40); desired state built by hand skips it.
    const inputs = [gateway({ DEFAULT_4XX: { responseParameters: CORS }, THROTTLED: { responseParameters: { "gatewayresponse.header.X": "stageVariables.x" } } })];
    const before = await suite.emulator.stats();
    const err = await convergeDesiredState(suite.runtime, inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    const e = err as ApplyError;
    expect(e.failures).toEqual([]);
    expect(e.gatewayFailures.map((f) => f.operation.responseType)).toEqual(["THROTTLED"]);
    expect(e.message.split("\n")[0]).toBe("APPLY_FAILED: 1 gateway response(s) could not be applied:");
    expect(e.message).toContain(`PutGatewayResponse failed for gateway response THROTTLED (rest api ${suite.api.restApiId}) [TERMINAL]: BadRequestException: Invalid mapping expression specified`);
    // One put of THROTTLED only: the failure is not retried by another pass.
    const donePuts = (e.report.gatewayResponseOperations ?? []).filter((o) => o.kind === "PutGatewayResponse").length;
    expect(readsAndWrites(before, await suite.emulator.stats()).calls.PutGatewayResponse).toBe(donePuts + 1);
    expect(e.passes).toBe(1);
  });
});
