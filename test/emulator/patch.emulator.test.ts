/**
 * UpdateMethodResponse and UpdateIntegrationResponse (AWS-20..AWS-24): moto has
 * neither (500); the layer implements them over moto's state, read-modify-write.
 */
import {
  GetIntegrationResponseCommand,
  GetMethodResponseCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodResponseCommand,
  type APIGatewayClient,
  type PatchOperation,
} from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index";
import { body, createMethod, expectAwsError, key, rawCall, statusOf, useEmulator, type MethodFixture } from "../support/emulator";

let emulator: Emulator;
let aws: APIGatewayClient;
let moto: APIGatewayClient;

useEmulator({ quota: "off", latencyMs: 0 }, (s) => ({ emulator, aws, moto } = s));

async function withResponses(): Promise<MethodFixture> {
  const m = await createMethod(aws);
  await aws.send(
    new PutMethodResponseCommand({
      ...key(m),
      statusCode: "200",
      responseParameters: { "method.response.header.A": true },
      responseModels: { "application/json": "Empty" },
    }),
  );
  await aws.send(
    new PutIntegrationResponseCommand({
      ...key(m),
      statusCode: "200",
      responseParameters: { "method.response.header.A": "'a'" },
      responseTemplates: { "application/json": "{}" },
    }),
  );
  return m;
}

const updateMr = (m: MethodFixture, patchOperations: PatchOperation[], statusCode = "200") =>
  aws.send(new UpdateMethodResponseCommand({ ...key(m), statusCode, patchOperations }));
const updateIr = (m: MethodFixture, patchOperations: PatchOperation[], statusCode = "200") =>
  aws.send(new UpdateIntegrationResponseCommand({ ...key(m), statusCode, patchOperations }));

describe("AWS-20: status codes of the updates", () => {
  it("UpdateMethodResponse answers 201 and UpdateIntegrationResponse 200; moto answers 500 to both", async () => {
    const m = await withResponses();
    expect(statusOf(await updateMr(m, [{ op: "add", path: "/responseParameters/method.response.header.B", value: "false" }]))).toBe(201);
    expect(statusOf(await updateIr(m, [{ op: "replace", path: "/selectionPattern", value: "2\\d{2}" }]))).toBe(200);
    const base = `/restapis/${m.restApiId}/resources/${m.resourceId}/methods/GET`;
    const patch = { patchOperations: [{ op: "replace", path: "/selectionPattern", value: "x" }] };
    expect((await rawCall(emulator.moto.endpoint, "PATCH", `${base}/responses/200`, patch)).status).toBe(500);
    expect((await rawCall(emulator.moto.endpoint, "PATCH", `${base}/integration/responses/200`, patch)).status).toBe(500);
  });

  it("an update of an absent status code is a 404 Invalid Response status code specified", async () => {
    const m = await withResponses();
    await expectAwsError(updateMr(m, [], "404"), { status: 404, name: "NotFoundException", message: "Invalid Response status code specified" });
    await expectAwsError(updateIr(m, [], "404"), { status: 404, name: "NotFoundException", message: "Invalid Response status code specified" });
  });
});

describe("AWS-21: patch paths and escaping", () => {
  it("model and template keys are unescaped (~1 is /, ~0 is ~); parameter keys are taken as written", async () => {
    const m = await withResponses();
    const mr = await updateMr(m, [
      { op: "add", path: "/responseModels/application~1xml", value: "Error" },
      { op: "add", path: "/responseModels/text~1vnd~0x", value: "Empty" },
      { op: "add", path: "/responseParameters/method.response.header.C~1D", value: "true" },
    ]);
    expect(body(mr)).toEqual({
      statusCode: "200",
      responseParameters: { "method.response.header.A": true, "method.response.header.C~1D": true },
      responseModels: { "application/json": "Empty", "application/xml": "Error", "text/vnd~x": "Empty" },
    });
    const ir = await updateIr(m, [
      { op: "add", path: "/responseTemplates/application~1xml", value: "<a/>" },
      { op: "replace", path: "/responseTemplates/application~1json", value: '{"a":1}' },
      { op: "replace", path: "/selectionPattern", value: "2\\d{2}" },
      { op: "replace", path: "/contentHandling", value: "CONVERT_TO_TEXT" },
      { op: "replace", path: "/responseParameters/method.response.header.A", value: "integration.response.header.A" },
    ]);
    expect(body(ir)).toEqual({
      statusCode: "200",
      selectionPattern: "2\\d{2}",
      contentHandling: "CONVERT_TO_TEXT",
      responseParameters: { "method.response.header.A": "integration.response.header.A" },
      responseTemplates: { "application/json": '{"a":1}', "application/xml": "<a/>" },
    });
    // The update is in moto's state: a plain read sees it.
    expect(body(await aws.send(new GetIntegrationResponseCommand({ ...key(m), statusCode: "200" })))).toEqual(body(ir));
  });
});

describe("AWS-22: add, replace, remove against the live state", () => {
  it("replace or remove of a missing parameter: 404 Invalid parameter name specified", async () => {
    const m = await withResponses();
    for (const op of ["replace", "remove"] as const) {
      await expectAwsError(updateMr(m, [{ op, path: "/responseParameters/method.response.header.Nope", value: "true" }]), {
        status: 404,
        name: "NotFoundException",
        message: "Invalid parameter name specified",
      });
      await expectAwsError(updateIr(m, [{ op, path: "/responseParameters/method.response.header.Nope", value: "'x'" }]), {
        status: 404,
        name: "NotFoundException",
        message: "Invalid parameter name specified",
      });
    }
  });

  it("replace or remove of a missing content type: 404 Content-Type specified was not found", async () => {
    const m = await withResponses();
    await expectAwsError(updateMr(m, [{ op: "replace", path: "/responseModels/text~1plain", value: "Empty" }]), {
      status: 404,
      name: "NotFoundException",
      message: "Content-Type specified was not found",
    });
    await expectAwsError(updateIr(m, [{ op: "remove", path: "/responseTemplates/text~1plain" }]), {
      status: 404,
      name: "NotFoundException",
      message: "Content-Type specified was not found",
    });
  });

  it("a failing patch changes nothing (all operations or none)", async () => {
    const m = await withResponses();
    await expectAwsError(
      updateMr(m, [
        { op: "remove", path: "/responseModels/application~1json" },
        { op: "remove", path: "/responseParameters/method.response.header.Nope" },
      ]),
      { status: 404, name: "NotFoundException", message: "Invalid parameter name specified" },
    );
    const read = await aws.send(new GetMethodResponseCommand({ ...key(m), statusCode: "200" }));
    expect(read.responseModels).toEqual({ "application/json": "Empty" });
  });

  it("patches the LIVE state: a change made behind the layer's back is seen", async () => {
    const m = await withResponses();
    // Someone else (moto directly) rewrites the method response.
    await moto.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200", responseParameters: { "method.response.header.Z": false } }));
    const out = await updateMr(m, [{ op: "replace", path: "/responseParameters/method.response.header.Z", value: "true" }]);
    expect(body(out)).toEqual({ statusCode: "200", responseParameters: { "method.response.header.Z": true } });
  });

  it("AWS-18: after removing every entry, only statusCode is left", async () => {
    const m = await withResponses();
    const mr = await updateMr(m, [
      { op: "remove", path: "/responseParameters/method.response.header.A" },
      { op: "remove", path: "/responseModels/application~1json" },
    ]);
    expect(body(mr)).toEqual({ statusCode: "200" });
    expect(body(await aws.send(new GetMethodResponseCommand({ ...key(m), statusCode: "200" })))).toEqual({ statusCode: "200" });
    const ir = await updateIr(m, [
      { op: "remove", path: "/responseParameters/method.response.header.A" },
      { op: "remove", path: "/responseTemplates/application~1json" },
    ]);
    expect(body(ir)).toEqual({ statusCode: "200" });
  });

  it("AWS-16, AWS-17: a template patched to \"\" reads null; selectionPattern patched to \"\" reads \"\"", async () => {
    const m = await withResponses();
    const ir = await updateIr(m, [
      { op: "replace", path: "/responseTemplates/application~1json", value: "" },
      { op: "add", path: "/selectionPattern", value: "" },
    ]);
    expect(body(ir)).toEqual({
      statusCode: "200",
      selectionPattern: "",
      responseParameters: { "method.response.header.A": "'a'" },
      responseTemplates: { "application/json": null },
    });
  });
});

describe("AWS-23: bad paths and ops", () => {
  it("unknown path: 400 BadRequestException Invalid patch path", async () => {
    const m = await withResponses();
    await expectAwsError(updateMr(m, [{ op: "add", path: "/wrong/path", value: "x" }]), {
      status: 400,
      name: "BadRequestException",
      message: "Invalid patch path /wrong/path",
    });
    await expectAwsError(updateIr(m, [{ op: "replace", path: "/responseModels/application~1json", value: "x" }]), {
      status: 400,
      name: "BadRequestException",
      message: "Invalid patch path /responseModels/application~1json",
    });
  });

  it("unknown op: 400 ValidationException naming the enum", async () => {
    const m = await withResponses();
    await expectAwsError(updateMr(m, [{ op: "wrong" as PatchOperation["op"], path: "/responseModels/application~1json" }]), {
      status: 400,
      name: "ValidationException",
      message:
        "1 validation error detected: Value 'wrong' at 'updateMethodResponseInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
    });
    await expectAwsError(updateIr(m, [{ op: "wrong" as PatchOperation["op"], path: "/selectionPattern" }]), {
      status: 400,
      name: "ValidationException",
      message: /Value 'wrong' at 'updateIntegrationResponseInput\.patchOperations\.1\.member\.op'.*\[add, remove, move, test, replace, copy\]/,
    });
  });
});

describe("AWS-24: method response parameters are sent as \"true\" / \"false\"", () => {
  it("stores booleans", async () => {
    const m = await withResponses();
    await updateMr(m, [
      { op: "replace", path: "/responseParameters/method.response.header.A", value: "false" },
      { op: "add", path: "/responseParameters/method.response.header.B", value: "true" },
    ]);
    const read = await aws.send(new GetMethodResponseCommand({ ...key(m), statusCode: "200" }));
    expect(read.responseParameters).toEqual({ "method.response.header.A": false, "method.response.header.B": true });
  });

  it("an update that maps an undeclared header is refused like a put (AWS-5)", async () => {
    const m = await withResponses();
    await expectAwsError(updateIr(m, [{ op: "add", path: "/responseParameters/method.response.header.Undeclared", value: "'u'" }]), {
      status: 400,
      name: "BadRequestException",
      message: "Invalid mapping expression parameter specified: method.response.header.Undeclared",
    });
  });
});
