/** The tables of test/validate/gateway-responses.test.ts (validateSpecFile), shared with the JSON Schema agreement test (test/schema-agreement.test.ts). */
import { GATEWAY_RESPONSE_TYPES } from "../../src/gateway-responses";
import { MAX_TEMPLATE_BYTES } from "../../src/validate/grammar";
export const G = "gatewayResponses";
export const ORIGIN = "gatewayresponse.header.Access-Control-Allow-Origin";

/** A valid spec file with gateway responses only. */
export function base(gatewayResponses: unknown = { DEFAULT_4XX: { responseParameters: { [ORIGIN]: "'*'" } } }): Record<string, unknown> {
  return { restApiId: "a1b2c3", methods: [], gatewayResponses };
}

/** `base()` with DEFAULT_4XX replaced. */
export const with4xx = (response: unknown) => base({ DEFAULT_4XX: response });
/** `base()` with the responseParameters of DEFAULT_4XX replaced. */
export const withParams = (responseParameters: unknown) => with4xx({ responseParameters });
/** `base()` with the responseTemplates of DEFAULT_4XX replaced. */
export const withTemplates = (responseTemplates: unknown) => with4xx({ responseTemplates });

export const P4 = `${G}.DEFAULT_4XX`;
export const PARAMS = `${P4}.responseParameters`;
export const TEMPLATES = `${P4}.responseTemplates`;

export interface BadCase {
  readonly name: string;
  readonly file: unknown;
  readonly property: string;
  /** Every one of these must appear in the reason of the failure at `property`. */
  readonly reason: readonly (string | RegExp)[];
}

/** Spec files whose gateway responses validateSpecFile refuses, each with the one failure it reports. */
export const bad: BadCase[] = [
  // the map and its keys (AWS-31, AWS-37)
  { name: "gatewayResponses an array", file: base([]), property: G, reason: ["gatewayResponses must be an object (a map", "array"] },
  { name: "gatewayResponses a string", file: base("DEFAULT_4XX"), property: G, reason: ["must be an object", '"DEFAULT_4XX"'] },
  { name: "gatewayResponses null", file: base(null), property: G, reason: ["must be an object", "null"] },
  {
    name: "unknown response type",
    file: base({ NOT_FOUND: {} }),
    property: `${G}.NOT_FOUND`,
    reason: ['unknown gateway response type "NOT_FOUND"', `one of ${GATEWAY_RESPONSE_TYPES.join(", ")}`, "AWS-31", "AWS-37"],
  },
  {
    name: "response type in lower case",
    file: base({ default_4xx: {} }),
    property: `${G}.default_4xx`,
    reason: ['"default_4xx"', 'response types are upper case: "DEFAULT_4XX"', "AWS-37"],
  },
  { name: "a type's response a string", file: with4xx("cors"), property: P4, reason: ["the gateway response of DEFAULT_4XX must be an object", '"cors"'] },
  { name: "a type's response null", file: with4xx(null), property: P4, reason: ["must be an object", "null"] },
  {
    name: "unknown field in a gateway response",
    file: with4xx({ headers: {} }),
    property: `${P4}.headers`,
    reason: ['unknown field "headers" in the gateway response of DEFAULT_4XX', "allowed: statusCode, responseParameters, responseTemplates"],
  },
  // status codes (AWS-39)
  { name: "statusCode 600", file: with4xx({ statusCode: "600" }), property: `${P4}.statusCode`, reason: ['statusCode "600" must match [1-5]\\d\\d (AWS-39)'] },
  { name: "statusCode 20", file: with4xx({ statusCode: "20" }), property: `${P4}.statusCode`, reason: ['"20"', "AWS-39"] },
  { name: "statusCode 4xx", file: with4xx({ statusCode: "4xx" }), property: `${P4}.statusCode`, reason: ['"4xx"', "AWS-39"] },
  { name: "statusCode empty", file: with4xx({ statusCode: "" }), property: `${P4}.statusCode`, reason: ['""', "AWS-39"] },
  {
    name: "statusCode a number",
    file: with4xx({ statusCode: 401 }),
    property: `${P4}.statusCode`,
    reason: ["statusCode must be a string, got number 401", 'write it in quotes: "401"', "AWS-39"],
  },
  // parameter keys (AWS-40)
  {
    name: "key of a method response (the recorded mistake)",
    file: withParams({ "method.response.header.Access-Control-Allow-Origin": "'*'" }),
    property: `${PARAMS}.method.response.header.Access-Control-Allow-Origin`,
    reason: ['"method.response.header.Access-Control-Allow-Origin"', "gatewayresponse.header.{name}", 'for a header write "gatewayresponse.header.Access-Control-Allow-Origin"', "AWS-40"],
  },
  { name: "key with an unknown location", file: withParams({ "gatewayresponse.body.x": "'a'" }), property: `${PARAMS}.gatewayresponse.body.x`, reason: ["gatewayresponse.path.{name}", "AWS-40"] },
  { name: "key with an empty name", file: withParams({ "gatewayresponse.header.": "'a'" }), property: `${PARAMS}.gatewayresponse.header.`, reason: ['"gatewayresponse.header."', "AWS-40"] },
  { name: "key in upper case", file: withParams({ "GatewayResponse.header.X": "'a'" }), property: `${PARAMS}.GatewayResponse.header.X`, reason: ["AWS-40"] },
  {
    name: "header name with a space",
    file: withParams({ "gatewayresponse.header.X Y": "'a'" }),
    property: `${PARAMS}.gatewayresponse.header.X Y`,
    reason: ["valid HTTP header name", "AWS-40"],
  },
  { name: "query string name with a space", file: withParams({ "gatewayresponse.querystring.a b": "'a'" }), property: `${PARAMS}.gatewayresponse.querystring.a b`, reason: ["AWS-40"] },
  // parameter values (AWS-40)
  {
    name: "unquoted static value",
    file: withParams({ [ORIGIN]: "test-value" }),
    property: `${PARAMS}.${ORIGIN}`,
    reason: ['"test-value"', "a static value in single quotes '...' or method.request.{header|querystring|path}.{name}", `in single quotes: "'test-value'"`, "AWS-40"],
  },
  { name: "static value not closed", file: withParams({ [ORIGIN]: "'*" }), property: `${PARAMS}.${ORIGIN}`, reason: ["\"'*\"", "AWS-40"] },
  {
    name: "stage variable value",
    file: withParams({ [ORIGIN]: "stageVariables.origin" }),
    property: `${PARAMS}.${ORIGIN}`,
    reason: ['"stageVariables.origin"', "has no source", "stage variables and context variables cannot be mapped", "AWS-40", "responseTemplates (AWS-41)"],
  },
  { name: "context variable value", file: withParams({ [ORIGIN]: "context.requestId" }), property: `${PARAMS}.${ORIGIN}`, reason: ["has no source", "AWS-40"] },
  { name: "context variable value with $", file: withParams({ [ORIGIN]: "$context.requestId" }), property: `${PARAMS}.${ORIGIN}`, reason: ["has no source", "AWS-40"] },
  { name: "integration response value", file: withParams({ [ORIGIN]: "integration.response.header.X" }), property: `${PARAMS}.${ORIGIN}`, reason: ['"integration.response.header.X"', "AWS-40"] },
  { name: "method request value without a name", file: withParams({ [ORIGIN]: "method.request.header." }), property: `${PARAMS}.${ORIGIN}`, reason: ["AWS-40"] },
  { name: "method request body", file: withParams({ [ORIGIN]: "method.request.body" }), property: `${PARAMS}.${ORIGIN}`, reason: ["AWS-40"] },
  { name: "value a number", file: withParams({ [ORIGIN]: 5 }), property: `${PARAMS}.${ORIGIN}`, reason: [`gateway response parameter value for ${ORIGIN} must be a string, got number 5`, "AWS-40"] },
  { name: "value a boolean", file: withParams({ [ORIGIN]: true }), property: `${PARAMS}.${ORIGIN}`, reason: ["must be a string", "boolean"] },
  { name: "value with a control character", file: withParams({ [ORIGIN]: "'a\u0001'" }), property: `${PARAMS}.${ORIGIN}`, reason: ["must not contain control characters"] },
  { name: "value with a lone surrogate", file: withParams({ [ORIGIN]: "'\ud800'" }), property: `${PARAMS}.${ORIGIN}`, reason: ["not valid Unicode (a lone surrogate)"] },
  { name: "responseParameters an array", file: withParams([]), property: PARAMS, reason: ["responseParameters must be an object", "array"] },
  // templates (as integration responses'; AWS-65)
  { name: "template key not a content type", file: withTemplates({ json: "{}" }), property: `${TEMPLATES}.json`, reason: ['responseTemplates key "json"', "content type"] },
  { name: "template a number", file: withTemplates({ "application/json": 1 }), property: `${TEMPLATES}.application/json`, reason: ["template for application/json must be a string", "number"] },
  { name: "template an object", file: withTemplates({ "application/json": { message: "x" } }), property: `${TEMPLATES}.application/json`, reason: ["must be a string", "object"] },
  {
    name: "template over the size limit",
    file: withTemplates({ "application/json": "x".repeat(MAX_TEMPLATE_BYTES + 1) }),
    property: `${TEMPLATES}.application/json`,
    reason: [`${MAX_TEMPLATE_BYTES + 1} bytes`, `limit is ${MAX_TEMPLATE_BYTES} bytes`, "AWS-65"],
  },
  {
    name: "multi-byte template over the size limit in UTF-8",
    file: withTemplates({ "application/json": "€".repeat(MAX_TEMPLATE_BYTES / 3 + 1) }),
    property: `${TEMPLATES}.application/json`,
    reason: [`${MAX_TEMPLATE_BYTES + 3} bytes`, "AWS-65"],
  },
  { name: "template with a NUL", file: withTemplates({ "application/json": "a\u0000b" }), property: `${TEMPLATES}.application/json`, reason: ["control characters other than tab, newline and carriage return"] },
  { name: "template with a lone surrogate", file: withTemplates({ "application/json": '{"a": "\udc00"}' }), property: `${TEMPLATES}.application/json`, reason: ["not valid Unicode (a lone surrogate)"] },
  { name: "responseTemplates a string", file: withTemplates("{}"), property: TEMPLATES, reason: ["responseTemplates must be an object", "string"] },
  // the file
  { name: "gatewayResponsesExclusive a string", file: { ...base(), gatewayResponsesExclusive: "yes" }, property: "gatewayResponsesExclusive", reason: ["gatewayResponsesExclusive must be a boolean", '"yes"'] },
  {
    name: "a file that asks for nothing",
    file: { restApiId: "a1b2c3", methods: [] },
    property: "methods",
    reason: ["the spec file asks for nothing", "methods is empty and there is no gatewayResponses"],
  },
  {
    name: "gatewayResponsesExclusive without gatewayResponses",
    file: { restApiId: "a1b2c3", methods: [{ resourceId: "r1", httpMethod: "GET", responses: {} }], gatewayResponsesExclusive: true },
    property: "gatewayResponsesExclusive",
    reason: ["gatewayResponsesExclusive applies to gatewayResponses, which the spec file does not have"],
  },
];

/** Spec files with gateway responses validateSpecFile accepts: [name, file]. */
export const good: [string, unknown][] = [
  ["the base file", base()],
  ["an empty map (with exclusive: reset every customization)", base({})],
  ["an empty customization (the type's defaults, customized)", with4xx({})],
  ["every type", base(Object.fromEntries(GATEWAY_RESPONSE_TYPES.map((t) => [t, { statusCode: "599" }])))],
  ["exclusive false", { ...base(), gatewayResponsesExclusive: false }],
  ["with methods", { ...base(), methods: [{ resourceId: "r1", httpMethod: "GET", responses: {} }] }],
  ["status codes at the edges", base({ DEFAULT_4XX: { statusCode: "100" }, DEFAULT_5XX: { statusCode: "599" } })],
  [
    "every parameter form (AWS-40)",
    withParams({
      [ORIGIN]: "'*'",
      "gatewayresponse.header.Access-Control-Allow-Headers": "'Content-Type,Authorization'",
      // Header names may contain dots (recorded).
      "gatewayresponse.header.method.response.header.Access-Control-Allow-Origin": "'a.b.c'",
      "gatewayresponse.header.X-Empty": "''",
      "gatewayresponse.header.X-Origin": "method.request.header.origin",
      "gatewayresponse.header.X-Q": "method.request.querystring.q",
      "gatewayresponse.header.X-P": "method.request.path.id",
      "gatewayresponse.path.id": "'1'",
      "gatewayresponse.querystring.q": "method.request.querystring.q",
      "gatewayresponse.header.X-Quote": "'it''s $context.x'",
    }),
  ],
  [
    "templates with variables, several lines and content types",
    withTemplates({
      "application/json": '{\n\t"message": $context.error.messageString,\r\n "stage": "$stageVariables.name"\n}',
      "text/html": "<p>$context.error.message</p>",
      "application/xml": "",
    }),
  ],
  ["a template exactly at the limit", withTemplates({ "application/json": "x".repeat(MAX_TEMPLATE_BYTES) })],
];
