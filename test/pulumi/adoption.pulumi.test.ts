/**
 * Adoption replaces `pulumi import` (which does not work for dynamic providers,
 * pulumi/pulumi #3550): a ResponseSet adopts what a method already has and converges;
 * a single resource refuses to take over an existing response unless `adoptExisting`;
 * a method deleted out of band drops its resources from the state on refresh.
 */
import { DeleteMethodCommand, PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeDesiredResponses } from "../../src/normalize";
import { createStack, liveResponses, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

describe("adopting existing responses", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string; resourceIds: string[] };
  let stack: TestStack;

  const desired = {
    "200": { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: { responseTemplates: { "application/json": "" } } },
  };
  const spec = (adoptExisting?: boolean) => ({
    sets: [{ name: "adopting-set", resource: api.resourceIds[0], httpMethod: "GET", responses: desired }],
    methodResponses: [
      { name: "existing", resource: api.resourceIds[1], httpMethod: "GET", statusCode: "200", responseModels: { "application/json": "Empty" }, ...(adoptExisting === undefined ? {} : { adoptExisting }) },
    ],
  });

  beforeAll(async () => {
    api = await seedApi(sdk, 2, "adoption");
    // What the API already has: responses made by hand (or by another tool).
    for (const resourceId of api.resourceIds) {
      await sdk.send(new PutMethodResponseCommand({ restApiId: api.restApiId, resourceId, httpMethod: "GET", statusCode: "200" }));
    }
    await sdk.send(new PutMethodResponseCommand({ restApiId: api.restApiId, resourceId: api.resourceIds[0], httpMethod: "GET", statusCode: "500" }));
    await sdk.send(
      new PutIntegrationResponseCommand({ restApiId: api.restApiId, resourceId: api.resourceIds[0], httpMethod: "GET", statusCode: "500", selectionPattern: "5\\d{2}" }),
    );
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": JSON.stringify(spec()) });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("a single resource over an existing response fails clearly, suggesting adoptExisting", async () => {
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    const text = up.stdout + up.stderr;
    expect(up.code).not.toBe(0);
    expect(text).toMatch(/ALREADY_EXISTS: the method response 200 of GET .* already exists/);
    expect(text).toContain("adoptExisting: true");
    // The ResponseSet in the same update adopted its method and converged it (500 removed, 200 completed).
    expect(await liveResponses(sdk, api.restApiId, api.resourceIds[0]!)).toEqual(normalizeDesiredResponses(desired));
  });

  it("with adoptExisting: true the response is taken over and converged", async () => {
    await stack.run(["config", "set", "scenario:spec", JSON.stringify(spec(true))]);
    await stack.up();
    expect(await liveResponses(sdk, api.restApiId, api.resourceIds[1]!)).toEqual(
      normalizeDesiredResponses({ "200": { methodResponse: { responseModels: { "application/json": "Empty" } } } }),
    );
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });

  it("a method deleted out of band: refresh drops its resources from the state", async () => {
    await sdk.send(new DeleteMethodCommand({ restApiId: api.restApiId, resourceId: api.resourceIds[1], httpMethod: "GET" }));
    const refresh = await stack.run(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
    const state = await stack.run(["stack", "export"]);
    expect(state.stdout).not.toMatch(/MethodResponse::existing/);
    expect(state.stdout).toMatch(/ResponseSet::adopting-set/);
  });
});
