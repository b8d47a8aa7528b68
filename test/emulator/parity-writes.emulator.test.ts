/**
 * Writes on method and integration responses: the layer answers like AWS
 * (AWS-1..AWS-8, AWS-14, AWS-16, AWS-17 on put), where moto alone answers otherwise.
 */
import {
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  DeleteMethodResponseCommand,
  GetIntegrationResponseCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index";
import { body, createMethod, errorOf, expectAwsError, key, rawCall, statusOf, useEmulator } from "../support/emulator";

let emulator: Emulator;
let aws: APIGatewayClient;
/** The same moto, without the layer: shows what the layer changes. */
let moto: APIGatewayClient;

useEmulator({ quota: "off", latencyMs: 0 }, (s) => ({ emulator, aws, moto } = s));

describe("AWS-1: PutMethodResponse on an existing status code", () => {
  it("is a 409 ConflictException through the layer, a silent overwrite in moto", async () => {
    const m = await createMethod(aws);
    const first = await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    expect(statusOf(first)).toBe(201);
    await expectAwsError(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200", responseModels: { "application/json": "Empty" } })), {
      status: 409,
      name: "ConflictException",
      message: "Response already exists for this resource",
    });
    // moto alone overwrites.
    const again = await moto.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    expect(statusOf(again)).toBe(201);
  });
});

describe("AWS-2, AWS-3: PutIntegrationResponse", () => {
  it("needs no method response without responseParameters, and is a full overwrite (201)", async () => {
    const m = await createMethod(aws);
    const put = await aws.send(
      new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", responseTemplates: { "application/json": "{}" }, contentHandling: "CONVERT_TO_TEXT" }),
    );
    expect(statusOf(put)).toBe(201);
    const again = await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", selectionPattern: "2\\d{2}" }));
    expect(statusOf(again)).toBe(201);
    const read = await aws.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    expect(body(read)).toEqual({ statusCode: "200", selectionPattern: "2\\d{2}" });
  });
});

describe("AWS-4: responseParameters without a method response", () => {
  it("is a 400 BadRequestException through the layer; moto accepts it", async () => {
    const m = await createMethod(aws);
    const call = { ...key(m), statusCode: "200", responseParameters: { "method.response.header.X": "'x'" } };
    await expectAwsError(aws.send(new PutIntegrationResponseCommand(call)), {
      status: 400,
      name: "BadRequestException",
      message: "Invalid mapping expression specified: Validation Result: warnings : [], errors : [No method response exists for method.]",
    });
    expect(statusOf(await moto.send(new PutIntegrationResponseCommand(call)))).toBe(201);
  });
});

describe("AWS-5: a mapping to a header the method response does not declare", () => {
  it("is a 400 BadRequestException naming the parameter; moto accepts it", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200", responseParameters: { "method.response.header.A": false } }));
    const ok = await aws.send(
      new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", responseParameters: { "method.response.header.A": "'a'" } }),
    );
    expect(statusOf(ok)).toBe(201);
    const call = { ...key(m), statusCode: "200", responseParameters: { "method.response.header.B": "'b'" } };
    await expectAwsError(aws.send(new PutIntegrationResponseCommand(call)), {
      status: 400,
      name: "BadRequestException",
      message: "Invalid mapping expression parameter specified: method.response.header.B",
    });
    expect(statusOf(await moto.send(new PutIntegrationResponseCommand(call)))).toBe(201);
  });
});

describe("AWS-6: two default integration responses", () => {
  it("is a 409 ConflictException (absent and \"\" are both the default); moto accepts it", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    await expectAwsError(aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "500" })), {
      status: 409,
      name: "ConflictException",
      message: "Integration response with selection pattern default already exists",
    });
    await expectAwsError(aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "500", selectionPattern: "" })), {
      status: 409,
      name: "ConflictException",
      message: "Integration response with selection pattern default already exists",
    });
    // A pattern is fine, and re-putting the default itself is an upsert (AWS-2).
    expect(statusOf(await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "500", selectionPattern: "5\\d{2}" })))).toBe(201);
    expect(statusOf(await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", selectionPattern: "" })))).toBe(201);
    expect(statusOf(await moto.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "400" })))).toBe(201);
  });
});

describe("AWS-7: status codes outside [1-5]\\d\\d", () => {
  const message = (v: string) =>
    `1 validation error detected: Value '${v}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`;

  it.each(["wrong", "600", "20", "099"])("PutMethodResponse %s is a 400 ValidationException", async (code) => {
    const m = await createMethod(aws);
    await expectAwsError(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: code })), {
      status: 400,
      name: "ValidationException",
      message: message(code),
    });
  });

  it("PutIntegrationResponse 600 is a 400 ValidationException; moto accepts 600 and answers 404 for a word", async () => {
    const m = await createMethod(aws);
    await expectAwsError(aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "600" })), {
      status: 400,
      name: "ValidationException",
      message: message("600"),
    });
    expect(statusOf(await moto.send(new PutMethodResponseCommand({ ...key(m), statusCode: "600" })))).toBe(201);
    const wrong = await errorOf(moto.send(new PutMethodResponseCommand({ ...key(m), statusCode: "wrong" })));
    expect(wrong?.status).toBe(404);
  });
});

describe("AWS-8: writes on a missing parent", () => {
  it("wrong REST API id or resource: 404 Invalid Resource identifier specified", async () => {
    const m = await createMethod(aws);
    for (const k of [
      { ...key(m), restApiId: "nosuchapi" },
      { ...key(m), resourceId: "nosuchres" },
    ]) {
      await expectAwsError(aws.send(new PutMethodResponseCommand({ ...k, statusCode: "200" })), {
        status: 404,
        name: "NotFoundException",
        message: "Invalid Resource identifier specified",
      });
      await expectAwsError(aws.send(new PutIntegrationResponseCommand({ ...k, statusCode: "200" })), {
        status: 404,
        name: "NotFoundException",
        message: "Invalid Resource identifier specified",
      });
    }
    // moto's own texts differ.
    const fromMoto = await errorOf(moto.send(new PutMethodResponseCommand({ ...key(m), resourceId: "nosuchres", statusCode: "200" })));
    expect(fromMoto?.message).not.toBe("Invalid Resource identifier specified");
  });

  it("missing method: 404 Invalid Method identifier specified", async () => {
    const m = await createMethod(aws);
    await expectAwsError(aws.send(new PutMethodResponseCommand({ ...key(m), httpMethod: "POST", statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Method identifier specified",
    });
    await expectAwsError(aws.send(new DeleteMethodResponseCommand({ ...key(m), httpMethod: "POST", statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Method identifier specified",
    });
  });

  it("missing integration: 404 Invalid Integration identifier specified (moto: another text)", async () => {
    const m = await createMethod(aws, { integration: false });
    await expectAwsError(aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Integration identifier specified",
    });
    const fromMoto = await errorOf(moto.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" })));
    expect(fromMoto?.message).not.toBe("Invalid Integration identifier specified");
  });
});

describe("AWS-8: methods, integrations and resources on a missing parent", () => {
  it("PutMethod, PutIntegration, DeleteMethod, DeleteIntegration, DeleteResource answer AWS's 404s (moto: another text, a 500, a silent success)", async () => {
    const m = await createMethod(aws, { integration: false });
    const resourceGone = { status: 404, name: "NotFoundException", message: "Invalid Resource identifier specified" };
    const methodGone = { status: 404, name: "NotFoundException", message: "Invalid Method identifier specified" };
    await expectAwsError(aws.send(new PutMethodCommand({ ...key(m), resourceId: "nosuchres", authorizationType: "NONE" })), resourceGone);
    await expectAwsError(aws.send(new PutIntegrationCommand({ ...key(m), httpMethod: "POST", type: "MOCK" })), methodGone);
    await expectAwsError(aws.send(new DeleteMethodCommand({ ...key(m), httpMethod: "POST" })), methodGone);
    await expectAwsError(aws.send(new DeleteIntegrationCommand(key(m))), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Integration identifier specified",
    });
    await expectAwsError(aws.send(new DeleteResourceCommand({ restApiId: m.restApiId, resourceId: "nosuchres" })), resourceGone);
    // What moto alone says.
    expect((await errorOf(moto.send(new PutMethodCommand({ ...key(m), resourceId: "nosuchres", authorizationType: "NONE" }))))?.message).toBe(
      "Invalid resource identifier specified",
    );
    expect(await errorOf(moto.send(new DeleteMethodCommand({ ...key(m), httpMethod: "POST" })))).toBeUndefined();
    expect((await errorOf(moto.send(new DeleteResourceCommand({ restApiId: m.restApiId, resourceId: "nosuchres" }))))?.status).toBe(500);
  });
});

describe("AWS-14: deletes", () => {
  it("DeleteMethodResponse: 204, then 404 Invalid Response status code specified (moto: 500)", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    expect(statusOf(await aws.send(new DeleteMethodResponseCommand({ ...key(m), statusCode: "200" })))).toBe(204);
    await expectAwsError(aws.send(new DeleteMethodResponseCommand({ ...key(m), statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Response status code specified",
    });
    expect((await errorOf(moto.send(new DeleteMethodResponseCommand({ ...key(m), statusCode: "200" }))))?.status).toBe(500);
  });

  it("DeleteIntegrationResponse: 204, then 404 (moto: 500); no integration: Invalid Integration identifier specified", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    expect(statusOf(await aws.send(new DeleteIntegrationResponseCommand({ ...key(m), statusCode: "200" })))).toBe(204);
    await expectAwsError(aws.send(new DeleteIntegrationResponseCommand({ ...key(m), statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Response status code specified",
    });
    expect((await errorOf(moto.send(new DeleteIntegrationResponseCommand({ ...key(m), statusCode: "200" }))))?.status).toBe(500);
    const bare = await createMethod(aws, { integration: false });
    await expectAwsError(aws.send(new DeleteIntegrationResponseCommand({ ...key(bare), statusCode: "200" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Integration identifier specified",
    });
  });
});

describe("AWS-16, AWS-17, AWS-18: what a put echoes", () => {
  it("PutIntegrationResponse echoes selectionPattern \"\" and null templates; moto drops the pattern", async () => {
    const m = await createMethod(aws);
    const put = await aws.send(
      new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", selectionPattern: "", responseTemplates: { "application/json": "" } }),
    );
    expect(body(put)).toEqual({ statusCode: "200", selectionPattern: "", responseTemplates: { "application/json": null } });
    const fromMoto = await moto.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", selectionPattern: "" }));
    expect(fromMoto.selectionPattern).toBeUndefined();
  });

  it("PutIntegrationResponse without templates has no responseTemplates key (moto: {})", async () => {
    const m = await createMethod(aws);
    const put = await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    expect(body(put)).toEqual({ statusCode: "200" });
    const fromMoto = await moto.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200" }));
    expect(fromMoto.responseTemplates).toEqual({});
  });

  it("PutMethodResponse echoes {} maps, and leaves out maps never sent (moto: null)", async () => {
    const m = await createMethod(aws);
    const withEmpty = await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200", responseParameters: {}, responseModels: {} }));
    expect(body(withEmpty)).toEqual({ statusCode: "200", responseParameters: {}, responseModels: {} });
    const bare = await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "201" }));
    expect(body(bare)).toEqual({ statusCode: "201" });
    // On the wire: the layer leaves the keys out, moto sends nulls.
    const path = `/restapis/${m.restApiId}/resources/${m.resourceId}/methods/GET/responses/202`;
    const viaLayer = await rawCall(emulator.endpoint, "PUT", path, {});
    expect(viaLayer.json).toEqual({ statusCode: "202" });
    const viaMoto = await rawCall(emulator.moto.endpoint, "GET", path);
    expect(viaMoto.json).toEqual({ statusCode: "202", responseModels: null, responseParameters: null });
  });
});
