/**
 * The stage view (src/stage/view.ts): export documents and live reads in one shape, and
 * their differences. Tables use the literals of AWS-59, AWS-60 and AWS-61; the property
 * runs the local API Gateway's export builder (src/emulator/exports.ts) on generated
 * snapshots and reads its JSON answer back.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportAnswer, type ApiSnapshot as FrozenApi, type ExportRequest, type SnapshotModel } from "../../src/emulator/exports";
import { DEFAULT_GATEWAY_RESPONSE_TEMPLATE, listGatewayResponses, type StoredGatewayResponse } from "../../src/emulator/gateway-responses";
import { GATEWAY_RESPONSE_DEFAULT_STATUS, GATEWAY_RESPONSE_TYPES, type GatewayResponseType, type ObservedGatewayResponses } from "../../src/gateway-responses";
import { normalizeLiveGatewayResponses, type LiveGatewayResponse, type LiveMethod } from "../../src/normalize";
import type { ApiSnapshot } from "../../src/observe/reads";
import {
  compareViews,
  describeDifference,
  ExportDocumentError,
  viewOfExport,
  viewOfLive,
  type StageDifference,
  type StageView,
} from "../../src/stage/view";

type Json = Record<string, unknown>;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** An observe snapshot (GetResources embed=methods) of `path → httpMethod → GetMethod shape`. */
function live(resources: Record<string, Record<string, Json>>): ApiSnapshot {
  return {
    restApiId: "api1",
    exists: true,
    resources: Object.entries(resources).map(([path, methods], i) => ({ id: `r${i}`, path, methods: methods as Record<string, LiveMethod> })),
    pages: 1,
    requestIds: [],
  };
}

/** What GetGatewayResponses reads for these customized types (the other types default, AWS-32). */
function gatewayRead(stored: Record<string, StoredGatewayResponse>): ObservedGatewayResponses {
  return normalizeLiveGatewayResponses("api1", listGatewayResponses(new Map(Object.entries(stored))) as LiveGatewayResponse[]);
}

const oas30 = (paths: Json, extra: Json = {}): Json => ({ openapi: "3.0.1", info: { title: "t", version: "1" }, paths, components: {}, ...extra });
const swagger = (paths: Json, extra: Json = {}): Json => ({ swagger: "2.0", info: { title: "t", version: "1" }, basePath: "/dev", paths, ...extra });

// AWS-59, AWS-60: the recorded `/pets` GET, oas30, with extensions.
const PETS_OAS30: Json = {
  responses: {
    "200": {
      description: "200 response",
      headers: { "Access-Control-Allow-Origin": { schema: { type: "string" } } },
      content: { "application/json": { schema: { $ref: "#/components/schemas/Pets" } } },
    },
  },
  "x-amazon-apigateway-integration": {
    type: "mock",
    responses: {
      default: {
        statusCode: "200",
        responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "text/html": "<html>…" },
      },
    },
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    passthroughBehavior: "when_no_match",
  },
};

// The same method as GetMethod reads it (AWS-15).
const PETS_LIVE: Json = {
  httpMethod: "GET",
  methodResponses: {
    "200": { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": false }, responseModels: { "application/json": "Pets" } },
  },
  methodIntegration: {
    type: "MOCK",
    integrationResponses: {
      "200": { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" }, responseTemplates: { "text/html": "<html>…" } },
    },
  },
};

describe("viewOfExport: method responses (AWS-59)", () => {
  it("the recorded oas30 entry: header names, and the JSON model's name", () => {
    const view = viewOfExport(oas30({ "/pets": { get: PETS_OAS30 } }));
    expect(view.format).toBe("oas30");
    expect(view.methods["GET /pets"]!["200"]!.methodResponse).toEqual({ headers: ["Access-Control-Allow-Origin"], models: { "application/json": "Pets" } });
  });

  it.each([
    ["no models: content {}", { description: "x", content: {} }, { headers: [], models: {} }],
    ["no content key at all (AWS-18)", { description: "x" }, { headers: [], models: {} }],
    ["a model the export does not name: {}", { content: { "application/json": {} } }, { headers: [], models: { "application/json": "" } }],
    ["a non-JSON content type: its name is never kept", { content: { "text/xml": { schema: { $ref: "#/components/schemas/Pets" } } } }, { headers: [], models: { "text/xml": "" } }],
    ["an inline schema names no model", { content: { "application/json": { schema: { type: "object" } } } }, { headers: [], models: { "application/json": "" } }],
    ["a JSON pointer is decoded", { content: { "application/json": { schema: { $ref: "#/components/schemas/A~1B~0C" } } } }, { headers: [], models: { "application/json": "A/B~C" } }],
    ["headers sorted, required not kept", { headers: { b: { schema: { type: "string" } }, A: { required: true, schema: { type: "string" } } } }, { headers: ["A", "b"], models: {} }],
  ])("%s", (_name, entry, expected) => {
    const view = viewOfExport(oas30({ "/": { get: { responses: { "204": entry } } } }));
    expect(view.methods["GET /"]).toEqual({ "204": { methodResponse: expected } });
  });

  it("the recorded swagger entry: header names only (the schema cannot be attributed to a content type)", () => {
    const doc = swagger({
      "/pets": {
        get: {
          produces: ["application/json"],
          responses: { "200": { description: "200 response", schema: { $ref: "#/definitions/Pets" }, headers: { "Access-Control-Allow-Origin": { type: "string" } } } },
        },
      },
    });
    const view = viewOfExport(doc);
    expect(view.format).toBe("swagger");
    expect(view.methods).toEqual({ "GET /pets": { "200": { methodResponse: { headers: ["Access-Control-Allow-Origin"], models: {} } } } });
  });
});

describe("viewOfLive: method responses projected to what an export shows (AWS-59, AWS-62)", () => {
  const method = (models: Record<string, string>, params: Record<string, boolean> = {}): ApiSnapshot =>
    live({ "/a": { GET: { methodResponses: { "200": { statusCode: "200", responseModels: models, responseParameters: params } } } } });

  it.each([
    ["application/json keeps its name", { "application/json": "Pets" }, undefined, { "application/json": "Pets" }],
    ["other content types: the type only", { "text/xml": "Xml", "*/*": "Pets" }, undefined, { "*/*": "", "text/xml": "" }],
    ["with jsonModels, a non-JSON model under application/json has no name", { "application/json": "Xml" }, new Set(["Pets"]), { "application/json": "" }],
    ["with jsonModels, a JSON model keeps its name", { "application/json": "Pets" }, new Set(["Pets"]), { "application/json": "Pets" }],
  ])("%s", (_name, models, jsonModels, expected) => {
    const view = viewOfLive(method(models), undefined, jsonModels === undefined ? {} : { jsonModels });
    expect(view.methods["GET /a"]!["200"]!.methodResponse!.models).toEqual(expected);
  });

  it("headers: the names of method.response.header.* keys, required dropped; a swagger projection drops the models", () => {
    const snap = method({ "application/json": "Pets" }, { "method.response.header.B": true, "method.response.header.A~1b": false });
    expect(viewOfLive(snap, undefined).methods["GET /a"]!["200"]!.methodResponse).toEqual({ headers: ["A~1b", "B"], models: { "application/json": "Pets" } });
    expect(viewOfLive(snap, undefined, { format: "swagger" })).toMatchObject({ format: "swagger", methods: { "GET /a": { "200": { methodResponse: { headers: ["A~1b", "B"], models: {} } } } } });
  });

  it("the recorded /pets GET reads the same live and exported", () => {
    const deployed = viewOfExport(oas30({ "/pets": { get: PETS_OAS30 } }));
    const current = viewOfLive(live({ "/pets": { GET: PETS_LIVE } }), undefined);
    expect(current).toEqual(deployed);
    expect(compareViews(deployed, current)).toEqual([]);
  });

  it("a REST API that does not exist shows nothing; a resource without a path is an error", () => {
    expect(viewOfLive({ restApiId: "x", exists: false, resources: [], pages: 1, requestIds: [] }, undefined).methods).toEqual({});
    expect(() => viewOfLive({ restApiId: "x", exists: true, resources: [{ id: "r1", methods: {} }], pages: 1, requestIds: [] }, undefined)).toThrow(/resource r1 has no path/);
  });
});

describe("viewOfExport: integration responses (AWS-60, AWS-16..AWS-18)", () => {
  it("keyed by pattern, mapped back to their status codes; \"default\" is no pattern (AWS-17)", () => {
    const doc = oas30({
      "/r": {
        post: {
          responses: {},
          "x-amazon-apigateway-integration": {
            type: "http",
            responses: {
              "2\\d{2}": { statusCode: "200" },
              "302": { statusCode: "302", responseParameters: { "method.response.header.Location": "integration.response.body.redirect.url" } },
              default: { statusCode: "500", contentHandling: "CONVERT_TO_TEXT" },
            },
          },
        },
      },
    });
    expect(viewOfExport(doc).methods["POST /r"]).toEqual({
      "200": { integrationResponse: { selectionPattern: "2\\d{2}", responseParameters: {}, responseTemplates: {} } },
      "302": {
        integrationResponse: {
          selectionPattern: "302",
          responseParameters: { "method.response.header.Location": "integration.response.body.redirect.url" },
          responseTemplates: {},
        },
      },
      "500": { integrationResponse: { contentHandling: "CONVERT_TO_TEXT", selectionPattern: "", responseParameters: {}, responseTemplates: {} } },
    });
  });

  // Each row: the live integration response and the exported entry, which must compare equal.
  it.each([
    ["AWS-16: a null template live, \"\" exported", { responseTemplates: { "a/b": null } }, { responseTemplates: { "a/b": "" } }],
    ["AWS-16: \"\" live, null exported", { responseTemplates: { "a/b": "" } }, { responseTemplates: { "a/b": null } }],
    ["AWS-17: selectionPattern \"\" live is the default", { selectionPattern: "" }, {}],
    ["AWS-18: empty maps live, absent exported", { responseParameters: {}, responseTemplates: {} }, {}],
    ["AWS-18: null maps live, empty exported", { responseParameters: null, responseTemplates: null }, { responseParameters: {}, responseTemplates: {} }],
    ["contentHandling null live, absent exported (pass-through)", { contentHandling: null }, {}],
    ["contentHandling \"\" exported is pass-through", {}, { contentHandling: "" }],
  ])("%s", (_name, liveIr, exportedEntry) => {
    const current = viewOfLive(live({ "/": { GET: { methodIntegration: { type: "MOCK", integrationResponses: { "200": { statusCode: "200", ...liveIr } } } } } }), undefined);
    const deployed = viewOfExport(oas30({ "/": { get: { responses: {}, "x-amazon-apigateway-integration": { responses: { default: { statusCode: "200", ...exportedEntry } } } } } }));
    expect(deployed).toEqual(current);
    expect(compareViews(deployed, current)).toEqual([]);
  });

  it("the integration response of a status code without a method response stands alone; a method without responses has no entry", () => {
    const view = viewOfExport(
      oas30({
        "/a": { get: { responses: {}, "x-amazon-apigateway-integration": { type: "mock", responses: { default: { statusCode: "204" } } } } },
        "/b": { get: { responses: {}, "x-amazon-apigateway-integration": { type: "mock" } }, post: { responses: {} } },
      }),
    );
    expect(view.methods).toEqual({ "GET /a": { "204": { integrationResponse: { selectionPattern: "", responseParameters: {}, responseTemplates: {} } } } });
    const current = viewOfLive(live({ "/a": { GET: { methodIntegration: { type: "MOCK", integrationResponses: { "204": { statusCode: "204" } } } } }, "/b": { GET: { methodIntegration: { type: "MOCK" } }, POST: {} } }), undefined);
    expect(compareViews(view, current)).toEqual([]);
  });
});

describe("viewOfExport: paths and HTTP methods", () => {
  it("lower-case keys and x-amazon-apigateway-any-method are methods; parameters and other keys are not", () => {
    const entry = { responses: { "200": { description: "200 response", content: {} } } };
    const view = viewOfExport(
      oas30({
        "/{proxy+}": {
          parameters: [{ name: "proxy", in: "path" }],
          summary: "s",
          "x-amazon-apigateway-any-method": entry,
          options: entry,
          "x-other": { responses: { "200": {} } },
          get: entry,
          constructor: entry,
        },
        "/ünï/a~1b": { delete: entry, head: entry, patch: entry, put: entry, post: entry },
      }),
    );
    expect(Object.keys(view.methods).sort()).toEqual(["ANY /{proxy+}", "DELETE /ünï/a~1b", "GET /{proxy+}", "HEAD /ünï/a~1b", "OPTIONS /{proxy+}", "PATCH /ünï/a~1b", "POST /ünï/a~1b", "PUT /ünï/a~1b"]);
  });

  it("live ANY and lower-case method keys map to the same keys", () => {
    const view = viewOfLive(live({ "/{proxy+}": { ANY: { methodResponses: { "200": {} } }, get: { methodResponses: { "200": {} } } } }), undefined);
    expect(Object.keys(view.methods).sort()).toEqual(["ANY /{proxy+}", "GET /{proxy+}"]);
  });
});

describe("gateway responses (AWS-61, AWS-35)", () => {
  // AWS-61: the sample's shape: ACCESS_DENIED with a numeric status code, DEFAULT_4XX with parameters only.
  const SAMPLE = {
    ACCESS_DENIED: {
      statusCode: 403,
      responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
      responseTemplates: { "application/json": '{"message":"denied"}' },
    },
    DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } },
    THROTTLED: { statusCode: "430", responseTemplates: { "application/json": null } },
    NOT_A_TYPE_YET: { statusCode: 499 },
  };

  it("absent fields are the AWS-35 defaults; a numeric status code is a string; unknown types are left out", () => {
    const view = viewOfExport(oas30({}, { "x-amazon-apigateway-gateway-responses": SAMPLE }));
    expect(view.gatewayResponses).toEqual({
      ACCESS_DENIED: {
        statusCode: "403",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "application/json": '{"message":"denied"}' },
      },
      DEFAULT_4XX: {
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "application/json": DEFAULT_GATEWAY_RESPONSE_TEMPLATE },
      },
      THROTTLED: { statusCode: "430", responseParameters: {}, responseTemplates: { "application/json": "" } },
    });
  });

  it("the live side: customized types only, as stored (AWS-35) they equal the sample", () => {
    const stored: Record<string, StoredGatewayResponse> = {
      ACCESS_DENIED: {
        statusCode: "403",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "application/json": '{"message":"denied"}' },
      },
      DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" }, responseTemplates: { "application/json": DEFAULT_GATEWAY_RESPONSE_TEMPLATE } },
      THROTTLED: { statusCode: "430", responseParameters: {}, responseTemplates: { "application/json": "" } },
    };
    const current = viewOfLive(live({}), gatewayRead(stored));
    // DEFAULT_4XX customized: its 4xx types inherit (AWS-33) but are not customized, so not listed.
    expect(Object.keys(current.gatewayResponses)).toEqual(["ACCESS_DENIED", "DEFAULT_4XX", "THROTTLED"]);
    const deployed = viewOfExport(swagger({}, { "x-amazon-apigateway-gateway-responses": SAMPLE }));
    expect(compareViews(deployed, viewOfLive(live({}), gatewayRead(stored), { format: "swagger" }))).toEqual([]);
  });

  it("an explicit empty templates map is the default template on both sides (the product never asks for one, AWS-35)", () => {
    const deployed = viewOfExport(oas30({}, { "x-amazon-apigateway-gateway-responses": { THROTTLED: { statusCode: 429 } } }));
    const current = viewOfLive(live({}), gatewayRead({ THROTTLED: { statusCode: "429", responseParameters: {}, responseTemplates: {} } }));
    expect(compareViews(deployed, current)).toEqual([]);
  });
});

describe("viewOfExport refuses what is not an export, naming the JSON path", () => {
  const op = (o: Json): Json => oas30({ "/p q": { get: o } });
  it.each<[string, unknown, string, RegExp]>([
    ["a string (the unparsed body)", '{"openapi":"3.0.1"}', "$", /expected the export document as a JSON object .*got a string/],
    ["neither openapi nor swagger", { paths: {} }, "$", /expected "openapi": "3.0.x" or "swagger": "2.0"/],
    ["swagger 1.2", { swagger: "1.2", paths: {} }, "$", /swagger a string \("1.2"\)/],
    ["no paths", { openapi: "3.0.1" }, "$.paths", /expected an object, got nothing/],
    ["a path item that is an array", oas30({ "/a": [] }), '$.paths["/a"]', /got an array/],
    ["responses that are a string", op({ responses: "x" }), '$.paths["/p q"].get.responses', /expected an object, got a string/],
    ["a method response that is null", op({ responses: { "200": null } }), '$.paths["/p q"].get.responses["200"]', /got null/],
    ["headers that are an array", op({ responses: { "200": { headers: [] } } }), '$.paths["/p q"].get.responses["200"].headers', /got an array/],
    ["a $ref elsewhere", op({ responses: { "200": { content: { "application/json": { schema: { $ref: "#/definitions/X" } } } } } }), '$.paths["/p q"].get.responses["200"].content["application/json"].schema.$ref', /expected "#\/components\/schemas\/<model name>"/],
    ["an integration that is a string", op({ "x-amazon-apigateway-integration": "mock" }), '$.paths["/p q"].get["x-amazon-apigateway-integration"]', /got a string/],
    ["an integration response without statusCode", op({ "x-amazon-apigateway-integration": { responses: { default: {} } } }), '$.paths["/p q"].get["x-amazon-apigateway-integration"].responses.default.statusCode', /expected a status code/],
    ["a template that is a number", op({ "x-amazon-apigateway-integration": { responses: { "4\\d\\d": { statusCode: "400", responseTemplates: { "a/b": 1 } } } } }), '$.paths["/p q"].get["x-amazon-apigateway-integration"].responses["4\\\\d\\\\d"].responseTemplates["a/b"]', /expected a string or null, got a number/],
    ["a parameter that is null", op({ "x-amazon-apigateway-integration": { responses: { default: { statusCode: "200", responseParameters: { k: null } } } } }), '$.paths["/p q"].get["x-amazon-apigateway-integration"].responses.default.responseParameters.k', /expected a string, got null/],
    ["two patterns for one status code", op({ "x-amazon-apigateway-integration": { responses: { default: { statusCode: "200" }, x: { statusCode: "200" } } } }), '$.paths["/p q"].get["x-amazon-apigateway-integration"].responses.x', /status code 200 is already the one of .*responses.default/],
    ["contentHandling that is a number", op({ "x-amazon-apigateway-integration": { responses: { default: { statusCode: "200", contentHandling: 1 } } } }), '$.paths["/p q"].get["x-amazon-apigateway-integration"].responses.default.contentHandling', /expected a string/],
    ["gateway responses that are an array", oas30({}, { "x-amazon-apigateway-gateway-responses": [] }), '$["x-amazon-apigateway-gateway-responses"]', /got an array/],
    ["a gateway status code that is a boolean", oas30({}, { "x-amazon-apigateway-gateway-responses": { THROTTLED: { statusCode: true } } }), '$["x-amazon-apigateway-gateway-responses"].THROTTLED.statusCode', /expected a status code/],
    ["a gateway status code that is a fraction", oas30({}, { "x-amazon-apigateway-gateway-responses": { THROTTLED: { statusCode: 4.5 } } }), '$["x-amazon-apigateway-gateway-responses"].THROTTLED.statusCode', /expected a status code/],
  ])("%s", (_name, doc, path, message) => {
    let error: unknown;
    try {
      viewOfExport(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExportDocumentError);
    expect((error as ExportDocumentError).path).toBe(path);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(path);
  });
});

describe("compareViews and describeDifference", () => {
  const ir = (selectionPattern: string, template = "t") => ({ selectionPattern, responseParameters: {}, responseTemplates: { "a/b": template } });
  const mr = (headers: string[]) => ({ headers, models: {} });
  const view = (methods: StageView["methods"], gatewayResponses: StageView["gatewayResponses"] = {}): StageView => ({ format: "oas30", methods, gatewayResponses });
  const deployed = view(
    {
      "GET /pets": { "200": { methodResponse: mr(["A"]), integrationResponse: ir("") }, "404": { integrationResponse: ir("4\\d\\d") } },
      "POST /a": { "500": { methodResponse: mr([]) } },
    },
    { DEFAULT_4XX: { responseParameters: {}, responseTemplates: {} }, THROTTLED: { statusCode: "429", responseParameters: {}, responseTemplates: {} } },
  );
  const current = view(
    {
      "GET /pets": { "200": { methodResponse: mr(["A"]), integrationResponse: ir("") }, "404": { methodResponse: mr([]), integrationResponse: ir("4\\d\\d", "u") } },
      "DELETE /pets": { "200": { methodResponse: mr([]) } },
    },
    { DEFAULT_4XX: { responseParameters: {}, responseTemplates: {} }, THROTTLED: { statusCode: "430", responseParameters: {}, responseTemplates: {} }, UNAUTHORIZED: { statusCode: "401", responseParameters: {}, responseTemplates: {} } },
  );

  it("every state of every kind, sorted by path, method, status code, kind, then gateway types", () => {
    const diffs = compareViews(deployed, current);
    expect(diffs).toEqual<StageDifference[]>([
      { method: "POST /a", statusCode: "500", kind: "methodResponse", state: "deployed-only" },
      { method: "DELETE /pets", statusCode: "200", kind: "methodResponse", state: "not-deployed" },
      { method: "GET /pets", statusCode: "404", kind: "methodResponse", state: "not-deployed" },
      { method: "GET /pets", statusCode: "404", kind: "integrationResponse", state: "changed" },
      { responseType: "THROTTLED", kind: "gatewayResponse", state: "changed" },
      { responseType: "UNAUTHORIZED", kind: "gatewayResponse", state: "not-deployed" },
    ]);
    expect(diffs.map(describeDifference)).toEqual([
      "POST /a 500: method response deployed, no longer in the live API",
      "DELETE /pets 200: method response not deployed",
      "GET /pets 404: method response not deployed",
      "GET /pets 404: integration response changed since the deployment",
      "gateway response THROTTLED: changed since the deployment",
      "gateway response UNAUTHORIZED: not deployed",
    ]);
    expect(compareViews(current, deployed).map((d) => d.state)).toEqual(["not-deployed", "deployed-only", "deployed-only", "changed", "changed", "deployed-only"]);
  });

  it("the scope restricts the methods and the types compared", () => {
    expect(compareViews(deployed, current, { methods: new Set(["GET /pets"]), gatewayTypes: new Set() })).toEqual([
      { method: "GET /pets", statusCode: "404", kind: "methodResponse", state: "not-deployed" },
      { method: "GET /pets", statusCode: "404", kind: "integrationResponse", state: "changed" },
    ]);
    expect(compareViews(deployed, current, { methods: new Set(), gatewayTypes: new Set<GatewayResponseType>(["UNAUTHORIZED", "DEFAULT_4XX"]) })).toEqual([
      { responseType: "UNAUTHORIZED", kind: "gatewayResponse", state: "not-deployed" },
    ]);
  });

  it("views of different formats are not compared; unsafe characters are escaped in the line", () => {
    expect(() => compareViews({ ...deployed, format: "swagger" }, current)).toThrow(/format: "swagger"/);
    expect(describeDifference({ method: "GET /a\u001b[31m\u202e", statusCode: "200", kind: "methodResponse", state: "changed" })).toBe(
      "GET /a\\u001b[31m\\u202e 200: method response changed since the deployment",
    );
  });
});

// ---------------------------------------------------------------------------------------
// The round trip through the local API Gateway's export builder.

/** Awkward keys: Unicode, `~`, `/`, JSON-pointer-like `~1`, random code points (not `__proto__`). */
const awkward = (pool: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 5 }) }).filter((s) => s !== "__proto__" && !/[\n\r\u2028\u2029]/.test(s)); // (the builder's header regex stops at line ends; AWS allows none in names)

const HEADER_NAMES = ["A", "X-Trace", "X~1Y", "a~b", "X/Y", "Ünï-ḧ", "😀", "x_odd.!#$%&'*+^`|~"] as const;
const CONTENT_TYPES = ["application/json", "text/plain", "application/vnd.x~y+json", "application/vnd.a~1b+json", "*/*", "text/ünï", "a/b/c"] as const;
const JSON_MODELS = ["Pets", "Empty", "Error"] as const;
/** Xml is a non-JSON model (AWS-62); Ghost is named but not in the model list. */
const MODEL_NAMES = [...JSON_MODELS, "Xml", "Ghost"] as const;
const MODELS: readonly SnapshotModel[] = [
  { name: "Pets", contentType: "application/json", schema: '{"type":"array"}' },
  { name: "Empty" },
  { name: "Error", contentType: "application/json" },
  { name: "Xml", contentType: "application/xml" },
];
const CODES = ["200", "201", "204", "302", "400", "404", "500", "599"] as const;
const PATTERNS = ["", "4\\d\\d", "5\\d\\d", ".*error.*", "-", ".*ünï.*", "a~1b/c", "2\\d{2}"] as const;
const TEMPLATES = ["{}", "#set($a = 1)\n$a", " ", "{\"ü\": \"✓ 😀\"}", "$input.path('$.a~1b')"] as const;
const MAPPING_VALUES = ["'*'", "integration.response.header.x", "'ü ✓ 😀'"] as const;
const SEGMENTS = ["pets", "{id}", "{proxy+}", "ünï", "a~b", "a~1b", "😀", "x.y", "v1"] as const;
const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"] as const;

/** A map over some keys from `keys`, absent (undefined) or `{}` when empty (AWS-18). */
function mapArb<T>(keys: fc.Arbitrary<string>, value: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<Record<string, T> | undefined> {
  return fc
    .tuple(fc.uniqueArray(fc.tuple(keys, value), { maxLength, selector: ([k]) => k }), fc.boolean())
    .map(([entries, absentWhenEmpty]) => (entries.length === 0 && absentWhenEmpty ? undefined : Object.fromEntries(entries)));
}

const templateArb: fc.Arbitrary<string | null> = fc.oneof(fc.constant(null), fc.constant(""), fc.constantFrom(...TEMPLATES), fc.string({ unit: "grapheme", maxLength: 8 }));

const methodResponseArb = fc.record(
  {
    responseParameters: mapArb(awkward(HEADER_NAMES).map((h) => `method.response.header.${h}`), fc.boolean()),
    responseModels: mapArb(awkward(CONTENT_TYPES), fc.constantFrom(...MODEL_NAMES)),
  },
  { requiredKeys: [] },
);

const integrationResponseArb = fc.record(
  {
    selectionPattern: awkward(PATTERNS),
    responseParameters: mapArb(awkward(HEADER_NAMES).map((h) => `method.response.header.${h}`), fc.constantFrom(...MAPPING_VALUES)),
    responseTemplates: mapArb(awkward(CONTENT_TYPES), templateArb),
    contentHandling: fc.constantFrom<string | null>(null, "", "CONVERT_TO_TEXT", "CONVERT_TO_BINARY"),
  },
  { requiredKeys: [] },
);

/** A method as GetMethod reads it: method responses, and an integration (or none) with integration responses. */
const methodArb: fc.Arbitrary<Json> = fc
  .record({
    mrs: fc.uniqueArray(fc.tuple(fc.constantFrom(...CODES), methodResponseArb), { maxLength: 3, selector: ([c]) => c }),
    irs: fc.uniqueArray(fc.tuple(fc.constantFrom(...CODES), integrationResponseArb), { maxLength: 3, selector: ([c]) => c }),
    integration: fc.constantFrom("none", "MOCK", "HTTP"),
  })
  .map(({ mrs, irs, integration }) => {
    const method: Json = {};
    if (mrs.length > 0) method.methodResponses = Object.fromEntries(mrs.map(([code, mr]) => [code, { statusCode: code, ...mr }]));
    if (integration !== "none") {
      // AWS-6 and the export's keying (AWS-60): one response per pattern, none literally "default".
      const used = new Set<string>();
      const entries = irs.map(([code, ir]) => {
        let pattern = ir.selectionPattern ?? "";
        if (pattern === "default") pattern = "default-";
        while (used.has(pattern)) pattern = `${pattern}|${code}`;
        used.add(pattern);
        const out: Json = { ...ir, statusCode: code };
        if (pattern === "") {
          if (ir.selectionPattern === undefined) delete out.selectionPattern; // AWS-17: absent and "" both default
        } else out.selectionPattern = pattern;
        return [code, out] as const;
      });
      method.methodIntegration = { type: integration, ...(entries.length > 0 ? { integrationResponses: Object.fromEntries(entries) } : {}) };
    }
    return method;
  });

const pathArb = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SEGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }).filter((s) => !s.includes("/")) }), { maxLength: 3 }).map((segs) => `/${segs.join("/")}`);

const resourcesArb = fc.uniqueArray(
  fc.tuple(pathArb, fc.uniqueArray(fc.tuple(fc.constantFrom(...HTTP_METHODS), methodArb), { maxLength: 3, selector: ([m]) => m })),
  { minLength: 1, maxLength: 4, selector: ([p]) => p },
);

/** Customized gateway responses as the store keeps them (AWS-35: omitted fields already filled). */
const gatewayArb: fc.Arbitrary<Record<string, StoredGatewayResponse>> = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom(...GATEWAY_RESPONSE_TYPES),
      fc.option(fc.constantFrom("400", "403", "429", "430", "500", "599"), { nil: undefined }),
      fc.dictionary(awkward(HEADER_NAMES).map((h) => `gatewayresponse.header.${h}`), fc.constantFrom("'*'", "method.request.header.x"), { maxKeys: 2 }),
      fc.oneof(
        fc.constant({ "application/json": DEFAULT_GATEWAY_RESPONSE_TEMPLATE }),
        fc.constant({}),
        fc.dictionary(awkward(CONTENT_TYPES), fc.oneof(fc.constant(""), fc.constantFrom(...TEMPLATES)), { minKeys: 1, maxKeys: 2 }),
      ),
    ),
    { maxLength: 5, selector: ([t]) => t },
  )
  .map((entries) =>
    Object.fromEntries(
      entries.map(([type, code, responseParameters, responseTemplates]) => {
        const statusCode = code ?? GATEWAY_RESPONSE_DEFAULT_STATUS[type];
        return [type, { ...(statusCode !== undefined ? { statusCode } : {}), responseParameters, responseTemplates }];
      }),
    ),
  );

interface Case {
  readonly resources: readonly (readonly [string, readonly (readonly [string, Json])[]])[];
  readonly gateway: Record<string, StoredGatewayResponse>;
}

const caseArb: fc.Arbitrary<Case> = fc.record({ resources: resourcesArb, gateway: gatewayArb });

/** The deployment's frozen API (the emulator's shape) and the same content as observe reads it. */
function sides(c: Case): { frozen: FrozenApi; snapshot: ApiSnapshot; gateway: ObservedGatewayResponses } {
  const resources = c.resources.map(([path, methods], i) => ({ id: `r${i}`, path, methods: Object.fromEntries(methods.map(([m, j]) => [m, clone(j)])) }));
  const frozen: FrozenApi = { restApiId: "api1", name: "n", binaryMediaTypes: [], resources: clone(resources), models: MODELS, gatewayResponses: c.gateway };
  const snapshot: ApiSnapshot = { restApiId: "api1", exists: true, resources: resources as ApiSnapshot["resources"], pages: 1, requestIds: [] };
  return { frozen, snapshot, gateway: gatewayRead(c.gateway) };
}

const JSON_MODEL_NAMES: ReadonlySet<string> = new Set(MODELS.filter((m) => m.contentType === undefined || m.contentType === "application/json").map((m) => m.name));

/** GetExport's JSON body, parsed (AWS-58), as a client receives it. */
function exported(frozen: FrozenApi, exportType: ExportRequest["exportType"]): unknown {
  const answer = exportAnswer(frozen, { exportType, stageName: "dev", region: "us-east-1", deployedAt: 1_600_000_000, extensions: ["apigateway"] });
  return JSON.parse(answer.body.toString("utf8"));
}

const NUM_RUNS = 300;

describe("round trip through the local API Gateway's export (src/emulator/exports.ts)", () => {
  it.each(["oas30", "swagger"] as const)("%s: the export's view equals the live view, and compareViews finds nothing", (format) => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { frozen, snapshot, gateway } = sides(c);
        const deployed = viewOfExport(exported(frozen, format));
        const current = viewOfLive(snapshot, gateway, { format, jsonModels: JSON_MODEL_NAMES });
        expect(deployed).toEqual(current);
        expect(compareViews(deployed, current)).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  /** Every (method key, resource index, http method, status code, kind) of a case. */
  function targets(c: Case): { method: string; r: number; m: string; code: string; kind: "methodResponse" | "integrationResponse" }[] {
    const out: { method: string; r: number; m: string; code: string; kind: "methodResponse" | "integrationResponse" }[] = [];
    c.resources.forEach(([path, methods], r) => {
      for (const [m, j] of methods) {
        for (const code of Object.keys((j.methodResponses as Json | undefined) ?? {})) out.push({ method: `${m} ${path}`, r, m, code, kind: "methodResponse" });
        const irs = ((j.methodIntegration as Json | undefined)?.integrationResponses as Json | undefined) ?? {};
        for (const code of Object.keys(irs)) out.push({ method: `${m} ${path}`, r, m, code, kind: "integrationResponse" });
      }
    });
    return out;
  }

  /** Change one field of one response of `method` (GetMethod shape, changed in place) so that an export would show it differently. */
  function changeOne(method: Json, code: string, kind: "methodResponse" | "integrationResponse", which: number): void {
    if (kind === "methodResponse") {
      const mr = (method.methodResponses as Record<string, Json>)[code]!;
      const params = (mr.responseParameters ?? {}) as Record<string, boolean>;
      const models = (mr.responseModels ?? {}) as Record<string, string>;
      const headers = Object.keys(params);
      if (which % 3 === 0 || (which % 3 === 1 && headers.length === 0)) params["method.response.header.Added-Header"] = true;
      else if (which % 3 === 1) delete params[headers[0]!];
      else if (models["application/json"] !== undefined && JSON_MODEL_NAMES.has(models["application/json"])) models["application/json"] = models["application/json"] === "Pets" ? "Error" : "Pets";
      else models["text/x-added"] = "Pets";
      mr.responseParameters = params;
      mr.responseModels = models;
    } else {
      const ir = ((method.methodIntegration as Json).integrationResponses as Record<string, Json>)[code]!;
      const templates = (ir.responseTemplates ?? {}) as Record<string, string | null>;
      switch (which % 4) {
        case 0:
          templates["text/x-added"] = templates["text/x-added"] === "changed" ? "changed again" : "changed";
          ir.responseTemplates = templates;
          break;
        case 1:
          ir.contentHandling = ir.contentHandling === "CONVERT_TO_TEXT" ? "CONVERT_TO_BINARY" : "CONVERT_TO_TEXT";
          break;
        case 2:
          ir.responseParameters = { ...((ir.responseParameters ?? {}) as Json), "method.response.header.Added": "'x'" };
          break;
        default:
          ir.selectionPattern = `${typeof ir.selectionPattern === "string" ? ir.selectionPattern : ""}(new)`;
      }
    }
  }

  it("one field changed on the live side: exactly one difference, naming its method, status code and kind", () => {
    fc.assert(
      fc.property(
        caseArb.filter((c) => targets(c).length > 0),
        fc.nat(),
        fc.nat(),
        (c, pick, which) => {
          const { frozen, snapshot, gateway } = sides(c);
          const t = targets(c)[pick % targets(c).length]!;
          changeOne(snapshot.resources[t.r]!.methods[t.m] as Json, t.code, t.kind, which);
          const diffs = compareViews(viewOfExport(exported(frozen, "oas30")), viewOfLive(snapshot, gateway, { jsonModels: JSON_MODEL_NAMES }));
          expect(diffs).toEqual([{ method: t.method, statusCode: t.code, kind: t.kind, state: "changed" }]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("one response removed from, or added to, the live side: one deployed-only or not-deployed difference", () => {
    fc.assert(
      fc.property(
        caseArb.filter((c) => targets(c).length > 0),
        fc.nat(),
        fc.boolean(),
        (c, pick, removeLive) => {
          const { frozen, snapshot, gateway } = sides(c);
          const t = targets(c)[pick % targets(c).length]!;
          // Removing it from the frozen side instead makes it one the live API has and the stage does not.
          const target = removeLive ? (snapshot.resources[t.r]!.methods[t.m] as Json) : (frozen.resources[t.r]!.methods[t.m] as Json);
          const holder = t.kind === "methodResponse" ? (target.methodResponses as Json) : ((target.methodIntegration as Json).integrationResponses as Json);
          delete holder[t.code];
          const diffs = compareViews(viewOfExport(exported(frozen, "oas30")), viewOfLive(snapshot, gateway, { jsonModels: JSON_MODEL_NAMES }));
          expect(diffs).toEqual([{ method: t.method, statusCode: t.code, kind: t.kind, state: removeLive ? "deployed-only" : "not-deployed" }]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("one gateway response changed, customized or reset on the live side: exactly one difference naming the type", () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...GATEWAY_RESPONSE_TYPES), fc.nat(), (c, type, which) => {
        const { frozen, snapshot } = sides(c);
        const stored = { ...c.gateway };
        const before = stored[type];
        let state: StageDifference["state"];
        if (before === undefined) {
          stored[type] = { responseParameters: { "gatewayresponse.header.New": "'n'" }, responseTemplates: {} };
          state = "not-deployed";
        } else if (which % 3 === 0) {
          delete stored[type];
          state = "deployed-only";
        } else if (which % 3 === 1) {
          stored[type] = { ...before, statusCode: before.statusCode === "418" ? "419" : "418" };
          state = "changed";
        } else {
          stored[type] = { ...before, responseParameters: { ...before.responseParameters, "gatewayresponse.header.Changed": "'c'" } };
          state = "changed";
        }
        const diffs = compareViews(viewOfExport(exported(frozen, "oas30")), viewOfLive(snapshot, gatewayRead(stored), { jsonModels: JSON_MODEL_NAMES }));
        expect(diffs).toEqual([{ responseType: type, kind: "gatewayResponse", state }]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
