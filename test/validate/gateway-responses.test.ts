import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkResponseParameters } from "../../src/emulator/gateway-responses";
import { gatewayResponsesOfFile, validateSpecFile, validSpecFile } from "../../src/validate";
import { MAX_TEMPLATE_BYTES } from "../../src/validate/grammar";
import { expectOnlyFailure } from "../support/failures";
import { bad, base, G, good, ORIGIN, P4, PARAMS, TEMPLATES, withParams } from "../support/gateway-response-cases";

describe("validateSpecFile: bad gateway responses", () => {
  it("has at least 40 cases", () => {
    expect(bad.length).toBeGreaterThanOrEqual(40);
  });

  it.each(bad.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expectOnlyFailure(validateSpecFile(c.file), c.property, c.reason);
  });
});

describe("validateSpecFile: good gateway responses", () => {
  it.each(good)("%s", (_name, file) => {
    expect(validateSpecFile(file)).toEqual([]);
  });

  it("keeps the existing messages of methods: missing, not an array", () => {
    expect(validateSpecFile({ restApiId: "a", gatewayResponses: {} })).toEqual([{ property: "methods", reason: "methods must be an array of method specs, got undefined" }]);
    expect(validateSpecFile({ restApiId: "a", methods: {} })).toEqual([{ property: "methods", reason: expect.stringContaining("methods must be an array") }]);
  });
});

describe("validateSpecFile: every problem of the gateway responses is listed", () => {
  it("lists them all, after the file's own fields and the methods'", () => {
    const failures = validateSpecFile({
      restApiId: "",
      methods: [{ resourceId: "r1", httpMethod: "get", responses: {} }],
      gatewayResponses: {
        // an unknown type's value is checked too
        Default_5xx: { statusCode: "600" },
        DEFAULT_4XX: {
          statusCode: 400,
          responseParameters: { "method.response.header.X": "'a'", [ORIGIN]: "stageVariables.origin" },
          responseTemplates: { "application/json": "x".repeat(MAX_TEMPLATE_BYTES + 1), json: "{}" },
          status: "400",
        },
      },
      gatewayResponsesExclusive: "no",
    });
    expect(failures.map((f) => f.property)).toEqual([
      "restApiId",
      "gatewayResponsesExclusive",
      "methods[0].httpMethod",
      `${P4}.statusCode`,
      `${PARAMS}.method.response.header.X`,
      `${PARAMS}.${ORIGIN}`,
      `${TEMPLATES}.json`,
      `${P4}.status`,
      `${G}.Default_5xx`,
      `${G}.Default_5xx.statusCode`,
      `${TEMPLATES}.application/json`,
    ]);
    expect(failures.find((f) => f.property === `${G}.Default_5xx`)?.reason).toContain('response types are upper case: "DEFAULT_5XX"');
  });

  it("hides every value when asked, property paths aside", () => {
    const secret = "'hunter2'";
    const failures = validateSpecFile(
      base({ DEFAULT_4XX: { statusCode: 4242, responseParameters: { [ORIGIN]: "stageVariables.hunter2", "method.response.header.X": "hunter2" }, responseTemplates: { "application/json": { hunter2: secret } } } }),
      { hideValues: true },
    );
    expect(failures.length).toBeGreaterThanOrEqual(5);
    for (const f of failures) {
      expect(f.reason).not.toContain("hunter2");
      expect(f.reason).not.toContain("4242");
    }
  });
});

describe("gateway response parameters: validation refuses whatever the local API Gateway refuses (AWS-40)", () => {
  const keys = [
    ORIGIN,
    "gatewayresponse.header.method.response.header.X",
    "gatewayresponse.path.id",
    "gatewayresponse.querystring.q",
    "method.response.header.X",
    "gatewayresponse.header.",
    "gatewayresponse.header",
    "gatewayresponse.body.x",
    "gatewayresponse.header.a b",
    "gatewayresponse.header.a\tb",
    "gatewayresponse.querystring.",
    "integration.response.header.X",
    "",
  ];
  const values: unknown[] = [
    "'*'",
    "''",
    "'a'b'",
    "'\n'",
    "method.request.header.origin",
    "method.request.querystring.q",
    "method.request.path.id",
    "method.request.header.",
    "method.request.header.a b",
    "method.request.body",
    "method.request.multivalueheader.X",
    "stageVariables.x",
    "context.requestId",
    "integration.response.header.X",
    "test-value",
    "'unclosed",
    "",
    5,
    true,
    null,
  ];
  const emulatorRefuses = (params: Record<string, unknown>) => {
    try {
      checkResponseParameters(params);
      return false;
    } catch {
      return true;
    }
  };

  it.each(keys)("key %j", (key) => {
    if (emulatorRefuses({ [key]: "'a'" })) expect(validateSpecFile(withParams({ [key]: "'a'" })), key).not.toEqual([]);
  });

  it.each(values.map((v) => [JSON.stringify(v), v] as const))("value %s", (_shown, value) => {
    if (emulatorRefuses({ [ORIGIN]: value })) expect(validateSpecFile(withParams({ [ORIGIN]: value }))).not.toEqual([]);
  });

  it("admits the recorded forms, which the local API Gateway admits too", () => {
    const params = { [ORIGIN]: "'a.b.c'", "gatewayresponse.header.method.response.header.Access-Control-Allow-Origin": "method.request.header.origin" };
    expect(emulatorRefuses(params)).toBe(false);
    expect(validateSpecFile(withParams(params))).toEqual([]);
  });
});

describe("validSpecFile and gatewayResponsesOfFile", () => {
  it("hands on the gateway responses of the file's REST API, exclusive by default", () => {
    const file = base({ UNAUTHORIZED: { statusCode: "401" } });
    const valid = validSpecFile(file);
    expect("failures" in valid).toBe(false);
    if ("failures" in valid) return;
    expect(valid.methods).toEqual([]);
    expect(valid.gatewayResponses).toEqual({ restApiId: "a1b2c3", responses: { UNAUTHORIZED: { statusCode: "401" } }, exclusive: true });
  });

  it("carries gatewayResponsesExclusive: false", () => {
    expect(gatewayResponsesOfFile({ ...base(), gatewayResponsesExclusive: false } as never)?.exclusive).toBe(false);
  });

  it("hands on no gateway responses when the file has none (it leaves them alone)", () => {
    const valid = validSpecFile({ restApiId: "a1b2c3", methods: [{ resourceId: "r1", httpMethod: "GET", responses: {} }] });
    expect("failures" in valid).toBe(false);
    if ("failures" in valid) return;
    expect(valid.methods).toHaveLength(1);
    expect("gatewayResponses" in valid).toBe(false);
  });

  it("hands on nothing but failures for an invalid file", () => {
    const valid = validSpecFile(base({ FOO: {} }));
    expect(valid).toEqual({ failures: [{ property: `${G}.FOO`, reason: expect.stringContaining("unknown gateway response type") }] });
  });
});

describe("the README's spec files", () => {
  const readme = readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
  const specs = [...readme.matchAll(/```yaml\n([^]*?)```/g)].map((m) => m[1]!).filter((text) => /^restApiId:/m.test(text));

  it("include a gatewayResponses example", () => {
    expect(specs.some((text) => text.includes("gatewayResponses:"))).toBe(true);
  });

  it.each(specs.map((text, i) => [i, text] as const))("example %i is valid", (_i, text) => {
    expect(validateSpecFile(parse(text))).toEqual([]);
  });
});
