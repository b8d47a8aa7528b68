/**
 * AWS-70: the puts and updates of method and integration responses answer with the stored
 * object, the same as the next read. The provider's run snapshots rely on it (a write's
 * answer replaces a read), so the local API Gateway must answer so too: literal answers
 * as recorded, and every answer equal to the following `GetMethod` entry.
 */
import {
  GetMethodCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
  UpdateMethodResponseCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { normalizeIntegrationResponse, normalizeMethodResponse } from "../../src/normalize";
import { createMethod, key, useEmulator } from "../support/emulator";

let aws: APIGatewayClient;
useEmulator({ quota: "off", latencyMs: 0 }, (s) => ({ aws } = s));

const H = "method.response.header.my-header";
/** The answer without the SDK's metadata. */
const fields = <T extends object>(out: T) => {
  const { $metadata: _m, ...rest } = out as T & { $metadata?: unknown };
  return rest;
};

describe("AWS-70: write answers are the stored object", () => {
  it("PutMethodResponse and UpdateMethodResponse answer what GetMethod then reads (literal answers as recorded)", async () => {
    const m = await createMethod(aws);
    const put = await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200", responseParameters: {}, responseModels: {} }));
    expect(fields(put)).toEqual({ statusCode: "200", responseParameters: {}, responseModels: {} });
    const added = await aws.send(
      new UpdateMethodResponseCommand({
        ...key(m),
        statusCode: "200",
        patchOperations: [
          { op: "add", path: `/responseParameters/${H}`, value: "true" },
          { op: "add", path: "/responseModels/application~1json", value: "Empty" },
        ],
      }),
    );
    expect(fields(added)).toEqual({ statusCode: "200", responseParameters: { [H]: true }, responseModels: { "application/json": "Empty" } });
    let live = await aws.send(new GetMethodCommand(key(m)));
    expect(fields(added)).toEqual(live.methodResponses?.["200"]);
    const removed = await aws.send(
      new UpdateMethodResponseCommand({
        ...key(m),
        statusCode: "200",
        patchOperations: [
          { op: "remove", path: `/responseParameters/${H}` },
          { op: "remove", path: "/responseModels/application~1json" },
        ],
      }),
    );
    // AWS-18: once every entry is removed, only the status code is left.
    expect(fields(removed)).toEqual({ statusCode: "200" });
    live = await aws.send(new GetMethodCommand(key(m)));
    expect(normalizeMethodResponse(fields(removed))).toEqual(normalizeMethodResponse(live.methodResponses?.["200"]));
  });

  it.each([
    ["a template sent as null or \"\" (AWS-16)", { selectionPattern: "", responseTemplates: { "application/json": "" } }, { selectionPattern: "", responseTemplates: { "application/json": null } }],
    ["no template", { selectionPattern: "" }, { selectionPattern: "" }],
    ["a pattern and a template", { selectionPattern: "overwrite-pattern", responseTemplates: { "application/json": "overwrite" } }, { selectionPattern: "overwrite-pattern", responseTemplates: { "application/json": "overwrite" } }],
  ])("PutIntegrationResponse with %s answers the stored object", async (_name, input, answer) => {
    const m = await createMethod(aws);
    const put = await aws.send(new PutIntegrationResponseCommand({ ...key(m), statusCode: "200", ...input }));
    expect(fields(put)).toEqual({ statusCode: "200", ...answer });
    const live = await aws.send(new GetMethodCommand(key(m)));
    expect(normalizeIntegrationResponse(fields(put))).toEqual(normalizeIntegrationResponse(live.methodIntegration?.integrationResponses?.["200"]));
  });
});
