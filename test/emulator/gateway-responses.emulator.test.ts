/**
 * Gateway responses (AWS-31..AWS-44) through the local API Gateway, with the real SDK
 * client: the answers recorded against AWS (LocalStack's validated
 * `TestApiGatewayGatewayResponse`, see docs/aws-behaviors.md) asserted literally, and
 * what moto alone answers instead. The layer keeps gateway responses itself.
 */
import {
  CreateRestApiCommand,
  DeleteGatewayResponseCommand,
  DeleteRestApiCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  PutGatewayResponseCommand,
  UpdateGatewayResponseCommand,
  type APIGatewayClient,
  type GatewayResponseType,
  type Op,
} from "@aws-sdk/client-api-gateway";
import { beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index";
import { body, errorOf, expectAwsError, rawCall, statusOf, useEmulator } from "../support/emulator";

let emulator: Emulator;
let aws: APIGatewayClient;
/** The same moto, without the layer: shows what the layer changes. */
let moto: APIGatewayClient;

useEmulator({ quota: "off", latencyMs: 20 }, (s) => ({ emulator, aws, moto } = s));
beforeEach(() => emulator.setFaults([]));

const TEMPLATE = '{"message":$context.error.messageString}';
/** The template of the recordings (`put-gateway-response-all-value`). */
const CUSTOM_TEMPLATE =
  '{\n     "message": $context.error.messageString,\n     "type":  "$context.error.responseType",\n     "stage":  "$context.stage",\n     "resourcePath":  "$context.resourcePath",\n     "stageVariables.a":  "$stageVariables.a",\n     "statusCode": "\'404\'"\n}';
const PARAMS = {
  "gatewayresponse.header.x-request-path": "method.request.path.petId",
  "gatewayresponse.header.Access-Control-Allow-Origin": "'a.b.c'",
  "gatewayresponse.header.x-request-query": "method.request.querystring.q",
  "gatewayresponse.header.x-request-header": "method.request.header.Accept",
};
const ENUM_MESSAGE = (v: string) =>
  `1 validation error detected: Value '${v}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN]`;

/** A never-customized type as recorded (`get-gateway-responses`). */
const dflt = (responseType: string, statusCode?: string) => ({
  defaultResponse: true,
  responseParameters: {},
  responseTemplates: { "application/json": TEMPLATE },
  responseType,
  ...(statusCode ? { statusCode } : {}),
});

/** `get-gateway-responses` of a new API, sorted by type as the recording is. */
const ALL_DEFAULTS = [
  dflt("ACCESS_DENIED", "403"),
  dflt("API_CONFIGURATION_ERROR", "500"),
  dflt("AUTHORIZER_CONFIGURATION_ERROR", "500"),
  dflt("AUTHORIZER_FAILURE", "500"),
  dflt("BAD_REQUEST_BODY", "400"),
  dflt("BAD_REQUEST_PARAMETERS", "400"),
  dflt("DEFAULT_4XX"),
  dflt("DEFAULT_5XX"),
  dflt("EXPIRED_TOKEN", "403"),
  dflt("INTEGRATION_FAILURE", "504"),
  dflt("INTEGRATION_TIMEOUT", "504"),
  dflt("INVALID_API_KEY", "403"),
  dflt("INVALID_SIGNATURE", "403"),
  dflt("MISSING_AUTHENTICATION_TOKEN", "403"),
  dflt("QUOTA_EXCEEDED", "429"),
  dflt("REQUEST_TOO_LARGE", "413"),
  dflt("RESOURCE_NOT_FOUND", "404"),
  dflt("THROTTLED", "429"),
  dflt("UNAUTHORIZED", "401"),
  dflt("UNSUPPORTED_MEDIA_TYPE", "415"),
  dflt("WAF_FILTERED", "403"),
];

async function newApi(client: APIGatewayClient = aws, customId?: string): Promise<string> {
  const api = await client.send(
    new CreateRestApiCommand({ name: "gateway-responses", description: "APIGW test GatewayResponse", ...(customId ? { tags: { _custom_id_: customId } } : {}) }),
  );
  return api.id!;
}

const type = (t: string) => t as GatewayResponseType;
const op = (o: string) => o as Op;

describe("AWS-31, AWS-32: GetGatewayResponses", () => {
  it("lists all 21 types with their defaults on a new API (SDK `items`, JSON `item`, no position); moto lists none", async () => {
    const restApiId = await newApi();
    const out = await aws.send(new GetGatewayResponsesCommand({ restApiId }));
    expect(statusOf(out)).toBe(200);
    expect(body(out)).toEqual({ items: ALL_DEFAULTS });
    const raw = await rawCall(emulator.endpoint, "GET", `/restapis/${restApiId}/gatewayresponses`);
    expect(raw.json).toEqual({ item: ALL_DEFAULTS });
    expect((await moto.send(new GetGatewayResponsesCommand({ restApiId }))).items ?? []).toEqual([]);
  });

  it("ignores limit and position", async () => {
    const restApiId = await newApi();
    const out = await aws.send(new GetGatewayResponsesCommand({ restApiId, limit: 2, position: "whatever" }));
    expect(body(out)).toEqual({ items: ALL_DEFAULTS });
  });
});

describe("AWS-34: GetGatewayResponse of a type never customized", () => {
  it("is 200 with the default shape (get-gateway-response-default); moto answers NotFoundException (with HTTP 400)", async () => {
    const restApiId = await newApi();
    const out = await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN" }));
    expect(statusOf(out)).toBe(200);
    expect(body(out)).toEqual(dflt("MISSING_AUTHENTICATION_TOKEN", "403"));
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })))).toEqual(dflt("DEFAULT_4XX"));
    expect(await errorOf(moto.send(new GetGatewayResponseCommand({ restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN" })))).toEqual({
      status: 400,
      name: "NotFoundException",
      message: "GatewayResponse not found",
    });
  });
});

describe("AWS-35: PutGatewayResponse is a full overwrite that fills in the type's defaults", () => {
  it("answers 201 with the stored response, as recorded in test_gateway_response_put", async () => {
    const restApiId = await newApi();
    const responseType = "MISSING_AUTHENTICATION_TOKEN";
    const all = await aws.send(new PutGatewayResponseCommand({ restApiId, responseType, statusCode: "404", responseParameters: PARAMS, responseTemplates: { "application/json": CUSTOM_TEMPLATE } }));
    expect(statusOf(all)).toBe(201);
    expect(body(all)).toEqual({ defaultResponse: false, responseParameters: PARAMS, responseTemplates: { "application/json": CUSTOM_TEMPLATE }, responseType, statusCode: "404" });
    // put-gateway-response-status-only: parameters and templates are not kept from the previous put.
    const statusOnly = await aws.send(new PutGatewayResponseCommand({ restApiId, responseType, statusCode: "404" }));
    expect(body(statusOnly)).toEqual({ defaultResponse: false, responseParameters: {}, responseTemplates: { "application/json": TEMPLATE }, responseType, statusCode: "404" });
    // put-gateway-response-response-parameters-only: the status code goes back to the type's default.
    const paramsOnly = await aws.send(
      new PutGatewayResponseCommand({ restApiId, responseType, responseParameters: { "gatewayresponse.header.x-request-header": "method.request.header.Accept" } }),
    );
    expect(body(paramsOnly)).toEqual({
      defaultResponse: false,
      responseParameters: { "gatewayresponse.header.x-request-header": "method.request.header.Accept" },
      responseTemplates: { "application/json": TEMPLATE },
      responseType,
      statusCode: "403",
    });
    // put-gateway-response-response-templates-only
    const templatesOnly = await aws.send(new PutGatewayResponseCommand({ restApiId, responseType, responseTemplates: { "application/json": CUSTOM_TEMPLATE } }));
    expect(statusOf(templatesOnly)).toBe(201);
    expect(body(templatesOnly)).toEqual({ defaultResponse: false, responseParameters: {}, responseTemplates: { "application/json": CUSTOM_TEMPLATE }, responseType, statusCode: "403" });
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType })))).toEqual(body(templatesOnly));
  });

  it("moto alone stores the put as sent: no statusCode, no template", async () => {
    const restApiId = await newApi(moto);
    const out = await moto.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED", responseParameters: { "gatewayresponse.header.a": "'b'" } }));
    expect(out.statusCode).toBeUndefined();
    expect(out.responseTemplates ?? {}).toEqual({});
  });
});

describe("AWS-33: non-customized types read their fallback's values", () => {
  it("a customized DEFAULT_5XX lends its status code, parameters and template to the 5xx types not customized (get-gateway-responses)", async () => {
    const restApiId = await newApi();
    const header = { "gatewayresponse.header.x-request-header": "method.request.header.Accept" };
    const fiveXX = await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_5XX", statusCode: "599", responseParameters: header, responseTemplates: { "application/json": CUSTOM_TEMPLATE } }));
    expect(body(fiveXX)).toEqual({ defaultResponse: false, responseParameters: header, responseTemplates: { "application/json": CUSTOM_TEMPLATE }, responseType: "DEFAULT_5XX", statusCode: "599" });
    // put-gateway-response-default-ignored: the put fills in AUTHORIZER_FAILURE's own 500, not 599.
    const ignored = await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "AUTHORIZER_FAILURE", responseParameters: { "gatewayresponse.header.foo": "'bar'" } }));
    expect(body(ignored)).toEqual({
      defaultResponse: false,
      responseParameters: { "gatewayresponse.header.foo": "'bar'" },
      responseTemplates: { "application/json": TEMPLATE },
      responseType: "AUTHORIZER_FAILURE",
      statusCode: "500",
    });
    const inherited = (t: string) => ({ defaultResponse: true, responseParameters: header, responseTemplates: { "application/json": CUSTOM_TEMPLATE }, responseType: t, statusCode: "599" });
    const expected = ALL_DEFAULTS.map((d) => {
      if (["API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT"].includes(d.responseType)) return inherited(d.responseType);
      if (d.responseType === "AUTHORIZER_FAILURE") return body(ignored);
      if (d.responseType === "DEFAULT_5XX") return body(fiveXX);
      return d;
    });
    expect(body(await aws.send(new GetGatewayResponsesCommand({ restApiId })))).toEqual({ items: expected });
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "INTEGRATION_TIMEOUT" })))).toEqual(inherited("INTEGRATION_TIMEOUT"));
  });

  it("(inferred) a DEFAULT_4XX customized without a status code lends its parameters; 4xx types keep their own codes", async () => {
    const restApiId = await newApi();
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } }));
    const out = await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "UNAUTHORIZED" }));
    expect(body(out)).toEqual({
      defaultResponse: true,
      responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
      responseTemplates: { "application/json": TEMPLATE },
      responseType: "UNAUTHORIZED",
      statusCode: "401",
    });
  });
});

describe("AWS-36: defaulted fields read back filled in", () => {
  it("THROTTLED put without a status code reads 429; DEFAULT_4XX put without one reads no statusCode", async () => {
    const restApiId = await newApi();
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }));
    expect((await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }))).statusCode).toBe("429");
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.a": "'b'" } }));
    const raw = await rawCall(emulator.endpoint, "GET", `/restapis/${restApiId}/gatewayresponses/DEFAULT_4XX`);
    expect(raw.json).toEqual({ defaultResponse: false, responseParameters: { "gatewayresponse.header.a": "'b'" }, responseTemplates: { "application/json": TEMPLATE }, responseType: "DEFAULT_4XX" });
  });
});

describe("AWS-37: an unknown response type", () => {
  it("is a 400 ValidationException naming the enum on Get, Put, Update and Delete; moto accepts Put and Delete", async () => {
    const restApiId = await newApi();
    const responseType = type("FAKE_RESPONSE_TYPE");
    const expected = { status: 400, name: "ValidationException", message: ENUM_MESSAGE("FAKE_RESPONSE_TYPE") };
    await expectAwsError(aws.send(new GetGatewayResponseCommand({ restApiId, responseType })), expected);
    await expectAwsError(aws.send(new DeleteGatewayResponseCommand({ restApiId, responseType })), expected);
    await expectAwsError(aws.send(new UpdateGatewayResponseCommand({ restApiId, responseType, patchOperations: [] })), expected);
    await expectAwsError(aws.send(new PutGatewayResponseCommand({ restApiId, responseType, statusCode: "404", responseParameters: {}, responseTemplates: {} })), expected);
    expect(await errorOf(moto.send(new PutGatewayResponseCommand({ restApiId, responseType, statusCode: "404" })))).toBeUndefined();
    expect(await errorOf(moto.send(new DeleteGatewayResponseCommand({ restApiId, responseType })))).toBeUndefined();
  });
});

describe("AWS-38: gateway-response calls on a REST API that does not exist", () => {
  it("are 404 'Invalid API identifier specified {account}:{id}' (moto: 'Invalid Rest API Id specified')", async () => {
    const restApiId = "apiid123fake";
    const expected = { status: 404, name: "NotFoundException", message: `Invalid API identifier specified 123456789012:${restApiId}` };
    await expectAwsError(aws.send(new GetGatewayResponsesCommand({ restApiId })), expected);
    await expectAwsError(aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })), expected);
    await expectAwsError(aws.send(new DeleteGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })), expected);
    await expectAwsError(aws.send(new UpdateGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", patchOperations: [] })), expected);
    await expectAwsError(aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })), expected); // Put: not recorded
    expect(await errorOf(moto.send(new GetGatewayResponsesCommand({ restApiId })))).toEqual({ status: 404, name: "NotFoundException", message: "Invalid Rest API Id specified" });
  });

  it("names the account moto answers for: x-moto-account-id 111111111111 gives the recorded text literally", async () => {
    const res = await fetch(`${emulator.endpoint}/restapis/fake-api-id/gatewayresponses`, {
      headers: {
        "x-moto-account-id": "111111111111",
        authorization: "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0",
      },
    });
    expect({ status: res.status, type: res.headers.get("x-amzn-errortype"), json: await res.json() }).toEqual({
      status: 404,
      type: "NotFoundException",
      json: { __type: "NotFoundException", message: "Invalid API identifier specified 111111111111:fake-api-id" },
    });
  });

  it("looks for the REST API in the caller's moto account", async () => {
    const headers = {
      "content-type": "application/json",
      "x-moto-account-id": "111111111111",
      authorization: "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0",
    };
    const created = await fetch(`${emulator.endpoint}/restapis`, { method: "POST", headers, body: JSON.stringify({ name: "other-account" }) });
    const restApiId = ((await created.json()) as { id: string }).id;
    const listed = await fetch(`${emulator.endpoint}/restapis/${restApiId}/gatewayresponses`, { headers });
    expect({ status: listed.status, count: ((await listed.json()) as { item: unknown[] }).item.length }).toEqual({ status: 200, count: 21 });
    await expectAwsError(aws.send(new GetGatewayResponsesCommand({ restApiId })), {
      status: 404,
      name: "NotFoundException",
      message: `Invalid API identifier specified 123456789012:${restApiId}`,
    });
  });

  it("DeleteRestApi drops the API's gateway responses: an API created again with the same id starts from the defaults", async () => {
    const restApiId = await newApi(aws, "gwr-recreated");
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED", statusCode: "503" }));
    expect(statusOf(await aws.send(new DeleteRestApiCommand({ restApiId })))).toBe(202);
    await expectAwsError(aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "THROTTLED" })), {
      status: 404,
      name: "NotFoundException",
      message: `Invalid API identifier specified 123456789012:${restApiId}`,
    });
    expect(await newApi(aws, "gwr-recreated")).toBe(restApiId);
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "THROTTLED" })))).toEqual(dflt("THROTTLED", "429"));
  });
});

describe("AWS-39: status codes", () => {
  it("599 is accepted; a code outside [1-5]\\d\\d is AWS-7's 400 ValidationException", async () => {
    const restApiId = await newApi();
    expect((await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_5XX", statusCode: "599" }))).statusCode).toBe("599");
    for (const bad of ["600", "wrong"]) {
      await expectAwsError(aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED", statusCode: bad })), {
        status: 400,
        name: "ValidationException",
        message: `1 validation error detected: Value '${bad}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
      });
    }
  });
});

describe("AWS-40: response parameters", () => {
  it("accepts quoted static values and method.request.{path,querystring,header} values", async () => {
    const restApiId = await newApi();
    const out = await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN", responseParameters: PARAMS }));
    expect(out.responseParameters).toEqual(PARAMS);
  });

  it("refuses a key that is not gatewayresponse.* and an unquoted static value, with the recorded 400s", async () => {
    const restApiId = await newApi();
    const put = (responseParameters: Record<string, string>) => aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", responseParameters }));
    await expectAwsError(put({ "method.response.header.Access-Control-Allow-Origin": "'*'" }), {
      status: 400,
      name: "BadRequestException",
      message:
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: method.response.header.Access-Control-Allow-Origin]",
    });
    await expectAwsError(put({ "gatewayresponse.header.x-test": "test-value" }), {
      status: 400,
      name: "BadRequestException",
      message: "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: test-value]",
    });
    // Nothing was stored.
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })))).toEqual(dflt("DEFAULT_4XX"));
  });
});

describe("AWS-42: UpdateGatewayResponse", () => {
  it("customizes a type never customized, then patches status code, parameters and templates (test_update_gateway_response)", async () => {
    const restApiId = await newApi();
    const responseType = "DEFAULT_4XX";
    const notSet = await aws.send(new UpdateGatewayResponseCommand({ restApiId, responseType, patchOperations: [{ op: "replace", path: "/statusCode", value: "444" }] }));
    expect(statusOf(notSet)).toBe(200);
    const expectedNotSet = { defaultResponse: false, responseParameters: {}, responseTemplates: { "application/json": TEMPLATE }, responseType, statusCode: "444" };
    expect(body(notSet)).toEqual(expectedNotSet);
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType })))).toEqual(expectedNotSet);

    const jsonTemplate = JSON.stringify({ "application/json": TEMPLATE });
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType, statusCode: "404", responseParameters: PARAMS, responseTemplates: { "application/json": jsonTemplate } }));
    const xml = "<gatewayResponse><message>$context.error.messageString</message><type>$context.error.responseType</type></gatewayResponse>";
    const updated = await aws.send(
      new UpdateGatewayResponseCommand({
        restApiId,
        responseType,
        patchOperations: [
          { op: "replace", path: "/statusCode", value: "444" },
          { op: "replace", path: "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin", value: "'example.com'" },
          { op: "add", path: "/responseTemplates/application~1xml", value: xml },
        ],
      }),
    );
    const expected = {
      defaultResponse: false,
      responseParameters: { ...PARAMS, "gatewayresponse.header.Access-Control-Allow-Origin": "'example.com'" },
      responseTemplates: { "application/json": jsonTemplate, "application/xml": xml },
      responseType,
      statusCode: "444",
    };
    expect(statusOf(updated)).toBe(200);
    expect(body(updated)).toEqual(expected);
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType })))).toEqual(expected);

    const removed = await aws.send(
      new UpdateGatewayResponseCommand({
        restApiId,
        responseType,
        patchOperations: [
          { op: "remove", path: "/responseTemplates/application~1xml" },
          { op: "remove", path: "/responseParameters/gatewayresponse.header.x-request-path" },
        ],
      }),
    );
    const { "gatewayresponse.header.x-request-path": _gone, ...rest } = expected.responseParameters;
    expect(body(removed)).toEqual({ ...expected, responseParameters: rest, responseTemplates: { "application/json": jsonTemplate } });
  });

  it("moto alone has no UpdateGatewayResponse (500)", async () => {
    const restApiId = await newApi(moto);
    const e = await errorOf(moto.send(new UpdateGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", patchOperations: [{ op: "replace", path: "/statusCode", value: "444" }] })));
    expect(e?.status).toBe(500);
  });
});

describe("AWS-43: UpdateGatewayResponse errors", () => {
  it("answers the recorded errors, and a refused patch changes nothing", async () => {
    const restApiId = await newApi();
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", statusCode: "404", responseParameters: PARAMS, responseTemplates: { "application/xml": "<x/>" } }));
    const patch = (responseType: string, ...patchOperations: Array<{ op: string; path?: string; value?: string | null }>) =>
      aws.send(new UpdateGatewayResponseCommand({ restApiId, responseType: type(responseType), patchOperations: patchOperations.map((o) => ({ ...o, op: op(o.op) })) as never }));
    const bad = (message: string) => ({ status: 400, name: "BadRequestException", message });
    await expectAwsError(patch("DEFAULT_4XX", { op: "add", path: "/statusCode", value: "444" }), bad("Invalid patch path /statusCode"));
    await expectAwsError(patch("DEFAULT_4XX", { op: "remove", path: "/statusCode" }), bad("Invalid patch path /statusCode"));
    await expectAwsError(patch("DEFAULT_5XX", { op: "replace", path: "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin", value: "'example.com'" }), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid parameter name specified",
    });
    await expectAwsError(patch("DEFAULT_4XX", { op: "add", value: "'example.com'" }), bad("Invalid patch path null"));
    await expectAwsError(patch("DEFAULT_4XX", { op: "wrong-op", path: "/statusCode", value: "'example.com'" }), {
      status: 400,
      name: "ValidationException",
      message:
        "1 validation error detected: Value 'wrong-op' at 'updateGatewayResponseInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
    });
    await expectAwsError(patch("DEFAULT_4XX", { op: "add", path: "/wrongPath", value: "'example.com'" }), bad("Invalid patch path /wrongPath"));
    await expectAwsError(patch("DEFAULT_4XX", { op: "replace", path: "/responseTemplates/application~1xml", value: null }), bad("Invalid null or empty value in responseTemplates"));
    await expectAwsError(
      patch("DEFAULT_4XX", { op: "replace", path: "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin", value: null }),
      bad("Invalid null or empty value in responseParameters"),
    );
    // A patch that fails half way applies nothing; the failed patch of DEFAULT_5XX did not customize it.
    await expectAwsError(patch("DEFAULT_4XX", { op: "replace", path: "/statusCode", value: "401" }, { op: "add", path: "/wrongPath", value: "x" }), bad("Invalid patch path /wrongPath"));
    expect((await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" }))).statusCode).toBe("404");
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "DEFAULT_5XX" })))).toEqual(dflt("DEFAULT_5XX"));
  });
});

describe("AWS-44: DeleteGatewayResponse", () => {
  it("answers 202 with no body and reverts the type to its defaults; deleting it again is the recorded 404 (moto: success)", async () => {
    const restApiId = await newApi();
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN", statusCode: "404", responseParameters: PARAMS }));
    const raw = await rawCall(emulator.endpoint, "DELETE", `/restapis/${restApiId}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN`);
    expect({ status: raw.status, json: raw.json }).toEqual({ status: 202, json: undefined });
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN" })))).toEqual(
      dflt("MISSING_AUTHENTICATION_TOKEN", "403"),
    );
    const notSet = { status: 404, name: "NotFoundException", message: "Gateway response type not defined on api" };
    await expectAwsError(aws.send(new DeleteGatewayResponseCommand({ restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN" })), notSet);
    await expectAwsError(aws.send(new DeleteGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })), notSet);
    expect(await errorOf(moto.send(new DeleteGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })))).toBeUndefined();
  });
});

describe("AWS-9, AWS-11: gateway-response calls go through accounting, fault rules, the concurrency gate and reset", () => {
  it("counts the five operations by name and outcome, and fault rules can target them", async () => {
    const restApiId = await newApi();
    const before = emulator.stats();
    emulator.setFaults([{ fault: "throttle", operation: "PutGatewayResponse", count: 1 }]);
    await expectAwsError(aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED" })), { status: 429, name: "TooManyRequestsException", message: "Too Many Requests" });
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }));
    await aws.send(new UpdateGatewayResponseCommand({ restApiId, responseType: "THROTTLED", patchOperations: [] }));
    await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }));
    await aws.send(new GetGatewayResponsesCommand({ restApiId }));
    await aws.send(new DeleteGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }));
    const after = emulator.stats();
    const delta = (name: string) => (after.calls[name] ?? 0) - (before.calls[name] ?? 0);
    expect(["PutGatewayResponse", "UpdateGatewayResponse", "GetGatewayResponse", "GetGatewayResponses", "DeleteGatewayResponse"].map(delta)).toEqual([2, 1, 1, 1, 1]);
    const outcome = (name: string, status: string) => (after.outcomesByOperation[name]?.[status] ?? 0) - (before.outcomesByOperation[name]?.[status] ?? 0);
    expect([outcome("PutGatewayResponse", "201"), outcome("PutGatewayResponse", "429"), outcome("UpdateGatewayResponse", "200"), outcome("DeleteGatewayResponse", "202")]).toEqual([1, 1, 1, 1]);
    expect(after.throttles.injected - before.throttles.injected).toBe(1);
  });

  it("AWS-9: a gateway-response write while another write on the same API is in flight is the concurrent-modification 409", async () => {
    const restApiId = await newApi();
    emulator.setFaults([{ fault: "latency", latencyMs: 300, operation: "PutGatewayResponse", count: 1 }]);
    const slow = aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED", statusCode: "503" }));
    await new Promise((r) => setTimeout(r, 100));
    await expectAwsError(aws.send(new DeleteGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX" })), {
      status: 409,
      name: "ConflictException",
      message: "Unable to complete operation due to concurrent modification. Please try again later.",
    });
    expect(statusOf(await slow)).toBe(201);
  });

  it("reset forgets the layer's gateway responses along with moto's APIs", async () => {
    const restApiId = await newApi(aws, "gwr-reset");
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_5XX", statusCode: "503" }));
    await emulator.reset();
    expect(await newApi(aws, "gwr-reset")).toBe(restApiId);
    expect(body(await aws.send(new GetGatewayResponseCommand({ restApiId, responseType: "DEFAULT_5XX" })))).toEqual(dflt("DEFAULT_5XX"));
  });
});
