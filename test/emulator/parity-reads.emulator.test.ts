/**
 * Reads: AWS's 404s (AWS-8, AWS-13), response shapes (AWS-15..AWS-18) and
 * GetResources paging and embedding (AWS-30), against moto's own answers.
 */
import {
  CreateResourceCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourceCommand,
  GetResourcesCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import { beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index";
import { body, createMethod, errorOf, expectAwsError, key, rawCall, useEmulator, type MethodFixture } from "../support/emulator";

let emulator: Emulator;
let aws: APIGatewayClient;
let moto: APIGatewayClient;

useEmulator({ quota: "off", latencyMs: 0 }, (s) => ({ emulator, aws, moto } = s));

function methodPath(m: MethodFixture): string {
  return `/restapis/${m.restApiId}/resources/${m.resourceId}/methods/${m.httpMethod}`;
}

describe("AWS-13: reads of absent responses", () => {
  it("GetMethodResponse of an absent status code: 404 Invalid Response status code specified (moto: 500)", async () => {
    const m = await createMethod(aws);
    await expectAwsError(aws.send(new GetMethodResponseCommand({ ...key(m), statusCode: "404" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Response status code specified",
    });
    expect((await errorOf(moto.send(new GetMethodResponseCommand({ ...key(m), statusCode: "404" }))))?.status).toBe(500);
  });

  it("GetIntegrationResponse of an absent status code: 404 Invalid Response status code specified", async () => {
    const m = await createMethod(aws);
    await expectAwsError(aws.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Response status code specified",
    });
  });

  it("no integration: 404 Invalid Integration identifier specified (moto: 500, and 200 {} for GetIntegration)", async () => {
    const m = await createMethod(aws, { integration: false });
    await expectAwsError(aws.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Integration identifier specified",
    });
    await expectAwsError(aws.send(new GetIntegrationCommand(key(m))), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Integration identifier specified",
    });
    expect((await errorOf(moto.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" }))))?.status).toBe(500);
    expect((await rawCall(emulator.moto.endpoint, "GET", `${methodPath(m)}/integration`)).status).toBe(200);
  });
});

describe("AWS-8: reads on a missing parent", () => {
  it("GetMethod: missing REST API or resource is Invalid Resource identifier specified, missing method Invalid Method identifier specified", async () => {
    const m = await createMethod(aws);
    await expectAwsError(aws.send(new GetMethodCommand({ ...key(m), restApiId: "nosuchapi" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Resource identifier specified",
    });
    await expectAwsError(aws.send(new GetMethodCommand({ ...key(m), resourceId: "nosuchres" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Resource identifier specified",
    });
    await expectAwsError(aws.send(new GetMethodCommand({ ...key(m), httpMethod: "PATCH" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Method identifier specified",
    });
    // moto: "Invalid Rest API Id specified" for the wrong REST API.
    expect((await errorOf(moto.send(new GetMethodCommand({ ...key(m), restApiId: "nosuchapi" }))))?.message).toBe("Invalid Rest API Id specified");
  });
});

describe("AWS-15: GetMethod in one call", () => {
  it("with no responses and no integration: methodResponses and methodIntegration absent (moto: {} and null)", async () => {
    const m = await createMethod(aws, { integration: false });
    const viaLayer = await rawCall(emulator.endpoint, "GET", methodPath(m));
    expect(viaLayer.json).toEqual({ httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false });
    const viaMoto = (await rawCall(emulator.moto.endpoint, "GET", methodPath(m))).json as Record<string, unknown>;
    expect(viaMoto.methodResponses).toEqual({});
    expect(viaMoto.methodIntegration).toBeNull();
  });

  it("with an integration but no integration responses: integrationResponses absent (moto: null)", async () => {
    const m = await createMethod(aws);
    const viaLayer = (await rawCall(emulator.endpoint, "GET", methodPath(m))).json as { methodIntegration: Record<string, unknown> };
    expect(viaLayer.methodIntegration).toEqual({ type: "MOCK", cacheKeyParameters: [] });
    const viaMoto = (await rawCall(emulator.moto.endpoint, "GET", methodPath(m))).json as { methodIntegration: Record<string, unknown> };
    expect(viaMoto.methodIntegration.integrationResponses).toBeNull();
  });

  it("returns methodResponses and integrationResponses keyed by status code", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200", responseParameters: { "method.response.header.A": true } }));
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "500" }));
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", responseParameters: { "method.response.header.A": "'a'" } }));
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "500", selectionPattern: "5\\d{2}", responseTemplates: { "application/json": "{}" } }));
    const method = await aws.send(new GetMethodCommand(key(m)));
    expect(method.methodResponses).toEqual({
      "200": { statusCode: "200", responseParameters: { "method.response.header.A": true } },
      "500": { statusCode: "500" },
    });
    expect(method.methodIntegration?.integrationResponses).toEqual({
      "200": { statusCode: "200", responseParameters: { "method.response.header.A": "'a'" } },
      "500": { statusCode: "500", selectionPattern: "5\\d{2}", responseTemplates: { "application/json": "{}" } },
    });
  });
});

describe("AWS-16, AWS-17, AWS-18: shapes on read", () => {
  it("AWS-16: a template sent as \"\" reads back null (SDK v3 keeps it); no templates: key absent", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", responseTemplates: { "application/json": "" } }));
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "400", selectionPattern: "4\\d{2}" }));
    const withNull = await aws.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    expect(withNull.responseTemplates).toEqual({ "application/json": null });
    const wire = await rawCall(emulator.endpoint, "GET", `${methodPath(m)}/integration/responses/400`);
    expect(wire.json).toEqual({ statusCode: "400", selectionPattern: "4\\d{2}" });
    const fromMoto = await rawCall(emulator.moto.endpoint, "GET", `${methodPath(m)}/integration/responses/400`);
    expect((fromMoto.json as Record<string, unknown>).responseTemplates).toEqual({});
  });

  it("AWS-17: selectionPattern \"\" is echoed as \"\" on every read; never sent, it is absent", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", selectionPattern: "" }));
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "500", selectionPattern: "5\\d{2}" }));
    expect(body(await aws.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" })))).toEqual({ statusCode: "200", selectionPattern: "" });
    const method = await aws.send(new GetMethodCommand(key(m)));
    expect(method.methodIntegration?.integrationResponses?.["200"]).toEqual({ statusCode: "200", selectionPattern: "" });
    const integration = await aws.send(new GetIntegrationCommand(key(m)));
    expect(integration.integrationResponses?.["200"]).toEqual({ statusCode: "200", selectionPattern: "" });
    // moto dropped it.
    expect((await moto.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" }))).selectionPattern).toBeUndefined();
    // Re-put without a pattern: absent again.
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    expect(body(await aws.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" })))).toEqual({ statusCode: "200" });
  });

  it("AWS-18: {} maps are echoed on read; maps never set are absent (moto: null)", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200", responseParameters: {}, responseModels: {} }));
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "204" }));
    const path = `${methodPath(m)}/responses`;
    expect((await rawCall(emulator.endpoint, "GET", `${path}/200`)).json).toEqual({ statusCode: "200", responseParameters: {}, responseModels: {} });
    expect((await rawCall(emulator.endpoint, "GET", `${path}/204`)).json).toEqual({ statusCode: "204" });
    expect((await rawCall(emulator.moto.endpoint, "GET", `${path}/204`)).json).toEqual({ statusCode: "204", responseModels: null, responseParameters: null });
  });
});

describe("AWS-30: GetResources embed, limit and position", () => {
  let restApiId: string;
  const created: string[] = [];

  beforeAll(async () => {
    const m = await createMethod(aws);
    restApiId = m.restApiId;
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    // root + /items + 29 more = 31 resources.
    for (let i = 0; i < 29; i++) {
      const r = await aws.send(new CreateResourceCommand({ restApiId, parentId: m.rootId, pathPart: `r${i}` }));
      created.push(r.id!);
    }
    await aws.send(new PutMethodCommand({ restApiId, resourceId: created[0]!, httpMethod: "POST", authorizationType: "NONE" }));
  });

  it("without embed, every method is an empty object (moto: the full method)", async () => {
    const page = await rawCall(emulator.endpoint, "GET", `/restapis/${restApiId}/resources?limit=500`);
    const items = (page.json as { item: Array<{ path: string; resourceMethods?: Record<string, unknown> }> }).item;
    expect(items.find((r) => r.path === "/items")?.resourceMethods).toEqual({ GET: {} });
    const fromMoto = await rawCall(emulator.moto.endpoint, "GET", `/restapis/${restApiId}/resources`);
    const motoItems = (fromMoto.json as { item: Array<{ path: string; resourceMethods?: Record<string, Record<string, unknown>> }> }).item;
    expect(motoItems.find((r) => r.path === "/items")?.resourceMethods?.GET?.httpMethod).toBe("GET");
  });

  it("with embed=methods, methods come in full (method responses, integration)", async () => {
    const page = await aws.send(new GetResourcesCommand({ restApiId, embed: ["methods"], limit: 500 }));
    const items = page.items!.find((r) => r.path === "/items")!;
    expect(items.resourceMethods?.GET).toEqual({
      httpMethod: "GET",
      authorizationType: "NONE",
      apiKeyRequired: false,
      methodResponses: { "200": { statusCode: "200" } },
      methodIntegration: { type: "MOCK", cacheKeyParameters: [] },
    });
  });

  it("pages of 25 by default, with position for the next page (moto: everything at once)", async () => {
    const first = await aws.send(new GetResourcesCommand({ restApiId }));
    expect(first.items).toHaveLength(25);
    expect(first.position).toBeTypeOf("string");
    const second = await aws.send(new GetResourcesCommand({ restApiId, position: first.position! }));
    expect(second.items).toHaveLength(6);
    expect(second.position).toBeUndefined();
    const ids = [...first.items!, ...second.items!].map((r) => r.id);
    expect(new Set(ids).size).toBe(31);
    const fromMoto = await moto.send(new GetResourcesCommand({ restApiId, limit: 5 }));
    expect(fromMoto.items).toHaveLength(31);
  });

  it("limit pages by that many; above 500 is capped at 500", async () => {
    const seen: string[] = [];
    let position: string | undefined;
    let calls = 0;
    do {
      const page = await aws.send(new GetResourcesCommand({ restApiId, limit: 10, ...(position ? { position } : {}) }));
      calls++;
      expect(page.items!.length).toBeLessThanOrEqual(10);
      seen.push(...page.items!.map((r) => r.id!));
      position = page.position;
    } while (position);
    expect(calls).toBe(4);
    expect(new Set(seen).size).toBe(31);
    const big = await aws.send(new GetResourcesCommand({ restApiId, limit: 1000 }));
    expect(big.items).toHaveLength(31);
    expect(big.position).toBeUndefined();
  });

  it("GetResource follows the same embed rule", async () => {
    const plain = await aws.send(new GetResourceCommand({ restApiId, resourceId: created[0]! }));
    expect(plain.resourceMethods).toEqual({ POST: {} });
    const embedded = await aws.send(new GetResourceCommand({ restApiId, resourceId: created[0]!, embed: ["methods"] }));
    expect(embedded.resourceMethods?.POST?.httpMethod).toBe("POST");
  });
});
