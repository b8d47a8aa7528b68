/**
 * Bad program inputs through the real engine: `pulumi preview` of a program whose
 * resource gets invalid arguments fails in `check`, with the field and the rule
 * in its output, and the local API Gateway records zero calls.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createStack, emulatorStats, type TestStack } from "../support/pulumi";
import { seedApi } from "../support/sets";

const endpoint = inject("endpoint");
const H = (name: string) => `method.response.header.${name}`;
let stack: TestStack;

beforeAll(async () => {
  const api = await seedApi(inject("motoEndpoint"), 1, "bad-input-pulumi");
  stack = await createStack("bad-input", endpoint, {
    "reliability-bad-input:restApiId": api.restApiId,
    "reliability-bad-input:resourceId": api.methods[0]!.resourceId,
  });
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

/** [name, kind, args, text the output must contain (the field), text naming the rule]. */
const CASES: [string, string, Record<string, unknown>, string, RegExp][] = [
  ["ResponseSet with status code 600", "ResponseSet", { responses: { "600": { methodResponse: {} } } }, "responses.600", /\[1-5\]\\\\d\\\\d|AWS-7/],
  [
    "ResponseSet mapping an undeclared header",
    "ResponseSet",
    { responses: { "200": { methodResponse: {}, integrationResponse: { responseParameters: { [H("X-B")]: "'b'" } } } } },
    `responses.200.integrationResponse.responseParameters.${H("X-B")}`,
    /AWS-5/,
  ],
  ["IntegrationResponse with a selectionPattern that does not compile", "IntegrationResponse", { statusCode: "404", selectionPattern: "([" }, "selectionPattern", /regular expression/i],
  ["MethodResponse with a string where a boolean is needed", "MethodResponse", { statusCode: "200", responseParameters: { [H("X-A")]: "yes" } }, `responseParameters.${H("X-A")}`, /boolean/i],
  ["ResponseSet with an unknown field", "ResponseSet", { responses: {}, responsez: {} }, "responsez", /unknown/i],
  ["GatewayResponseSet with a type that does not exist", "GatewayResponseSet", { responses: { DEFAULT_6XX: {} } }, "responses.DEFAULT_6XX", /AWS-31|AWS-37|response type/],
  ["GatewayResponseSet with status code 600", "GatewayResponseSet", { responses: { UNAUTHORIZED: { statusCode: "600" } } }, "responses.UNAUTHORIZED.statusCode", /\[1-5\]\\\\d\\\\d|AWS-39/],
  ["GatewayResponse with a method response header key (the integration-response grammar)", "GatewayResponse", { responseType: "DEFAULT_4XX", responseParameters: { [H("X-A")]: "'a'" } }, `responseParameters.${H("X-A")}`, /AWS-40/],
  ["GatewayResponse with a lower-case type", "GatewayResponse", { responseType: "default_4xx" }, "responseType", /AWS-31/],
  ["StageDeployment with a dot in the stage name", "StageDeployment", { stageName: "v1.0" }, "stageName", /AWS-68/],
  ["StageDeployment with a space in a stage variable", "StageDeployment", { stageName: "prod", variables: { color: "light blue" } }, "variables.color", /AWS-69/],
];

describe("bad program inputs: pulumi preview fails in check, zero AWS calls", () => {
  it.each(CASES)("%s", async (_name, kind, args, field, rule) => {
    const set = await stack.run(["config", "set", "reliability-bad-input:case", JSON.stringify({ kind, args })]);
    expect(set.code, set.stderr).toBe(0);
    const before = (await emulatorStats(endpoint)).totalCalls;
    const pv = await stack.run(["preview"]);
    const out = `${pv.stdout}\n${pv.stderr}`;
    expect(pv.code, out).not.toBe(0);
    expect(out).toContain(field);
    expect(out).toMatch(rule);
    expect((await emulatorStats(endpoint)).totalCalls).toBe(before);
  });
});
