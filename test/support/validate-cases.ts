/** The tables of test/validate/validate.test.ts (validateMethodSpec), shared with the JSON Schema agreement test (test/schema-agreement.test.ts). */
import { MAX_TEMPLATE_BYTES } from "../../src/validate/grammar";
/** A valid spec to start each bad case from. */
export function base(): Record<string, unknown> {
  return {
    restApiId: "a1b2c3",
    resourceId: "r1",
    httpMethod: "GET",
    responses: {
      "200": {
        methodResponse: {
          responseParameters: { "method.response.header.X-Trace": true },
          responseModels: { "application/json": "Empty" },
        },
        integrationResponse: {
          responseParameters: { "method.response.header.X-Trace": "integration.response.header.x-trace" },
          responseTemplates: { "application/json": "" },
        },
      },
    },
  };
}

/** `base()` with `responses` replaced. */
export function withResponses(responses: unknown): Record<string, unknown> {
  return { ...base(), responses };
}

/** `base()` with the 200 integration response replaced. */
export function withIr(ir: unknown, mr: unknown = { responseParameters: { "method.response.header.X-Trace": true } }): Record<string, unknown> {
  return withResponses({ "200": { methodResponse: mr, integrationResponse: ir } });
}

/** `base()` with the 200 method response replaced (no integration response). */
export function withMr(mr: unknown): Record<string, unknown> {
  return withResponses({ "200": { methodResponse: mr } });
}

export const P = "method.response.header.X-Trace";

export interface BadCase {
  readonly name: string;
  readonly spec: unknown;
  readonly property: string;
  /** Every one of these must appear in the reason of the failure at `property`. */
  readonly reason: readonly (string | RegExp)[];
  readonly options?: { requireMethodResponseForMappings?: boolean };
}

/** Method specs validateMethodSpec refuses, each with the one failure it reports. */
export const bad: BadCase[] = [
  { name: "spec not an object", spec: "GET /x", property: "", reason: ["must be an object", '"GET /x"'] },
  { name: "spec is an array", spec: [], property: "", reason: ["must be an object", "array"] },
  { name: "restApiId missing", spec: (({ restApiId: _r, ...s }) => s)(base()), property: "restApiId", reason: ["restApiId is required"] },
  { name: "restApiId empty", spec: { ...base(), restApiId: "" }, property: "restApiId", reason: ["restApiId", "non-empty"] },
  { name: "restApiId a number", spec: { ...base(), restApiId: 42 }, property: "restApiId", reason: ["must be a string", "number", "42"] },
  { name: "restApiId with a newline", spec: { ...base(), restApiId: "a\nb" }, property: "restApiId", reason: ["control characters"] },
  {
    name: "neither resourceId nor path",
    spec: (({ resourceId: _r, ...s }) => s)(base()),
    property: "resourceId",
    reason: ["one of resourceId and path is required"],
  },
  { name: "both resourceId and path", spec: { ...base(), path: "/users" }, property: "path", reason: ["exactly one of resourceId and path"] },
  {
    name: "path without a leading slash",
    spec: { ...(({ resourceId: _r, ...s }) => s)(base()), path: "users" },
    property: "path",
    reason: ['path "users"', 'must start with "/"'],
  },
  { name: "resourceId empty", spec: { ...base(), resourceId: "" }, property: "resourceId", reason: ["non-empty"] },
  { name: "httpMethod missing", spec: (({ httpMethod: _h, ...s }) => s)(base()), property: "httpMethod", reason: ["httpMethod is required"] },
  { name: "httpMethod lower case", spec: { ...base(), httpMethod: "get" }, property: "httpMethod", reason: ['httpMethod "get"', 'upper case: "GET"'] },
  { name: "httpMethod unknown", spec: { ...base(), httpMethod: "FETCH" }, property: "httpMethod", reason: ['"FETCH"', "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY"] },
  { name: "exclusive a string", spec: { ...base(), exclusive: "yes" }, property: "exclusive", reason: ["exclusive must be a boolean", '"yes"'] },
  { name: "unknown top-level field", spec: { ...base(), stage: "prod" }, property: "stage", reason: ['unknown field "stage"', "allowed:"] },
  { name: "responses missing", spec: (({ responses: _r, ...s }) => s)(base()), property: "responses", reason: ["responses is required"] },
  { name: "responses an array", spec: withResponses([]), property: "responses", reason: ["must be an object", "array"] },
  { name: "status code 600", spec: withResponses({ "600": {} }), property: "responses.600", reason: ['status code "600" must match [1-5]\\d\\d (AWS-7)'] },
  { name: "status code 099", spec: withResponses({ "099": {} }), property: "responses.099", reason: ['"099"', "AWS-7"] },
  { name: "status code wrong", spec: withResponses({ wrong: {} }), property: "responses.wrong", reason: ['"wrong"', "AWS-7"] },
  { name: "status code 2000", spec: withResponses({ "2000": {} }), property: "responses.2000", reason: ['"2000"', "AWS-7"] },
  { name: "response not an object", spec: withResponses({ "200": true }), property: "responses.200", reason: ["must be an object", "boolean"] },
  { name: "unknown response kind", spec: withResponses({ "200": { gatewayResponse: {} } }), property: "responses.200.gatewayResponse", reason: ['unknown field "gatewayResponse"'] },
  { name: "methodResponse a string", spec: withMr("yes"), property: "responses.200.methodResponse", reason: ["methodResponse must be an object", '"yes"'] },
  { name: "unknown methodResponse field", spec: withMr({ statusCode: "200" }), property: "responses.200.methodResponse.statusCode", reason: ['unknown field "statusCode"'] },
  {
    name: "method response parameter not a boolean",
    spec: withMr({ responseParameters: { [P]: "true" } }),
    property: `responses.200.methodResponse.responseParameters.${P}`,
    reason: ["must be a boolean", '"true"', "AWS-24"],
  },
  {
    name: "method response parameter key not a header",
    spec: withMr({ responseParameters: { "method.request.header.X": true } }),
    property: "responses.200.methodResponse.responseParameters.method.request.header.X",
    reason: ['"method.request.header.X"', "method.response.header.{name}", "AWS-28"],
  },
  {
    name: "method response header name with a space",
    spec: withMr({ responseParameters: { "method.response.header.X Y": true } }),
    property: "responses.200.methodResponse.responseParameters.method.response.header.X Y",
    reason: ["valid HTTP header name", "AWS-28"],
  },
  {
    name: "responseParameters an array",
    spec: withMr({ responseParameters: [] }),
    property: "responses.200.methodResponse.responseParameters",
    reason: ["responseParameters must be an object"],
  },
  {
    name: "model key not a content type",
    spec: withMr({ responseModels: { json: "Empty" } }),
    property: "responses.200.methodResponse.responseModels.json",
    reason: ['"json"', "content type", "type/subtype"],
  },
  {
    name: "model name empty",
    spec: withMr({ responseModels: { "application/json": "" } }),
    property: "responses.200.methodResponse.responseModels.application/json",
    reason: ["model name", "non-empty"],
  },
  {
    name: "model name a number",
    spec: withMr({ responseModels: { "application/json": 1 } }),
    property: "responses.200.methodResponse.responseModels.application/json",
    reason: ["must be a string", "number"],
  },
  { name: "integrationResponse null", spec: withIr(null), property: "responses.200.integrationResponse", reason: ["integrationResponse must be an object", "null"] },
  { name: "unknown integrationResponse field", spec: withIr({ statusCode: "200" }), property: "responses.200.integrationResponse.statusCode", reason: ['unknown field "statusCode"'] },
  {
    name: "contentHandling unknown",
    spec: withIr({ contentHandling: "CONVERT_TO_JSON" }),
    property: "responses.200.integrationResponse.contentHandling",
    reason: ['"CONVERT_TO_JSON"', "CONVERT_TO_BINARY, CONVERT_TO_TEXT", "AWS-27"],
  },
  {
    name: "contentHandling lower case",
    spec: withIr({ contentHandling: "convert_to_text" }),
    property: "responses.200.integrationResponse.contentHandling",
    reason: ["AWS-27"],
  },
  {
    name: 'selectionPattern "-"',
    spec: withIr({ selectionPattern: "-" }),
    property: "responses.200.integrationResponse.selectionPattern",
    reason: ['"-" is not a default marker', 'use ""', "AWS-17"],
  },
  {
    name: "selectionPattern that does not compile",
    spec: withIr({ selectionPattern: "(4\\d\\d" }),
    property: "responses.200.integrationResponse.selectionPattern",
    reason: ["not a valid regular expression", '"(4\\\\d\\\\d"', "AWS-29"],
  },
  {
    name: "selectionPattern with an unterminated class",
    spec: withIr({ selectionPattern: "[0-9" }),
    property: "responses.200.integrationResponse.selectionPattern",
    reason: ["not a valid regular expression"],
  },
  {
    name: "selectionPattern [^] (JavaScript-only)",
    spec: withIr({ selectionPattern: "[^]" }),
    property: "responses.200.integrationResponse.selectionPattern",
    reason: ["not a valid regular expression"],
  },
  {
    name: "selectionPattern a number",
    spec: withIr({ selectionPattern: 400 }),
    property: "responses.200.integrationResponse.selectionPattern",
    reason: ["selectionPattern must be a string", "number"],
  },
  {
    name: "mapping value with a $ prefix",
    spec: withIr({ responseParameters: { [P]: "integration.response.body.$.trace" } }),
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ['"integration.response.body.$.trace"', 'no "$"', "AWS-28"],
  },
  {
    name: "mapping value unquoted static",
    spec: withIr({ responseParameters: { [P]: "abc" } }),
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ['"abc"', "single quotes", "AWS-28"],
  },
  {
    name: "mapping value with a half-open quote",
    spec: withIr({ responseParameters: { [P]: "'abc" } }),
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ["AWS-28"],
  },
  {
    name: "mapping value from the request",
    spec: withIr({ responseParameters: { [P]: "method.request.header.x" } }),
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ["integration.response.header.{name}", "AWS-28"],
  },
  {
    name: "mapping value a boolean",
    spec: withIr({ responseParameters: { [P]: true } }),
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ["must be a string", "boolean", "AWS-28"],
  },
  {
    name: "mapping value with a control character",
    spec: withIr({ responseParameters: { [P]: "'a\u0007'" } }),
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ["control characters"],
  },
  {
    name: "mapping key not a method response header",
    spec: withIr({ responseParameters: { "integration.response.header.X": "'a'" } }),
    property: "responses.200.integrationResponse.responseParameters.integration.response.header.X",
    reason: ["method.response.header.{name}", "AWS-28"],
  },
  {
    name: "mapping of an undeclared header (AWS-5)",
    spec: withIr({ responseParameters: { "method.response.header.Other": "'a'" } }),
    property: "responses.200.integrationResponse.responseParameters.method.response.header.Other",
    reason: ["maps method.response.header.Other", "does not declare it", "AWS-5"],
  },
  {
    name: "mapping of a header declared with another case (AWS-5)",
    spec: withIr({ responseParameters: { "method.response.header.x-trace": "'a'" } }),
    property: "responses.200.integrationResponse.responseParameters.method.response.header.x-trace",
    reason: ["it declares method.response.header.X-Trace", "AWS-5"],
  },
  {
    name: "mapping with a methodResponse without parameters (AWS-5)",
    spec: withIr({ responseParameters: { [P]: "'a'" } }, {}),
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ["does not declare it", "AWS-5"],
  },
  {
    name: "mapping without any methodResponse, full set (AWS-4)",
    spec: withResponses({ "200": { integrationResponse: { responseParameters: { [P]: "'a'" } } } }),
    options: { requireMethodResponseForMappings: true },
    property: `responses.200.integrationResponse.responseParameters.${P}`,
    reason: ["has no methodResponse", "AWS-4"],
  },
  {
    name: "template key not a content type",
    spec: withIr({ responseTemplates: { "application json": "" } }),
    property: "responses.200.integrationResponse.responseTemplates.application json",
    reason: ["content type"],
  },
  {
    name: "template null",
    spec: withIr({ responseTemplates: { "application/json": null } }),
    property: "responses.200.integrationResponse.responseTemplates.application/json",
    reason: ["must be a string", '"" passes the body through', "null"],
  },
  {
    name: "template too large",
    spec: withIr({ responseTemplates: { "application/json": "x".repeat(MAX_TEMPLATE_BYTES + 1) } }),
    property: "responses.200.integrationResponse.responseTemplates.application/json",
    reason: [`${MAX_TEMPLATE_BYTES + 1} bytes`, `limit is ${MAX_TEMPLATE_BYTES} bytes`, "quota"],
  },
  {
    name: "template with a NUL",
    spec: withIr({ responseTemplates: { "application/json": "a\u0000b" } }),
    property: "responses.200.integrationResponse.responseTemplates.application/json",
    reason: ["control characters other than tab, newline and carriage return"],
  },
  {
    name: "responseTemplates a string",
    spec: withIr({ responseTemplates: "{}" }),
    property: "responses.200.integrationResponse.responseTemplates",
    reason: ["responseTemplates must be an object", "string"],
  },
  {
    name: "two default integration responses (AWS-6)",
    spec: withResponses({ "200": { integrationResponse: {} }, "500": { integrationResponse: { selectionPattern: "" } } }),
    property: "responses.500.integrationResponse.selectionPattern",
    reason: ["status codes 200 and 500 are both the default", "AWS-6"],
  },
];

/** Method specs validateMethodSpec accepts: [name, spec, options]. */
export const good: [string, unknown, { requireMethodResponseForMappings?: boolean }?][] = [
  ["the base spec", base()],
  ["by path", { ...(({ resourceId: _r, ...s }) => s)(base()), path: "/users/{id}" }],
  ["no responses at all (exclusive: delete everything)", { ...base(), responses: {} }],
  ["exclusive false", { ...base(), exclusive: false }],
  ["every HTTP method", { ...base(), httpMethod: "ANY" }],
  ["empty kinds", withResponses({ "204": { methodResponse: {}, integrationResponse: {} } })],
  ["status code with no kinds", withResponses({ "204": {} })],
  [
    "all mapping value forms",
    withResponses({
      "200": {
        methodResponse: {
          responseParameters: {
            "method.response.header.A": true,
            "method.response.header.B": false,
            "method.response.header.C": true,
            "method.response.header.D": true,
            "method.response.header.E": true,
          },
        },
        integrationResponse: {
          responseParameters: {
            "method.response.header.A": "integration.response.header.a",
            "method.response.header.B": "integration.response.body",
            "method.response.header.C": "integration.response.body.error.code",
            "method.response.header.D": "'*'",
            "method.response.header.E": "''",
          },
        },
      },
    }),
  ],
  [
    "mapping without a methodResponse in the spec (partial set)",
    withResponses({ "200": { integrationResponse: { responseParameters: { [P]: "'a'" } } } }),
  ],
  [
    "one default and several patterns",
    withResponses({
      "200": { integrationResponse: {} },
      "400": { integrationResponse: { selectionPattern: "4\\d{2}" } },
      "500": { integrationResponse: { selectionPattern: "(?i).*error.*" } },
      "502": { integrationResponse: { selectionPattern: "(?s)^Bad gateway:.*+" } },
      "503": { integrationResponse: { selectionPattern: "(?>5\\d\\d)|\\QService (Unavailable\\E" } },
    }),
  ],
  [
    "every content handling and a multi-line template",
    withResponses({
      "200": {
        integrationResponse: {
          contentHandling: "CONVERT_TO_TEXT",
          responseTemplates: { "application/json": '#set($x = 1)\n{\r\n\t"x": $x\n}', "text/html": "<p>ok</p>" },
        },
      },
      "201": { integrationResponse: { selectionPattern: "201", contentHandling: "CONVERT_TO_BINARY" } },
    }),
  ],
  ["a template exactly at the limit", withIr({ responseTemplates: { "application/json": "x".repeat(MAX_TEMPLATE_BYTES) } })],
];
