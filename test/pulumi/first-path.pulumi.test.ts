/**
 * The first end-to-end path: the real `pulumi` CLI runs a program whose one dynamic
 * resource puts a method response on a REST API seeded in the local API Gateway.
 */
import { CreateRestApiCommand, GetMethodCommand, GetResourcesCommand, PutMethodCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, sdkClient, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

describe("first end-to-end path (real pulumi CLI)", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let stack: TestStack;
  let restApiId: string;
  let resourceId: string;

  beforeAll(async () => {
    restApiId = (await sdk.send(new CreateRestApiCommand({ name: "first-path" }))).id!;
    resourceId = (await sdk.send(new GetResourcesCommand({ restApiId }))).items![0]!.id!;
    await sdk.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: "GET", authorizationType: "NONE" }));
    stack = await createStack("first-path", endpoint, { "first-path:restApiId": restApiId, "first-path:resourceId": resourceId });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("pulumi up creates the method response, preview sees no change, destroy removes it", async () => {
    await stack.up();
    const method = await sdk.send(new GetMethodCommand({ restApiId, resourceId, httpMethod: "GET" }));
    expect(method.methodResponses?.["200"]?.responseModels).toEqual({ "application/json": "Empty" });
    expect(String((await stack.outputs()).revision)).toMatch(/^sha256:[0-9a-f]{64}$/);

    const preview = await stack.run(["preview", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);

    const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    const after = await sdk.send(new GetMethodCommand({ restApiId, resourceId, httpMethod: "GET" }));
    expect(after.methodResponses?.["200"]).toBeUndefined();
  });
});
