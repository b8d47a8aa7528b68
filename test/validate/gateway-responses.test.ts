import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkResponseParameters } from "../../src/emulator/gateway-responses";
import { GATEWAY_RESPONSE_TYPES } from "../../src/gateway-responses";
import type { ValidationFailure } from "../../src/model";
import { gatewayResponsesOfFile, type ValidateOptions, validateSpecFile, validSpecFile } from "../../src/validate";
import { MAX_TEMPLATE_BYTES } from "../../src/validate/grammar";
import { expectOnlyFailure, failure } from "../support/failures";
import { bad, base, G, good, ORIGIN, P4, PARAMS, TEMPLATES, with4xx, withParams, withTemplates } from "../support/gateway-response-cases";

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

describe("validateSpecFile: every failure of the gateway responses, word for word", () => {
  const TYPES = GATEWAY_RESPONSE_TYPES.join(", ");
  const FORMS = "a static value in single quotes '...' or method.request.{header|querystring|path}.{name}";
  const KEY_FORMS = "gatewayresponse.header.{name} ({name} a valid HTTP header name), gatewayresponse.path.{name} or gatewayresponse.querystring.{name}";
  const value = (shown: string, rest: string) => `gateway response parameter value ${shown} for ${ORIGIN} ${rest}`;

  it.each<[name: string, file: unknown, expected: ValidationFailure[], options?: ValidateOptions]>([
    // the map and its types (AWS-31, AWS-37)
    ["an unknown type", base({ NOT_FOUND: {} }), [failure(`${G}.NOT_FOUND`, `unknown gateway response type "NOT_FOUND": one of ${TYPES} (AWS-31, AWS-37)`)]],
    ["a type in lower case", base({ default_4xx: {} }), [failure(`${G}.default_4xx`, `unknown gateway response type "default_4xx": one of ${TYPES}; response types are upper case: "DEFAULT_4XX" (AWS-31, AWS-37)`)]],
    [
      "a type's response a string",
      with4xx("cors"),
      [failure(P4, 'the gateway response of DEFAULT_4XX must be an object { statusCode?, responseParameters?, responseTemplates? }, got string "cors"')],
    ],
    ["an unknown field", with4xx({ headers: {} }), [failure(`${P4}.headers`, 'unknown field "headers" in the gateway response of DEFAULT_4XX (allowed: statusCode, responseParameters, responseTemplates)')]],
    ["gatewayResponsesExclusive a string", { ...base(), gatewayResponsesExclusive: "yes" }, [failure("gatewayResponsesExclusive", 'gatewayResponsesExclusive must be a boolean, got string "yes"')]],
    // status codes (AWS-39): a number is shown in quotes, as it should be written
    ["statusCode 600", with4xx({ statusCode: "600" }), [failure(`${P4}.statusCode`, 'statusCode "600" must match [1-5]\\d\\d (AWS-39)')]],
    ["statusCode a number", with4xx({ statusCode: 401 }), [failure(`${P4}.statusCode`, 'statusCode must be a string, got number 401; write it in quotes: "401" (AWS-39)')]],
    ["statusCode a number, hidden", with4xx({ statusCode: 401 }), [failure(`${P4}.statusCode`, "statusCode must be a string, got number (a secret value) (AWS-39)")], { hideValues: true }],
    ["statusCode a boolean", with4xx({ statusCode: true }), [failure(`${P4}.statusCode`, "statusCode must be a string, got boolean true (AWS-39)")]],
    // parameter keys (AWS-40): a method response's key is answered with the gateway response's
    [
      "a method response's key",
      withParams({ "method.response.header.X": "'a'" }),
      [failure(`${PARAMS}.method.response.header.X`, `gateway response parameter key "method.response.header.X" must be ${KEY_FORMS}; for a header write "gatewayresponse.header.X" (AWS-40)`)],
    ],
    [
      "a method response's key, hidden",
      withParams({ "method.response.header.X": "'a'" }),
      [failure(`${PARAMS}.method.response.header.X`, `gateway response parameter key (a secret value) must be ${KEY_FORMS} (AWS-40)`)],
      { hideValues: true },
    ],
    ["a key that only ends as a method response's", withParams({ "x.method.response.header.X": "'a'" }), [failure(`${PARAMS}.x.method.response.header.X`, `gateway response parameter key "x.method.response.header.X" must be ${KEY_FORMS} (AWS-40)`)]],
    // The name would hold a newline: no header to suggest.
    [
      "a method response's key with a newline in its name",
      withParams({ "method.response.header.X\nY": "'a'" }),
      [failure(`${PARAMS}.method.response.header.X\\u000aY`, `gateway response parameter key "method.response.header.X\\nY" must be ${KEY_FORMS} (AWS-40)`)],
    ],
    // parameter values (AWS-40): an unquoted value is answered with its quoted form
    ["a value a number", withParams({ [ORIGIN]: 5 }), [failure(`${PARAMS}.${ORIGIN}`, `gateway response parameter value for ${ORIGIN} must be a string, got number 5 (AWS-40)`)]],
    ["a value with a control character", withParams({ [ORIGIN]: "'a\u0001'" }), [failure(`${PARAMS}.${ORIGIN}`, value(`"'a\\u0001'"`, "must not contain control characters"))]],
    ["an unquoted value", withParams({ [ORIGIN]: "test-value" }), [failure(`${PARAMS}.${ORIGIN}`, value('"test-value"', `must be ${FORMS}; a static value is written in single quotes: "'test-value'" (AWS-40)`))]],
    ["an unquoted value, hidden", withParams({ [ORIGIN]: "test-value" }), [failure(`${PARAMS}.${ORIGIN}`, value("(a secret value)", `must be ${FORMS} (AWS-40)`))], { hideValues: true }],
    ["a quoted value not closed", withParams({ [ORIGIN]: "'abc" }), [failure(`${PARAMS}.${ORIGIN}`, value(`"'abc"`, `must be ${FORMS} (AWS-40)`))]],
    ["a method request value not allowed", withParams({ [ORIGIN]: "method.request.body" }), [failure(`${PARAMS}.${ORIGIN}`, value('"method.request.body"', `must be ${FORMS} (AWS-40)`))]],
    [
      "a stage variable",
      withParams({ [ORIGIN]: "stageVariables.origin" }),
      [
        failure(
          `${PARAMS}.${ORIGIN}`,
          value(
            '"stageVariables.origin"',
            `has no source: stage variables and context variables cannot be mapped into a gateway response parameter, only ${FORMS} (AWS-40); ` +
              "$stageVariables and $context can be used in responseTemplates (AWS-41)",
          ),
        ),
      ],
    ],
    // Only a value that starts with a stage or context variable has no source; this one is an unquoted static value.
    [
      "a stage variable further on",
      withParams({ [ORIGIN]: "x stageVariables.origin" }),
      [failure(`${PARAMS}.${ORIGIN}`, value('"x stageVariables.origin"', `must be ${FORMS}; a static value is written in single quotes: "'x stageVariables.origin'" (AWS-40)`))],
    ],
    // templates
    ["a template a number", withTemplates({ "application/json": 1 }), [failure(`${TEMPLATES}.application/json`, "template for application/json must be a string, got number 1")]],
    [
      "a template over a lower limit",
      withTemplates({ "application/json": "abcd" }),
      [
        failure(
          `${TEMPLATES}.application/json`,
          `template for application/json is 4 bytes; the limit is 3 bytes (kept within API Gateway's mapping template size quota, "Quotas for configuring and running a REST API", AWS-65)`,
        ),
      ],
      { maxTemplateBytes: 3 },
    ],
  ])("%s", (_name, file, expected, options) => {
    expect(validateSpecFile(file, options)).toEqual(expected);
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
