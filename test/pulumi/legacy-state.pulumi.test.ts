/**
 * State written by 0.1.0 (fb03697) is still read: a stack exported by that version,
 * with its serialized providers (the state's `__provider` code runs `read` and `delete`),
 * is imported over a freshly seeded REST API; the current version then sees no change,
 * refreshes, renames a resource without losing its responses, and destroys.
 *
 * The fixture (test/support/fixtures) was produced by running the scenario program of 0.1.0
 * (then test/e2e/programs/scenario, now test/support/programs/scenario) with
 * {@link LEGACY_SPEC} and `pulumi stack export`; the REST API and resource ids, the endpoint of
 * the local API Gateway and the package folder captured by the old providers (a folder that
 * does not exist here: the installed package must be used) replaced.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseSharedClients } from "../../src/runtime";
import { normalizeDesiredResponses } from "../../src/normalize";
import { createRuntime, reconcile } from "../../src/reconcile";
import { createStack, emulatorStats, fixturePath, liveResponses, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const CORS = "method.response.header.Access-Control-Allow-Origin";
const SET = {
  "200": { methodResponse: { responseParameters: { [CORS]: true } }, integrationResponse: { responseParameters: { [CORS]: "'*'" } } },
  "404": { methodResponse: {}, integrationResponse: { selectionPattern: ".*Not found.*" } },
};

/** The program of the fixture: an exclusive set, a non-exclusive set and a single method response. */
export const LEGACY_SPEC = (r: readonly string[], setName = "legacy-set") => ({
  sets: [
    { name: setName, resource: r[0], httpMethod: "GET", responses: SET },
    { name: "legacy-shared", resource: r[1], httpMethod: "GET", responses: { "200": { methodResponse: {} } }, exclusive: false },
  ],
  methodResponses: [{ name: "legacy-single", resource: r[2], httpMethod: "GET", statusCode: "201", responseModels: { "application/json": "Empty" } }],
});

describe("state written by 0.1.0", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string; resourceIds: string[] };
  let stack: TestStack;

  beforeAll(async () => {
    api = await seedApi(sdk, 3, "legacy");
    stack = await createStack("scenario", endpoint, {
      "scenario:restApiId": api.restApiId,
      "scenario:spec": JSON.stringify(LEGACY_SPEC(api.resourceIds)),
    });
    // The live responses the old version made (as the reconciler makes them), then its state.
    const spec = LEGACY_SPEC(api.resourceIds);
    await reconcile(createRuntime({ endpoint, rate: "off" }), [
      ...spec.sets.map(({ name: _n, resource, ...s }) => ({ restApiId: api.restApiId, resourceId: resource!, ...s })),
      { restApiId: api.restApiId, resourceId: api.resourceIds[2]!, httpMethod: "GET", responses: { "201": { methodResponse: { responseModels: { "application/json": "Empty" } } } }, exclusive: false },
    ]);
    releaseSharedClients();
    let text = readFileSync(fixturePath("state-0.1.0.json"), "utf8").split("__REST_API_ID__").join(api.restApiId)
      .split("__ENDPOINT__").join(endpoint)
      // The fixture's stack was "test"; this run's is named after its worker.
      .split("urn:pulumi:test::").join(`urn:pulumi:${stack.name}::`)
      .split("::scenario-test\"").join(`::scenario-${stack.name}"`);
    api.resourceIds.forEach((id, i) => (text = text.split(`__RESOURCE_ID_${i}__`).join(id)));
    const file = path.join(stack.stateDir, "import.json");
    writeFileSync(file, text);
    const seeded = await stack.run(["config", "set", "scenario:spec", JSON.stringify(LEGACY_SPEC(api.resourceIds))]);
    expect(seeded.code).toBe(0);
    const imported = await stack.run(["stack", "import", "--file", file]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("the old state is read with no change, survives a rename and is destroyed cleanly", async () => {
    // Refreshed by the old providers stored in the state, compared by the current code: in sync.
    const stable = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(stable.code, stable.stdout + stable.stderr).toBe(0);
    const before = await emulatorStats(endpoint);
    await stack.up("--refresh");
    expect((await emulatorStats(endpoint)).writes - before.writes).toBe(0);
    // A rename: the old resource is deleted by the provider code stored in the old state.
    expect((await stack.run(["config", "set", "scenario:spec", JSON.stringify(LEGACY_SPEC(api.resourceIds, "renamed-set"))])).code).toBe(0);
    await stack.up();
    expect(await liveResponses(sdk, api.restApiId, api.resourceIds[0]!)).toEqual(normalizeDesiredResponses(SET));
    const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(await liveResponses(sdk, api.restApiId, api.resourceIds[0]!)).toEqual({});
    expect(await liveResponses(sdk, api.restApiId, api.resourceIds[2]!)).toEqual({});
  });
});
