/**
 * Bad input corpus: invalid specs fail before any AWS call, with a message that
 * names the field. Through the reconciler (`ValidationError`), and through
 * `apigw-responses plan --spec` (the command line). The emulator's stats prove
 * that not one call was made. (Program inputs through `pulumi preview`: see
 * test/pulumi/bad-input.pulumi.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { GetMethodCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, releaseSharedClients } from "../../src/runtime";
import { PACKAGE_ROOT } from "../../tools/pulumi-env";
import { localClient } from "../../tools/seed";
import { reconcile, ValidationError } from "../../src/reconcile";
import { badInputCorpus, baseSpec, JAVA_ONLY_REGEX_ERRORS } from "../support/bad-input-corpus";
import { seedApi, type SeededApi } from "../support/sets";
import { sharedEndpoint, sharedMotoEndpoint } from "../support/workers";

const H = (name: string) => `method.response.header.${name}`;
const endpoint = sharedEndpoint();
let api: SeededApi;
let tmp: string;

async function totalCalls(): Promise<number> {
  const res = await fetch(`${endpoint}/__emulator/stats`);
  return ((await res.json()) as { totalCalls: number }).totalCalls;
}

beforeAll(async () => {
  // A real REST API and method, so that a spec that passed validation would make calls.
  api = await seedApi(sharedMotoEndpoint(), 1, "bad-input");
  tmp = mkdtempSync(path.join(tmpdir(), "apigw-bad-input-"));
});

afterAll(() => {
  releaseSharedClients();
  rmSync(tmp, { recursive: true, force: true });
});

const ids = () => ({ restApiId: api.restApiId, resourceId: api.methods[0]!.resourceId });
const CORPUS = badInputCorpus(ids);

describe("bad input corpus: every invalid spec fails before any AWS call, naming the field", () => {
  it(`has at least 40 cases (${CORPUS.length})`, () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS)("reconcile: %s", async (_name, make, property) => {
    const runtime = createRuntime({ endpoint, rate: "off" });
    const before = await totalCalls();
    const err = await reconcile(runtime, [make() as never]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const v = err as ValidationError;
    // reconcile takes a list: properties are prefixed with the method's index.
    expect(v.failures.map((f) => f.property)).toContain(`methods[0].${property}`);
    expect(v.message).toContain(`methods[0].${property}:`);
    expect(runtime.counters.calls).toEqual({});
    expect(await totalCalls()).toBe(before);
  });

  it("control: the spec the cases edit, unedited, passes and converges; read back raw, the method holds what AWS stores for it", async () => {
    await reconcile(createRuntime({ endpoint, rate: "off" }), [baseSpec(ids) as never]);
    const sdk = localClient(endpoint);
    const raw = await sdk.send(new GetMethodCommand({ ...ids(), httpMethod: "GET" })).finally(() => sdk.destroy());
    // Method responses echo the maps put, {} included (AWS-18, AWS-70).
    expect(raw.methodResponses).toEqual({
      "200": { statusCode: "200", responseParameters: { [H("X-A")]: true }, responseModels: { "application/json": "Empty" } },
      "404": { statusCode: "404", responseParameters: {}, responseModels: {} },
    });
    // The default is written with selectionPattern "" and read back "" (AWS-17).
    expect(raw.methodIntegration?.integrationResponses?.["200"]).toEqual({
      statusCode: "200",
      selectionPattern: "",
      responseParameters: { [H("X-A")]: "'a'" },
      responseTemplates: { "application/json": "{}" },
    });
    expect(raw.methodIntegration?.integrationResponses?.["404"]?.selectionPattern).toBe(".*Not Found.*");
  });
});

describe("bad input through the command line: apigw-responses plan --spec", () => {
  const CLI = path.join(PACKAGE_ROOT, "dist", "cli", "main.js");
  const cases: [string, () => Buffer, string][] = [
    ["bad status code", () => Buffer.from(JSON.stringify({ restApiId: api.restApiId, methods: [{ resourceId: api.methods[0]!.resourceId, httpMethod: "GET", responses: { "600": { methodResponse: {} } } }] })), "methods[0].responses.600"],
    ["undeclared header", () => Buffer.from(JSON.stringify({ restApiId: api.restApiId, methods: [{ resourceId: api.methods[0]!.resourceId, httpMethod: "GET", responses: { "200": { methodResponse: {}, integrationResponse: { responseParameters: { [H("X-B")]: "'b'" } } } } }] })), `methods[0].responses.200.integrationResponse.responseParameters.${H("X-B")}`],
    ["invalid regex (YAML)", () => Buffer.from(`restApiId: ${api.restApiId}\nmethods:\n  - resourceId: ${api.methods[0]!.resourceId}\n    httpMethod: GET\n    responses:\n      "404":\n        integrationResponse:\n          selectionPattern: "(["\n`), "methods[0].responses.404.integrationResponse.selectionPattern"],
    ["unknown field", () => Buffer.from(JSON.stringify({ restApiId: api.restApiId, methods: [{ resourceId: api.methods[0]!.resourceId, httpMethod: "GET", responses: {}, exclusiv: false }] })), "methods[0].exclusiv"],
    [
      // JSON.parse would keep the second "200" only; with exclusive: true the first one's method response would be deleted.
      "duplicate status code key in a JSON spec",
      () =>
        Buffer.from(
          `{"restApiId": "${api.restApiId}", "methods": [{"resourceId": "${api.methods[0]!.resourceId}", "httpMethod": "GET",\n` +
            ` "responses": {"200": {"methodResponse": {}}, "200": {"integrationResponse": {}}}}]}`,
        ),
      'line 2, column 47): duplicate key "200"',
    ],
    [
      "bytes that are not UTF-8 in a template",
      () =>
        Buffer.concat([
          Buffer.from(`{"restApiId": "${api.restApiId}", "methods": [{"resourceId": "${api.methods[0]!.resourceId}", "httpMethod": "GET", "responses": {"200": {"integrationResponse": {"responseTemplates": {"application/json": "`),
          Buffer.from([0xff, 0xfe, 0x41]),
          Buffer.from('"}}}}}]}'),
        ]),
      "", // the file itself is rejected: no field to name beyond the encoding
    ],
    // hostile shapes (issue 15, defect 10): errors about the file, never a stack overflow or an "unexpected" error
    ["100,000-deep nesting in JSON", () => Buffer.from(`{"restApiId": "${api.restApiId}", "methods": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`), "(line 1, column 103): brackets nested deeper than 64 levels"],
    ["100,000-deep nesting in YAML", () => Buffer.from(`restApiId: ${api.restApiId}\nmethods: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`), "(line 2, column 74): brackets nested deeper than 64 levels"],
    [
      "YAML alias bomb",
      () => {
        const lines = [`restApiId: ${api.restApiId}`, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
        for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
        return Buffer.from(`${lines.join("\n")}\nmethods: *a11\n`);
      },
      "is not valid YAML: its aliases (*name) expand to too many nodes",
    ],
    ["YAML alias inside its own anchor", () => Buffer.from(`restApiId: ${api.restApiId}\nmethods: &m [*m]\n`), "a YAML alias (*name) is used inside its own anchor"],
    [
      "ANSI escape, bidi and zero-width characters (YAML), shown escaped",
      () =>
        Buffer.from(
          `restApiId: ${api.restApiId}\nmethods:\n  - resourceId: ${api.methods[0]!.resourceId}\n    httpMethod: GET\n    responses:\n      "200":\n` +
            `        methodResponse: { responseParameters: { "method.response.header.X\u202e\u200b": true } }\n` +
            `        integrationResponse: { responseParameters: { "method.response.header.X\u202e\u200b": "'\x1b[2Jv'" } }\n`,
        ),
      'methods[0].responses.200.methodResponse.responseParameters.method.response.header.X\\u202e\\u200b: response parameter key "method.response.header.X\\u202e\\u200b"',
    ],
  ];

  it.each(cases)("%s", async (name, make, property) => {
    const file = path.join(tmp, `${name.replace(/\W+/g, "-")}.${name.includes("YAML") ? "yaml" : "json"}`);
    writeFileSync(file, make());
    const before = await totalCalls();
    const r = spawnSync(process.execPath, [CLI, "plan", "--spec", file, "--endpoint", endpoint, "--rate", "off"], { encoding: "utf8", timeout: 30_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(1);
    expect(out).toContain(file);
    expect(out).not.toMatch(/unexpected|Maximum call stack|^\s+at /m);
    // Control, bidi and zero-width characters are never written raw (newline and tab aside).
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
    if (property) expect(out).toContain(property);
    else expect(out).toMatch(/UTF-8|utf-8|encoding/);
    expect(await totalCalls()).toBe(before);
  });
});

/** A spec file (JSON text) managing gateway responses only, with `gatewayResponses` (and the rest of the file) edited. */
function gatewayFile(gatewayResponses: unknown, rest: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({ restApiId: api.restApiId, methods: [], gatewayResponses, ...rest }));
}
const GR = "gatewayResponses";
const ORIGIN = "gatewayresponse.header.Access-Control-Allow-Origin";
const GR4 = `${GR}.DEFAULT_4XX`;

/**
 * Spec files whose gateway responses are invalid (AWS-31..AWS-41, AWS-65): [name, file
 * (JSON unless the name says YAML), every text the output must hold: the property and
 * its rule]. A spec file is the only road of gateway responses.
 */
const GATEWAY_CORPUS: [string, () => Buffer, string[]][] = [
  ["unknown response type", () => gatewayFile({ NOT_FOUND: {} }), [`${GR}.NOT_FOUND: unknown gateway response type "NOT_FOUND": one of ACCESS_DENIED,`, "WAF_FILTERED", "AWS-37"]],
  ["response type in lower case", () => gatewayFile({ default_4xx: {} }), [`${GR}.default_4xx: unknown gateway response type "default_4xx"`, 'upper case: "DEFAULT_4XX"']],
  ["statusCode 600", () => gatewayFile({ DEFAULT_4XX: { statusCode: "600" } }), [`${GR4}.statusCode: statusCode "600" must match [1-5]\\d\\d (AWS-39)`]],
  ["statusCode 20", () => gatewayFile({ DEFAULT_5XX: { statusCode: "20" } }), [`${GR}.DEFAULT_5XX.statusCode: statusCode "20"`, "AWS-39"]],
  [
    "statusCode a number (YAML)",
    () => Buffer.from(`restApiId: ${api.restApiId}\nmethods: []\ngatewayResponses:\n  UNAUTHORIZED:\n    statusCode: 401\n`),
    [`${GR}.UNAUTHORIZED.statusCode: statusCode must be a string, got number 401; write it in quotes: "401" (AWS-39)`],
  ],
  [
    "method response header as a parameter key",
    () => gatewayFile({ DEFAULT_4XX: { responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } } }),
    [`${GR4}.responseParameters.method.response.header.Access-Control-Allow-Origin: gateway response parameter key`, 'write "gatewayresponse.header.Access-Control-Allow-Origin"', "AWS-40"],
  ],
  ["parameter key with an empty name", () => gatewayFile({ DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.": "'*'" } } }), [`${GR4}.responseParameters.gatewayresponse.header.: gateway response parameter key`]],
  [
    "unquoted static value",
    () => gatewayFile({ DEFAULT_4XX: { responseParameters: { [ORIGIN]: "test-value" } } }),
    [`${GR4}.responseParameters.${ORIGIN}: gateway response parameter value "test-value"`, `in single quotes: "'test-value'"`, "AWS-40"],
  ],
  [
    "stage variable as a value",
    () => gatewayFile({ DEFAULT_5XX: { responseParameters: { [ORIGIN]: "stageVariables.origin" } } }),
    [`${GR}.DEFAULT_5XX.responseParameters.${ORIGIN}: gateway response parameter value "stageVariables.origin"`, "has no source", "AWS-40"],
  ],
  ["parameter value a number", () => gatewayFile({ DEFAULT_4XX: { responseParameters: { [ORIGIN]: 1 } } }), [`${GR4}.responseParameters.${ORIGIN}: gateway response parameter value for ${ORIGIN} must be a string, got number 1`]],
  ["template not a string", () => gatewayFile({ UNAUTHORIZED: { responseTemplates: { "application/json": { message: "no" } } } }), [`${GR}.UNAUTHORIZED.responseTemplates.application/json: template for application/json must be a string, got object`]],
  ["template over 300 KB", () => gatewayFile({ DEFAULT_4XX: { responseTemplates: { "application/json": "x".repeat(300_001) } } }), [`${GR4}.responseTemplates.application/json: template for application/json is 300001 bytes`, "AWS-65"]],
  [
    "lone surrogate in a template",
    () => Buffer.from(`{"restApiId": "${api.restApiId}", "methods": [], "gatewayResponses": {"DEFAULT_4XX": {"responseTemplates": {"application/json": "{\\"a\\": \\"\\ud800\\"}"}}}}`),
    [`${GR4}.responseTemplates.application/json:`, "is not valid Unicode (a lone surrogate)"],
  ],
  ["unknown field in a gateway response", () => gatewayFile({ DEFAULT_4XX: { headers: {} } }), [`${GR4}.headers: unknown field "headers" in the gateway response of DEFAULT_4XX`]],
  ["gatewayResponses not a map", () => gatewayFile([{ DEFAULT_4XX: {} }]), [`${GR}: gatewayResponses must be an object (a map`, "got array"]],
  ["gatewayResponsesExclusive not a boolean", () => gatewayFile({}, { gatewayResponsesExclusive: "yes" }), ['gatewayResponsesExclusive: gatewayResponsesExclusive must be a boolean, got string "yes"']],
  ["no methods and no gatewayResponses", () => Buffer.from(JSON.stringify({ restApiId: api.restApiId, methods: [] })), ["methods: the spec file asks for nothing"]],
  [
    "several problems at once (YAML), all listed",
    () =>
      Buffer.from(
        `restApiId: ${api.restApiId}\nmethods: []\ngatewayResponsesExclusive: 1\ngatewayResponses:\n  THROTTLE:\n    statusCode: "429"\n  DEFAULT_4XX:\n    statusCode: "4xx"\n` +
          `    responseParameters:\n      method.response.header.X: "'a'"\n      gatewayresponse.header.Y: context.requestId\n    responseTemplates:\n      json: "{}"\n`,
      ),
    [
      "gatewayResponsesExclusive: gatewayResponsesExclusive must be a boolean",
      `${GR}.THROTTLE: unknown gateway response type "THROTTLE"`,
      `${GR4}.statusCode: statusCode "4xx"`,
      `${GR4}.responseParameters.method.response.header.X: gateway response parameter key`,
      `${GR4}.responseParameters.gatewayresponse.header.Y: gateway response parameter value "context.requestId" for gatewayresponse.header.Y has no source`,
      `${GR4}.responseTemplates.json: responseTemplates key "json"`,
    ],
  ],
];

describe("bad gateway responses through the command line: apigw-responses plan --spec", () => {
  const CLI = path.join(PACKAGE_ROOT, "dist", "cli", "main.js");

  it(`has at least 15 cases (${GATEWAY_CORPUS.length})`, () => {
    expect(GATEWAY_CORPUS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(GATEWAY_CORPUS)("%s", async (name, make, expected) => {
    const file = path.join(tmp, `gateway-${name.replace(/\W+/g, "-")}.${name.includes("YAML") ? "yaml" : "json"}`);
    writeFileSync(file, make());
    const before = await totalCalls();
    const r = spawnSync(process.execPath, [CLI, "plan", "--spec", file, "--endpoint", endpoint, "--rate", "off"], { encoding: "utf8", timeout: 30_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(1);
    expect(out).toContain(`invalid spec ${file}`);
    expect(out).not.toMatch(/unexpected|^\s+at /m);
    for (const text of expected) expect(out).toContain(text);
    expect(await totalCalls()).toBe(before);
  });
});

describe("selection patterns only Java refuses, through the command line: apigw-responses plan --spec (AWS-29)", () => {
  const CLI = path.join(PACKAGE_ROOT, "dist", "cli", "main.js");

  it.each(JAVA_ONLY_REGEX_ERRORS)("%j", async (pattern) => {
    const file = path.join(tmp, `java-only-${Buffer.from(pattern).toString("hex")}.json`);
    const spec = { restApiId: api.restApiId, methods: [{ resourceId: api.methods[0]!.resourceId, httpMethod: "GET", responses: { "404": { integrationResponse: { selectionPattern: pattern } } } }] };
    writeFileSync(file, JSON.stringify(spec));
    const before = await totalCalls();
    const r = spawnSync(process.execPath, [CLI, "plan", "--spec", file, "--endpoint", endpoint, "--rate", "off"], { encoding: "utf8", timeout: 30_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(1);
    expect(out).toContain(`invalid spec ${file}`);
    expect(out).toContain(`methods[0].responses.404.integrationResponse.selectionPattern: selectionPattern ${JSON.stringify(pattern)} is not a valid regular expression`);
    expect(out).toContain("AWS-29");
    expect(await totalCalls()).toBe(before);
  });
});
