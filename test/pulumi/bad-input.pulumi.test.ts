/**
 * Bad program inputs through the real engine: `pulumi up` of a program whose resource
 * gets invalid arguments fails in `check`, with the field and the rule in its output,
 * and the local API Gateway records zero calls. `up`, not `preview`: a preview without
 * `--refresh` makes no call even for valid inputs, an `up` of valid inputs does (the
 * last test shows it), so only on `up` does "zero calls" say that check stopped it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, emulatorStats, type TestStack } from "../support/pulumi";
import { seedApi } from "../support/sets";
import { sharedEndpoint, sharedMotoEndpoint } from "../support/workers";

const endpoint = sharedEndpoint();
const H = (name: string) => `method.response.header.${name}`;
let stack: TestStack;

beforeAll(async () => {
  const api = await seedApi(sharedMotoEndpoint(), 1, "bad-input-pulumi");
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

const setCase = async (kind: string, args: Record<string, unknown>) => {
  const set = await stack.run(["config", "set", "reliability-bad-input:case", JSON.stringify({ kind, args })]);
  expect(set.code, set.stderr).toBe(0);
};
const up = () => stack.run(["up", "--yes", "--skip-preview"]);

describe("bad program inputs: pulumi up fails in check, zero AWS calls", () => {
  it.each(CASES)("%s", async (_name, kind, args, field, rule) => {
    await setCase(kind, args);
    const before = (await emulatorStats(endpoint)).totalCalls;
    const run = await up();
    const out = `${run.stdout}\n${run.stderr}`;
    expect((await emulatorStats(endpoint)).totalCalls - before, out).toBe(0);
    expect(run.code, out).not.toBe(0);
    expect(out).toContain(field);
    expect(out).toMatch(rule);
  });

  // The control: the same command on valid inputs does reach AWS (last, so that the cases above run on an empty stack).
  it("a valid input through the same pulumi up makes calls and writes", async () => {
    await setCase("ResponseSet", { responses: { "200": { methodResponse: {} } } });
    const before = await emulatorStats(endpoint);
    const run = await up();
    const after = await emulatorStats(endpoint);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(after.totalCalls - before.totalCalls).toBeGreaterThan(0);
    expect(after.writes - before.writes).toBeGreaterThan(0);
  });
});
